"""Pure date arithmetic for the premises app: no database, easy to test.

API:
- ``add_months(day, months)``: calendar months, the day clamped to the month's end (31 Jan + 1 → 28/29 Feb).
- ``next_due_date(done_on, interval_months)``: when the next check is due after one done on ``done_on``.
- ``counts_for_current_period(last_done_on, done_on)``: whether a recorded check moves the due date
  (an old check entered after a newer one does not).
- ``reminder_for(due_date, today)``: which register reminder is current (kind and ledger date), if any.
- ``weekly_occurrences(start, end, interval_weeks, until, limit)``: the (start, end) pairs of a series.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
MAX_OCCURRENCES = 52

REMINDER_30_DAYS = "premises_check_due_30"
REMINDER_7_DAYS = "premises_check_due_7"
REMINDER_TODAY = "premises_check_due_today"
REMINDER_OVERDUE = "premises_check_overdue"


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def next_due_date(done_on: dt.date, interval_months: int) -> dt.date:
    """The next due date after a check done on ``done_on``: that date plus the interval.

    The rules say "at least once a year" (or every six months): never more than the interval between
    two checks. So the interval runs from the day of the check, not from the previous due date: an
    early check brings the next one forward, a late one starts a new interval from its own date
    (emergency lighting checked on 2 Dec 2026, every 12 months → due 2 Dec 2027; 31 Jan + 1 month →
    28 or 29 Feb).
    """
    return add_months(done_on, interval_months)


def counts_for_current_period(last_done_on: dt.date | None, done_on: dt.date) -> bool:
    """A recorded check moves the due date when it is the item's latest check (or its first).

    A check entered after a newer one (an old report found in a drawer) is kept in the register's
    history but does not move the due date back.
    """
    return last_done_on is None or done_on >= last_done_on


@dataclass(frozen=True)
class Reminder:
    kind: str
    ledger_date: dt.date  # part of the reminder ledger's unique key: one reminder per kind and date
    days_left: int  # negative when overdue


def reminder_for(due_date: dt.date, today: dt.date) -> Reminder | None:
    """The register reminder current on ``today`` for ``due_date``, or None.

    30 days before, 7 days before, on the day, then every 7 days while overdue. Each window lasts until
    the next one starts, so a daily scan that missed a day still sends the reminder the next day, and
    the ledger's unique key (kind, item, recipient, ledger date) makes each one go out once.
    """
    days_left = (due_date - today).days
    if days_left > 30:
        return None
    if days_left > 7:
        return Reminder(REMINDER_30_DAYS, due_date, days_left)
    if days_left > 0:
        return Reminder(REMINDER_7_DAYS, due_date, days_left)
    weeks_late = -days_left // 7
    if weeks_late == 0:
        return Reminder(REMINDER_TODAY, due_date, days_left)
    return Reminder(REMINDER_OVERDUE, due_date + dt.timedelta(weeks=weeks_late), days_left)


def weekly_occurrences(
    start: dt.datetime, end: dt.datetime, interval_weeks: int, until: dt.date, limit: int = MAX_OCCURRENCES
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Occurrences every ``interval_weeks`` weeks from (start, end) up to ``until`` included.

    The wall-clock time is kept across daylight-saving changes (a 10:00 meeting stays at 10:00 in
    Paris in winter and summer). At most ``limit`` occurrences (more is a ValueError for the caller).
    """
    local_start, local_end = start.astimezone(PARIS), end.astimezone(PARIS)
    duration_days = (local_end.date() - local_start.date()).days
    occurrences = []
    day = local_start.date()
    while day <= until:
        if len(occurrences) == limit:
            raise ValueError("too many occurrences")
        occurrences.append(
            (
                dt.datetime.combine(day, local_start.time(), PARIS),
                dt.datetime.combine(day + dt.timedelta(days=duration_days), local_end.time(), PARIS),
            )
        )
        day += dt.timedelta(weeks=interval_weeks)
    return occurrences
