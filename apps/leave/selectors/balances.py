"""Balances: sums of the ledger (apps/leave/models.py), never stored counters."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, DateField, Q, QuerySet, Subquery, Sum, Value
from django.utils import timezone

from apps.leave import periods
from apps.leave.models import CONSUMING_KINDS, LeaveKind, LeavePolicy, LeaveRequest, LeaveStatus, LeaveType, LedgerEntry
from apps.leave.services._common import round_days

ZERO = Decimal(0)


@dataclass(frozen=True)
class Balance:
    """One person's balance of one type. ``acquired``, ``being_acquired`` and ``taken`` are the
    period's gross movements (earned in the previous period, earned in this one, used from both);
    ``acquired_left`` and ``being_acquired_left`` what remains of each, as a French payslip shows
    them (“CP acquis” and “CP en cours d'acquisition”), which add up to ``balance``. Days being
    acquired are takeable now only when the policy allows it (``anticipation``, congés par
    anticipation): ``available`` is what may be taken today."""

    leave_type: LeaveType
    acquired: Decimal
    being_acquired: Decimal
    taken: Decimal
    pending: Decimal
    balance: Decimal
    acquired_left: Decimal = ZERO
    being_acquired_left: Decimal = ZERO
    anticipation: bool = True

    @property
    def balance_after_pending(self) -> Decimal:
        return self.balance - self.pending

    @property
    def available(self) -> Decimal:
        return self.balance if self.anticipation else self.acquired_left

    @property
    def available_after_pending(self) -> Decimal:
        return self.available - self.pending


def balance_types() -> list[LeaveType]:
    return list(LeaveType.objects.filter(counts_against_balance=True, active=True))


def _decimal(value) -> Decimal:
    # SQLite sums decimals as floats; PostgreSQL gives Decimals.
    return value if isinstance(value, Decimal) else Decimal(str(value or 0))


def _buckets(
    rows: Iterable[tuple], *, paid_ids: set[int], previous: dt.date, current: dt.date, this_year: dt.date
) -> dict[tuple[int, int], list[Decimal]]:
    """(person, type) -> [balance, acquired, being acquired, taken (negative), what is left of the
    days being acquired] from the ledger's (person, type, period, kind, total) sums."""
    sums: dict[tuple[int, int], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO, ZERO, ZERO])
    for person_id, type_id, period, kind, total in rows:
        total = _decimal(total)
        row = sums[person_id, type_id]
        row[0] += total
        paid = type_id in paid_ids
        acquired_bucket = period == (previous if paid else this_year)
        current_bucket = paid and period == current
        if current_bucket:
            row[4] += total
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
    ids: list[int],
    types: list[LeaveType],
    sums: dict,
    pending: dict[tuple[int, int], Decimal],
    *,
    anticipation: bool,
) -> dict[int, list[Balance]]:
    empty = [ZERO, ZERO, ZERO, ZERO, ZERO]
    result: dict[int, list[Balance]] = {}
    for person_id in ids:
        balances = []
        for leave_type in types:
            total, acquired, being, taken, being_left = sums.get((person_id, leave_type.pk), empty)
            paid = leave_type.kind == LeaveKind.PAID
            balances.append(
                Balance(
                    leave_type=leave_type,
                    acquired=round_days(acquired),
                    being_acquired=round_days(being),
                    taken=round_days(-taken),
                    pending=round_days(pending.get((person_id, leave_type.pk), ZERO)),
                    balance=round_days(total),
                    acquired_left=round_days(total - being_left),
                    being_acquired_left=round_days(being_left),
                    anticipation=anticipation or not paid,
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
    return _balances(ids, types, sums, pending, anticipation=policy.allow_anticipation)


# One person's balances (their own page, the office manager's page for one person): the same
# reads as balances_bulk() in two queries. The policy's period start rides along with the types
# (it only matters when there are types to count), and the pending requests' sums with the
# ledger's, marked with a kind no ledger entry has.
_BALANCE_TYPE = {"leave_type__counts_against_balance": True, "leave_type__active": True}
_PENDING_KIND = "pending"


def balances_for(person, *, on: dt.date | None = None) -> list[Balance]:
    """balances_bulk() for one person, in two queries."""
    policy = LeavePolicy.objects.filter(pk=1)
    types = list(
        LeaveType.objects.filter(counts_against_balance=True, active=True).annotate(
            policy_month=Subquery(policy.values("period_start_month")),
            policy_day=Subquery(policy.values("period_start_day")),
            policy_anticipation=Subquery(policy.values("allow_anticipation")),
        )
    )
    if not types:
        return []
    period = (types[0].policy_month, types[0].policy_day)
    anticipation = types[0].policy_anticipation
    if period[0] is None:
        policy = LeavePolicy.load()
        period = (policy.period_start_month, policy.period_start_day)
        anticipation = policy.allow_anticipation
    paid_ids = {t.pk for t in types if t.kind == LeaveKind.PAID}
    ledger_sums = (
        LedgerEntry.objects.filter(person_id=person.pk, **_BALANCE_TYPE)
        .values_list("leave_type_id", "period", "kind")
        .annotate(total=Sum("days"))
        .order_by()
    )
    pending_sums = (
        LeaveRequest.objects.filter(person_id=person.pk, status=LeaveStatus.PENDING, **_BALANCE_TYPE)
        .annotate(period=Value(None, output_field=DateField()), kind=Value(_PENDING_KIND))
        .values_list("leave_type_id", "period", "kind")
        .annotate(total=Sum("days"))
        .order_by()
    )
    ledger, pending = [], {}
    for type_id, entry_period, kind, total in ledger_sums.union(pending_sums, all=True):
        if kind == _PENDING_KIND:
            pending[person.pk, type_id] = _decimal(total)
        else:
            ledger.append((person.pk, type_id, entry_period, kind, total))
    on = on or timezone.localdate()
    sums = _buckets(ledger, paid_ids=paid_ids, **_periods(on, *period))
    return _balances([person.pk], types, sums, pending, anticipation=bool(anticipation))[person.pk]


def ledger_entries_for(person, leave_type: LeaveType | None = None) -> QuerySet[LedgerEntry]:
    entries = LedgerEntry.objects.filter(person=person).select_related("leave_type", "author", "request")
    if leave_type is not None:
        entries = entries.filter(leave_type=leave_type)
    return entries.order_by("-date", "-pk")


_PAID = {"leave_type__kind": LeaveKind.PAID, "leave_type__counts_against_balance": True}
_WAITING = (LeaveStatus.PENDING, LeaveStatus.CANCELLATION_REQUESTED)


def my_paid_leave_summary(person) -> tuple[Decimal, Decimal, int]:
    """(paid-leave balance, paid-leave days pending, requests waiting for a decision) for the home
    card: the same sums as balances_for, without the buckets, as three scalar subqueries on the
    person's own row (one round trip; each sum is NULL without rows)."""
    requests = LeaveRequest.objects.filter(person_id=person.pk).order_by().values("person_id")
    row = (
        get_user_model()
        .objects.filter(pk=person.pk)
        .order_by()
        .annotate(
            balance=Subquery(
                LedgerEntry.objects.filter(person_id=person.pk, leave_type__active=True, **_PAID)
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
        .first()
    )
    balance, pending_days, waiting = row if row is not None else (None, None, None)
    return round_days(balance or 0), round_days(pending_days or 0), waiting or 0
