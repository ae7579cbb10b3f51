"""booking_create refuses every broken rule with a clear message, and saves nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.premises.models import Booking, BookingStatus, SitePremisesSettings
from apps.premises.services import booking_create
from apps.premises.tests.conftest import TUESDAY, at
from apps.premises.tests.factories import BookingFactory, RoomFactory

pytestmark = pytest.mark.usefixtures("clock")


def book(resource, person, start, end, attendees=2, by=None, title="Team meeting"):
    return booking_create(
        resource=resource, person=person, by=by or person, start=start, end=end, title=title, attendees=attendees
    )


def refused(resource, person, start, end, attendees=2, by=None) -> str:
    before = Booking.objects.count()
    with pytest.raises(ValidationError) as exc:
        book(resource, person, start, end, attendees, by)
    assert Booking.objects.count() == before
    return " ".join(exc.value.messages)


def test_booking_a_free_room_is_confirmed(org, room):
    booking = book(room, org.staff, at(TUESDAY, 10), at(TUESDAY, 11))
    assert booking.status == BookingStatus.CONFIRMED
    assert (booking.room, booking.desk, booking.person, booking.created_by) == (room, None, org.staff, org.staff)


def test_booking_a_desk_works(org, desk):
    booking = book(desk, org.staff, at(TUESDAY, 8), at(TUESDAY, 18), attendees=1)
    assert (booking.desk, booking.room) == (desk, None)


def test_end_before_start_is_refused(org, room):
    assert "end must be after the start" in refused(room, org.staff, at(TUESDAY, 11), at(TUESDAY, 10))
    assert "end must be after the start" in refused(room, org.staff, at(TUESDAY, 11), at(TUESDAY, 11))


def test_booking_in_the_past_is_refused(org, room):
    monday = dt.date(2026, 3, 2)
    assert "in the past" in refused(room, org.staff, at(monday, 8), at(monday, 10))


def test_booking_outside_opening_hours_is_refused(org, room):
    assert "between 08:00 and 20:00" in refused(room, org.staff, at(TUESDAY, 7), at(TUESDAY, 9))
    assert "between 08:00 and 20:00" in refused(room, org.staff, at(TUESDAY, 19), at(TUESDAY, 21))


def test_booking_across_two_days_is_refused(org, room):
    message = refused(room, org.staff, at(TUESDAY, 18), at(TUESDAY + dt.timedelta(days=1), 9))
    assert "on one day" in message


def test_booking_on_a_closed_day_is_refused(org, room):
    saturday = dt.date(2026, 3, 7)
    assert "closed on" in refused(room, org.staff, at(saturday, 10), at(saturday, 11))


def test_booking_on_a_public_holiday_is_refused(org, room):
    easter_monday = dt.date(2026, 4, 6)
    assert "closed on" in refused(room, org.staff, at(easter_monday, 10), at(easter_monday, 11))


def test_site_settings_change_the_rules(org, room):
    SitePremisesSettings.objects.create(
        site=org.site, opens_at=dt.time(7), closes_at=dt.time(22), open_days=[0, 1, 2, 3, 4, 5], max_booking_hours=14
    )
    saturday = dt.date(2026, 3, 7)
    assert book(room, org.staff, at(saturday, 7), at(saturday, 21)).pk


def test_booking_longer_than_the_maximum_is_refused(org, room):
    SitePremisesSettings.objects.create(site=org.site, max_booking_hours=4)
    assert "at most 4 hours" in refused(room, org.staff, at(TUESDAY, 9), at(TUESDAY, 14))


def test_booking_beyond_the_horizon_is_refused(org, room):
    far = dt.date(2026, 6, 2)  # 92 days ahead, a Tuesday
    assert "90 days ahead" in refused(room, org.staff, at(far, 10), at(far, 11))


def test_attendees_over_capacity_is_refused(org, room):
    assert "holds 6 people" in refused(room, org.staff, at(TUESDAY, 10), at(TUESDAY, 11), attendees=7)


def test_room_not_bookable_or_inactive_is_refused(org, floor):
    closed = RoomFactory(floor=floor, is_bookable=False)
    gone = RoomFactory(floor=floor, is_active=False)
    assert "cannot be booked" in refused(closed, org.staff, at(TUESDAY, 10), at(TUESDAY, 11))
    assert "cannot be booked" in refused(gone, org.staff, at(TUESDAY, 10), at(TUESDAY, 11))


def test_overlap_is_refused_with_the_time_and_no_name_for_staff(org, room):
    book(room, org.colleague, at(TUESDAY, 10), at(TUESDAY, 11), title="Secret interview")
    message = refused(room, org.staff, at(TUESDAY, 10, 30), at(TUESDAY, 11, 30))
    assert "already booked" in message and "10:00" in message and "11:00" in message
    assert org.colleague.last_name not in message and "Secret" not in message


def test_overlap_names_who_to_an_office_manager(org, room):
    book(room, org.colleague, at(TUESDAY, 10), at(TUESDAY, 11), title="Secret interview")
    message = refused(room, org.office_manager, at(TUESDAY, 9), at(TUESDAY, 12))
    assert org.colleague.get_full_name() in message and "Secret interview" in message


@pytest.mark.parametrize(
    ("start", "end"),
    [((9, 0), (10, 30)), ((10, 30), (12, 0)), ((10, 15), (10, 45)), ((9, 0), (12, 0)), ((10, 0), (11, 0))],
)
def test_every_kind_of_overlap_is_refused(org, room, start, end):
    book(room, org.colleague, at(TUESDAY, 10), at(TUESDAY, 11))
    assert "already booked" in refused(room, org.staff, at(TUESDAY, *start), at(TUESDAY, *end))


def test_adjacent_bookings_are_allowed(org, room):
    book(room, org.colleague, at(TUESDAY, 10), at(TUESDAY, 11))
    assert book(room, org.staff, at(TUESDAY, 11), at(TUESDAY, 12)).pk
    assert book(room, org.staff, at(TUESDAY, 9), at(TUESDAY, 10)).pk


def test_a_cancelled_or_refused_booking_frees_the_slot(org, room):
    BookingFactory(room=room, start=at(TUESDAY, 10), end=at(TUESDAY, 11), status=BookingStatus.CANCELLED)
    BookingFactory(room=room, start=at(TUESDAY, 10), end=at(TUESDAY, 11), status=BookingStatus.REFUSED)
    assert book(room, org.staff, at(TUESDAY, 10), at(TUESDAY, 11)).pk


def test_a_pending_booking_holds_the_slot(org, room):
    BookingFactory(room=room, start=at(TUESDAY, 10), end=at(TUESDAY, 11), status=BookingStatus.PENDING)
    assert "already booked" in refused(room, org.staff, at(TUESDAY, 10), at(TUESDAY, 11))


def test_a_blocked_room_says_why(org, room):
    BookingFactory(
        room=room, start=at(TUESDAY, 8), end=at(TUESDAY, 20), status=BookingStatus.BLOCKED, reason="Painting"
    )
    message = refused(room, org.staff, at(TUESDAY, 10), at(TUESDAY, 11))
    assert "unavailable" in message and "Painting" in message


def test_a_desk_overlap_is_refused_but_another_desk_is_free(org, desk, floor):
    book(desk, org.colleague, at(TUESDAY, 8), at(TUESDAY, 18), attendees=1)
    assert "already booked" in refused(desk, org.staff, at(TUESDAY, 9), at(TUESDAY, 12), attendees=1)


def test_the_same_time_in_two_rooms_is_fine(org, room, floor):
    other = RoomFactory(floor=floor)
    book(room, org.staff, at(TUESDAY, 10), at(TUESDAY, 11))
    assert book(other, org.staff, at(TUESDAY, 10), at(TUESDAY, 11)).pk


def test_a_room_needing_approval_gives_a_pending_booking_and_tells_the_office_manager(org, floor):
    from apps.notifications.models import Notification

    boardroom = RoomFactory(floor=floor, needs_approval=True)
    booking = book(boardroom, org.staff, at(TUESDAY, 10), at(TUESDAY, 11))
    assert booking.status == BookingStatus.PENDING
    assert Notification.objects.filter(recipient=org.office_manager, kind="premises_booking_pending").count() == 1


def test_an_office_manager_booking_a_room_needing_approval_is_confirmed(org, floor):
    boardroom = RoomFactory(floor=floor, needs_approval=True)
    booking = book(boardroom, org.staff, at(TUESDAY, 10), at(TUESDAY, 11), by=org.office_manager)
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.created_by == org.office_manager


def test_staff_cannot_book_for_someone_else(org, room):
    with pytest.raises(PermissionDenied):
        book(room, org.colleague, at(TUESDAY, 10), at(TUESDAY, 11), by=org.staff)
    assert not Booking.objects.exists()


def test_naive_datetimes_are_taken_as_paris_time(org, room):
    booking = book(room, org.staff, dt.datetime(2026, 3, 3, 10), dt.datetime(2026, 3, 3, 11))
    assert booking.start == at(TUESDAY, 10)
