"""French leave day counting: pure functions, no database.

A request runs from a start date and half to an end date and half:

- start ``MORNING`` = the whole first day is off; start ``AFTERNOON`` = the leave starts at noon;
- end ``MORNING`` = the person is back at work in the afternoon of the last day; end ``AFTERNOON`` =
  the whole last day is off.

Two ways of counting, a company choice (Code du travail, article L3141-3: 2.5 jours ouvrables
earned per month of work; counting in jours ouvrés is allowed when it is no less favourable to the
employee, as case law holds):

- jours ouvrés (``OUVRES``): Monday to Friday count;
- jours ouvrables (``OUVRABLES``): Monday to Saturday count, from the first day the person would have
  worked to the last counted day before they are back at work: a Monday–Friday week off, back on
  Monday, costs 6 days (the Saturday before the return counts).

Public holidays never count. The person is assumed to work Monday to Friday. Half days count 0.5.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterator
from decimal import Decimal

MORNING = "morning"
AFTERNOON = "afternoon"
HALVES = (MORNING, AFTERNOON)

OUVRES = "ouvres"
OUVRABLES = "ouvrables"
RULES = (OUVRES, OUVRABLES)

# The longest continuous block of paid leave allowed without a derogation (Code du travail L3141-17).
MAX_BLOCK = {OUVRABLES: Decimal(24), OUVRES: Decimal(20)}

ONE = Decimal(1)
HALF = Decimal("0.5")
ZERO = Decimal(0)
SATURDAY = 5


def is_working_day(day: dt.date, holidays: Container[dt.date]) -> bool:
    """A day the person would have worked: Monday to Friday and not a public holiday."""
    return day.weekday() < SATURDAY and day not in holidays


def _is_counted(day: dt.date, rule: str, holidays: Container[dt.date]) -> bool:
    last_counted_weekday = SATURDAY if rule == OUVRABLES else SATURDAY - 1
    return day.weekday() <= last_counted_weekday and day not in holidays


def _days(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


def next_working_day(day: dt.date, holidays: Container[dt.date]) -> dt.date:
    """The first working day strictly after ``day``."""
    day += dt.timedelta(days=1)
    while not is_working_day(day, holidays):
        day += dt.timedelta(days=1)
    return day


def add_working_days(day: dt.date, count: int, holidays: Container[dt.date]) -> dt.date:
    """``day`` plus ``count`` working days (used for "still pending after 2 working days")."""
    for _ in range(count):
        day = next_working_day(day, holidays)
    return day


BAD_HALF = "bad_half"
END_BEFORE_START = "end_before_start"
EMPTY_DAY = "empty_day"


def validate_bounds(start: dt.date, start_half: str, end: dt.date, end_half: str) -> str | None:
    """An error code (``BAD_HALF``, ``END_BEFORE_START``, ``EMPTY_DAY``) when the bounds make no sense."""
    if start_half not in HALVES or end_half not in HALVES:
        return BAD_HALF
    if end < start:
        return END_BEFORE_START
    if end == start and start_half == AFTERNOON and end_half == MORNING:
        return EMPTY_DAY
    return None


def day_breakdown(
    start: dt.date,
    start_half: str,
    end: dt.date,
    end_half: str,
    *,
    rule: str,
    holidays: Container[dt.date],
) -> dict[dt.date, Decimal]:
    """The counted days of a leave, day by day (only days that count appear, with 1 or 0.5).

    The payroll export sums this by month; ``count_days`` sums it all.
    Raises ValueError on impossible bounds (see ``validate_bounds``).
    """
    if rule not in RULES:
        raise ValueError(f"Unknown counting rule {rule!r}.")
    error = validate_bounds(start, start_half, end, end_half)
    if error:
        raise ValueError(f"Impossible leave bounds: {error}.")

    if not is_working_day(end, holidays):
        # Back "in the afternoon" of a day the person would not have worked means back on the next
        # working day: the half is meaningless there.
        end_half = AFTERNOON
    counted: dict[dt.date, Decimal] = {}
    if rule == OUVRES:
        for day in _days(start, end):
            if _is_counted(day, rule, holidays):
                counted[day] = ONE
    else:
        # Ouvrables: from the first day the person would have worked…
        first = start if is_working_day(start, holidays) else next_working_day(start, holidays)
        if first > end:
            return {}
        # …to the last counted day before they are back at work (back the same afternoon when the
        # leave ends in the morning; otherwise on the next working day).
        last = end if end_half == MORNING else next_working_day(end, holidays) - dt.timedelta(days=1)
        for day in _days(first, last):
            if _is_counted(day, rule, holidays):
                counted[day] = ONE

    if start_half == AFTERNOON and start in counted:
        counted[start] = HALF
    if end_half == MORNING and end in counted:
        counted[end] = HALF
    return counted


def count_days(
    start: dt.date,
    start_half: str,
    end: dt.date,
    end_half: str,
    *,
    rule: str,
    holidays: Container[dt.date],
) -> Decimal:
    """How many days the leave uses under ``rule`` (``OUVRES`` or ``OUVRABLES``)."""
    return sum(
        day_breakdown(start, start_half, end, end_half, rule=rule, holidays=holidays).values(),
        ZERO,
    )


def exceeds_max_block(days: Decimal, rule: str) -> bool:
    """More than 24 jours ouvrables (20 ouvrés) in one block needs a derogation: the caller warns."""
    return days > MAX_BLOCK[rule]


def half_day_slots(start: dt.date, start_half: str, end: dt.date, end_half: str) -> tuple[int, int]:
    """The leave as an inclusive range of half-day slots (2 per calendar day).

    Two leaves overlap when their slot ranges intersect; the PostgreSQL exclusion constraint
    compares ``int8range(start_slot, end_slot, '[]')``.
    """
    start_slot = start.toordinal() * 2 + (0 if start_half == MORNING else 1)
    end_slot = end.toordinal() * 2 + (0 if end_half == MORNING else 1)
    return start_slot, end_slot
