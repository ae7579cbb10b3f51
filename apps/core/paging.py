"""A list ``Paginator`` can page through whose page and total count come in one query.

``Paginator`` asks a list for its ``count()``, then for the slice of the page. A queryset answers
with two queries, each compiled by the ORM. The hot lists (the accounts list, the notifications)
read a page with prepared queries that carry the total count in each row, so the page the request
asks for is fetched first, when ``Paginator`` asks for the count, and kept for the slice.

Used by the accounts list and the notifications list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Func, IntegerField

from apps.core.ranges import parse_page


class CountAll(Func):
    """``COUNT(*)`` the ORM does not group by: a page's total as a scalar subquery, or a count next to one."""

    template = "COUNT(*)"
    output_field = IntegerField()


def page_start(number: Any, per_page: int) -> int:
    """The first row of the page ``Paginator.get_page(number)`` most likely shows (page 1 if not a number).

    The number is clamped (``ranges.parse_page``): a page far past the end would overflow SQL's
    ``OFFSET``; past the end, ``Paginator`` shows the last page whatever the number.
    """
    return (parse_page(number) - 1) * per_page


class PagedRows:
    """``count()`` and slices for ``Paginator``.

    ``fetch(start, stop)`` returns ``(rows, total)``: the rows from ``start`` to ``stop`` and the
    number of rows in the whole list, or None when its query does not count them. ``count()``
    fetches the page starting at ``start`` (the one the request asks for) and keeps it; ``count``
    runs only when the fetch did not count, or when that page is past the end of the list.
    """

    def __init__(
        self,
        *,
        count: Callable[[], int],
        fetch: Callable[[int, int], tuple[list, int | None]],
        per_page: int,
        start: int = 0,
    ):
        self._count = count
        self._fetch = fetch
        self._per_page = per_page
        self._start = start
        self._kept: tuple[int, list] | None = None
        self._total: int | None = None

    def count(self) -> int:
        if self._total is None:
            rows, total = self._fetch(self._start, self._start + self._per_page)
            self._kept = (self._start, rows)
            if not rows and self._start == 0:
                total = 0  # nothing on the first page: nothing at all
            elif total is None or not rows:
                total = self._count()
            self._total = total
        return self._total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, bounds: slice) -> list:
        if not isinstance(bounds, slice) or bounds.step is not None or bounds.stop is None:
            raise TypeError("PagedRows only supports slices with an end")
        start, stop = bounds.start or 0, bounds.stop
        if self._kept is not None and self._kept[0] == start and stop - start <= self._per_page:
            return self._kept[1][: max(stop - start, 0)]
        return self._fetch(start, stop)[0][: max(stop - start, 0)]
