"""Weekly series: preview with conflicts, all-or-nothing creation, cancelling the rest."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from apps.premises.models import Booking, BookingSeries, BookingStatus
from apps.premises.services import (
    booking_cancel,
    booking_series_cancel,
    booking_series_create,
    booking_series_preview,
)
from apps.premises.tests.conftest import TUESDAY, at
from apps.premises.tests.factories import BookingFactory

pytestmark = pytest.mark.usefixtures("clock")
UNTIL = dt.date(2026, 4, 28)  # 9 Tuesdays from 3 March; 7 April (Easter week) is a normal Tuesday


def series_args(room, person, **extra):
    return {
        "resource": room,
        "by": person,
        "start": at(TUESDAY, 10),
        "end": at(TUESDAY, 11),
        "interval_weeks": 1,
        "until": UNTIL,
        "attendees": 3,
        **extra,
    }


def test_preview_lists_each_week_and_its_conflicts(org, room):
    BookingFactory(room=room, start=at(dt.date(2026, 3, 17), 10, 30), end=at(dt.date(2026, 3, 17), 12))
    occurrences = booking_series_preview(**series_args(room, org.staff))
    assert [o.start.date() for o in occurrences][:3] == [TUESDAY, dt.date(2026, 3, 10), dt.date(2026, 3, 17)]
    assert len(occurrences) == 9
    assert [o.start.date() for o in occurrences if not o.ok] == [dt.date(2026, 3, 17)]
    assert "already booked" in occurrences[2].errors[0]


def test_preview_keeps_the_paris_time_across_the_clock_change(org, room):
    occurrences = booking_series_preview(**series_args(room, org.staff))
    # 29 March 2026: summer time starts; the meeting stays at 10:00 in Paris.
    assert {o.start.astimezone(at(TUESDAY, 0).tzinfo).hour for o in occurrences} == {10}


def test_preview_every_two_weeks(org, room):
    occurrences = booking_series_preview(**series_args(room, org.staff, interval_weeks=2))
    assert [o.start.day for o in occurrences] == [3, 17, 31, 14, 28]


def test_more_than_52_occurrences_is_refused(org, room):
    with pytest.raises(ValidationError, match="at most 52"):
        booking_series_preview(**series_args(room, org.staff, until=dt.date(2027, 6, 1)))


def test_occurrences_beyond_the_horizon_or_on_holidays_are_flagged(org, room):
    monday = dt.date(2026, 3, 30)
    occurrences = booking_series_preview(
        **series_args(room, org.staff, start=at(monday, 10), end=at(monday, 11), until=dt.date(2026, 6, 15))
    )
    flagged = {o.start.date(): o.errors for o in occurrences if not o.ok}
    assert "closed on" in flagged[dt.date(2026, 4, 6)][0]  # Easter Monday
    assert "closed on" in flagged[dt.date(2026, 5, 25)][0]  # Whit Monday
    assert "90 days ahead" in flagged[dt.date(2026, 6, 1)][0]


def test_create_saves_every_occurrence_linked_to_the_series(org, room):
    series = booking_series_create(person=org.staff, title="Weekly sync", **series_args(room, org.staff))
    bookings = Booking.objects.filter(series=series)
    assert bookings.count() == 9
    assert set(bookings.values_list("status", flat=True)) == {BookingStatus.CONFIRMED}
    assert set(bookings.values_list("title", flat=True)) == {"Weekly sync"}


def test_create_saves_nothing_when_one_occurrence_conflicts(org, room):
    BookingFactory(room=room, start=at(dt.date(2026, 4, 14), 9), end=at(dt.date(2026, 4, 14), 10, 30))
    with pytest.raises(ValidationError) as exc:
        booking_series_create(person=org.staff, title="Weekly sync", **series_args(room, org.staff))
    assert "14/04/2026" in exc.value.messages[0]
    assert not BookingSeries.objects.exists()
    assert Booking.objects.count() == 1


def test_cancel_one_occurrence_keeps_the_others(org, room):
    series = booking_series_create(person=org.staff, **series_args(room, org.staff))
    second = series.bookings.order_by("start")[1]
    booking_cancel(booking=second, by=org.staff)
    assert series.bookings.filter(status=BookingStatus.CONFIRMED).count() == 8


def test_cancel_the_rest_of_the_series(org, room):
    series = booking_series_create(person=org.staff, **series_args(room, org.staff))
    fourth = series.bookings.order_by("start")[3]
    assert booking_series_cancel(booking=fourth, by=org.staff) == 6
    statuses = list(series.bookings.order_by("start").values_list("status", flat=True))
    assert statuses == [BookingStatus.CONFIRMED] * 3 + [BookingStatus.CANCELLED] * 6
