"""Two overlapping requests at the same time: one wins. PostgreSQL only (exclusion constraint)."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from apps.leave import services
from apps.leave.models import EntryKind, LeaveRequest, LeaveType, LedgerEntry

D = dt.date
pytestmark = pytest.mark.postgres


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_overlapping_submissions_at_the_same_time_one_wins(org):
    cp = LeaveType.objects.get(code="CP")
    LedgerEntry.objects.create(
        person=org.staff, leave_type=cp, kind=EntryKind.OPENING, period=D(2025, 6, 1), date=D(2025, 6, 1), days=30
    )
    barrier = threading.Barrier(2)
    outcomes = []

    def submit(start, end):
        try:
            barrier.wait(timeout=10)
            services.leave_request_submit(person=org.staff, leave_type=cp, start=start, end=end, submitted_by=org.staff)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=submit, args=(D(2027, 5, 3), D(2027, 5, 7))),
        threading.Thread(target=submit, args=(D(2027, 5, 5), D(2027, 5, 12))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["ok", "refused"]
    assert LeaveRequest.objects.filter(person=org.staff).count() == 1


def make(person, leave_type, start, end, status="pending", **halves):
    request = LeaveRequest(
        person=person,
        leave_type=leave_type,
        start_date=start,
        end_date=end,
        days=Decimal(1),
        status=status,
        submitted_by=person,
        **halves,
    )
    request.sync_slots()
    request.save()
    return request


@pytest.mark.django_db
def test_the_exclusion_constraint_refuses_an_overlapping_row_inserted_directly(org):
    cp = LeaveType.objects.get(code="CP")
    make(org.staff, cp, D(2027, 5, 3), D(2027, 5, 7))
    make(org.staff, cp, D(2027, 5, 10), D(2027, 5, 10), end_half="morning")
    make(org.staff, cp, D(2027, 5, 10), D(2027, 5, 10), start_half="afternoon")  # same day, other half
    make(org.staff, cp, D(2027, 5, 3), D(2027, 5, 7), status="cancelled")  # inactive rows may overlap
    make(org.colleague, cp, D(2027, 5, 3), D(2027, 5, 7))  # someone else
    with pytest.raises(IntegrityError), transaction.atomic():
        make(org.staff, cp, D(2027, 5, 7), D(2027, 5, 8))
