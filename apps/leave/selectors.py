"""Every read of the leave app, scoped to what the user may see, in a bounded number of queries.

Balances
    ``balances_for(person, *, on=None) -> list[Balance]`` (two queries compiled once per process)
    and ``balances_bulk(people, *, on=None) -> dict[person_id, list[Balance]]`` (four queries
    whatever the number of people). A Balance per balance type: ``acquired`` (takeable: CP
    earned in the previous period, carried-over days included; other types: this year's
    credits), ``being_acquired`` (CP earned in the current period), ``taken`` (days used from
    those buckets), ``pending`` (days of pending requests), ``balance`` (sum of every entry) and
    ``balance_after_pending``.
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
    In apps/leave/calendar_selectors.py, re-exported here.

Payroll: see apps/leave/payroll.py.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DateField, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.utils import timezone

from apps.accounts.models import User
from apps.core.prepared import prepared
from apps.leave import periods
from apps.leave.calendar_selectors import (  # noqa: F401 - re-exported: the calendar reads
    NEUTRAL_COLOUR,
    Absence,
    Calendar,
    CalendarPerson,
    calendar_people,
    team_calendar,
)
from apps.leave.models import (
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
from apps.leave.services._common import is_office_manager, round_days
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


def _buckets(
    rows: Iterable[tuple], *, paid_ids: set[int], previous: dt.date, current: dt.date, this_year: dt.date
) -> dict[tuple[int, int], list[Decimal]]:
    """(person, type) -> [balance, acquired, being acquired, taken (negative)] from the ledger's
    (person, type, period, kind, total) sums."""
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
    return sums


def _periods(on: dt.date, period_start_month: int, period_start_day: int) -> dict[str, dt.date]:
    current = periods.period_start(on, month=period_start_month, day_of_month=period_start_day)
    return {"current": current, "previous": periods.shift_years(current, -1), "this_year": periods.year_start(on)}


def _balances(
    ids: list[int], types: list[LeaveType], sums: dict, pending: dict[tuple[int, int], Decimal]
) -> dict[int, list[Balance]]:
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
    rows = (
        LedgerEntry.objects.filter(person_id__in=ids, leave_type_id__in=type_ids)
        .values_list("person_id", "leave_type_id", "period", "kind")
        .annotate(total=Sum("days"))
        .order_by()
    )
    sums = _buckets(rows, paid_ids=paid_ids, **_periods(on, policy.period_start_month, policy.period_start_day))
    pending_rows = (
        LeaveRequest.objects.filter(person_id__in=ids, leave_type_id__in=type_ids, status=LeaveStatus.PENDING)
        .values_list("person_id", "leave_type_id")
        .annotate(total=Sum("days"))
        .order_by()
    )
    pending = {(person_id, type_id): _decimal(total) for person_id, type_id, total in pending_rows}
    return _balances(ids, types, sums, pending)


# One person's balances (their own page, the office manager's page for one person): the same
# reads as balances_bulk() in two queries compiled once per process. The policy's period start
# rides along with the types (it only matters when there are types to count), and the pending
# requests' sums with the ledger's, marked with a kind no ledger entry has.
_BALANCE_TYPE = {"leave_type__counts_against_balance": True, "leave_type__active": True}
_TYPE_COLUMNS = tuple(f.attname for f in LeaveType._meta.concrete_fields)
_PENDING_KIND = "pending"


@prepared()
def _balance_types_and_period(p):
    policy = LeavePolicy.objects.filter(pk=1)
    return (
        LeaveType.objects.filter(counts_against_balance=True, active=True)
        .annotate(
            policy_month=Subquery(policy.values("period_start_month")),
            policy_day=Subquery(policy.values("period_start_day")),
        )
        .values_list(*_TYPE_COLUMNS, "policy_month", "policy_day")
    )


@prepared(person=int)
def _balance_sums(p):
    ledger = (
        LedgerEntry.objects.filter(person_id=p.person, **_BALANCE_TYPE)
        .values_list("leave_type_id", "period", "kind")
        .annotate(total=Sum("days"))
        .order_by()
    )
    pending = (
        LeaveRequest.objects.filter(person_id=p.person, status=LeaveStatus.PENDING, **_BALANCE_TYPE)
        .annotate(period=Value(None, output_field=DateField()), kind=Value(_PENDING_KIND))
        .values_list("leave_type_id", "period", "kind")
        .annotate(total=Sum("days"))
        .order_by()
    )
    return ledger.union(pending, all=True)


def balances_for(person, *, on: dt.date | None = None) -> list[Balance]:
    """balances_bulk() for one person, in two queries compiled once per process."""
    rows = _balance_types_and_period.rows()
    if not rows:
        return []
    types = [LeaveType.from_db("default", _TYPE_COLUMNS, row[:-2]) for row in rows]
    period = rows[0][-2:]
    if period[0] is None:
        policy = LeavePolicy.load()
        period = (policy.period_start_month, policy.period_start_day)
    paid_ids = {t.pk for t in types if t.kind == LeaveKind.PAID}
    ledger, pending = [], {}
    for type_id, entry_period, kind, total in _balance_sums.rows(person=person.pk):
        if kind == _PENDING_KIND:
            pending[person.pk, type_id] = _decimal(total)
        else:
            ledger.append((person.pk, type_id, entry_period, kind, total))
    on = on or timezone.localdate()
    sums = _buckets(ledger, paid_ids=paid_ids, **_periods(on, *period))
    return _balances([person.pk], types, sums, pending)[person.pk]


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


# “The step is open”: in the prepared reads PostgreSQL gets it written into the SQL (prepared.py),
# so the plan it keeps uses the partial index on the open steps (approvalstep_one_open_per_request).
_OPEN_STEP = Q(decision=Decision.PENDING)


def _pending_steps(user_id, *, office: bool) -> QuerySet[ApprovalStep]:
    """The open steps ``user_id`` decides (as approver or stand-in; unassigned ones too for an
    office manager), never on their own requests."""
    who = Q(approver_id=user_id) | Q(on_behalf_of_id=user_id)
    if office:
        who |= Q(approver__isnull=True)
    # Their own requests left out by a subquery, not a join: the same rows, a plan cheaper to make.
    own = LeaveRequest.objects.filter(person_id=user_id).values("pk")
    return ApprovalStep.objects.filter(who, _OPEN_STEP).exclude(request_id__in=own)


def _pending_steps_for(user) -> QuerySet[ApprovalStep]:
    return _pending_steps(user.pk, office=is_office_manager(user))


def _model_order(model, names: Iterable[str]) -> tuple[str, ...]:
    """``names`` in the model's field order, as Model.from_db() reads a partial row."""
    wanted = set(names)
    return tuple(f.attname for f in model._meta.concrete_fields if f.attname in wanted)


# What the approvals list shows, read as plain columns and made into the model instances (step,
# request, person, type) here: the step's, the request's dates and days, the person's name and
# team, the type (its name, or “Absence” when private). Any other field is loaded when read. The
# stand-ins (a deputy or the office manager deciding for someone) are rare: read apart, and only
# when there are some, which keeps a join out of the query on every page.
_STEP_COLUMNS = _model_order(ApprovalStep, ("id", "request_id", "purpose", "step", "approver_id", "on_behalf_of_id"))
_STAND_IN_COLUMNS = ("id", "first_name", "last_name", "email")
_REQUEST_COLUMNS = _model_order(
    LeaveRequest,
    (
        "id",
        "person_id",
        "leave_type_id",
        "start_date",
        "start_half",
        "end_date",
        "end_half",
        "days",
        "status",
        "created_at",
    ),
)
_PERSON_COLUMNS = _model_order(User, ("id", "first_name", "last_name", "email", "team_id"))
_PENDING_TYPE_COLUMNS = _model_order(LeaveType, ("id", "code", "name", "privacy"))


def _pending_columns() -> list[str]:
    # Each related row's id is the foreign key already read (step.request_id, request.person_id,
    # request.leave_type_id): not read twice.
    return [
        *_STEP_COLUMNS,
        *(f"request__{c}" for c in _REQUEST_COLUMNS[1:]),
        *(f"request__person__{c}" for c in _PERSON_COLUMNS[1:]),
        *(f"request__leave_type__{c}" for c in _PENDING_TYPE_COLUMNS[1:]),
    ]


@prepared(user=int)
def _pending_rows(p, *, office: bool):
    steps = _pending_steps(p.user, office=office).order_by("request__created_at", "pk")
    return steps.values_list(*_pending_columns())


@prepared(user=int)
def _pending_count(p, *, office: bool):
    return _pending_steps(p.user, office=office).values_list("pk")


_STEP_END, _REQUEST_END, _PERSON_END = itertools.accumulate(
    map(len, (_STEP_COLUMNS, _REQUEST_COLUMNS[1:], _PERSON_COLUMNS[1:]))
)


def _pending_request(row: tuple) -> LeaveRequest:
    """The request of one _pending_rows row, its ``current_step`` set (without its stand-in)."""
    step = ApprovalStep.from_db("default", _STEP_COLUMNS, row[:_STEP_END])
    step.decision = Decision.PENDING  # what the query asked for
    leave_request = LeaveRequest.from_db("default", _REQUEST_COLUMNS, (step.request_id, *row[_STEP_END:_REQUEST_END]))
    leave_request.person = User.from_db(
        "default", _PERSON_COLUMNS, (leave_request.person_id, *row[_REQUEST_END:_PERSON_END])
    )
    leave_request.leave_type = LeaveType.from_db(
        "default", _PENDING_TYPE_COLUMNS, (leave_request.leave_type_id, *row[_PERSON_END:])
    )
    step.request = leave_request
    leave_request.current_step = step
    return leave_request


def leave_requests_pending_for(user, *, history: bool = True) -> list[LeaveRequest]:
    """Requests (to approve, or cancellations to confirm) the user must decide now, oldest first.

    Each request carries ``current_step`` (its open ApprovalStep, whose ``on_behalf_of`` says for
    whom a stand-in decides) and, with ``history``, ``earlier_steps`` (the decisions already taken).
    One query compiled once per process, one more for the history, one more when a stand-in
    decides, whatever the number of requests. The rows hold the columns the approvals list shows;
    any other field is loaded when read.
    """
    result = [_pending_request(row) for row in _pending_rows.rows(user=user.pk, office=is_office_manager(user))]
    stand_in_ids = {r.current_step.on_behalf_of_id for r in result} - {None}
    if stand_in_ids:
        stand_ins = User.objects.only(*_STAND_IN_COLUMNS).in_bulk(stand_in_ids)
        for leave_request in result:
            step = leave_request.current_step
            if step.on_behalf_of_id is not None:
                step.on_behalf_of = stand_ins[step.on_behalf_of_id]
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


def pending_count_query(user):
    """The prepared count of what the user must decide, and its arguments (the layout's badge)."""
    return _pending_count, {"user": user.pk, "office": is_office_manager(user)}


def leave_requests_pending_count_for(user) -> int:
    """What the user must decide now: one COUNT, compiled once per process."""
    query, params = pending_count_query(user)
    return query.count(**params)


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
