"""Who decides a leave request, stand-ins, and the decisions themselves.

Routing (step 1, and the confirmation of a cancellation): the person's team manager; the director
for a manager, for someone without a team manager, and for the director's own team; the office
manager for the director. Step 2 (when the leave type asks for it): an office manager. Nobody
decides their own leave. A step's approver is resolved when the step becomes current; if that
approver has a deputy for today, the deputy decides, else if they are on leave today an office
manager does, ``on_behalf_of`` the approver. Office managers may decide any request but their own.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.leave.models import (
    TAKEN_STATUSES,
    ApprovalStep,
    Decision,
    Deputy,
    LeavePolicy,
    LeaveRequest,
    LeaveStatus,
    StepPurpose,
)
from apps.leave.services._common import (
    director,
    is_office_manager,
    office_manager,
    request_context,
    request_path,
    send,
)
from apps.leave.services.ledger import write_consumption, write_restoration


def first_step_approver(person):
    """The person's manager, or the director (for managers and teams without one), or an office
    manager (for the director). None only when the company has nobody else to ask."""
    if person.is_director:
        return office_manager(exclude={person.pk})
    team = person.team if person.team_id else None
    if team and team.manager_id and team.manager_id != person.pk and not person.is_manager:
        manager = team.manager
        if manager.is_active:
            return manager
    return director(exclude={person.pk}) or office_manager(exclude={person.pk})


def is_on_leave(person, day: dt.date) -> bool:
    return LeaveRequest.objects.filter(
        person=person, status__in=TAKEN_STATUSES, start_date__lte=day, end_date__gte=day
    ).exists()


def stand_in(approver, *, requester, day: dt.date):
    """(who decides, on behalf of whom) for ``approver`` on ``day``."""
    if approver is None:
        return office_manager(exclude={requester.pk}), None
    deputy = (
        Deputy.objects.filter(person=approver, start_date__lte=day, end_date__gte=day, deputy__is_active=True)
        .exclude(deputy=requester)
        .select_related("deputy")
        .order_by("-start_date", "pk")
        .first()
    )
    if deputy:
        return deputy.deputy, approver
    if is_on_leave(approver, day):
        fallback = office_manager(exclude={requester.pk, approver.pk})
        if fallback:
            return fallback, approver
    return approver, None


def open_step(
    leave_request: LeaveRequest, *, purpose: str, step: int, day: dt.date | None = None, previous_decider=None
) -> ApprovalStep:
    """Create the current step with its approver resolved now (and notify them).

    A second step whose approver already decided the first one is recorded as approved by them.
    """
    day = day or timezone.localdate()
    person = leave_request.person
    base = first_step_approver(person) if step == 1 else office_manager(exclude={person.pk})
    approver, on_behalf_of = stand_in(base, requester=person, day=day)
    row = ApprovalStep(request=leave_request, purpose=purpose, step=step, approver=approver, on_behalf_of=on_behalf_of)
    if previous_decider is not None and approver is not None and approver.pk == previous_decider.pk:
        row.decision = Decision.APPROVED
        row.decided_by = previous_decider
        row.decided_at = timezone.now()
        row.comment = _("Same approver as the previous step.")
    row.save()
    if row.decision == Decision.PENDING and approver is not None:
        kind = "leave_submitted" if purpose == StepPurpose.APPROVAL else "leave_cancellation_requested"
        context = request_context(leave_request, recipient=approver) | {
            "approver": approver.get_full_name(),
            "on_behalf_of": on_behalf_of.get_full_name() if on_behalf_of else "",
            "step": step,
        }
        send(recipient=approver, kind=kind, context=context, url=request_path(leave_request))
    return row


def current_step(leave_request: LeaveRequest, *, lock: bool = False) -> ApprovalStep | None:
    steps = ApprovalStep.objects.filter(request=leave_request, decision=Decision.PENDING)
    if lock:
        steps = steps.select_for_update(of=("self",))
    return steps.select_related("approver", "on_behalf_of").first()


def user_can_decide_step(user, leave_request: LeaveRequest, step: ApprovalStep | None) -> bool:
    if not user or not user.is_authenticated or not user.is_active or user.pk == leave_request.person_id:
        return False
    if step is None:
        return False
    if is_office_manager(user):
        return True
    return user.pk in (step.approver_id, step.on_behalf_of_id)


def _lock(leave_request: LeaveRequest) -> LeaveRequest:
    return (
        LeaveRequest.objects.select_for_update(of=("self",))
        .select_related("person", "leave_type")
        .get(pk=leave_request.pk)
    )


def _decide(step: ApprovalStep, *, by, decision: str, comment: str) -> None:
    step.decision = decision
    step.decided_by = by
    step.decided_at = timezone.now()
    step.comment = comment
    step.save(update_fields=["decision", "decided_by", "decided_at", "comment"])


def _step_for(leave_request: LeaveRequest, *, by, purpose: str) -> ApprovalStep:
    step = current_step(leave_request, lock=True)
    expected = LeaveStatus.PENDING if purpose == StepPurpose.APPROVAL else LeaveStatus.CANCELLATION_REQUESTED
    if leave_request.status != expected or step is None or step.purpose != purpose:
        if purpose == StepPurpose.APPROVAL:
            raise ValidationError(_("This request is not waiting for approval."))
        raise ValidationError(_("No cancellation of this request is waiting for a decision."))
    if not user_can_decide_step(by, leave_request, step):
        raise PermissionDenied(_("You cannot decide this request."))
    return step


def _finish_approval(leave_request: LeaveRequest) -> None:
    leave_request.status = LeaveStatus.APPROVED
    leave_request.decided_at = timezone.now()
    leave_request.save(update_fields=["status", "decided_at"])
    write_consumption(leave_request, policy=LeavePolicy.load())
    send(
        recipient=leave_request.person,
        kind="leave_approved",
        context=request_context(leave_request, recipient=leave_request.person),
        url=request_path(leave_request),
    )


@transaction.atomic
def leave_request_approve(*, request: LeaveRequest, by, comment: str = "") -> LeaveRequest:
    """Approve the current step; the request is approved (and its days taken) after the last step."""
    leave_request = _lock(request)
    step = _step_for(leave_request, by=by, purpose=StepPurpose.APPROVAL)
    _decide(step, by=by, decision=Decision.APPROVED, comment=comment.strip())
    if step.step == 1 and leave_request.leave_type.needs_second_approval(leave_request.days):
        second = open_step(leave_request, purpose=StepPurpose.APPROVAL, step=2, previous_decider=by)
        if second.decision == Decision.PENDING:
            return leave_request
    _finish_approval(leave_request)
    return leave_request


@transaction.atomic
def leave_request_refuse(*, request: LeaveRequest, by, reason: str) -> LeaveRequest:
    """Refuse the request at its current step; a reason is required and sent to the requester."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the refusal.")})
    leave_request = _lock(request)
    step = _step_for(leave_request, by=by, purpose=StepPurpose.APPROVAL)
    _decide(step, by=by, decision=Decision.REFUSED, comment=reason)
    leave_request.status = LeaveStatus.REFUSED
    leave_request.refusal_reason = reason
    leave_request.decided_at = timezone.now()
    leave_request.save(update_fields=["status", "refusal_reason", "decided_at"])
    send(
        recipient=leave_request.person,
        kind="leave_refused",
        context=request_context(leave_request, recipient=leave_request.person) | {"reason": reason},
        url=request_path(leave_request),
    )
    return leave_request


def _cancel_now(leave_request: LeaveRequest, *, by) -> None:
    was_taken = leave_request.status in TAKEN_STATUSES
    leave_request.status = LeaveStatus.CANCELLED
    leave_request.cancelled_at = timezone.now()
    leave_request.save(update_fields=["status", "cancelled_at"])
    if was_taken:
        write_restoration(leave_request)
    if by.pk != leave_request.person_id:
        send(
            recipient=leave_request.person,
            kind="leave_cancelled",
            context=request_context(leave_request, recipient=leave_request.person)
            | {"cancelled_by": by.get_full_name()},
            url=request_path(leave_request),
        )


@transaction.atomic
def leave_request_cancel(*, request: LeaveRequest, by) -> LeaveRequest:
    """Cancel a request.

    The requester cancels a pending request at once; an approved one becomes "cancellation
    requested" and its approver confirms or declines. An office manager (not for their own leave)
    cancels directly, restoring the days.
    """
    leave_request = _lock(request)
    is_requester = by.pk == leave_request.person_id
    is_manager_override = is_office_manager(by) and not is_requester
    if not (is_requester or is_manager_override):
        raise PermissionDenied(_("You cannot cancel this request."))
    status = leave_request.status
    step = current_step(leave_request, lock=True)
    if status == LeaveStatus.PENDING or (is_manager_override and status in TAKEN_STATUSES):
        if step is not None:
            _decide(step, by=by, decision=Decision.WITHDRAWN, comment="")
        _cancel_now(leave_request, by=by)
    elif status == LeaveStatus.APPROVED:
        leave_request.status = LeaveStatus.CANCELLATION_REQUESTED
        leave_request.save(update_fields=["status"])
        open_step(leave_request, purpose=StepPurpose.CANCELLATION, step=1)
    elif status == LeaveStatus.CANCELLATION_REQUESTED:
        raise ValidationError(_("The cancellation of this request is already waiting for a decision."))
    else:
        raise ValidationError(_("A refused or cancelled request cannot be cancelled."))
    return leave_request


@transaction.atomic
def leave_request_cancellation_confirm(*, request: LeaveRequest, by, comment: str = "") -> LeaveRequest:
    """The approver accepts the cancellation of an approved leave: the days come back."""
    leave_request = _lock(request)
    step = _step_for(leave_request, by=by, purpose=StepPurpose.CANCELLATION)
    _decide(step, by=by, decision=Decision.APPROVED, comment=comment.strip())
    _cancel_now(leave_request, by=by)
    return leave_request


@transaction.atomic
def leave_request_cancellation_decline(*, request: LeaveRequest, by, comment: str = "") -> LeaveRequest:
    """The approver keeps the leave: the request is approved again."""
    leave_request = _lock(request)
    step = _step_for(leave_request, by=by, purpose=StepPurpose.CANCELLATION)
    _decide(step, by=by, decision=Decision.REFUSED, comment=comment.strip())
    leave_request.status = LeaveStatus.APPROVED
    leave_request.save(update_fields=["status"])
    send(
        recipient=leave_request.person,
        kind="leave_cancellation_declined",
        context=request_context(leave_request, recipient=leave_request.person) | {"reason": comment.strip()},
        url=request_path(leave_request),
    )
    return leave_request


@transaction.atomic
def deputy_create(*, person, deputy, start: dt.date, end: dt.date, by) -> Deputy:
    """Name ``deputy`` to decide in place of ``person`` from ``start`` to ``end`` (inclusive).

    The person themselves or an office manager may do it; periods of one person must not overlap.
    """
    if by.pk != person.pk and not is_office_manager(by):
        raise PermissionDenied(_("You can only name your own deputy."))
    if deputy.pk == person.pk:
        raise ValidationError({"deputy": _("Choose someone else as deputy.")})
    if not deputy.is_active:
        raise ValidationError({"deputy": _("This person's account is not active.")})
    if end < start:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    if Deputy.objects.filter(person=person, start_date__lte=end, end_date__gte=start).exists():
        raise ValidationError(_("A deputy is already named for part of this period."))
    row = Deputy(person=person, deputy=deputy, start_date=start, end_date=end, created_by=by)
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def deputy_delete(*, deputy: Deputy, by) -> None:
    """Remove a deputy period (the person or an office manager). Steps already routed keep their
    approver."""
    if by.pk != deputy.person_id and not is_office_manager(by):
        raise PermissionDenied(_("You can only remove your own deputy."))
    deputy.delete()
