"""Reads the leave pages need beyond apps/leave/selectors.py: each scoped to the viewer, each in a
bounded number of queries whatever the number of people or requests."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import formats
from django.utils.translation import gettext as _

from apps.leave.models import (
    ACTIVE_STATUSES,
    TAKEN_STATUSES,
    Deputy,
    LeaveKind,
    LeaveRequest,
    LeaveStatus,
    LeaveType,
    LedgerEntry,
)
from apps.leave.services._common import is_office_manager, round_days


def sees_type(user, leave_request: LeaveRequest) -> bool:
    """Whether ``user`` may know the kind of leave of a request they may open: private types (sick
    leave) are for the person and the office managers only."""
    if leave_request.person_id == user.pk or is_office_manager(user):
        return True
    return not leave_request.leave_type.is_private


def type_label(user, leave_request: LeaveRequest) -> str:
    return leave_request.leave_type.name if sees_type(user, leave_request) else str(_("Absence"))


def sees_document(user, leave_request: LeaveRequest) -> bool:
    """The person and office managers see a supporting document; the manager's side only when the
    type's documents are not private (a medical certificate never is shown to the team)."""
    if leave_request.person_id == user.pk or is_office_manager(user):
        return True
    return not (leave_request.leave_type.document_private or leave_request.leave_type.is_private)


def my_requests(person) -> QuerySet[LeaveRequest]:
    """One person's requests for their own page (no steps needed there): one query, with the
    columns the list shows (any other field is loaded when read)."""
    return (
        LeaveRequest.objects.filter(person=person)
        .select_related("leave_type")
        .only(
            "person_id",
            "start_date",
            "start_half",
            "end_date",
            "end_half",
            "days",
            "status",
            "leave_type__name",
            "leave_type__colour",
        )
        .order_by("-start_date", "-pk")
    )


def split_upcoming(requests: Iterable[LeaveRequest], today: dt.date) -> tuple[list, list]:
    upcoming, past = [], []
    for leave_request in requests:
        (upcoming if leave_request.end_date >= today else past).append(leave_request)
    upcoming.reverse()  # soonest first
    return upcoming, past


def date_span(start: dt.date, end: dt.date) -> str:
    """“4–8 May” style, short and localised."""
    if start == end:
        return formats.date_format(start, "j N")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{formats.date_format(end, 'j N')}"
    return f"{formats.date_format(start, 'j N')}–{formats.date_format(end, 'j N')}"


def also_away(requests: list[LeaveRequest]) -> dict[int, list[str]]:
    """For each request, its team-mates' other leave over the same dates: one query for all of them.

    Names and dates only (never the type), as “Marie Dupont (4–8 May)”."""
    if not requests:
        return {}
    team_ids = {r.person.team_id for r in requests if r.person.team_id}
    if not team_ids:
        return {r.pk: [] for r in requests}
    first = min(r.start_date for r in requests)
    last = max(r.end_date for r in requests)
    others = (
        LeaveRequest.objects.filter(
            person__team_id__in=team_ids,
            person__is_active=True,
            status__in=ACTIVE_STATUSES,
            start_date__lte=last,
            end_date__gte=first,
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


def my_paid_leave_summary(person) -> tuple[Decimal, Decimal, int]:
    """(paid-leave balance, paid-leave days pending, requests waiting for a decision) in two
    queries, for the home card: the same sums as selectors.balances_for, without the buckets."""
    paid = {"leave_type__kind": LeaveKind.PAID, "leave_type__counts_against_balance": True}
    balance = LedgerEntry.objects.filter(person=person, leave_type__active=True, **paid).aggregate(total=Sum("days"))[
        "total"
    ]
    waiting = Q(status__in=(LeaveStatus.PENDING, LeaveStatus.CANCELLATION_REQUESTED))
    counts = LeaveRequest.objects.filter(person=person).aggregate(
        waiting=Count("pk", filter=waiting),
        days=Sum("days", filter=Q(status=LeaveStatus.PENDING, **paid)),
    )
    return round_days(balance or 0), round_days(counts["days"] or 0), counts["waiting"]


def dashboard_summary(day: dt.date) -> tuple[int, list[str]]:
    """(requests waiting for a decision, names of the people on leave on ``day``) in one query; the
    rows are at most the open requests plus today's absences, never the history."""
    waiting = Q(status__in=(LeaveStatus.PENDING, LeaveStatus.CANCELLATION_REQUESTED))
    away = Q(status__in=TAKEN_STATUSES, start_date__lte=day, end_date__gte=day, person__is_active=True)
    rows = (
        LeaveRequest.objects.filter(waiting | away)
        .values_list("status", "start_date", "end_date", "person_id", "person__first_name", "person__last_name")
        .order_by("person__last_name", "person__first_name", "person_id")
    )
    pending, names, seen = 0, [], set()
    for status, start, end, person_id, first_name, last_name in rows:
        if status in (LeaveStatus.PENDING, LeaveStatus.CANCELLATION_REQUESTED):
            pending += 1
        if status in TAKEN_STATUSES and start <= day <= end and person_id not in seen:
            seen.add(person_id)
            names.append(f"{first_name} {last_name}".strip())
    return pending, names


def people_for_balances(*, q: str = "", team=None) -> QuerySet:
    """Active people, searchable by name or e-mail, for the office manager's balances page."""
    people = get_user_model().objects.filter(is_active=True).select_related("team")
    if q:
        for word in q.split():
            people = people.filter(
                Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
            )
    if team is not None:
        people = people.filter(team=team)
    return people.order_by("last_name", "first_name", "pk")


def people_visible_for_ledger(user) -> QuerySet:
    """Whose balance history the user may open: office managers see everyone."""
    people = get_user_model().objects.select_related("team")
    return people if is_office_manager(user) else people.none()


def leave_types_for_request(user) -> QuerySet[LeaveType]:
    return LeaveType.objects.filter(active=True).order_by("order", "name")


def all_leave_types() -> QuerySet[LeaveType]:
    return LeaveType.objects.order_by("-active", "order", "name")


def deputies_visible_to(user) -> QuerySet[Deputy]:
    """Deputy periods the user may see and remove: their own; every one for office managers."""
    deputies = Deputy.objects.select_related("person", "deputy", "created_by").order_by("-start_date", "pk")
    if is_office_manager(user):
        return deputies
    return deputies.filter(person=user)
