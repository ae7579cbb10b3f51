"""Booking services: create, move, cancel, block, approve, refuse. Never a double booking.

Every write locks the room or desk row (``select_for_update``) before checking for overlaps, inside
the transaction that saves; on PostgreSQL an exclusion constraint backs this up, and the rare
``IntegrityError`` it raises (two requests racing past the check) becomes the same ValidationError.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from apps.premises.constraints import is_overlap_violation
from apps.premises.models import ACTIVE_STATUSES, Booking, BookingStatus, Desk, Room, SitePremisesSettings
from apps.premises.services.common import (
    fmt_date,
    fmt_time,
    is_office_manager,
    local,
    office_managers,
    page_url,
    require_office_manager,
    send,
    send_many,
)

Resource = Room | Desk


class BlockConflicts(ValidationError):
    """Blocking a room would cancel these bookings; call again with ``cancel_conflicts=True``."""

    def __init__(self, bookings: list[Booking]):
        self.bookings = bookings
        super().__init__(
            _("%(count)d booking(s) overlap this period; confirm to cancel them and notify their people.")
            % {"count": len(bookings)}
        )


def resource_filter(resource: Resource) -> Q:
    return Q(room=resource) if isinstance(resource, Room) else Q(desk=resource)


def _resource_fields(resource: Resource) -> dict:
    return {"room": resource, "desk": None} if isinstance(resource, Room) else {"room": None, "desk": resource}


def _site_of(resource: Resource):
    return resource.floor.site


def _aware(value: dt.datetime) -> dt.datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def lock_resource(resource: Resource) -> Resource:
    """Lock the room or desk row for the rest of the transaction, and return it fresh."""
    return type(resource).objects.select_for_update(of=("self",)).select_related("floor__site").get(pk=resource.pk)


def overlapping(resource: Resource, start: dt.datetime, end: dt.datetime, exclude: Iterable[int] = ()):
    """Active bookings of ``resource`` overlapping [start, end) (half-open: touching is not overlapping)."""
    return (
        Booking.objects.filter(resource_filter(resource), status__in=ACTIVE_STATUSES, start__lt=end, end__gt=start)
        .exclude(pk__in=list(exclude))
        .select_related("person")
        .order_by("start")
    )


def conflict_message(booking: Booking, viewer) -> str:
    """Say when the slot is taken; say by whom only to an office manager."""
    params = {
        "resource": booking.resource,
        "date": fmt_date(booking.start),
        "start": fmt_time(booking.start),
        "end": fmt_time(booking.end),
    }
    if booking.status == BookingStatus.BLOCKED:
        message = _("%(resource)s is unavailable on %(date)s from %(start)s to %(end)s") % params
        return f"{message} ({booking.reason})." if booking.reason else f"{message}."
    message = _("%(resource)s is already booked on %(date)s from %(start)s to %(end)s") % params
    if is_office_manager(viewer):
        who = booking.person.get_full_name()
        return f"{message} ({who}{': ' + booking.title if booking.title else ''})."
    return f"{message}."


def period_rule_errors(
    *,
    site,
    start: dt.datetime,
    end: dt.datetime,
    rules: SitePremisesSettings,
    now: dt.datetime | None = None,
    limit_length: bool = True,
) -> list[str]:
    """The site's rules ``start``–``end`` breaks whatever the room or desk: an open day, within the
    opening hours, no longer than allowed (rooms: a desk is booked for the day or part of it), not too
    far ahead (the past is ``rule_errors``' own check)."""
    now = now or timezone.now()
    errors = []
    local_start, local_end = local(start), local(end)
    day = local_start.date()
    if local_start.weekday() not in rules.open_days:
        errors.append(_("The site is closed on %(day)s.") % {"day": date_format(local_start, "l")})
    elif rules.closed_on_public_holidays and (holiday := site.public_holidays(day.year).get(day)):
        errors.append(_("The site is closed on %(date)s (%(holiday)s).") % {"date": fmt_date(day), "holiday": holiday})
    if local_end.date() != day or local_start.time() < rules.opens_at or local_end.time() > rules.closes_at:
        errors.append(
            _("Bookings must fit between %(opens)s and %(closes)s on one day.")
            % {"opens": rules.opens_at.strftime("%H:%M"), "closes": rules.closes_at.strftime("%H:%M")}
        )
    if limit_length and end - start > rules.max_length:
        errors.append(_("A booking may last at most %(hours)d hours.") % {"hours": rules.max_booking_hours})
    last_day = timezone.localdate(now) + dt.timedelta(days=rules.horizon_days)
    if day > last_day:
        errors.append(
            _("Bookings open %(days)d days ahead: choose a date up to %(date)s.")
            % {"days": rules.horizon_days, "date": fmt_date(last_day)}
        )
    return errors


def rule_errors(
    *,
    resource: Resource,
    start: dt.datetime,
    end: dt.datetime,
    attendees: int,
    rules: SitePremisesSettings | None,
    now: dt.datetime | None = None,
    is_block: bool = False,
) -> list[str]:
    """Every booking rule ``start``–``end`` breaks (empty when it may be booked, overlaps aside).

    A block (office manager: works, an event) only needs a future, non-empty period.
    """
    now = now or timezone.now()
    if end <= start:
        return [_("The end must be after the start.")]
    errors = []
    if start < now:
        errors.append(_("A booking cannot start in the past."))
    if not resource.is_active or (not is_block and not resource.is_bookable):
        errors.append(_("%(resource)s cannot be booked.") % {"resource": resource})
    if is_block:
        return errors
    errors += period_rule_errors(
        site=_site_of(resource), start=start, end=end, rules=rules, now=now, limit_length=isinstance(resource, Room)
    )
    if attendees < 1 and isinstance(resource, Room):
        errors.append(_("Give the number of people attending."))
    elif attendees > resource.capacity:
        errors.append(
            _("%(resource)s holds %(capacity)d people; you asked for %(attendees)d.")
            % {"resource": resource, "capacity": resource.capacity, "attendees": attendees}
        )
    return errors


def _save_booking(booking: Booking, viewer) -> Booking:
    """Save in a savepoint; the database's exclusion constraint speaks the same words as the check."""
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as exc:
        if not is_overlap_violation(exc):
            raise
        taken = overlapping(booking.resource, booking.start, booking.end, exclude=[booking.pk] if booking.pk else [])
        first = taken.first()
        raise ValidationError(
            conflict_message(first, viewer) if first else _("This slot was just booked by someone else.")
        ) from exc
    return booking


def _check(resource, start, end, attendees, viewer, *, exclude=(), is_block=False) -> None:
    rules = SitePremisesSettings.for_site(_site_of(resource))
    errors = rule_errors(resource=resource, start=start, end=end, attendees=attendees, rules=rules, is_block=is_block)
    if errors:
        raise ValidationError(errors)
    first = overlapping(resource, start, end, exclude).first()
    if first:
        raise ValidationError(conflict_message(first, viewer))


def _may_book_for(by, person) -> None:
    if by.pk != person.pk and not is_office_manager(by):
        raise PermissionDenied(_("Only an office manager may book for someone else."))


def initial_status(resource: Resource, by) -> str:
    if isinstance(resource, Room) and resource.needs_approval and not is_office_manager(by):
        return BookingStatus.PENDING
    return BookingStatus.CONFIRMED


def notify_pending(booking: Booking) -> None:
    context = {"booking": booking, "person": booking.person, "resource": booking.resource}
    send_many(recipients=office_managers(), kind="premises_booking_pending", context=context, url=page_url("approvals"))


@transaction.atomic
def booking_create(
    *,
    resource: Resource,
    person,
    by,
    start: dt.datetime,
    end: dt.datetime,
    title: str = "",
    attendees: int = 1,
) -> Booking:
    """Book a room or a desk for ``person``; refuse (ValidationError, nothing saved) if any rule fails.

    A room that needs approval gets a pending booking (holding the slot) unless an office manager books.
    """
    _may_book_for(by, person)
    start, end = _aware(start), _aware(end)
    resource = lock_resource(resource)
    _check(resource, start, end, attendees, by)
    booking = Booking(
        **_resource_fields(resource),
        person=person,
        created_by=by,
        title=title.strip(),
        start=start,
        end=end,
        attendees=attendees,
        status=initial_status(resource, by),
    )
    booking.full_clean()
    _save_booking(booking, by)
    if booking.status == BookingStatus.PENDING:
        notify_pending(booking)
    return booking


def _may_change(booking: Booking, by) -> None:
    if by.pk not in (booking.person_id, booking.created_by_id) and not is_office_manager(by):
        raise PermissionDenied(_("Only the person booked for or an office manager may change this booking."))


def _notify_person(booking: Booking, by, kind: str, **extra) -> None:
    if by.pk != booking.person_id:
        context = {"booking": booking, "resource": booking.resource, "by": by, **extra}
        send(recipient=booking.person, kind=kind, context=context, url=page_url("my_bookings"))


@transaction.atomic
def booking_cancel(*, booking: Booking, by, reason: str = "") -> Booking:
    """Cancel an active booking that has not ended (its person, its creator, or an office manager).

    The person is notified when someone else cancels.
    """
    _may_change(booking, by)
    booking = (
        Booking.objects.select_for_update(of=("self",)).select_related("room", "desk", "person").get(pk=booking.pk)
    )
    if not booking.is_active:
        raise ValidationError(_("This booking is not active any more."))
    if booking.end <= timezone.now():
        raise ValidationError(_("This booking is over; it cannot be cancelled."))
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_by = by
    booking.cancelled_at = timezone.now()
    booking.reason = reason.strip()[:255] or booking.reason
    booking.save(update_fields=["status", "cancelled_by", "cancelled_at", "reason", "updated_at"])
    _notify_person(booking, by, "premises_booking_cancelled", reason=booking.reason)
    return booking


@transaction.atomic
def booking_move(
    *, booking: Booking, by, start: dt.datetime, end: dt.datetime, resource: Resource | None = None
) -> Booking:
    """Move a booking to another time (and optionally another room or desk), with every rule checked.

    The booking keeps its identity; the person is notified when someone else moves it. Moving to a
    room that needs approval makes it pending again, unless an office manager moves it.
    """
    _may_change(booking, by)
    booking = (
        Booking.objects.select_for_update(of=("self",))
        .select_related("room__floor__site", "desk__floor__site")
        .get(pk=booking.pk)
    )
    if booking.status not in (BookingStatus.CONFIRMED, BookingStatus.PENDING):
        raise ValidationError(_("Only a confirmed or pending booking can be moved."))
    if booking.start <= timezone.now():
        raise ValidationError(_("This booking has already started; it cannot be moved."))
    start, end = _aware(start), _aware(end)
    old = {"resource": booking.resource, "start": booking.start, "end": booking.end}
    target = lock_resource(resource or booking.resource)
    _check(target, start, end, booking.attendees or 1, by, exclude=[booking.pk])
    booking.room, booking.desk = _resource_fields(target)["room"], _resource_fields(target)["desk"]
    booking.start, booking.end = start, end
    booking.status = initial_status(target, by)
    booking.full_clean()
    _save_booking(booking, by)
    _notify_person(booking, by, "premises_booking_moved", old=old)
    if booking.status == BookingStatus.PENDING:
        notify_pending(booking)
    return booking


def block_conflicts(*, room: Resource, start: dt.datetime, end: dt.datetime) -> list[Booking]:
    """The active bookings a block of ``room`` over [start, end) would cancel (to list before confirming)."""
    return list(overlapping(room, _aware(start), _aware(end)))


@transaction.atomic
def room_block(
    *, room: Resource, by, start: dt.datetime, end: dt.datetime, reason: str, cancel_conflicts: bool = False
) -> Booking:
    """Office manager: make a room (or desk) unavailable over a period (works, an event).

    Overlapping bookings are refused with ``BlockConflicts`` (listing them) unless ``cancel_conflicts``
    is true; then they are cancelled and their people notified. Overlapping blocks are never cancelled.
    """
    require_office_manager(by)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the room is unavailable.")})
    start, end = _aware(start), _aware(end)
    room = lock_resource(room)
    errors = rule_errors(resource=room, start=start, end=end, attendees=0, rules=None, is_block=True)
    if errors:
        raise ValidationError(errors)
    conflicts = list(overlapping(room, start, end))
    if blocks := [b for b in conflicts if b.status == BookingStatus.BLOCKED]:
        raise ValidationError(conflict_message(blocks[0], by))
    if conflicts and not cancel_conflicts:
        raise BlockConflicts(conflicts)
    now = timezone.now()
    for booking in conflicts:
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_by = by
        booking.cancelled_at = now
        booking.reason = reason[:255]
        booking.save(update_fields=["status", "cancelled_by", "cancelled_at", "reason", "updated_at"])
        _notify_person(booking, by, "premises_booking_cancelled", reason=reason)
    block = Booking(
        **_resource_fields(room),
        person=by,
        created_by=by,
        title=reason[:200],
        reason=reason[:255],
        start=start,
        end=end,
        attendees=0,
        status=BookingStatus.BLOCKED,
    )
    block.full_clean()
    return _save_booking(block, by)


def _decide(booking: Booking, by, status: str, reason: str, kind: str) -> Booking:
    require_office_manager(by)
    booking = Booking.objects.select_for_update(of=("self",)).select_related("room", "person").get(pk=booking.pk)
    if booking.status != BookingStatus.PENDING:
        raise ValidationError(_("This booking is not waiting for approval."))
    booking.status = status
    booking.decided_by = by
    booking.decided_at = timezone.now()
    booking.reason = reason.strip()[:255]
    booking.save(update_fields=["status", "decided_by", "decided_at", "reason", "updated_at"])
    send(
        recipient=booking.person,
        kind=kind,
        context={"booking": booking, "resource": booking.resource, "by": by, "reason": booking.reason},
        url=page_url("my_bookings"),
    )
    return booking


@transaction.atomic
def booking_approve(*, booking: Booking, by) -> Booking:
    """Office manager: confirm a pending booking (its slot was held); the person is notified."""
    return _decide(booking, by, BookingStatus.CONFIRMED, "", "premises_booking_approved")


@transaction.atomic
def booking_refuse(*, booking: Booking, by, reason: str = "") -> Booking:
    """Office manager: refuse a pending booking, freeing the slot; the person is notified."""
    return _decide(booking, by, BookingStatus.REFUSED, reason, "premises_booking_refused")
