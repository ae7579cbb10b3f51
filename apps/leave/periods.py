"""Reference periods: pure date arithmetic, no database.

Paid leave (CP) is earned over a reference period (1 June to 31 May by default) and becomes takeable
on the next period start. RTT and other balance types live in calendar years. A ledger entry names its
"bucket" by the start date of the period it belongs to.
"""

from __future__ import annotations

import calendar
import datetime as dt


def period_start(day: dt.date, *, month: int, day_of_month: int) -> dt.date:
    """The start of the reference period containing ``day`` (periods start every year on month/day)."""
    this_year = dt.date(day.year, month, day_of_month)
    return this_year if day >= this_year else dt.date(day.year - 1, month, day_of_month)


def shift_years(start: dt.date, years: int) -> dt.date:
    """The same period start ``years`` later (or earlier); the start day is at most 28."""
    return start.replace(year=start.year + years)


def period_end(start: dt.date) -> dt.date:
    """The last day of the period starting on ``start``."""
    return shift_years(start, 1) - dt.timedelta(days=1)


def year_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 1, 1)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (clamped to the month's last day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_of_period(start: dt.date) -> list[tuple[int, int]]:
    """The twelve (year, month) pairs whose first day lies in the period starting on ``start``."""
    first = start if start.day == 1 else add_months(start.replace(day=1), 1)
    return [(d.year, d.month) for d in (add_months(first, i) for i in range(12))]
