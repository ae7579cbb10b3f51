"""A staff member's own requests, and the requests a user may cancel.

"My requests" is reopened after every order and every notice: one page of it (the count, the rows
and their first lines, as plain values) is kept in the read cache per viewer and page until a table
it read (requests, their lines, sites) is written to (``my_requests_page``). The page itself is
rendered from its template every time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils import timezone

from apps.core import cache as read_cache
from apps.core import roles
from apps.supplies.models import CANCELLABLE_STATUSES, OPEN_STATUSES, LineDecision, RequestLine, SupplyRequest

MY_REQUESTS_PAGE_SIZE = 20
LINES_SHOWN = 3  # a row names its first lines, then "and N more"


@dataclass(frozen=True)
class LineSummary:
    """One of the first lines of a request, as its row names it: "Ramette A4 × 5 (refused)"."""

    description: str
    quantity: int
    refused: bool


@dataclass(frozen=True)
class MyRequestRow:
    """A request of "My requests" with what its row shows (plain values, kept in the read cache)."""

    pk: int
    status: str
    awaiting: str
    kind: str
    needs_director: bool
    auto_approved: bool
    created_on: dt.date  # the day it was asked, in the current time zone
    needed_by: dt.date
    total_excl_vat: Decimal
    site_name: str
    refusal_reason: str
    pickup_note: str
    first_lines: tuple[LineSummary, ...]
    more_lines: int  # how many lines are not named

    @property
    def is_cancellable(self) -> bool:
        return self.status in CANCELLABLE_STATUSES  # SupplyRequest.is_cancellable


_ROW_COLUMNS = (
    "pk",
    "status",
    "awaiting",
    "kind",
    "needs_director",
    "auto_approved",
    "created_at",
    "needed_by",
    "total_excl_vat",
    "site__name",
    "refusal_reason",
    "pickup_note",
)


def my_requests(user) -> QuerySet[SupplyRequest]:
    """The user's own requests, newest first."""
    return SupplyRequest.objects.filter(requester_id=user.pk).order_by("-created_at", "-pk")


def _rows(requests: QuerySet[SupplyRequest]) -> list[MyRequestRow]:
    """``requests`` (a slice) as rows with their first lines: two queries."""
    found = list(requests.values_list(*_ROW_COLUMNS))
    lines: dict[int, list[tuple[str, int, str]]] = {}
    for request_id, description, quantity, decision in (
        RequestLine.objects.filter(request_id__in=[row[0] for row in found])
        .order_by("request_id", "position", "pk")
        .values_list("request_id", "description", "quantity", "decision")
    ):
        lines.setdefault(request_id, []).append((description, quantity, decision))
    rows = []
    for pk, status, awaiting, kind, needs_director, auto, created_at, needed_by, total, site, reason, note in found:
        own = lines.get(pk, [])
        rows.append(
            MyRequestRow(
                pk=pk,
                status=status,
                awaiting=awaiting,
                kind=kind,
                needs_director=needs_director,
                auto_approved=auto,
                created_on=timezone.localtime(created_at).date(),
                needed_by=needed_by,
                total_excl_vat=total,
                site_name=site,
                refusal_reason=reason,
                pickup_note=note,
                first_lines=tuple(
                    LineSummary(description, quantity, decision == LineDecision.REFUSED)
                    for description, quantity, decision in own[:LINES_SHOWN]
                ),
                more_lines=max(len(own) - LINES_SHOWN, 0),
            )
        )
    return rows


def _read_page(user, page: int) -> tuple[int, int, list[MyRequestRow]]:
    requests = my_requests(user)
    count = requests.count()
    shown = Paginator(range(count), MY_REQUESTS_PAGE_SIZE).get_page(page)
    rows = _rows(requests[shown.start_index() - 1 : shown.end_index()]) if count else []
    return count, shown.number, rows


def my_requests_page(user, *, page: int = 1) -> Page:
    """One page of ``my_requests`` as ``MyRequestRow``: three queries (count, rows, their lines), kept
    in the read cache per viewer and page."""
    count, number, rows = read_cache.cached(
        ("supplies.my_requests", read_cache.viewer_key(user), page),
        lambda: _read_page(user, page),
    )
    return Page(rows, number, Paginator(range(count), MY_REQUESTS_PAGE_SIZE))


def my_open_requests_count(user) -> int:
    return SupplyRequest.objects.filter(requester=user, status__in=OPEN_STATUSES).count()


def requests_cancellable_by(user) -> QuerySet[SupplyRequest]:
    """Requests the user may try to cancel: all of them for an office manager, else their own."""
    qs = SupplyRequest.objects.all()
    return qs if user.has_role(roles.OFFICE_MANAGER) else qs.filter(requester=user)
