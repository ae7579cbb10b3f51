"""Dates and page numbers from the outside world, kept within what the code can compute with.

``?date=9999-12-31`` is a valid ``date``, but the day after it is not, and ``datetime.combine`` with
a time zone overflows at year 1 or 9999: a day read from a query string is clamped into
``EARLIEST_DAY``..``LATEST_DAY`` (any day an office can mean), and form fields refuse a day outside
with a message (``apps.core.forms.DayField``). A page number is an int of any size, too large for
SQL's ``OFFSET``: it is clamped to ``MAX_PAGE``, past which ``Paginator`` shows the last page anyway.
These are the only parsers of such parameters, rather than a try/except in each view.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

EARLIEST_DAY = dt.date(1900, 1, 1)
LATEST_DAY = dt.date(2200, 12, 31)
MAX_PAGE = 1_000_000

Default = TypeVar("Default", dt.date, None)


def clamp_day(day: dt.date) -> dt.date:
    """``day``, or the nearest end of the window when it lies outside."""
    return min(max(day, EARLIEST_DAY), LATEST_DAY)


def parse_day(value: Any, default: Default = None) -> dt.date | Default:
    """An ISO day (or the day of an ISO date-time, as FullCalendar sends), clamped into the window;
    ``default`` when the value is missing or is not a day."""
    if not isinstance(value, str) or not value:
        return default
    try:
        return clamp_day(dt.date.fromisoformat(value[:10]))
    except ValueError:
        return default


def parse_page(value: Any) -> int:
    """A page number from 1 to ``MAX_PAGE`` (1 when it is not a whole number)."""
    try:
        if isinstance(value, float) and not value.is_integer():
            raise ValueError
        page = int(value)
    except (TypeError, ValueError, OverflowError):
        return 1
    return min(max(page, 1), MAX_PAGE)
