"""What someone must decide (the approvals inbox and its badge), who else is away then, and the
stand-ins (deputies)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from apps.leave.models import ACTIVE_STATUSES, ApprovalStep, Decision, Deputy, LeaveRequest, LeaveStatus
from apps.leave.selectors.requests import date_span
from apps.leave.services._common import is_office_manager
from apps.leave.services.approvals import user_can_decide_step


def pending_steps_for(user) -> QuerySet[ApprovalStep]:
    """The open steps ``user`` decides (as approver or stand-in; unassigned ones too for an office
    manager), never on their own requests: what the inbox lists and its badge counts."""
    who = Q(approver_id=user.pk) | Q(on_behalf_of_id=user.pk)
    if is_office_manager(user):
        who |= Q(approver__isnull=True)
    # Their own requests left out by a subquery, not a join: the same rows, a plan cheaper to make.
    own = LeaveRequest.objects.filter(person_id=user.pk).values("pk")
    return ApprovalStep.objects.filter(who, decision=Decision.PENDING).exclude(request_id__in=own)


# What the approvals list shows: the step, the request's dates and days, the person's name and
# team, the type (its name, or “Absence” when private), the stand-in. Any other field is loaded
# when read.
_REQUEST_FIELDS = (
    "person",
    "leave_type",
    "start_date",
    "start_half",
    "end_date",
    "end_half",
    "days",
    "status",
    "created_at",
)
_PENDING_FIELDS = (
    "request",
    "purpose",
    "step",
    "decision",
    "approver",
    "on_behalf_of",
    "on_behalf_of__first_name",
    "on_behalf_of__last_name",
    "on_behalf_of__email",
    *(f"request__{name}" for name in _REQUEST_FIELDS),
    *(f"request__person__{name}" for name in ("first_name", "last_name", "email", "team")),
    *(f"request__leave_type__{name}" for name in ("code", "name", "privacy", "counts_against_balance")),
)


def leave_requests_pending_for(user, *, history: bool = True) -> list[LeaveRequest]:
    """Requests (to approve, or cancellations to confirm) the user must decide now, oldest first.

    Each request carries ``current_step`` (its open ApprovalStep, whose ``on_behalf_of`` says for
    whom a stand-in decides) and, with ``history``, ``earlier_steps`` (the decisions already taken).
    One query, one more for the history, whatever the number of requests.
    """
    steps = (
        pending_steps_for(user)
        .select_related("request__person", "request__leave_type", "on_behalf_of")
        .only(*_PENDING_FIELDS)
        .order_by("request__created_at", "pk")
    )
    result = []
    for step in steps:
        step.request.current_step = step
        result.append(step.request)
    if history and result:
        earlier = defaultdict(list)
        for step in (
            ApprovalStep.objects.filter(request_id__in=[r.pk for r in result])
            .exclude(decision=Decision.PENDING)
            .select_related("decided_by", "on_behalf_of")
            .order_by("created_at", "pk")
        ):
            earlier[step.request_id].append(step)
        for leave_request in result:
            leave_request.earlier_steps = earlier[leave_request.pk]
    return result


def leave_requests_pending_count_for(user) -> int:
    """How many requests the user must decide now: one COUNT."""
    return pending_steps_for(user).count()


def can_decide(user, leave_request: LeaveRequest) -> bool:
    """Whether ``user`` may approve/refuse (or confirm/decline the cancellation of) the request now."""
    if leave_request.status not in (LeaveStatus.PENDING, LeaveStatus.CANCELLATION_REQUESTED):
        return False
    step = getattr(leave_request, "current_step", None)
    if step is None:
        cached = getattr(leave_request, "_prefetched_objects_cache", {}).get("steps")
        if cached is not None:
            step = next((s for s in cached if s.decision == Decision.PENDING), None)
        else:
            step = leave_request.steps.filter(decision=Decision.PENDING).first()
    return user_can_decide_step(user, leave_request, step)


def also_away(requests: list[LeaveRequest]) -> dict[int, list[str]]:
    """For each request, its team-mates' other leave over the same dates: one query for all of them.

    Names and dates only (never the type), as “Marie Dupont (4–8 May)”."""
    if not requests:
        return {}
    team_ids = sorted({r.person.team_id for r in requests if r.person.team_id})
    if not team_ids:
        return {r.pk: [] for r in requests}
    others = (
        LeaveRequest.objects.filter(
            person__team_id__in=team_ids,
            person__is_active=True,
            status__in=ACTIVE_STATUSES,
            start_date__lte=max(r.end_date for r in requests),
            end_date__gte=min(r.start_date for r in requests),
        )
        .order_by("start_date", "pk")
        .values_list(
            "person_id",
            "person__team_id",
            "person__first_name",
            "person__last_name",
            "person__email",
            "start_date",
            "end_date",
            "status",
        )
    )
    pending_note = _(", pending")
    by_team = defaultdict(list)
    for person_id, team_id, first_name, last_name, email, start, end, status in others:
        name = f"{first_name} {last_name}".strip() or email
        note = pending_note if status == LeaveStatus.PENDING else ""
        by_team[team_id].append((person_id, start, end, f"{name} ({date_span(start, end)}{note})"))
    result = {}
    for leave_request in requests:
        result[leave_request.pk] = [
            line
            for person_id, start, end, line in by_team.get(leave_request.person.team_id, [])
            if person_id != leave_request.person_id
            and start <= leave_request.end_date
            and end >= leave_request.start_date
        ]
    return result


def deputies_of(person) -> QuerySet[Deputy]:
    return Deputy.objects.filter(person=person).select_related("deputy").order_by("-start_date")


def deputies_visible_to(user) -> QuerySet[Deputy]:
    """Deputy periods the user may see and remove: their own; every one for office managers."""
    deputies = Deputy.objects.select_related("person", "deputy", "created_by").order_by("-start_date", "pk")
    if is_office_manager(user):
        return deputies
    return deputies.filter(person=user)
