"""Leave fixtures: the clock, the policy in jours ouvrés, leave types, and balance helpers."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.db import connection

from apps.leave import services
from apps.leave.models import EntryKind, LeavePolicy, LeaveType, LedgerEntry

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def _postgres_only(request):
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run with DATABASE_URL=postgres://…)")


@pytest.fixture
def clock():
    """Monday 2 March 2026, 09:00 in Paris; ``clock.move_to(...)`` moves it."""
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=PARIS), tick=False) as traveller:
        yield traveller


@pytest.fixture
def policy(db):
    """The policy in jours ouvrés (most SMEs), everything else legal defaults."""
    policy = LeavePolicy.load()
    policy.counting = "ouvres"
    policy.save()
    return policy


@pytest.fixture
def cp(db):
    return LeaveType.objects.get(code="CP")


@pytest.fixture
def rtt(db):
    return LeaveType.objects.get(code="RTT")


@pytest.fixture
def sick(db):
    return LeaveType.objects.get(code="MAL")


@pytest.fixture
def credit(db):
    """``credit(person, leave_type, days, period=date)``: an opening balance entry."""

    def _credit(person, leave_type, days, period=dt.date(2024, 6, 1)):
        return LedgerEntry.objects.create(
            person=person,
            leave_type=leave_type,
            kind=EntryKind.OPENING,
            period=period,
            date=period,
            days=Decimal(days),
        )

    return _credit


@pytest.fixture
def leave(org, cp, policy, clock, credit):
    """``leave(person, start, end, **kw)``: submit a request (CP by default) with enough balance."""

    def _leave(person, start, end, *, leave_type=None, start_half="morning", end_half="afternoon", by=None):
        leave_type = leave_type or cp
        if leave_type.counts_against_balance:
            credit(person, leave_type, 30)
        return services.leave_request_submit(
            person=person,
            leave_type=leave_type,
            start=start,
            start_half=start_half,
            end=end,
            end_half=end_half,
            comment="",
            document=None,
            submitted_by=by or person,
        ).request

    return _leave
