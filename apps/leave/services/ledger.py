"""Ledger writes: monthly accrual, period rollover (carry-over, expiry), RTT allocation, consumption
and its restoration, manual adjustments and the CSV import of opening balances.

Buckets: a CP entry belongs to the acquisition period it was earned in (``period`` = that period's
start); days earned in period P are takeable during P+1 (and during P itself with anticipation).
At the start of P+2 the rollover carries up to ``carry_over_max_days`` unused days of P into P+1's
bucket and expires the rest; carried days expire ``carry_over_expiry_months`` after that start
(they are used first). RTT and other balance types use calendar-year buckets.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.leave import periods
from apps.leave.models import (
    CONSUMING_KINDS,
    EntryKind,
    LeaveKind,
    LeavePolicy,
    LeaveRequest,
    LeaveType,
    LedgerEntry,
)
from apps.leave.services._common import is_office_manager, round_days

ZERO = Decimal(0)


def policy_period_start(policy: LeavePolicy, day: dt.date) -> dt.date:
    return periods.period_start(day, month=policy.period_start_month, day_of_month=policy.period_start_day)


def acquired_bucket(policy: LeavePolicy, leave_type: LeaveType, day: dt.date) -> dt.date:
    """The bucket whose days are takeable on ``day`` (CP: the previous period; others: the year)."""
    if leave_type.kind == LeaveKind.PAID:
        return periods.shift_years(policy_period_start(policy, day), -1)
    return periods.year_start(day)


def paid_leave_types() -> list[LeaveType]:
    return list(LeaveType.objects.filter(kind=LeaveKind.PAID, counts_against_balance=True, active=True))


def _employed_people(first: dt.date, last: dt.date):
    """People employed at some point between ``first`` and ``last`` (inactive accounts that left in
    the range still get their last days)."""
    return (
        get_user_model()
        .objects.filter(Q(hired_on__isnull=True) | Q(hired_on__lte=last))
        .filter(Q(left_on__isnull=True, is_active=True) | Q(left_on__gte=first))
        .only("pk", "hired_on", "left_on", "is_active")
    )


def _employed_fraction(person, first: dt.date, last: dt.date) -> Fraction:
    """The share of [first, last] the person was employed (calendar days)."""
    start = max(first, person.hired_on) if person.hired_on else first
    end = min(last, person.left_on) if person.left_on else last
    if end < start:
        return Fraction(0)
    return Fraction((end - start).days + 1, (last - first).days + 1)


@transaction.atomic
def leave_accrue_month(*, year: int, month: int) -> int:
    """Credit every person employed during ``year``/``month`` the paid-leave days earned that month.

    2.5 days (ouvrables) or 25/12 (ouvrés) a month, prorated by calendar days in the month of arrival
    or departure. Precision: each credit is the running target, round(due from the period start
    through this month) − round(due through the previous month), so the twelve credits of a period
    add up exactly to the rounded total (25.00 or 30.00), never 24.96. Idempotent: an accrual is
    unique per (person, type, period, month), so a second run adds nothing. Returns entries created.
    """
    policy = LeavePolicy.load()
    first, last = periods.month_bounds(year, month)
    bucket = policy_period_start(policy, first)
    months = periods.months_of_period(bucket)
    index = months.index((year, month))
    month_ranges = [periods.month_bounds(y, m) for y, m in months[: index + 1]]
    monthly = policy.monthly_accrual
    created = 0
    for leave_type in paid_leave_types():
        entries = []
        for person in _employed_people(first, last):
            shares = [_employed_fraction(person, a, b) for a, b in month_ranges]
            due_before = sum(shares[:-1], Fraction(0)) * monthly
            due_now = due_before + shares[-1] * monthly
            credit = round_days(due_now) - round_days(due_before)
            if credit:
                entries.append(
                    LedgerEntry(
                        person=person,
                        leave_type=leave_type,
                        kind=EntryKind.ACCRUAL,
                        period=bucket,
                        date=first,
                        days=credit,
                    )
                )
        created += _insert_missing(entries, leave_type=leave_type, kind=EntryKind.ACCRUAL, date=first)
    return created


@dataclass(frozen=True)
class RolloverResult:
    carried: int = 0
    expired: int = 0
    allocated: int = 0


def _bucket_sums(leave_type: LeaveType, bucket: dt.date) -> dict[int, Decimal]:
    rows = (
        LedgerEntry.objects.filter(leave_type=leave_type, period=bucket)
        .values("person_id")
        .annotate(total=Sum("days"))
        .order_by()
    )
    return {row["person_id"]: row["total"] for row in rows}


def _close_bucket(
    leave_type: LeaveType, *, bucket: dt.date, into: dt.date | None, on: dt.date, carry_max: Decimal
) -> tuple[int, int]:
    """Carry up to ``carry_max`` unused days of ``bucket`` into ``into`` and expire the rest, on ``on``."""
    entries = []
    carried = expired = 0
    for person_id, leftover in _bucket_sums(leave_type, bucket).items():
        if leftover <= 0:
            continue
        carry = min(leftover, carry_max) if into else ZERO
        if carry > 0:
            common = {"person_id": person_id, "leave_type": leave_type, "kind": EntryKind.CARRY_OVER, "date": on}
            entries += [
                LedgerEntry(period=bucket, days=-carry, **common),
                LedgerEntry(period=into, days=carry, **common),
            ]
            carried += 1
        if leftover - carry > 0:
            entries.append(
                LedgerEntry(
                    person_id=person_id,
                    leave_type=leave_type,
                    kind=EntryKind.EXPIRY,
                    period=bucket,
                    date=on,
                    days=-(leftover - carry),
                )
            )
            expired += 1
    LedgerEntry.objects.bulk_create(entries, ignore_conflicts=True)
    return carried, expired


def _expire_carried(leave_type: LeaveType, *, bucket: dt.date, carried_on: dt.date, on: dt.date) -> int:
    """Expire what is left of the days carried into ``bucket`` on ``carried_on`` (used first)."""
    carried = dict(
        LedgerEntry.objects.filter(
            leave_type=leave_type, period=bucket, kind=EntryKind.CARRY_OVER, date=carried_on, days__gt=0
        )
        .values_list("person_id")
        .annotate(total=Sum("days"))
        .order_by()
    )
    if not carried:
        return 0
    used = dict(
        LedgerEntry.objects.filter(
            leave_type=leave_type, period=bucket, kind__in=CONSUMING_KINDS, date__gte=carried_on, date__lt=on
        )
        .values_list("person_id")
        .annotate(total=Sum("days"))
        .order_by()
    )
    remaining = _bucket_sums(leave_type, bucket)
    entries = []
    for person_id, days in carried.items():
        left = min(days + used.get(person_id, ZERO), remaining.get(person_id, ZERO))
        if left > 0:
            entries.append(
                LedgerEntry(
                    person_id=person_id,
                    leave_type=leave_type,
                    kind=EntryKind.EXPIRY,
                    period=bucket,
                    date=on,
                    days=-left,
                )
            )
    LedgerEntry.objects.bulk_create(entries, ignore_conflicts=True)
    return len(entries)


def _allocate_rtt(leave_type: LeaveType, *, year: int, days: Decimal, today: dt.date) -> int:
    """The yearly RTT allocation, prorated for people who join during the year."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    entries = []
    for person in _employed_people(first, min(today, last)):
        share = _employed_fraction(person, first, last)
        credit = round_days(Fraction(days) * share)
        if credit > 0:
            entries.append(
                LedgerEntry(
                    person=person,
                    leave_type=leave_type,
                    kind=EntryKind.ALLOCATION,
                    period=first,
                    date=first,
                    days=credit,
                )
            )
    return _insert_missing(entries, leave_type=leave_type, kind=EntryKind.ALLOCATION, period=first)


@transaction.atomic
def leave_period_rollover(*, today: dt.date | None = None) -> RolloverResult:
    """Close what ended on or before ``today``; safe to run every day (idempotent, catches up).

    - CP, at each reference period start S: the bucket of the period before the previous one (its
      consumption window just ended) carries up to ``carry_over_max_days`` into the previous period's
      bucket (now the "acquired" one) and the rest expires; on S + ``carry_over_expiry_months`` what
      is left of the carried days expires. "Being acquired" becoming "acquired" needs no entry: the
      balance selector decides by the date.
    - RTT, on 1 January: the policy's yearly days are allocated and last year's leftover expires.
    """
    policy = LeavePolicy.load()
    today = today or timezone.localdate()
    carried = expired = allocated = 0
    current = policy_period_start(policy, today)
    previous = periods.shift_years(current, -1)
    for leave_type in paid_leave_types():
        c, e = _close_bucket(
            leave_type,
            bucket=periods.shift_years(current, -2),
            into=previous,
            on=current,
            carry_max=policy.carry_over_max_days,
        )
        carried, expired = carried + c, expired + e
        for start in (previous, current):
            expiry = periods.add_months(start, policy.carry_over_expiry_months)
            if expiry <= today:
                expired += _expire_carried(
                    leave_type, bucket=periods.shift_years(start, -1), carried_on=start, on=expiry
                )
    year = today.year
    for leave_type in LeaveType.objects.filter(kind=LeaveKind.RTT, counts_against_balance=True, active=True):
        if policy.rtt_days_per_year > 0:
            allocated += _allocate_rtt(leave_type, year=year, days=policy.rtt_days_per_year, today=today)
        _c, e = _close_bucket(
            leave_type, bucket=dt.date(year - 1, 1, 1), into=None, on=dt.date(year, 1, 1), carry_max=ZERO
        )
        expired += e
    return RolloverResult(carried=carried, expired=expired, allocated=allocated)


def write_consumption(leave_request: LeaveRequest, *, policy: LeavePolicy) -> list[LedgerEntry]:
    """Take an approved request's days off the balance (negative entries).

    CP draws first from the oldest takeable bucket with days left (before the period the leave starts
    in), then from the leave's own period (anticipation, or a negative balance the policy allows).
    """
    leave_type = leave_request.leave_type
    if not leave_type.counts_against_balance or leave_request.days <= 0:
        return []
    needed = leave_request.days
    draws: list[tuple[dt.date, Decimal]] = []
    if leave_type.kind == LeaveKind.PAID:
        own_period = policy_period_start(policy, leave_request.start_date)
        older = (
            LedgerEntry.objects.filter(person_id=leave_request.person_id, leave_type=leave_type, period__lt=own_period)
            .values_list("period")
            .annotate(total=Sum("days"))
            .order_by("period")
        )
        for bucket, total in older:
            if needed <= 0:
                break
            if total > 0:
                take = min(total, needed)
                draws.append((bucket, take))
                needed -= take
    else:
        own_period = periods.year_start(leave_request.start_date)
    if needed > 0:
        draws.append((own_period, needed))
    entries = [
        LedgerEntry(
            person_id=leave_request.person_id,
            leave_type=leave_type,
            kind=EntryKind.CONSUMPTION,
            period=bucket,
            date=leave_request.start_date,
            days=-days,
            request=leave_request,
        )
        for bucket, days in draws
    ]
    return LedgerEntry.objects.bulk_create(entries)


def write_restoration(leave_request: LeaveRequest) -> list[LedgerEntry]:
    """Give back, bucket by bucket, the days a cancelled request had taken."""
    consumed = (
        LedgerEntry.objects.filter(request=leave_request)
        .values_list("period", "leave_type_id")
        .annotate(total=Sum("days"))
        .order_by("period")
    )
    entries = [
        LedgerEntry(
            person_id=leave_request.person_id,
            leave_type_id=leave_type_id,
            kind=EntryKind.CANCELLATION,
            period=bucket,
            date=leave_request.start_date,
            days=-total,
            request=leave_request,
        )
        for bucket, leave_type_id, total in consumed
        if total
    ]
    return LedgerEntry.objects.bulk_create(entries)


def _check_balance_type(leave_type: LeaveType) -> None:
    if not leave_type.counts_against_balance:
        raise ValidationError(_("“%(type)s” uses no balance.") % {"type": leave_type.name})


@transaction.atomic
def leave_balance_adjust(
    *, person, leave_type: LeaveType, days: Decimal, reason: str, by, on: dt.date | None = None
) -> LedgerEntry:
    """A manual correction of a balance by an office manager: signed days and a mandatory reason.

    The days go to the bucket takeable on ``on`` (today by default).
    """
    if not is_office_manager(by):
        raise PermissionDenied
    _check_balance_type(leave_type)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for the adjustment.")})
    days = round_days(Decimal(days))
    if not days:
        raise ValidationError({"days": _("The adjustment must not be zero.")})
    on = on or timezone.localdate()
    entry = LedgerEntry(
        person=person,
        leave_type=leave_type,
        kind=EntryKind.ADJUSTMENT,
        period=acquired_bucket(LeavePolicy.load(), leave_type, on),
        date=on,
        days=days,
        reason=reason[:255],
        author=by,
    )
    entry.full_clean()
    entry.save()
    return entry


def _parse_days(text: str) -> Decimal:
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    value = Decimal(cleaned)
    if not value.is_finite():
        raise InvalidOperation
    return value


def _read_rows(file) -> list[list[str]]:
    raw = file.read()
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationError(_("The file must be encoded in UTF-8.")) from exc
    raw = raw.removeprefix("\ufeff")
    first_line = raw.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") and ";" in first_line else ","
    return list(csv.reader(io.StringIO(raw), delimiter=delimiter))


@transaction.atomic
def leave_balances_import_csv(*, file, by, on: dt.date | None = None) -> int:
    """Import opening balances from a CSV file: e-mail;type code;days;reason.

    Semicolon or comma separated, UTF-8 with or without BOM, a header line optional, decimal comma
    accepted ("2,5" with semicolons). Every row is checked first; if any is wrong a ValidationError
    lists each error as "Row N: …" and nothing is imported. Returns the number of entries created.
    """
    if not is_office_manager(by):
        raise PermissionDenied
    rows = _read_rows(file)
    if rows and rows[0] and "mail" in rows[0][0].lower():
        numbered = list(enumerate(rows, start=1))[1:]
    else:
        numbered = list(enumerate(rows, start=1))
    numbered = [(n, [cell.strip() for cell in row]) for n, row in numbered if any(cell.strip() for cell in row)]
    if not numbered:
        raise ValidationError(_("The file contains no balance to import."))
    emails = {row[0].lower() for _n, row in numbered if row}
    people = {user.email.lower(): user for user in get_user_model().objects.filter(email__in=emails)}
    types = {t.code.upper(): t for t in LeaveType.objects.all()}
    policy = LeavePolicy.load()
    on = on or timezone.localdate()
    errors: list[str] = []
    entries: list[LedgerEntry] = []
    for number, row in numbered:
        if len(row) < 3:
            errors.append(_("Row %(row)d: expected e-mail, type code, days and reason.") % {"row": number})
            continue
        email, code, days_text = row[0].lower(), row[1].upper(), row[2]
        reason = row[3] if len(row) > 3 and row[3] else _("Opening balance")
        person = people.get(email)
        leave_type = types.get(code)
        if person is None:
            errors.append(_("Row %(row)d: nobody has the e-mail “%(email)s”.") % {"row": number, "email": row[0]})
        if leave_type is None:
            errors.append(_("Row %(row)d: unknown leave type “%(code)s”.") % {"row": number, "code": row[1]})
        elif not leave_type.counts_against_balance:
            errors.append(_("Row %(row)d: “%(code)s” uses no balance.") % {"row": number, "code": leave_type.code})
        try:
            days = _parse_days(days_text)
        except (InvalidOperation, ValueError):
            errors.append(_("Row %(row)d: “%(days)s” is not a number of days.") % {"row": number, "days": days_text})
            continue
        if abs(days) >= 1000:
            errors.append(_("Row %(row)d: %(days)s days is not plausible.") % {"row": number, "days": days_text})
            continue
        if person is None or leave_type is None or not leave_type.counts_against_balance:
            continue
        entries.append(
            LedgerEntry(
                person=person,
                leave_type=leave_type,
                kind=EntryKind.OPENING,
                period=acquired_bucket(policy, leave_type, on),
                date=on,
                days=round_days(days),
                reason=reason[:255],
                author=by,
            )
        )
    if errors:
        raise ValidationError(errors)
    LedgerEntry.objects.bulk_create(entries)
    return len(entries)


def _insert_missing(entries: list[LedgerEntry], **scope) -> int:
    """Insert the entries the unique constraints let through; how many were new within ``scope``.

    Idempotent jobs (accrual, allocation) build every entry and let the database drop the ones a
    previous run already wrote.
    """
    before = LedgerEntry.objects.filter(**scope).count()
    LedgerEntry.objects.bulk_create(entries, ignore_conflicts=True, batch_size=500)
    return LedgerEntry.objects.filter(**scope).count() - before
