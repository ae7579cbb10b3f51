"""Recurring bookings: preview a weekly series with its conflicts, create it all or nothing, cancel the rest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.premises.constraints import is_overlap_violation
from apps.premises.models import ACTIVE_STATUSES, Booking, BookingSeries, BookingStatus, Room, SitePremisesSettings
from apps.premises.scheduling import MAX_OCCURRENCES, weekly_occurrences
from apps.premises.services.bookings import (
    Resource,
    _aware,
    _may_book_for,
    _may_change,
    _notify_person,
    _resource_fields,
    conflict_message,
    initial_status,
    lock_resource,
    notify_pending,
    resource_filter,
    rule_errors,
)


@dataclass
class Occurrence:
    start: dt.datetime
    end: dt.datetime
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _occurrences(start, end, interval_weeks: int, until: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    if interval_weeks < 1:
        raise ValidationError({"interval_weeks": _("Repeat at least every week.")})
    if until < timezone.localdate(start):
        raise ValidationError({"until": _("The last date must be on or after the first occurrence.")})
    try:
        return weekly_occurrences(start, end, interval_weeks, until)
    except ValueError as exc:
        raise ValidationError(
            {
                "until": _("A series has at most %(max)d occurrences: choose an earlier last date.")
                % {"max": MAX_OCCURRENCES}
            }
        ) from exc


def booking_series_preview(
    *,
    resource: Resource,
    by,
    start: dt.datetime,
    end: dt.datetime,
    interval_weeks: int,
    until: dt.date,
    attendees: int = 1,
) -> list[Occurrence]:
    """Every occurrence of a weekly series with what prevents booking it (rules or overlaps).

    ``start``/``end`` are the first occurrence; then every ``interval_weeks`` weeks up to ``until``
    (at most ``MAX_OCCURRENCES``). Two queries whatever the number of occurrences.
    """
    start, end = _aware(start), _aware(end)
    pairs = _occurrences(start, end, interval_weeks, until)
    rules = SitePremisesSettings.for_site(resource.floor.site)
    taken = list(
        Booking.objects.filter(
            resource_filter(resource), status__in=ACTIVE_STATUSES, start__lt=pairs[-1][1], end__gt=pairs[0][0]
        ).select_related("person", "room", "desk")
    )
    result = []
    for occ_start, occ_end in pairs:
        errors = rule_errors(resource=resource, start=occ_start, end=occ_end, attendees=attendees, rules=rules)
        errors += [conflict_message(b, by) for b in taken if b.start < occ_end and b.end > occ_start]
        result.append(Occurrence(occ_start, occ_end, errors))
    return result


@transaction.atomic
def booking_series_create(
    *,
    resource: Resource,
    person,
    by,
    start: dt.datetime,
    end: dt.datetime,
    interval_weeks: int,
    until: dt.date,
    title: str = "",
    attendees: int = 1,
) -> BookingSeries:
    """Book every occurrence of a weekly series, or nothing: any conflict refuses the whole series.

    The refusal lists each occurrence that cannot be booked, with the reason.
    """
    _may_book_for(by, person)
    start, end = _aware(start), _aware(end)
    resource = lock_resource(resource)
    occurrences = booking_series_preview(
        resource=resource, by=by, start=start, end=end, interval_weeks=interval_weeks, until=until, attendees=attendees
    )
    if problems := [o for o in occurrences if not o.ok]:
        raise ValidationError(
            [
                _("%(date)s: %(reason)s") % {"date": timezone.localtime(o.start).strftime("%d/%m/%Y"), "reason": e}
                for o in problems
                for e in o.errors
            ]
        )
    series = BookingSeries(
        **_resource_fields(resource),
        person=person,
        created_by=by,
        title=title.strip(),
        first_start=start,
        first_end=end,
        interval_weeks=interval_weeks,
        until=until,
        attendees=attendees,
    )
    series.full_clean()
    series.save()
    status = initial_status(resource, by)
    bookings = [
        Booking(
            **_resource_fields(resource),
            person=person,
            created_by=by,
            title=series.title,
            start=o.start,
            end=o.end,
            attendees=attendees,
            status=status,
            series=series,
        )
        for o in occurrences
    ]
    try:
        with transaction.atomic():
            Booking.objects.bulk_create(bookings)
    except IntegrityError as exc:
        if not is_overlap_violation(exc):
            raise
        message = _("Some of these dates were just booked by someone else; check the preview again.")
        raise ValidationError(message) from exc
    if status == BookingStatus.PENDING and isinstance(resource, Room):
        notify_pending(Booking.objects.filter(series=series).select_related("room", "person").first())
    return series


@transaction.atomic
def booking_series_cancel(*, booking: Booking, by, reason: str = "") -> int:
    """Cancel this occurrence and every later active one of its series; returns how many were cancelled.

    (To cancel one occurrence alone, use ``booking_cancel``.) The person is notified once when
    someone else cancels.
    """
    _may_change(booking, by)
    if booking.series_id is None:
        raise ValidationError(_("This booking is not part of a series."))
    now = timezone.now()
    rest = list(
        Booking.objects.select_for_update(of=("self",))
        .filter(Q(start__gte=booking.start) | Q(pk=booking.pk), series_id=booking.series_id)
        .filter(status__in=ACTIVE_STATUSES, end__gt=now)
        .order_by("start")
    )
    if not rest:
        raise ValidationError(_("Nothing left to cancel in this series."))
    Booking.objects.filter(pk__in=[b.pk for b in rest]).update(
        status=BookingStatus.CANCELLED, cancelled_by=by, cancelled_at=now, reason=reason.strip()[:255], updated_at=now
    )
    first = Booking.objects.select_related("room", "desk", "person").get(pk=rest[0].pk)
    _notify_person(first, by, "premises_booking_series_cancelled", count=len(rest), reason=reason.strip())
    return len(rest)
