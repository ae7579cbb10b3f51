"""Cancelling: pending at once, approved through the approver, the office manager directly."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum

from apps.leave import selectors, services
from apps.leave.models import Decision, LeaveStatus, LedgerEntry, StepPurpose

D = dt.date


def balance(person, leave_type):
    return LedgerEntry.objects.filter(person=person, leave_type=leave_type).aggregate(s=Sum("days"))["s"]


@pytest.fixture
def approved(org, leave):
    request = leave(org.staff, D(2026, 5, 4), D(2026, 5, 15))
    services.leave_request_approve(request=request, by=org.manager)
    request.refresh_from_db()
    return request


def test_the_requester_cancels_a_pending_request_at_once(org, leave):
    request = leave(org.staff, D(2026, 5, 4), D(2026, 5, 5))
    services.leave_request_cancel(request=request, by=org.staff)
    request.refresh_from_db()
    assert request.status == LeaveStatus.CANCELLED
    assert request.steps.get().decision == Decision.WITHDRAWN
    assert selectors.leave_requests_pending_count_for(org.manager) == 0


def test_cancelling_approved_leave_asks_the_approver_who_confirms_and_days_come_back(org, approved, cp):
    assert balance(org.staff, cp) == Decimal(22)
    services.leave_request_cancel(request=approved, by=org.staff)
    approved.refresh_from_db()
    assert approved.status == LeaveStatus.CANCELLATION_REQUESTED
    step = approved.steps.get(decision=Decision.PENDING)
    assert (step.purpose, step.approver) == (StepPurpose.CANCELLATION, org.manager)
    assert [r.pk for r in selectors.leave_requests_pending_for(org.manager)] == [approved.pk]
    services.leave_request_cancellation_confirm(request=approved, by=org.manager)
    approved.refresh_from_db()
    assert approved.status == LeaveStatus.CANCELLED
    assert balance(org.staff, cp) == Decimal(30)
    assert LedgerEntry.objects.filter(request=approved).aggregate(s=Sum("days"))["s"] == 0


def test_a_declined_cancellation_keeps_the_leave_approved(org, approved, cp):
    services.leave_request_cancel(request=approved, by=org.staff)
    services.leave_request_cancellation_decline(request=approved, by=org.manager, comment="Already replaced")
    approved.refresh_from_db()
    assert approved.status == LeaveStatus.APPROVED
    assert balance(org.staff, cp) == Decimal(22)


def test_the_office_manager_cancels_approved_leave_directly(org, approved, cp):
    services.leave_request_cancel(request=approved, by=org.office_manager)
    approved.refresh_from_db()
    assert approved.status == LeaveStatus.CANCELLED
    assert balance(org.staff, cp) == Decimal(30)


def test_others_cannot_cancel(org, approved):
    for user in (org.colleague, org.manager):
        with pytest.raises(PermissionDenied):
            services.leave_request_cancel(request=approved, by=user)


def test_only_the_approver_confirms_a_cancellation(org, approved):
    services.leave_request_cancel(request=approved, by=org.staff)
    with pytest.raises(PermissionDenied):
        services.leave_request_cancellation_confirm(request=approved, by=org.colleague)
    with pytest.raises(PermissionDenied):
        services.leave_request_cancellation_confirm(request=approved, by=org.staff)


def test_refused_or_cancelled_requests_cannot_be_cancelled(org, leave):
    request = leave(org.staff, D(2026, 5, 4), D(2026, 5, 5))
    services.leave_request_refuse(request=request, by=org.manager, reason="No")
    with pytest.raises(ValidationError):
        services.leave_request_cancel(request=request, by=org.staff)


def test_a_second_cancellation_request_is_refused(org, approved):
    services.leave_request_cancel(request=approved, by=org.staff)
    with pytest.raises(ValidationError):
        services.leave_request_cancel(request=approved, by=org.staff)
