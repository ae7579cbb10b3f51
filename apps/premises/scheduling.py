"""Pure date arithmetic for the premises app: no database, easy to test.

API:
- ``add_months(day, months)``: calendar months, the day clamped to the month's end (31 Jan + 1 → 28/29 Feb).
- ``next_due_date(anchor, interval_months, current_due, done_on)``: where a check's due date moves
  when a check done on ``done_on`` is recorded (the rule is in its docstring).
- ``counts_for_current_period(current_due, interval_months, done_on)``: whether a recorded check
  satisfies the current due date at all (an old check entered late does not).
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


def next_due_date(anchor: dt.date, interval_months: int, current_due: dt.date, done_on: dt.date) -> dt.date:
    """The due date after a check done on ``done_on`` is recorded against ``current_due``.

    Due dates stay on the schedule: every due date is ``anchor + n × interval`` (counted from the
    anchor, so 31 January stays the 31st in the months that have one). The new due date is the
    first date of that schedule that is both after ``current_due`` and after ``done_on``:

    - due 15 Mar 2026, done 2 Apr 2026 (late) → 15 Mar 2027;
    - due 15 Mar 2026, done 1 Mar 2026 (early) → 15 Mar 2027;
    - due 15 Mar 2025, done 2 Apr 2026 (a year missed) → 15 Mar 2027: the schedule catches up.
    """
    n = 0
    while True:
        candidate = add_months(anchor, n * interval_months)
        if candidate > current_due and candidate > done_on:
            return candidate
        n += 1


def counts_for_current_period(current_due: dt.date, interval_months: int, done_on: dt.date) -> bool:
    """A check counts for the current due date when done after the previous due date.

    So a check entered late for an earlier period (done before ``current_due − interval``) is kept in
    the register's history but does not push the schedule forward a second time.
    """
    return done_on > add_months(current_due, -interval_months)


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
