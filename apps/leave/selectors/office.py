"""The office manager's reads: the dashboard's figures, the people whose balances they keep, the
types of leave they configure."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet, Value

from apps.leave.models import TAKEN_STATUSES, LeaveRequest, LeaveStatus, LeaveType
from apps.leave.services._common import is_office_manager

_WAITING = (LeaveStatus.PENDING, LeaveStatus.CANCELLATION_REQUESTED)


def dashboard_summary(day: dt.date) -> tuple[int, list[str]]:
    """(requests waiting for a decision, names of the people on leave on ``day``, by name) in one
    query; the rows are at most the open requests plus the day's absences, never the history.

    The query has two parts, each cheap for PostgreSQL to plan (one WHERE … OR … over the join
    costs more to plan than both to run): the open requests without names, and, marked ``away``,
    the leave taken on ``day`` of active people or still open, with names."""
    no_name = Value("")
    waiting = Q(status__in=_WAITING)
    open_requests = (
        LeaveRequest.objects.filter(waiting)
        .annotate(away=Value(False), first_name=no_name, last_name=no_name)
        .values_list("away", "person_id", "first_name", "last_name")
    )
    away_on_day = (
        LeaveRequest.objects.filter(
            Q(person__is_active=True) | waiting, status__in=TAKEN_STATUSES, start_date__lte=day, end_date__gte=day
        )
        .annotate(away=Value(True))
        .values_list("away", "person_id", "person__first_name", "person__last_name")
    )
    rows = (
        open_requests.order_by()
        .union(away_on_day.order_by(), all=True)
        .order_by("last_name", "first_name", "person_id")
    )
    pending, names, seen = 0, [], set()
    for away, person_id, first_name, last_name in rows:
        if not away:
            pending += 1
        elif person_id not in seen:
            seen.add(person_id)
            names.append(f"{first_name} {last_name}".strip())
    return pending, names


def people_away_between(start: dt.date, end: dt.date) -> int:
    """How many people (active accounts) are away on leave, taken or being cancelled, on at least one
    day from ``start`` to ``end``: the director's “away this week”. One query."""
    return (
        LeaveRequest.objects.filter(
            person__is_active=True, status__in=TAKEN_STATUSES, start_date__lte=end, end_date__gte=start
        )
        .order_by()
        .values("person_id")
        .distinct()
        .count()
    )


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


def active_leave_types() -> QuerySet[LeaveType]:
    """The types a new request may take (the request form's choices)."""
    return LeaveType.objects.filter(active=True).order_by("order", "name")


def all_leave_types() -> QuerySet[LeaveType]:
    return LeaveType.objects.order_by("-active", "order", "name")
