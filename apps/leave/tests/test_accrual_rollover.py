"""Monthly accrual, the reference period rollover (carry-over, expiry) and the RTT allocation."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.db.models import Sum

from apps.accounts.tests.factories import UserFactory
from apps.leave import selectors, services, tasks
from apps.leave.models import EntryKind, LeavePolicy, LedgerEntry

D = dt.date
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def total(person, leave_type, **filters):
    return LedgerEntry.objects.filter(person=person, leave_type=leave_type, **filters).aggregate(s=Sum("days"))["s"]


def run_period_with_beat(start_year=2025):
    """The beat job on the 1st of each month, July 2025 to June 2026 (accruing June to May)."""
    for index in range(12):
        year, month = (start_year, 7 + index) if index < 6 else (start_year + 1, index - 5)
        with time_machine.travel(dt.datetime(year, month, 1, 1, 10, tzinfo=PARIS), tick=False):
            tasks.leave_accrue_previous_month.delay()


@pytest.fixture
def person(db):
    return UserFactory(hired_on=D(2020, 1, 6))


def test_twelve_months_in_jours_ouvres_accrue_exactly_25_days(person, policy, cp):
    run_period_with_beat()
    assert total(person, cp) == Decimal("25.00")
    monthly = list(LedgerEntry.objects.filter(person=person, kind=EntryKind.ACCRUAL).values_list("days", flat=True))
    assert len(monthly) == 12 and set(monthly) <= {Decimal("2.08"), Decimal("2.09")}
    assert set(LedgerEntry.objects.values_list("period", flat=True)) == {D(2025, 6, 1)}


def test_twelve_months_in_jours_ouvrables_accrue_30_days(person, cp):
    assert LeavePolicy.load().counting == "ouvrables"  # the legal default
    run_period_with_beat()
    assert total(person, cp) == Decimal("30.00")


def test_accrual_is_idempotent(person, policy, cp):
    assert services.leave_accrue_month(year=2025, month=6) == 1
    assert services.leave_accrue_month(year=2025, month=6) == 0
    run_period_with_beat()
    run_period_with_beat()
    assert total(person, cp) == Decimal("25.00")


def test_accrual_is_prorated_for_arrivals_and_departures_in_the_month(policy, cp):
    joiner = UserFactory(hired_on=D(2025, 6, 16))  # 15 of 30 days
    leaver = UserFactory(hired_on=D(2020, 1, 1), left_on=D(2025, 6, 10), is_active=False)  # 10 of 30 days
    not_yet = UserFactory(hired_on=D(2025, 7, 1))
    gone = UserFactory(hired_on=D(2020, 1, 1), left_on=D(2025, 5, 31), is_active=False)
    services.leave_accrue_month(year=2025, month=6)
    assert total(joiner, cp) == Decimal("1.04")  # 25/12 × 1/2
    assert total(leaver, cp) == Decimal("0.69")  # 25/12 × 1/3
    assert total(not_yet, cp) is None and total(gone, cp) is None


def test_a_joiner_still_reaches_the_rounded_total(policy, cp):
    joiner = UserFactory(hired_on=D(2025, 6, 16))
    run_period_with_beat()
    assert total(joiner, cp) == Decimal("23.96")  # 25 × 11.5/12 = 23.958…


def test_being_acquired_becomes_acquired_at_the_period_start(person, policy, cp):
    run_period_with_beat()
    may = selectors.balances_for(person, on=D(2026, 5, 31))[0]
    june = selectors.balances_for(person, on=D(2026, 6, 1))[0]
    assert (may.acquired, may.being_acquired) == (Decimal(0), Decimal("25.00"))
    assert (june.acquired, june.being_acquired) == (Decimal("25.00"), Decimal(0))


def test_rollover_carries_over_up_to_the_policy_and_expires_the_rest(person, policy, cp, credit):
    policy.carry_over_max_days = Decimal(5)
    policy.save()
    credit(person, cp, 12, period=D(2024, 6, 1))  # acquired in 2024–25, takeable until 31 May 2026
    credit(person, cp, 25, period=D(2025, 6, 1))
    result = services.leave_period_rollover(today=D(2026, 6, 1))
    assert (result.carried, result.expired) == (1, 1)
    assert total(person, cp, period=D(2024, 6, 1)) == 0
    assert total(person, cp, period=D(2025, 6, 1)) == Decimal(30)
    assert total(person, cp, kind=EntryKind.EXPIRY) == Decimal(-7)
    services.leave_period_rollover(today=D(2026, 6, 2))  # the daily job again: nothing more
    assert total(person, cp) == Decimal(30)
    balance = selectors.balances_for(person, on=D(2026, 6, 2))[0]
    assert (balance.acquired, balance.balance) == (Decimal(30), Decimal(30))


def test_carried_over_days_expire_at_the_configured_date_used_first(org, person, policy, cp, credit):
    policy.carry_over_max_days = Decimal(5)
    policy.save()
    credit(person, cp, 5, period=D(2024, 6, 1))
    credit(person, cp, 25, period=D(2025, 6, 1))
    services.leave_period_rollover(today=D(2026, 6, 1))
    # Two days taken in September come out of the carried days first.
    with time_machine.travel(dt.datetime(2026, 8, 3, 9, tzinfo=PARIS), tick=False):
        submission = services.leave_request_submit(
            person=person, leave_type=cp, start=D(2026, 9, 7), end=D(2026, 9, 8), submitted_by=person
        )
        services.leave_request_approve(request=submission.request, by=org.office_manager)
    services.leave_period_rollover(today=D(2026, 12, 31))
    assert total(person, cp) == Decimal(28)
    services.leave_period_rollover(today=D(2027, 1, 1))  # 1 June + 7 months
    services.leave_period_rollover(today=D(2027, 1, 2))
    assert total(person, cp, kind=EntryKind.EXPIRY) == Decimal(-3)
    assert total(person, cp) == Decimal(25)


def test_rtt_days_are_allocated_on_1_january_once(person, policy, rtt, credit):
    policy.rtt_days_per_year = Decimal(10)
    policy.save()
    credit(person, rtt, 4, period=D(2026, 1, 1))  # last year's leftover
    joiner = UserFactory(hired_on=D(2027, 7, 2))
    assert services.leave_period_rollover(today=D(2027, 1, 1)).allocated == 1
    assert services.leave_period_rollover(today=D(2027, 1, 1)).allocated == 0
    assert total(person, rtt, period=D(2027, 1, 1)) == Decimal(10)
    assert total(person, rtt, period=D(2026, 1, 1)) == 0  # expired
    services.leave_period_rollover(today=D(2027, 7, 2))
    assert total(joiner, rtt) == Decimal("5.01")  # 183/365 of the year
