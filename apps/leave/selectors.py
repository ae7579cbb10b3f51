"""Every read of the leave app, scoped to what the user may see, in a bounded number of queries.

Balances
    ``balances_for(person, *, on=None) -> list[Balance]`` and ``balances_bulk(people, *, on=None)
    -> dict[person_id, list[Balance]]`` (3 queries whatever the number of people). A Balance per
    balance type: ``acquired`` (takeable: CP earned in the previous period, carried-over days
    included; other types: this year's credits), ``being_acquired`` (CP earned in the current
    period), ``taken`` (days used from those buckets), ``pending`` (days of pending requests),
    ``balance`` (sum of every entry) and ``balance_after_pending``.
    ``ledger_entries_for(person, leave_type=None)``: the entries behind a balance.

Requests
    ``leave_requests_visible_to(user)``: own requests; a manager's team; everyone's for office
    managers and the director. ``leave_requests_of(person)``: one person's.
    ``leave_requests_pending_for(user)`` / ``leave_requests_pending_count_for(user)``: what the user
    must decide now (as approver, deputy, absent approver or office-manager fallback).
    ``can_decide(user, request) -> bool``. ``deputies_of(person)``.

Calendar
    ``team_calendar(user, start, end) -> Calendar``: people the user may see, their absences
    (approved, and pending flagged) with half days, sick leave shown as "absent" except to the
    person and office managers, staff see "absent" for colleagues; public holidays per site.

Payroll: see apps/leave/payroll.py.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Site, Team
from apps.leave import periods
from apps.leave.models import (
    ACTIVE_STATUSES,
    CONSUMING_KINDS,
    ApprovalStep,
    Decision,
    Deputy,
    LeaveKind,
    LeavePolicy,
    LeaveRequest,
    LeaveStatus,
    LeaveType,
    LedgerEntry,
)
from apps.leave.services._common import holidays_between, is_office_manager, round_days
from apps.leave.services.approvals import user_can_decide_step

ZERO = Decimal(0)


@dataclass(frozen=True)
class Balance:
    leave_type: LeaveType
    acquired: Decimal
    being_acquired: Decimal
    taken: Decimal
    pending: Decimal
    balance: Decimal

    @property
    def balance_after_pending(self) -> Decimal:
        return self.balance - self.pending


def balance_types() -> list[LeaveType]:
    return list(LeaveType.objects.filter(counts_against_balance=True, active=True))


def _decimal(value) -> Decimal:
    # SQLite sums decimals as floats; PostgreSQL gives Decimals.
    return value if isinstance(value, Decimal) else Decimal(str(value or 0))


def balances_bulk(people: Iterable, *, on: dt.date | None = None) -> dict[int, list[Balance]]:
    """Balances of many people at once: one query for the policy, one for the types, one summing
    the ledger grouped by person, type, period and kind (a few dozen rows a person, sorted into
    buckets here: cheaper to build than one SUM … FILTER per bucket) and one for the pending
    requests."""
    ids = [getattr(p, "pk", p) for p in people]
    on = on or timezone.localdate()
    policy = LeavePolicy.load()
    types = balance_types()
    type_ids = [t.pk for t in types]
    paid_ids = {t.pk for t in types if t.kind == LeaveKind.PAID}
    current = periods.period_start(on, month=policy.period_start_month, day_of_month=policy.period_start_day)
    previous = periods.shift_years(current, -1)
    this_year = periods.year_start(on)
    rows = (
        LedgerEntry.objects.filter(person_id__in=ids, leave_type_id__in=type_ids)
        .values_list("person_id", "leave_type_id", "period", "kind")
        .annotate(total=Sum("days"))
        .order_by()
    )
    # (person, type) -> [balance, acquired, being acquired, taken (negative)]
    sums: dict[tuple[int, int], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO, ZERO])
    for person_id, type_id, period, kind, total in rows:
        total = _decimal(total)
        row = sums[person_id, type_id]
        row[0] += total
        paid = type_id in paid_ids
        acquired_bucket = period == (previous if paid else this_year)
        current_bucket = paid and period == current
        if kind in CONSUMING_KINDS:
            if acquired_bucket or current_bucket:
                row[3] += total
        elif acquired_bucket:
            row[1] += total
        elif current_bucket:
            row[2] += total
    pending_rows = (
        LeaveRequest.objects.filter(person_id__in=ids, leave_type_id__in=type_ids, status=LeaveStatus.PENDING)
        .values_list("person_id", "leave_type_id")
        .annotate(total=Sum("days"))
        .order_by()
    )
    pending = {(person_id, type_id): _decimal(total) for person_id, type_id, total in pending_rows}
    empty = [ZERO, ZERO, ZERO, ZERO]
    result: dict[int, list[Balance]] = {}
    for person_id in ids:
        balances = []
        for leave_type in types:
            total, acquired, being, taken = sums.get((person_id, leave_type.pk), empty)
            balances.append(
                Balance(
                    leave_type=leave_type,
                    acquired=round_days(acquired),
                    being_acquired=round_days(being),
                    taken=round_days(-taken),
                    pending=round_days(pending.get((person_id, leave_type.pk), ZERO)),
                    balance=round_days(total),
                )
            )
        result[person_id] = balances
    return result


def balances_for(person, *, on: dt.date | None = None) -> list[Balance]:
    return balances_bulk([person], on=on)[person.pk]


def ledger_entries_for(person, leave_type: LeaveType | None = None) -> QuerySet[LedgerEntry]:
    entries = LedgerEntry.objects.filter(person=person).select_related("leave_type", "author", "request")
    if leave_type is not None:
        entries = entries.filter(leave_type=leave_type)
    return entries.order_by("-date", "-pk")


def _with_details(requests: QuerySet[LeaveRequest]) -> QuerySet[LeaveRequest]:
    return requests.select_related("person", "person__team", "leave_type", "submitted_by").prefetch_related(
        Prefetch(
            "steps",
            queryset=ApprovalStep.objects.select_related("approver", "on_behalf_of", "decided_by").order_by(
                "created_at", "pk"
            ),
        )
    )


def leave_requests_of(person) -> QuerySet[LeaveRequest]:
    return _with_details(LeaveRequest.objects.filter(person=person))


def leave_requests_visible_to(user) -> QuerySet[LeaveRequest]:
    """Requests the user may open: their own, their teams' (manager), everyone's (office manager,
    director). Anything else is a 404 for the views."""
    requests = LeaveRequest.objects.all()
    if not (is_office_manager(user) or user.is_director):
        requests = requests.filter(
            Q(person=user)
            | Q(person__team_id__in=user.managed_team_ids)
            | Q(steps__approver=user)
            | Q(steps__on_behalf_of=user)
        ).distinct()
    return _with_details(requests)


def _pending_steps_for(user) -> QuerySet[ApprovalStep]:
    who = Q(approver=user) | Q(on_behalf_of=user)
    if is_office_manager(user):
        who |= Q(approver__isnull=True)
    return ApprovalStep.objects.filter(who, decision=Decision.PENDING).exclude(request__person_id=user.pk)


# What the approvals list shows: the step, the request's dates and days, the person's name and team,
# the type (its name, or “Absence” when private), the stand-in's name. Fetching only these columns
# of the six tables joined keeps the query cheap to build as well as to run (the inbox badge and
# the list are on many pages).
_PENDING_FIELDS = (
    "request_id",
    "purpose",
    "step",
    "approver_id",
    "decision",
    "created_at",
    "on_behalf_of__first_name",
    "on_behalf_of__last_name",
    "on_behalf_of__email",
    "request__person_id",
    "request__leave_type_id",
    "request__start_date",
    "request__start_half",
    "request__end_date",
    "request__end_half",
    "request__days",
    "request__status",
    "request__created_at",
    "request__person__first_name",
    "request__person__last_name",
    "request__person__email",
    "request__person__team_id",
    "request__leave_type__code",
    "request__leave_type__name",
    "request__leave_type__kind",
    "request__leave_type__colour",
    "request__leave_type__is_private",
    "request__leave_type__document_private",
)


def leave_requests_pending_for(user, *, history: bool = True) -> list[LeaveRequest]:
    """Requests (to approve, or cancellations to confirm) the user must decide now, oldest first.

    Each request carries ``current_step`` (its open ApprovalStep, whose ``on_behalf_of`` says for
    whom a stand-in decides) and, with ``history``, ``earlier_steps`` (the decisions already taken).
    Two queries whatever the number of requests (one without the history). The rows hold the
    columns the approvals list shows; any other field is loaded when read.
    """
    steps = list(
        _pending_steps_for(user)
        .select_related("on_behalf_of", "request__person", "request__leave_type")
        .only(*_PENDING_FIELDS)
        .order_by("request__created_at", "pk")
    )
    earlier = defaultdict(list)
    if history and steps:
        for step in (
            ApprovalStep.objects.filter(request_id__in=[s.request_id for s in steps])
            .exclude(decision=Decision.PENDING)
            .select_related("decided_by", "on_behalf_of")
            .order_by("created_at", "pk")
        ):
            earlier[step.request_id].append(step)
    result = []
    for step in steps:
        leave_request = step.request
        leave_request.current_step = step
        if history:
            leave_request.earlier_steps = earlier[leave_request.pk]
        result.append(leave_request)
    return result


def leave_requests_pending_count_for(user) -> int:
    """The inbox badge: one COUNT."""
    return _pending_steps_for(user).count()


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


def deputies_of(person) -> QuerySet[Deputy]:
    return Deputy.objects.filter(person=person).select_related("deputy").order_by("-start_date")


@dataclass(frozen=True, slots=True)
class Absence:
    person_id: int
    request_id: int
    start: dt.date
    start_half: str
    end: dt.date
    end_half: str
    pending: bool
    label: str
    colour: str
    leave_type: LeaveType | None  # None when the viewer may not know the type
    days: Decimal


@dataclass(frozen=True, slots=True)
class CalendarPerson:
    """A person on the calendar: the few fields shown, not a full User (the office manager's
    calendar holds everyone; building 250 users with their team and site is most of its cost).
    ``team`` and ``site`` are shared Team/Site instances with only their name (and the site's
    holiday subdivision) loaded."""

    pk: int
    first_name: str
    last_name: str
    email: str
    team_id: int | None
    site_id: int | None
    team: Team | None
    site: Site | None

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def __str__(self) -> str:
        return self.get_full_name() or self.email


@dataclass
class Calendar:
    people: list[CalendarPerson]
    absences: list[Absence]
    holidays: dict[int | None, dict[dt.date, str]] = field(default_factory=dict)  # site id → date → name

    def absences_of(self, person_id: int) -> list[Absence]:
        return [a for a in self.absences if a.person_id == person_id]


NEUTRAL_COLOUR = "#6c757d"


def _sees_everyone(user) -> bool:
    return is_office_manager(user) or user.is_director


def calendar_people(user) -> QuerySet:
    """People whose absences the user may see: everyone (office manager, director), their teams
    (manager: managed teams and their own), their own team (staff)."""
    people = get_user_model().objects.filter(is_active=True)
    if not _sees_everyone(user):
        team_ids = set(user.managed_team_ids)
        if user.team_id:
            team_ids.add(user.team_id)
        people = people.filter(Q(team_id__in=team_ids) | Q(pk=user.pk))
    return people.order_by("last_name", "first_name")


_PERSON_FIELDS = (
    "pk",
    "first_name",
    "last_name",
    "email",
    "team_id",
    "team__name",
    "site_id",
    "site__name",
    "site__holiday_subdivision",
)


def _calendar_people_light(user) -> list[CalendarPerson]:
    """calendar_people() as light rows, with their team and site in the same query."""
    teams: dict[int, Team] = {}
    sites: dict[int, Site] = {}
    people = []
    for pk, first, last, email, team_id, team_name, site_id, site_name, subdivision in calendar_people(
        user
    ).values_list(*_PERSON_FIELDS):
        team = None
        if team_id is not None:
            team = teams.get(team_id)
            if team is None:
                team = teams[team_id] = Team.from_db(None, ["id", "name"], [team_id, team_name])
        site = None
        if site_id is not None:
            site = sites.get(site_id)
            if site is None:
                site = sites[site_id] = Site.from_db(
                    None, ["id", "name", "holiday_subdivision"], [site_id, site_name, subdivision]
                )
        people.append(CalendarPerson(pk, first, last, email, team_id, site_id, team, site))
    return people


def team_calendar(user, start: dt.date, end: dt.date) -> Calendar:
    """Absences between ``start`` and ``end`` (inclusive) of the people ``user`` may see, plus the
    public holidays of their sites. Three queries for any number of people, read as plain rows:
    the types are the only model instances (a dozen)."""
    people = _calendar_people_light(user)
    team_of = {p.pk: p.team_id for p in people}
    types = {t.pk: t for t in LeaveType.objects.all()}
    rows = (
        LeaveRequest.objects.filter(
            # A subquery, not the ids: a list of 250 parameters costs more to bind than to run.
            person_id__in=calendar_people(user).order_by().values("pk"),
            status__in=ACTIVE_STATUSES,
            start_date__lte=end,
            end_date__gte=start,
        )
        .order_by("start_date", "pk")
        .values_list(
            "pk", "person_id", "leave_type_id", "start_date", "start_half", "end_date", "end_half", "status", "days"
        )
    )
    # Who sees the type: the person and office managers always; the director and the team's
    # manager unless the type is private (sick leave); colleagues never. Decided per viewer once.
    office = is_office_manager(user)
    director = user.is_director
    managed = set(user.managed_team_ids)
    absent = str(_("Absent"))
    absences = []
    for pk, person_id, type_id, start_date, start_half, end_date, end_half, status, days in rows:
        leave_type = types[type_id]
        visible = (
            person_id == user.pk
            or office
            or (not leave_type.is_private and (director or team_of[person_id] in managed))
        )
        absences.append(
            Absence(
                person_id=person_id,
                request_id=pk,
                start=start_date,
                start_half=start_half,
                end=end_date,
                end_half=end_half,
                pending=status == LeaveStatus.PENDING,
                label=leave_type.name if visible else absent,
                colour=leave_type.colour if visible else NEUTRAL_COLOUR,
                leave_type=leave_type if visible else None,
                days=days,
            )
        )
    holidays: dict[int | None, dict[dt.date, str]] = {}
    sites = {p.site_id: p.site for p in people}
    for site_id, site in sites.items():
        subdivision = site.holiday_subdivision if site else ""
        holidays[site_id] = holidays_between(subdivision, start, end)
    return Calendar(people=people, absences=absences, holidays=holidays)
