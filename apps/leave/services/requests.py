"""Submitting a leave request, and the preview the form shows as the person types."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.leave import counting, wording
from apps.leave.models import (
    ACTIVE_STATUSES,
    BOUND_ERRORS,
    LeaveKind,
    LeavePolicy,
    LeaveRequest,
    LeaveStatus,
    LeaveType,
    LedgerEntry,
    StepPurpose,
    validate_leave_document,
)
from apps.leave.services._common import is_office_manager, person_holidays, round_days
from apps.leave.services.approvals import open_step
from apps.leave.services.ledger import policy_period_start, write_consumption

ZERO = Decimal(0)


@dataclass
class Preview:
    """What a request would use: ``days``; for balance types the ``available`` days before it and
    ``balance_after``; ``errors`` refuse it, ``warnings`` do not."""

    days: Decimal = ZERO
    available: Decimal | None = None
    balance_after: Decimal | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class Submission:
    request: LeaveRequest
    warnings: list[str]


def available_days(person, leave_type: LeaveType, start: dt.date, *, policy: LeavePolicy) -> Decimal:
    """Days the person may still take of ``leave_type`` for a leave starting on ``start``, after
    the pending requests: the takeable buckets (CP without anticipation: periods before the leave's
    own; otherwise everything) minus the days of pending requests of the type."""
    entries = LedgerEntry.objects.filter(person=person, leave_type=leave_type)
    if leave_type.kind == LeaveKind.PAID and not policy.allow_anticipation:
        entries = entries.filter(period__lt=policy_period_start(policy, start))
    balance = entries.aggregate(total=Sum("days"))["total"] or ZERO
    pending = (
        LeaveRequest.objects.filter(person=person, leave_type=leave_type, status=LeaveStatus.PENDING).aggregate(
            total=Sum("days")
        )["total"]
        or ZERO
    )
    return round_days(balance - pending)


def overlapping_requests(person, start_slot: int, end_slot: int):
    return LeaveRequest.objects.filter(
        person=person, status__in=ACTIVE_STATUSES, start_slot__lte=end_slot, end_slot__gte=start_slot
    )


def _overlap_message(other: LeaveRequest) -> str:
    return _("This period overlaps your %(type)s leave %(period)s.") % {
        "type": other.leave_type.name,
        "period": wording.request_period(other),
    }


def _block_days(person, start: dt.date, end: dt.date, days: Decimal, *, holidays) -> Decimal:
    """The days of the continuous block of paid leave this request belongs to: adjacent active CP
    requests separated only by days off are one block."""
    nearby = list(
        LeaveRequest.objects.filter(
            person=person,
            leave_type__kind=LeaveKind.PAID,
            status__in=ACTIVE_STATUSES,
            start_date__lte=end + dt.timedelta(days=10),
            end_date__gte=start - dt.timedelta(days=10),
        ).only("start_date", "end_date", "days")
    )
    total, low, high = days, start, end
    changed = True
    while changed:
        changed = False
        for other in list(nearby):
            before = other.end_date < low and counting.next_working_day(other.end_date, holidays) >= low
            after = other.start_date > high and counting.next_working_day(high, holidays) >= other.start_date
            if before or after:
                total += other.days
                low, high = min(low, other.start_date), max(high, other.end_date)
                nearby.remove(other)
                changed = True
    return total


def leave_request_preview(
    *,
    person,
    leave_type: LeaveType,
    start: dt.date,
    start_half: str = counting.MORNING,
    end: dt.date,
    end_half: str = counting.AFTERNOON,
    document=None,
    submitted_by=None,
    check_document: bool = True,
    today: dt.date | None = None,
) -> Preview:
    """Every rule of a submission, without saving: days, balance after, errors and warnings.

    The UI calls it from an HTMX endpoint as the person types (``check_document=False`` there, the
    file is not uploaded yet); ``leave_request_submit`` calls it inside its transaction.
    """
    preview = Preview()
    submitted_by = submitted_by or person
    today = today or timezone.localdate()
    policy = LeavePolicy.load()
    if submitted_by.pk != person.pk and not is_office_manager(submitted_by):
        preview.errors.append(_("You can only submit leave for yourself."))
        return preview
    if not leave_type.active:
        preview.errors.append(_("This leave type is no longer available."))
        return preview
    bound_error = counting.validate_bounds(start, start_half, end, end_half)
    if bound_error:
        preview.errors.append(str(BOUND_ERRORS[bound_error]))
        return preview
    if not leave_type.allows_half_days and (start_half != counting.MORNING or end_half != counting.AFTERNOON):
        preview.errors.append(_("“%(type)s” is taken in whole days.") % {"type": leave_type.name})
    holidays = person_holidays(person, start, end)
    preview.days = counting.count_days(start, start_half, end, end_half, rule=policy.counting, holidays=holidays)
    if preview.days <= 0:
        preview.errors.append(_("This period contains no day to count (weekend or public holidays only)."))
    if start < today and not is_office_manager(submitted_by):
        preview.errors.append(_("Leave in the past can only be recorded by the office manager."))
    if check_document:
        if leave_type.needs_document and not document:
            preview.errors.append(_("“%(type)s” needs a supporting document.") % {"type": leave_type.name})
        elif document:
            try:
                validate_leave_document(document)
            except ValidationError as exc:
                preview.errors.extend(exc.messages)
    if leave_type.max_days is not None and preview.days > leave_type.max_days:
        preview.errors.append(
            _("“%(type)s” allows at most %(max)s; this request uses %(days)s.")
            % {
                "type": leave_type.name,
                "max": wording.days_text(leave_type.max_days),
                "days": wording.days_text(preview.days),
            }
        )
    start_slot, end_slot = counting.half_day_slots(start, start_half, end, end_half)
    other = overlapping_requests(person, start_slot, end_slot).select_related("leave_type").first()
    if other is not None:
        preview.errors.append(_overlap_message(other))
    if leave_type.counts_against_balance:
        preview.available = available_days(person, leave_type, start, policy=policy)
        preview.balance_after = preview.available - preview.days
        if preview.balance_after < -policy.max_negative_days:
            preview.errors.append(
                _("Not enough balance: %(available)s available, %(days)s requested.")
                % {"available": wording.days_text(preview.available), "days": wording.days_text(preview.days)}
            )
    if leave_type.kind == LeaveKind.PAID and preview.days > 0:
        block = _block_days(person, start, end, preview.days, holidays=holidays)
        if counting.exceeds_max_block(block, policy.counting):
            preview.warnings.append(
                _(
                    "More than %(max)s of paid leave in one block (%(days)s): the law (Code du travail, "
                    "article L3141-17) allows it only with a derogation (split leave or a company agreement)."
                )
                % {"max": wording.days_text(counting.MAX_BLOCK[policy.counting]), "days": wording.days_text(block)}
            )
    return preview


@transaction.atomic
def leave_request_submit(
    *,
    person,
    leave_type: LeaveType,
    start: dt.date,
    start_half: str = counting.MORNING,
    end: dt.date,
    end_half: str = counting.AFTERNOON,
    comment: str = "",
    document=None,
    submitted_by,
) -> Submission:
    """Create a leave request, or raise ValidationError listing every broken rule (nothing saved).

    The person's row is locked first, so two submissions for one person are checked one after the
    other (on PostgreSQL an exclusion constraint also forbids overlaps). A type that needs no
    approval (sick leave) is approved at once; otherwise step 1 goes to the approver, who is told.
    Returns the request and the warnings (more than 24 ouvrables / 20 ouvrés in one block).
    """
    get_user_model().objects.select_for_update().filter(pk=person.pk).first()
    preview = leave_request_preview(
        person=person,
        leave_type=leave_type,
        start=start,
        start_half=start_half,
        end=end,
        end_half=end_half,
        document=document,
        submitted_by=submitted_by,
    )
    if preview.errors:
        raise ValidationError(preview.errors)
    leave_request = LeaveRequest(
        person=person,
        leave_type=leave_type,
        start_date=start,
        start_half=start_half,
        end_date=end,
        end_half=end_half,
        days=preview.days,
        comment=(comment or "").strip(),
        submitted_by=submitted_by,
        status=LeaveStatus.PENDING if leave_type.needs_approval else LeaveStatus.APPROVED,
        decided_at=None if leave_type.needs_approval else timezone.now(),
    )
    if document:
        leave_request.document = document
    leave_request.full_clean()
    try:
        with transaction.atomic():
            leave_request.save()
    except IntegrityError as exc:
        # The exclusion constraint caught an overlap another transaction committed meanwhile.
        raise ValidationError(_("This period overlaps another of your leave requests.")) from exc
    if leave_type.needs_approval:
        open_step(leave_request, purpose=StepPurpose.APPROVAL, step=1)
    else:
        write_consumption(leave_request, policy=LeavePolicy.load())
    return Submission(request=leave_request, warnings=preview.warnings)


__all__ = [
    "Preview",
    "Submission",
    "available_days",
    "leave_request_preview",
    "leave_request_submit",
    "overlapping_requests",
]
