"""Who decides: routing, nobody decides their own leave, two steps, deputies and stand-ins."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum

from apps.accounts.tests.factories import UserFactory
from apps.leave import selectors, services
from apps.leave.models import Decision, LeaveStatus, LedgerEntry

D = dt.date


def test_staff_leave_goes_to_their_team_manager(org, leave):
    assert leave(org.staff, D(2026, 5, 4), D(2026, 5, 5)).steps.get().approver == org.manager


def test_a_manager_leave_goes_to_the_director(org, leave):
    assert leave(org.manager, D(2026, 5, 4), D(2026, 5, 5)).steps.get().approver == org.director


def test_someone_without_a_team_manager_goes_to_the_director(org, leave):
    loner = UserFactory(site=org.site, team=None)
    assert leave(loner, D(2026, 5, 4), D(2026, 5, 5)).steps.get().approver == org.director


def test_the_director_leave_goes_to_the_office_manager(org, leave):
    assert leave(org.director, D(2026, 5, 4), D(2026, 5, 5)).steps.get().approver == org.office_manager


def test_the_office_manager_leave_goes_to_their_own_manager(org, leave):
    assert leave(org.office_manager, D(2026, 5, 4), D(2026, 5, 5)).steps.get().approver == org.other_manager


def test_approval_takes_the_days_off_the_balance(org, leave, cp):
    request = leave(org.staff, D(2026, 5, 4), D(2026, 5, 15))
    services.leave_request_approve(request=request, by=org.manager, comment="Enjoy")
    request.refresh_from_db()
    assert request.status == LeaveStatus.APPROVED and request.decided_at
    assert LedgerEntry.objects.filter(request=request).aggregate(s=Sum("days"))["s"] == Decimal(-8)
    step = request.steps.get()
    assert (step.decision, step.decided_by, step.comment) == (Decision.APPROVED, org.manager, "Enjoy")


def test_nobody_approves_their_own_leave_not_even_the_office_manager(org, leave):
    request = leave(org.office_manager, D(2026, 5, 4), D(2026, 5, 5))
    with pytest.raises(PermissionDenied):
        services.leave_request_approve(request=request, by=org.office_manager)
    assert not selectors.can_decide(org.office_manager, request)


def test_a_colleague_or_another_manager_cannot_decide(org, leave):
    request = leave(org.staff, D(2026, 5, 4), D(2026, 5, 5))
    for user in (org.colleague, org.other_manager, org.director):
        assert not selectors.can_decide(user, request)
        with pytest.raises(PermissionDenied):
            services.leave_request_approve(request=request, by=user)


def test_the_office_manager_can_decide_for_anyone(org, leave):
    request = leave(org.staff, D(2026, 5, 4), D(2026, 5, 5))
    assert selectors.can_decide(org.office_manager, request)
    services.leave_request_approve(request=request, by=org.office_manager)
    request.refresh_from_db()
    assert request.status == LeaveStatus.APPROVED


def test_refusal_needs_a_reason_and_takes_no_days(org, leave):
    request = leave(org.staff, D(2026, 5, 4), D(2026, 5, 5))
    with pytest.raises(ValidationError):
        services.leave_request_refuse(request=request, by=org.manager, reason="  ")
    services.leave_request_refuse(request=request, by=org.manager, reason="Trade fair that week")
    request.refresh_from_db()
    assert (request.status, request.refusal_reason) == (LeaveStatus.REFUSED, "Trade fair that week")
    assert not LedgerEntry.objects.filter(request=request).exists()


def test_a_decided_request_cannot_be_decided_again(org, leave):
    request = leave(org.staff, D(2026, 5, 4), D(2026, 5, 5))
    services.leave_request_approve(request=request, by=org.manager)
    with pytest.raises(ValidationError):
        services.leave_request_approve(request=request, by=org.manager)
    with pytest.raises(ValidationError):
        services.leave_request_refuse(request=request, by=org.manager, reason="Changed my mind")


@pytest.fixture
def two_steps_above_10(cp):
    cp.second_approval = "above_days"
    cp.second_approval_above_days = Decimal(10)
    cp.save()
    return cp


def test_long_leave_needs_the_manager_then_the_office_manager(org, leave, two_steps_above_10):
    request = leave(org.staff, D(2026, 6, 1), D(2026, 6, 19))  # 15 days
    services.leave_request_approve(request=request, by=org.manager)
    request.refresh_from_db()
    assert request.status == LeaveStatus.PENDING
    assert not LedgerEntry.objects.filter(request=request).exists()
    first, second = request.steps.order_by("step")
    assert (first.decision, second.step, second.approver) == (Decision.APPROVED, 2, org.office_manager)
    assert [r.pk for r in selectors.leave_requests_pending_for(org.office_manager)] == [request.pk]
    pending = selectors.leave_requests_pending_for(org.office_manager)[0]
    assert pending.earlier_steps[0].decided_by == org.manager  # the second step sees the first decision
    assert not selectors.can_decide(org.manager, request)
    services.leave_request_approve(request=request, by=org.office_manager)
    request.refresh_from_db()
    assert request.status == LeaveStatus.APPROVED
    assert LedgerEntry.objects.filter(request=request).aggregate(s=Sum("days"))["s"] == Decimal(-15)


def test_short_leave_needs_one_step_only(org, leave, two_steps_above_10):
    request = leave(org.staff, D(2026, 6, 1), D(2026, 6, 3))
    services.leave_request_approve(request=request, by=org.manager)
    request.refresh_from_db()
    assert request.status == LeaveStatus.APPROVED
    assert request.steps.count() == 1


def test_a_refusal_at_the_second_step_refuses_the_request(org, leave, two_steps_above_10):
    request = leave(org.staff, D(2026, 6, 1), D(2026, 6, 19))
    services.leave_request_approve(request=request, by=org.manager)
    services.leave_request_refuse(request=request, by=org.office_manager, reason="Too long in June")
    request.refresh_from_db()
    assert request.status == LeaveStatus.REFUSED


def test_a_named_deputy_decides_on_behalf_of_the_manager(org, leave):
    services.deputy_create(
        person=org.manager, deputy=org.other_manager, start=D(2026, 3, 1), end=D(2026, 3, 6), by=org.manager
    )
    request = leave(org.staff, D(2026, 5, 4), D(2026, 5, 5))
    step = request.steps.get()
    assert (step.approver, step.on_behalf_of) == (org.other_manager, org.manager)
    pending = selectors.leave_requests_pending_for(org.other_manager)
    assert [r.pk for r in pending] == [request.pk]
    assert pending[0].current_step.on_behalf_of == org.manager
    services.leave_request_approve(request=request, by=org.other_manager)
    request.refresh_from_db()
    assert request.status == LeaveStatus.APPROVED


def test_a_deputy_period_that_is_over_changes_nothing(org, leave):
    services.deputy_create(
        person=org.manager, deputy=org.other_manager, start=D(2026, 2, 1), end=D(2026, 2, 6), by=org.manager
    )
    assert leave(org.staff, D(2026, 5, 4), D(2026, 5, 5)).steps.get().approver == org.manager


def test_a_manager_on_leave_today_is_replaced_by_the_office_manager(org, leave):
    own = leave(org.manager, D(2026, 3, 2), D(2026, 3, 6), by=org.office_manager)
    services.leave_request_approve(request=own, by=org.director)
    request = leave(org.staff, D(2026, 5, 4), D(2026, 5, 5))
    step = request.steps.get()
    assert (step.approver, step.on_behalf_of) == (org.office_manager, org.manager)
    # The absent manager can still decide when back.
    assert selectors.can_decide(org.manager, request)


def test_deputies_are_validated(org, clock):
    with pytest.raises(ValidationError):
        services.deputy_create(
            person=org.manager, deputy=org.manager, start=D(2026, 3, 1), end=D(2026, 3, 6), by=org.manager
        )
    with pytest.raises(ValidationError):
        services.deputy_create(
            person=org.manager, deputy=org.colleague, start=D(2026, 3, 6), end=D(2026, 3, 1), by=org.manager
        )
    with pytest.raises(PermissionDenied):
        services.deputy_create(
            person=org.manager, deputy=org.colleague, start=D(2026, 3, 1), end=D(2026, 3, 6), by=org.staff
        )
    services.deputy_create(
        person=org.manager, deputy=org.colleague, start=D(2026, 3, 1), end=D(2026, 3, 6), by=org.manager
    )
    with pytest.raises(ValidationError):
        services.deputy_create(
            person=org.manager, deputy=org.staff, start=D(2026, 3, 5), end=D(2026, 3, 9), by=org.office_manager
        )


def test_pending_inbox_is_bounded_and_counts_match(org, leave, django_assert_max_num_queries):
    people = [org.staff, org.colleague] + [UserFactory(site=org.site, team=org.team) for _ in range(6)]
    for person in people:
        leave(person, D(2026, 5, 4), D(2026, 5, 5))
    with django_assert_max_num_queries(3):
        pending = selectors.leave_requests_pending_for(org.manager)
        [(r.person.email, r.leave_type.code, r.current_step.approver_id) for r in pending]
    assert len(pending) == 8
    assert selectors.leave_requests_pending_count_for(org.manager) == 8
    assert selectors.leave_requests_pending_for(org.colleague) == []
