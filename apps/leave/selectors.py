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
from apps.leave.services._common import holidays_for_subdivision, is_office_manager, round_days
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


def balances_bulk(people: Iterable, *, on: dt.date | None = None) -> dict[int, list[Balance]]:
    """Balances of many people at once: one aggregate query grouped by person and type, one for the
    pending requests, one for the types (and the policy row)."""
    ids = [getattr(p, "pk", p) for p in people]
    on = on or timezone.localdate()
    policy = LeavePolicy.load()
    types = balance_types()
    current = periods.period_start(on, month=policy.period_start_month, day_of_month=policy.period_start_day)
    previous = periods.shift_years(current, -1)
    this_year = periods.year_start(on)
    paid = Q(leave_type__kind=LeaveKind.PAID)
    consuming = Q(kind__in=CONSUMING_KINDS)
    acquired_bucket = (paid & Q(period=previous)) | (~paid & Q(period=this_year))
    current_bucket = paid & Q(period=current)
    rows = (
        LedgerEntry.objects.filter(person_id__in=ids, leave_type__in=types)
        .values("person_id", "leave_type_id")
        .annotate(
            total=Sum("days"),
            acquired=Sum("days", filter=acquired_bucket & ~consuming),
            being=Sum("days", filter=current_bucket & ~consuming),
            taken=Sum("days", filter=(acquired_bucket | current_bucket) & consuming),
        )
        .order_by()
    )
    sums = {(r["person_id"], r["leave_type_id"]): r for r in rows}
    pending_rows = (
        LeaveRequest.objects.filter(person_id__in=ids, leave_type__in=types, status=LeaveStatus.PENDING)
        .values_list("person_id", "leave_type_id")
        .annotate(total=Sum("days"))
        .order_by()
    )
    pending = {(person_id, type_id): total for person_id, type_id, total in pending_rows}
    result: dict[int, list[Balance]] = {}
    for person_id in ids:
        balances = []
        for leave_type in types:
            row = sums.get((person_id, leave_type.pk), {})
            balances.append(
                Balance(
                    leave_type=leave_type,
                    # SQLite sums decimals as floats: round back to the ledger's 2 decimals.
                    acquired=round_days(row.get("acquired") or ZERO),
                    being_acquired=round_days(row.get("being") or ZERO),
                    taken=round_days(-(row.get("taken") or ZERO)),
                    pending=round_days(pending.get((person_id, leave_type.pk), ZERO)),
                    balance=round_days(row.get("total") or ZERO),
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
    return ApprovalStep.objects.filter(who, decision=Decision.PENDING).exclude(request__person=user)


def leave_requests_pending_for(user) -> list[LeaveRequest]:
    """Requests (to approve, or cancellations to confirm) the user must decide now, oldest first.

    Each request carries ``current_step`` (its open ApprovalStep, whose ``on_behalf_of`` says for
    whom a stand-in decides). Two queries whatever the number of requests.
    """
    steps = list(
        _pending_steps_for(user)
        .select_related(
            "approver",
            "on_behalf_of",
            "request__person",
            "request__person__team",
            "request__leave_type",
            "request__submitted_by",
        )
        .order_by("request__created_at", "pk")
    )
    earlier = defaultdict(list)
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


@dataclass(frozen=True)
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


@dataclass
class Calendar:
    people: list
    absences: list[Absence]
    holidays: dict[int | None, dict[dt.date, str]] = field(default_factory=dict)  # site id → date → name

    def absences_of(self, person_id: int) -> list[Absence]:
        return [a for a in self.absences if a.person_id == person_id]


NEUTRAL_COLOUR = "#6c757d"


def calendar_people(user) -> QuerySet:
    """People whose absences the user may see: everyone (office manager, director), their teams
    (manager: managed teams and their own), their own team (staff)."""
    people = get_user_model().objects.filter(is_active=True)
    if not (is_office_manager(user) or user.is_director):
        team_ids = set(user.managed_team_ids)
        if user.team_id:
            team_ids.add(user.team_id)
        people = people.filter(Q(team_id__in=team_ids) | Q(pk=user.pk))
    return people.select_related("team", "site").order_by("last_name", "first_name")


def _sees_type(user, leave_request: LeaveRequest) -> bool:
    if leave_request.person_id == user.pk or is_office_manager(user):
        return True
    if leave_request.leave_type.is_private:
        return False
    return user.is_director or leave_request.person.team_id in user.managed_team_ids


def team_calendar(user, start: dt.date, end: dt.date) -> Calendar:
    """Absences between ``start`` and ``end`` (inclusive) of the people ``user`` may see, plus the
    public holidays of their sites. Three queries for any number of people."""
    people = list(calendar_people(user))
    by_id = {p.pk: p for p in people}
    leaves = (
        LeaveRequest.objects.filter(
            person_id__in=list(by_id),
            status__in=ACTIVE_STATUSES,
            start_date__lte=end,
            end_date__gte=start,
        )
        .select_related("leave_type")
        .order_by("start_date", "pk")
    )
    absences = []
    for leave in leaves:
        leave.person = by_id[leave.person_id]
        visible = _sees_type(user, leave)
        absences.append(
            Absence(
                person_id=leave.person_id,
                request_id=leave.pk,
                start=leave.start_date,
                start_half=leave.start_half,
                end=leave.end_date,
                end_half=leave.end_half,
                pending=leave.status == LeaveStatus.PENDING,
                label=leave.leave_type.name if visible else str(_("Absent")),
                colour=leave.leave_type.colour if visible else NEUTRAL_COLOUR,
                leave_type=leave.leave_type if visible else None,
                days=leave.days,
            )
        )
    holidays: dict[int | None, dict[dt.date, str]] = {}
    sites = {p.site_id: p.site for p in people}
    for site_id, site in sites.items():
        calendar = holidays_for_subdivision(site.holiday_subdivision if site else "", start.year, end.year)
        holidays[site_id] = {day: name for day, name in sorted(calendar.items()) if start <= day <= end}
    return Calendar(people=people, absences=absences, holidays=holidays)
