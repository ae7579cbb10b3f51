"""Balances are sums of the ledger; adjustments need a reason; the bulk selector is bounded."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts.tests.factories import UserFactory
from apps.leave import selectors, services
from apps.leave.models import EntryKind

D = dt.date


TODAY = D(2026, 3, 2)


def cp_balance(person, on=TODAY):
    return next(b for b in selectors.balances_for(person, on=on) if b.leave_type.code == "CP")


def test_balance_shows_acquired_being_acquired_taken_and_pending(org, leave, cp, credit):
    credit(org.staff, cp, 10, period=D(2025, 6, 1))  # being acquired (on top of the 30 of `leave`)
    approved = leave(org.staff, D(2026, 3, 9), D(2026, 3, 13))  # 5 days
    services.leave_request_approve(request=approved, by=org.manager)
    leave(org.staff, D(2026, 5, 4), D(2026, 5, 5))  # 2 days pending
    balance = cp_balance(org.staff)
    assert balance.acquired == Decimal(60)  # two `leave` credits of 30 in the acquired bucket
    assert balance.being_acquired == Decimal(10)
    assert balance.taken == Decimal(5)
    assert balance.pending == Decimal(2)
    assert balance.balance == Decimal(65)
    assert balance.balance_after_pending == Decimal(63)


def test_the_oldest_takeable_days_are_used_first(org, leave, cp, credit):
    credit(org.staff, cp, 3, period=D(2025, 6, 1))
    approved = leave(org.staff, D(2026, 3, 9), D(2026, 3, 13))
    services.leave_request_approve(request=approved, by=org.manager)
    periods = dict(approved.ledger_entries.values_list("period", "days"))
    assert periods == {D(2024, 6, 1): Decimal(-5)}


def test_anticipated_days_come_from_the_current_period(org, policy, clock, cp, credit):
    credit(org.staff, cp, 2, period=D(2024, 6, 1))
    credit(org.staff, cp, 10, period=D(2025, 6, 1))
    request = services.leave_request_submit(
        person=org.staff, leave_type=cp, start=D(2026, 3, 9), end=D(2026, 3, 13), submitted_by=org.staff
    ).request
    services.leave_request_approve(request=request, by=org.manager)
    periods = dict(request.ledger_entries.values_list("period", "days"))
    assert periods == {D(2024, 6, 1): Decimal(-2), D(2025, 6, 1): Decimal(-3)}


def test_manual_adjustment_needs_a_reason_and_an_office_manager(org, policy, clock, cp, rtt):
    with pytest.raises(ValidationError):
        services.leave_balance_adjust(
            person=org.staff, leave_type=cp, days=Decimal(2), reason=" ", by=org.office_manager
        )
    with pytest.raises(PermissionDenied):
        services.leave_balance_adjust(person=org.staff, leave_type=cp, days=Decimal(2), reason="Gift", by=org.manager)
    entry = services.leave_balance_adjust(
        person=org.staff, leave_type=cp, days=Decimal("-1.5"), reason="Day taken before the app", by=org.office_manager
    )
    assert (entry.kind, entry.author, entry.period) == (EntryKind.ADJUSTMENT, org.office_manager, D(2024, 6, 1))
    assert cp_balance(org.staff).balance == Decimal("-1.5")
    services.leave_balance_adjust(
        person=org.staff, leave_type=rtt, days=Decimal(3), reason="Agreement", by=org.office_manager
    )


def test_sick_leave_has_no_balance_to_adjust(org, policy, clock, sick):
    with pytest.raises(ValidationError):
        services.leave_balance_adjust(
            person=org.staff, leave_type=sick, days=Decimal(1), reason="x", by=org.office_manager
        )


def test_bulk_balances_cost_a_fixed_number_of_queries(org, policy, clock, cp, credit, django_assert_max_num_queries):
    people = [UserFactory(site=org.site) for _ in range(25)]
    for person in people:
        credit(person, cp, 12)
    with django_assert_max_num_queries(4):
        balances = selectors.balances_bulk(people)
    assert len(balances) == 25
    assert all(b[0].balance == Decimal(12) for b in balances.values())
