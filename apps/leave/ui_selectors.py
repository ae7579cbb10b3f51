"""Reads the leave pages need beyond apps/leave/selectors.py: each scoped to the viewer, each in a
bounded number of queries whatever the number of people or requests."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.contrib.auth import get_user_model
from django.db.models import Count, DateField, Q, QuerySet, Subquery, Sum, Value
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from apps.core.dates import date_text
from apps.core.prepared import Opaque, prepared
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
from apps.leave.services._common import is_office_manager, round_days, sees_details


def type_label(user, leave_request: LeaveRequest) -> str:
    return leave_request.leave_type.name if sees_details(user, leave_request) else str(_("Absence"))


@dataclass(frozen=True, slots=True)
class TypeLabel:
    name: str
    colour: str


@dataclass(frozen=True, slots=True)
class RequestRow:
    """A row of a person's own request list: what the list shows, not a full LeaveRequest."""

    pk: int
    start_date: dt.date
    start_half: str
    end_date: dt.date
    end_half: str
    days: Decimal
    status: str
    leave_type: TypeLabel


@prepared(person=int)
def _my_request_rows(p):
    return (
        LeaveRequest.objects.filter(person_id=p.person)
        .order_by("-start_date", "-pk")
        .values_list(
            "pk",
            "start_date",
            "start_half",
            "end_date",
            "end_half",
            "days",
            "status",
            "leave_type_id",
            "leave_type__name",
            "leave_type__colour",
        )
    )


def my_requests(person) -> list[RequestRow]:
    """One person's requests for their own page, latest first (no steps needed there): one query,
    compiled once per process, read as plain rows."""
    types: dict[int, TypeLabel] = {}
    rows = []
    for pk, start, start_half, end, end_half, days, status, type_id, type_name, colour in _my_request_rows.rows(
        person=person.pk
    ):
        leave_type = types.get(type_id)
        if leave_type is None:
            leave_type = types[type_id] = TypeLabel(type_name, colour)
        rows.append(RequestRow(pk, start, start_half, end, end_half, days, status, leave_type))
    return rows


def split_upcoming(requests: Iterable[RequestRow], today: dt.date) -> tuple[list, list]:
    upcoming, past = [], []
    for leave_request in requests:
        (upcoming if leave_request.end_date >= today else past).append(leave_request)
    upcoming.reverse()  # soonest first
    return upcoming, past


def date_span(start: dt.date, end: dt.date) -> str:
    """“4–8 May” style, short and localised."""
    return _date_span(start, end, get_language())


@lru_cache(maxsize=4096)
def _date_span(start: dt.date, end: dt.date, language: str | None) -> str:
    # The language is part of the key: the result depends on it.
    if start == end:
        return date_text(start, "j N")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{date_text(end, 'j N')}"
    return f"{date_text(start, 'j N')}–{date_text(end, 'j N')}"


def _team_leave(team_ids, first, last) -> QuerySet:
    """The leave from ``first`` to ``last`` of the active people of the teams."""
    return (
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


# The requests someone decides come from one team or a few: up to TEAM_SLOTS teams, the query is
# compiled once per process, the unused slots repeating a team (IN (3, 5, 5, 5) is IN (3, 5)).
TEAM_SLOTS = 4


@prepared(first=dt.date, last=dt.date, team_1=int, team_2=int, team_3=int, team_4=int)
def _team_leave_rows(p):
    return _team_leave([p.team_1, p.team_2, p.team_3, p.team_4], p.first, p.last)


def team_leave_rows(team_ids: list[int], first: dt.date, last: dt.date) -> list[tuple]:
    if len(team_ids) > TEAM_SLOTS:
        return list(_team_leave(team_ids, first, last))
    slots = (team_ids + team_ids[-1:] * TEAM_SLOTS)[:TEAM_SLOTS]
    return _team_leave_rows.rows(first=first, last=last, **{f"team_{n}": t for n, t in enumerate(slots, start=1)})


def also_away(requests: list[LeaveRequest]) -> dict[int, list[str]]:
    """For each request, its team-mates' other leave over the same dates: one query for all of
    them (compiled once per process for up to TEAM_SLOTS teams).

    Names and dates only (never the type), as “Marie Dupont (4–8 May)”."""
    if not requests:
        return {}
    team_ids = sorted({r.person.team_id for r in requests if r.person.team_id})
    if not team_ids:
        return {r.pk: [] for r in requests}
    first = min(r.start_date for r in requests)
    last = max(r.end_date for r in requests)
    others = team_leave_rows(team_ids, first, last)
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


_PAID = {"leave_type__kind": LeaveKind.PAID, "leave_type__counts_against_balance": True}
_WAITING = (LeaveStatus.PENDING, LeaveStatus.CANCELLATION_REQUESTED)


@prepared(person=int)
def _paid_leave_summary(p):
    """The person's paid-leave balance, paid-leave days pending and requests waiting, as three
    scalar subqueries on their own row: one round trip (each sum is NULL without rows)."""
    requests = LeaveRequest.objects.filter(person_id=p.person).order_by().values("person_id")
    return (
        get_user_model()
        .objects.filter(pk=p.person)
        .order_by()
        .annotate(
            balance=Subquery(
                LedgerEntry.objects.filter(person_id=p.person, leave_type__active=True, **_PAID)
                .order_by()
                .values("person_id")
                .annotate(total=Sum("days"))
                .values("total")
            ),
            waiting=Subquery(requests.annotate(n=Count("pk", filter=Q(status__in=_WAITING))).values("n")),
            pending_days=Subquery(
                requests.annotate(d=Sum("days", filter=Q(status=LeaveStatus.PENDING, **_PAID))).values("d")
            ),
        )
        .values_list("balance", "pending_days", "waiting")
    )


def my_paid_leave_summary(person) -> tuple[Decimal, Decimal, int]:
    """(paid-leave balance, paid-leave days pending, requests waiting for a decision) in one query
    compiled once per process, for the home card: the same sums as selectors.balances_for, without
    the buckets."""
    row = _paid_leave_summary.first(person=person.pk)
    balance, pending_days, waiting = row if row is not None else (None, None, None)
    return round_days(balance or 0), round_days(pending_days or 0), waiting or 0


@prepared(day=dt.date)
def _open_and_away_rows(p):
    """The open requests (without names) and, marked ``away``, the leave taken on ``day`` of
    active people or still open, with names: one query in two parts, each cheap for PostgreSQL
    to plan (one WHERE … OR … over the join costs more to plan than both to run). The statuses are
    written into the SQL (prepared.py) and the day hidden from the planner (prepared.Opaque): one
    plan is kept."""
    no_name = Value("")
    waiting = Q(status__in=_WAITING)
    open_requests = (
        LeaveRequest.objects.filter(waiting)
        .annotate(away=Value(False), first_name=no_name, last_name=no_name)
        .values_list("away", "person_id", "first_name", "last_name")
    )
    away = (
        LeaveRequest.objects.filter(
            Q(person__is_active=True) | Q(waiting),
            status__in=TAKEN_STATUSES,
            start_date__lte=Opaque(p.day, DateField()),
            end_date__gte=Opaque(p.day, DateField()),
        )
        .annotate(away=Value(True))
        .values_list("away", "person_id", "person__first_name", "person__last_name")
    )
    return open_requests.order_by().union(away.order_by(), all=True).order_by("last_name", "first_name", "person_id")


def dashboard_summary(day: dt.date) -> tuple[int, list[str]]:
    """(requests waiting for a decision, names of the people on leave on ``day``, by name) in one
    query compiled once per process; the rows are at most the open requests plus today's
    absences, never the history."""
    pending, names, seen = 0, [], set()
    for away, person_id, first_name, last_name in _open_and_away_rows.rows(day=day):
        if not away:
            pending += 1
        elif person_id not in seen:
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
