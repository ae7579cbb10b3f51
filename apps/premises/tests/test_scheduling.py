"""Pure date rules: months, the register's next due dates, reminder windows, weekly occurrences."""

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
    ("done_on", "months", "expected"),
    [
        (D(2026, 12, 2), 12, D(2027, 12, 2)),  # the emergency lighting: not 27/12/2027
        (D(2026, 3, 1), 12, D(2027, 3, 1)),  # early for a 15 March due date: the next one comes forward
        (D(2026, 4, 2), 12, D(2027, 4, 2)),  # late: a new interval from the day of the check
        (D(2026, 12, 2), 6, D(2027, 6, 2)),  # the first-aid kit: six months, not about eight
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # month end
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # leap year
        (D(2028, 2, 29), 12, D(2029, 2, 28)),
    ],
)
def test_the_next_check_is_due_one_interval_after_the_check(done_on, months, expected):
    assert next_due_date(done_on, months) == expected


def test_the_gap_between_two_checks_never_exceeds_the_interval():
    done_on = D(2026, 1, 31)
    for _ in range(36):
        due = next_due_date(done_on, 1)
        assert (due - done_on).days <= 31
        done_on = due


def test_an_old_check_entered_after_a_newer_one_does_not_move_the_due_date():
    assert counts_for_current_period(None, D(2020, 4, 2))  # the first check recorded
    assert counts_for_current_period(D(2026, 4, 2), D(2026, 4, 2))
    assert counts_for_current_period(D(2026, 4, 2), D(2027, 3, 1))
    assert not counts_for_current_period(D(2026, 4, 2), D(2026, 2, 1))


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
