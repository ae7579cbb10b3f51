"""Demo leave data: the policy, accruals over ``ctx.years``, opening balances, past and upcoming leave.

Idempotent (skipped when the demo opening balances exist); rows are written directly with
``bulk_create`` (no notification, no e-mail). staff@example.com always has a request pending for
manager@example.com, so the manager's inbox is not empty.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from apps.leave import counting, periods
from apps.leave.models import (
    ApprovalStep,
    Decision,
    EntryKind,
    LeaveKind,
    LeavePolicy,
    LeaveRequest,
    LeaveStatus,
    LeaveType,
    LedgerEntry,
)
from apps.leave.services import leave_accrue_month, leave_period_rollover
from apps.leave.services._common import director, office_manager, person_holidays

DEMO_REASON = "Demo opening balance"
PENDING_DEMO_EMAIL = "staff@example.com"


def _policy() -> LeavePolicy:
    policy = LeavePolicy.load()
    policy.counting = "ouvres"
    policy.rtt_days_per_year = Decimal(10)
    policy.carry_over_max_days = Decimal(5)
    policy.save()
    LeaveType.objects.filter(code="CP").update(second_approval="above_days", second_approval_above_days=Decimal(10))
    return policy


def _fill_hire_dates(ctx, people) -> None:
    missing = [p for p in people if p.hired_on is None]
    for person in missing:
        person.hired_on = ctx.random_date(ctx.history_start - dt.timedelta(days=3 * 365), ctx.today)
    get_user_model().objects.bulk_update(missing, ["hired_on"], batch_size=500)


def _accrue_history(ctx, policy: LeavePolicy) -> int:
    first = periods.period_start(
        ctx.history_start, month=policy.period_start_month, day_of_month=policy.period_start_day
    )
    month, created = first, 0
    this_month = ctx.today.replace(day=1)
    while month < this_month:
        created += leave_accrue_month(year=month.year, month=month.month)
        month = periods.add_months(month, 1)
    return created


def _openings(ctx, policy, people, cp, rtt) -> list[LedgerEntry]:
    bucket = periods.shift_years(
        periods.period_start(ctx.history_start, month=policy.period_start_month, day_of_month=policy.period_start_day),
        -1,
    )
    entries = []
    for person in people:
        if person.hired_on and person.hired_on <= bucket:
            days = Decimal(ctx.rng.randint(10, 25))
            entries.append(
                LedgerEntry(
                    person=person,
                    leave_type=cp,
                    kind=EntryKind.OPENING,
                    period=bucket,
                    date=bucket,
                    days=days,
                    reason=DEMO_REASON,
                )
            )
    return entries


class _Planner:
    """Draws non-overlapping leave for one person and builds the rows in memory."""

    def __init__(self, ctx, policy, approvers):
        self.ctx, self.policy, self.approvers = ctx, policy, approvers
        self.requests: list[LeaveRequest] = []
        self.steps: list[tuple[int, ApprovalStep]] = []
        self.entries: list[tuple[int, LedgerEntry]] = []

    def add(self, person, leave_type, start, length, *, status, created):
        end = start + dt.timedelta(days=length)
        holidays = person_holidays(person, start, end)
        days = counting.count_days(
            start, counting.MORNING, end, counting.AFTERNOON, rule=self.policy.counting, holidays=holidays
        )
        if days <= 0:
            return
        request = LeaveRequest(
            person=person,
            leave_type=leave_type,
            start_date=start,
            end_date=end,
            days=days,
            status=status,
            submitted_by=person,
            created_at=created,
            decided_at=None if status == LeaveStatus.PENDING else created,
        )
        request.sync_slots()
        index = len(self.requests)
        self.requests.append(request)
        approver = self.approvers(person)
        decided = status != LeaveStatus.PENDING
        self.steps.append(
            (
                index,
                ApprovalStep(
                    approver=approver,
                    decision=Decision.APPROVED if decided else Decision.PENDING,
                    decided_by=approver if decided else None,
                    decided_at=created if decided else None,
                    created_at=created,
                ),
            )
        )
        if decided and leave_type.counts_against_balance:
            if leave_type.kind == LeaveKind.PAID:
                bucket = periods.shift_years(
                    periods.period_start(
                        start, month=self.policy.period_start_month, day_of_month=self.policy.period_start_day
                    ),
                    -1,
                )
            else:
                bucket = periods.year_start(start)
            self.entries.append(
                (
                    index,
                    LedgerEntry(
                        person=person,
                        leave_type=leave_type,
                        kind=EntryKind.CONSUMPTION,
                        period=bucket,
                        date=start,
                        days=-days,
                    ),
                )
            )

    def save(self) -> None:
        saved = LeaveRequest.objects.bulk_create(self.requests, batch_size=500)
        for index, step in self.steps:
            step.request = saved[index]
        ApprovalStep.objects.bulk_create([s for _i, s in self.steps], batch_size=500)
        for index, entry in self.entries:
            entry.request = saved[index]
        LedgerEntry.objects.bulk_create([e for _i, e in self.entries], batch_size=500)


def _approver_lookup(people):
    by_id = {p.pk: p for p in people}
    boss = director(exclude=set())
    office = office_manager(exclude=set())
    managed = {p.pk for p in people if p.managed_team_ids}

    def approver(person):
        team = person.team if person.team_id else None
        if person.pk == getattr(boss, "pk", None):
            return office
        if team and team.manager_id and team.manager_id != person.pk and person.pk not in managed:
            return by_id.get(team.manager_id) or team.manager
        return boss or office

    return approver


def seed(ctx) -> None:
    if LedgerEntry.objects.filter(kind=EntryKind.OPENING, reason=DEMO_REASON).exists():
        ctx.log("leave: already seeded")
        return
    policy = _policy()
    people = list(ctx.people) or list(get_user_model().objects.filter(is_active=True).select_related("team", "site"))
    if not people:
        return
    _fill_hire_dates(ctx, people)
    cp = LeaveType.objects.get(code="CP")
    rtt = LeaveType.objects.get(code="RTT")
    LedgerEntry.objects.bulk_create(_openings(ctx, policy, people, cp, rtt), batch_size=500)
    accruals = _accrue_history(ctx, policy)
    start = ctx.history_start

    planner = _Planner(ctx, policy, _approver_lookup(people))
    rng, today = ctx.rng, ctx.today
    now = timezone.now()
    for person in people:
        cursor = max(start, person.hired_on or start) + dt.timedelta(days=rng.randint(20, 90))
        while cursor < today + dt.timedelta(days=90):
            leave_type = rtt if rng.random() < 0.3 else cp
            length = rng.choice([0, 1, 2, 4, 4, 7, 11]) if leave_type == cp else rng.choice([0, 0, 1])
            future = cursor > today
            status = LeaveStatus.APPROVED
            if future and rng.random() < 0.15:
                status = LeaveStatus.PENDING
            created = timezone.make_aware(
                dt.datetime.combine(cursor - dt.timedelta(days=rng.randint(7, 40)), dt.time(10))
            )
            planner.add(person, leave_type, cursor, length, status=status, created=min(created, now))
            cursor += dt.timedelta(days=length + rng.randint(30, 110))
    demo_staff = next((p for p in people if p.email == PENDING_DEMO_EMAIL), None)
    if demo_staff is not None:
        taken = [r for r in planner.requests if r.person_id == demo_staff.pk and r.end_date >= today]
        start_day = max([r.end_date for r in taken], default=today) + dt.timedelta(days=14)
        while start_day.weekday() != 0:
            start_day += dt.timedelta(days=1)
        planner.add(demo_staff, cp, start_day, 4, status=LeaveStatus.PENDING, created=now)
    planner.save()
    # Close the past periods after the leave is written, so the expiries see what was taken.
    for year in range(start.year, ctx.today.year + 1):
        for day in (dt.date(year, 1, 1), dt.date(year, policy.period_start_month, policy.period_start_day)):
            if start <= day <= ctx.today:
                leave_period_rollover(today=day)
    leave_period_rollover(today=ctx.today)
    ctx.log(f"leave: {len(planner.requests)} requests, {accruals} accruals")
    ctx.add_summary("Leave requests", len(planner.requests))
