"""Pure date rules: months, the register's schedule, reminder windows, weekly occurrences."""

import datetime as dt

import pytest

from apps.premises.scheduling import (
    REMINDER_7_DAYS,
    REMINDER_30_DAYS,
    REMINDER_OVERDUE,
    REMINDER_TODAY,
    add_months,
    counts_for_current_period,
    next_due_date,
    reminder_for,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2026, 3, 15), 12, D(2027, 3, 15)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 3, 15), -12, D(2025, 3, 15)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("current_due", "done_on", "expected"),
    [
        (D(2026, 3, 15), D(2026, 4, 2), D(2027, 3, 15)),  # late: the schedule stays on 15 March
        (D(2026, 3, 15), D(2026, 3, 1), D(2027, 3, 15)),  # early: same
        (D(2026, 3, 15), D(2026, 3, 15), D(2027, 3, 15)),  # on the day
        (D(2025, 3, 15), D(2026, 4, 2), D(2027, 3, 15)),  # a whole year missed: catches up
        (D(2024, 3, 15), D(2026, 4, 2), D(2027, 3, 15)),  # two years missed
    ],
)
def test_next_due_date_follows_the_schedule(current_due, done_on, expected):
    assert next_due_date(D(2024, 3, 15), 12, current_due, done_on) == expected


def test_next_due_date_keeps_the_anchor_day_after_a_short_month():
    assert next_due_date(D(2026, 1, 31), 1, D(2026, 2, 28), D(2026, 2, 27)) == D(2026, 3, 31)


def test_an_old_check_entered_late_does_not_count_for_the_current_period():
    assert counts_for_current_period(D(2027, 3, 15), 12, D(2026, 4, 2))
    assert not counts_for_current_period(D(2027, 3, 15), 12, D(2026, 2, 1))


@pytest.mark.parametrize(
    ("today", "kind", "ledger_date"),
    [
        (D(2026, 2, 12), None, None),  # 31 days before
        (D(2026, 2, 13), REMINDER_30_DAYS, D(2026, 3, 15)),
        (D(2026, 3, 7), REMINDER_30_DAYS, D(2026, 3, 15)),
        (D(2026, 3, 8), REMINDER_7_DAYS, D(2026, 3, 15)),
        (D(2026, 3, 14), REMINDER_7_DAYS, D(2026, 3, 15)),
        (D(2026, 3, 15), REMINDER_TODAY, D(2026, 3, 15)),
        (D(2026, 3, 21), REMINDER_TODAY, D(2026, 3, 15)),
        (D(2026, 3, 22), REMINDER_OVERDUE, D(2026, 3, 22)),
        (D(2026, 3, 28), REMINDER_OVERDUE, D(2026, 3, 22)),
        (D(2026, 3, 29), REMINDER_OVERDUE, D(2026, 3, 29)),
    ],
)
def test_reminder_windows(today, kind, ledger_date):
    reminder = reminder_for(D(2026, 3, 15), today)
    assert (reminder.kind, reminder.ledger_date) == (kind, ledger_date) if kind else reminder is None
