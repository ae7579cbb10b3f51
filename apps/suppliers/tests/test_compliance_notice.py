"""Contract deadline arithmetic (services/notice.py): month ends, leap years, tacit renewal."""

import datetime as dt

import pytest

from apps.suppliers.services.notice import (
    deadlines_between,
    effective_end,
    last_notice_day,
    next_deadline,
    term_end,
    warning_day,
)

D = dt.date


@pytest.mark.parametrize(
    ("end", "months", "days", "expected"),
    [
        (D(2027, 5, 31), 3, 0, D(2027, 2, 28)),  # the example, ordinary year
        (D(2028, 5, 31), 3, 0, D(2028, 2, 29)),  # leap year
        (D(2026, 6, 30), 3, 0, D(2026, 3, 31)),  # 31 Mar + 3 months = 30 Jun: still in time
        (D(2026, 12, 31), 3, 0, D(2026, 9, 30)),
        (D(2026, 12, 31), 1, 0, D(2026, 11, 30)),
        (D(2026, 3, 31), 1, 0, D(2026, 2, 28)),  # 28 Feb + 1 month = 28 Mar; 1 Mar + 1 month = 1 Apr
        (D(2026, 3, 30), 1, 0, D(2026, 2, 28)),
        (D(2026, 3, 28), 1, 0, D(2026, 2, 28)),
        (D(2026, 3, 27), 1, 0, D(2026, 2, 27)),
        (D(2026, 5, 30), 3, 0, D(2026, 2, 28)),  # 28 Feb + 3 months = 28 May <= 30 May
        (D(2027, 2, 28), 12, 0, D(2026, 2, 28)),
        (D(2028, 2, 29), 12, 0, D(2027, 2, 28)),  # 28 Feb 2027 + 12 months = 28 Feb 2028
        (D(2029, 2, 28), 12, 0, D(2028, 2, 29)),  # 29 Feb 2028 + 12 months = 28 Feb 2029
        (D(2026, 12, 31), 0, 15, D(2026, 12, 16)),
        (D(2026, 12, 31), 2, 10, D(2026, 10, 21)),  # 21 Oct + 2 months = 21 Dec, + 10 days = 31 Dec
        (D(2026, 12, 31), 0, 0, D(2026, 12, 31)),  # no notice: until the last day
        (D(2026, 1, 31), 36, 0, D(2023, 1, 31)),
    ],
)
def test_last_notice_day(end, months, days, expected):
    last = last_notice_day(end, months, days)
    assert last == expected
    # The definition: notice on that day runs out by the end; a day later it does not.
    from dateutil.relativedelta import relativedelta

    period = relativedelta(months=months, days=days)
    assert last + period <= end
    assert last + dt.timedelta(days=1) + period > end


def test_every_day_of_four_years_matches_the_definition():
    from dateutil.relativedelta import relativedelta

    day = D(2027, 1, 1)
    while day < D(2031, 1, 1):
        for months, days in ((1, 0), (2, 0), (3, 0), (6, 0), (1, 15)):
            last = last_notice_day(day, months, days)
            period = relativedelta(months=months, days=days)
            assert last + period <= day < last + dt.timedelta(days=1) + period
        day += dt.timedelta(days=1)


def test_the_warning_is_30_days_before_the_last_day():
    assert warning_day(D(2027, 2, 28)) == D(2027, 1, 29)
    assert warning_day(D(2028, 3, 1)) == D(2028, 1, 31)


@pytest.mark.parametrize(
    ("first_end", "renewal", "n", "expected"),
    [
        (D(2026, 12, 31), 12, 1, D(2027, 12, 31)),
        (D(2027, 2, 28), 12, 1, D(2028, 2, 29)),  # a term starting 1 March 2027 ends on the leap day
        (D(2028, 2, 29), 12, 1, D(2029, 2, 28)),
        (D(2028, 2, 29), 12, 4, D(2032, 2, 29)),  # back to the 29th, no drift
        (D(2026, 4, 30), 1, 1, D(2026, 5, 31)),  # monthly renewal: month ends stay month ends
        (D(2026, 4, 30), 1, 2, D(2026, 6, 30)),
        (D(2026, 1, 31), 1, 1, D(2026, 2, 28)),
        (D(2026, 1, 31), 1, 2, D(2026, 3, 31)),
        (D(2026, 6, 14), 6, 1, D(2026, 12, 14)),
        (D(9999, 6, 30), 12, 1, None),  # out of the calendar: no term, no crash
    ],
)
def test_renewed_terms(first_end, renewal, n, expected):
    assert term_end(first_end, renewal, n) == expected


def _next(today, **kwargs):
    values = {
        "ends_on": D(2027, 5, 31),
        "tacit_renewal": True,
        "renewal_months": 12,
        "notice_months": 3,
        "notice_days": 0,
        "terminated_on": None,
    }
    values.update(kwargs)
    return next_deadline(today=today, **values)


def test_a_tacitly_renewed_contract_before_its_deadline():
    deadline = _next(D(2027, 1, 10))
    assert (deadline.kind, deadline.date, deadline.term_end) == ("notice", D(2027, 2, 28), D(2027, 5, 31))
    assert deadline.renews_on == D(2027, 6, 1)
    assert deadline.warn_on == D(2027, 1, 29)


def test_the_last_day_itself_is_still_in_time():
    assert _next(D(2027, 2, 28)).date == D(2027, 2, 28)


def test_after_the_deadline_the_next_term_counts():
    deadline = _next(D(2027, 3, 1))
    assert (deadline.date, deadline.term_end, deadline.renews_on) == (D(2028, 2, 29), D(2028, 5, 31), D(2028, 6, 1))


def test_a_contract_renewed_for_years_rolls_forward():
    deadline = _next(D(2035, 7, 1), ends_on=D(2020, 12, 31))
    assert (deadline.date, deadline.term_end) == (D(2035, 9, 30), D(2035, 12, 31))


def test_a_contract_without_renewal_ends():
    deadline = _next(D(2027, 1, 10), tacit_renewal=False)
    assert (deadline.kind, deadline.date, deadline.warn_on) == ("ends", D(2027, 5, 31), D(2027, 5, 1))
    assert _next(D(2027, 6, 1), tacit_renewal=False) is None


def test_notice_in_time_ends_the_current_term_late_notice_the_next():
    common = {
        "ends_on": D(2027, 5, 31),
        "tacit_renewal": True,
        "renewal_months": 12,
        "notice_months": 3,
        "notice_days": 0,
    }
    assert effective_end(terminated_on=D(2027, 2, 28), **common) == D(2027, 5, 31)
    assert effective_end(terminated_on=D(2027, 3, 1), **common) == D(2028, 5, 31)
    deadline = _next(D(2027, 4, 1), terminated_on=D(2027, 2, 1))
    assert (deadline.kind, deadline.date) == ("terminated", D(2027, 5, 31))
    assert _next(D(2027, 6, 1), terminated_on=D(2027, 2, 1)) is None


def test_deadlines_between_lists_every_term_in_the_range():
    found = deadlines_between(
        ends_on=D(2026, 4, 30),
        tacit_renewal=True,
        renewal_months=1,
        notice_months=0,
        notice_days=15,
        terminated_on=None,
        start=D(2026, 5, 1),
        end=D(2026, 7, 31),
    )
    assert [d.date for d in found] == [D(2026, 5, 16), D(2026, 6, 15), D(2026, 7, 16)]


@pytest.mark.parametrize("end", [D(1, 1, 31), D(1, 2, 1), D(9999, 12, 31)])
def test_calendar_edges_give_no_crash(end):
    last_notice_day(end, 3, 0)
    _next(D(2026, 1, 1), ends_on=end)
    _next(D(2026, 1, 1), ends_on=end, tacit_renewal=False)
