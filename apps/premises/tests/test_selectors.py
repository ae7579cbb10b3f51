"""Availability and visibility: free rooms, the day grid, the floor plan, others' bookings as "busy"."""

import datetime as dt

import pytest

from apps.premises.models import BookingStatus
from apps.premises.selectors import (
    booking_view,
    bookings_visible_to,
    day_view,
    floor_status,
    free_rooms,
    my_bookings,
    pending_bookings,
)
from apps.premises.tests.conftest import TUESDAY, at
from apps.premises.tests.factories import BookingFactory, DeskFactory, FloorFactory, RoomFactory

pytestmark = pytest.mark.usefixtures("clock")


def test_free_rooms_respects_time_capacity_equipment_and_bookability(org, floor):
    small = RoomFactory(floor=floor, name="Small", capacity=2, equipment=["screen"])
    big = RoomFactory(floor=floor, name="Big", capacity=12, equipment=["screen", "video"])
    busy = RoomFactory(floor=floor, name="Busy", capacity=8, equipment=["screen", "video"])
    RoomFactory(floor=floor, name="Closed", capacity=8, is_bookable=False)
    BookingFactory(room=busy, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    start, end = at(TUESDAY, 10, 30), at(TUESDAY, 11, 30)
    assert free_rooms(site=org.site, start=start, end=end, people=2) == [small, big]
    assert free_rooms(site=org.site, start=start, end=end, people=4) == [big]
    assert free_rooms(site=org.site, start=at(TUESDAY, 11), end=at(TUESDAY, 12), people=4, equipment=["video"]) == [
        busy,
        big,
    ]


def test_free_rooms_is_one_query(org, floor, django_assert_num_queries):
    for n in range(30):
        RoomFactory(floor=floor, capacity=4 + n % 5)
    with django_assert_num_queries(1):
        free_rooms(site=org.site, start=at(TUESDAY, 10), end=at(TUESDAY, 11), people=4, equipment=["screen"])


def test_day_view_of_40_rooms_on_a_busy_day_costs_two_queries(org, django_assert_num_queries):
    floors = [FloorFactory(site=org.site) for _ in range(3)]
    rooms = [RoomFactory(floor=floors[n % 3]) for n in range(40)]
    for room in rooms:
        for hour in (8, 10, 14, 16):
            BookingFactory(room=room, person=org.colleague, start=at(TUESDAY, hour), end=at(TUESDAY, hour + 1))
    assert not org.staff.is_office_manager  # roles are cached on the user, as on a request
    with django_assert_num_queries(2):
        grid = day_view(site=org.site, day=TUESDAY, viewer=org.staff)
        assert all(len(row.bookings) == 4 for row in grid)
    assert len(grid) == 40


def test_day_view_shows_others_bookings_as_busy_only(org, room):
    BookingFactory(room=room, person=org.colleague, title="Salary review", start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    BookingFactory(room=room, person=org.staff, title="My meeting", start=at(TUESDAY, 14), end=at(TUESDAY, 15))
    [row] = day_view(site=org.site, day=TUESDAY, viewer=org.staff)
    theirs, mine = row.bookings
    assert (theirs.title, theirs.person_name, theirs.show_details) == ("Busy", "", False)
    assert (mine.title, mine.is_mine) == ("My meeting", True)
    [row] = day_view(site=org.site, day=TUESDAY, viewer=org.office_manager)
    assert row.bookings[0].title == "Salary review"
    assert row.bookings[0].person_name == org.colleague.get_full_name()


def test_day_view_includes_a_block_spanning_several_days(org, room):
    BookingFactory(
        room=room,
        status=BookingStatus.BLOCKED,
        reason="Works",
        start=at(TUESDAY - dt.timedelta(days=1), 8),
        end=at(TUESDAY + dt.timedelta(days=2), 20),
    )
    [row] = day_view(site=org.site, day=TUESDAY, viewer=org.staff)
    assert row.bookings[0].is_blocked and row.bookings[0].title == "Works"


def test_floor_status_flags_free_and_busy(org, floor, room, django_assert_max_num_queries):
    other_room = RoomFactory(floor=floor)
    taken, free = DeskFactory(floor=floor), DeskFactory(floor=floor)
    BookingFactory(room=room, person=org.colleague, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    BookingFactory(room=None, desk=taken, person=org.colleague, start=at(TUESDAY, 8), end=at(TUESDAY, 18))
    assert not org.staff.is_office_manager
    with django_assert_max_num_queries(3):
        status = floor_status(floor=floor, at=at(TUESDAY, 10, 30), viewer=org.staff)
        flags = {spot.obj.pk: spot.is_free for spot in status.rooms + status.desks}
    assert flags == {room.pk: False, other_room.pk: True, taken.pk: False, free.pk: True}
    assert status.rooms[0].current.title == "Busy"
    at_eleven = floor_status(floor=floor, at=at(TUESDAY, 11), viewer=org.staff)
    assert all(spot.is_free for spot in at_eleven.rooms)


def test_bookings_visible_to_staff_are_their_own(org, room):
    mine = BookingFactory(room=room, person=org.staff)
    theirs = BookingFactory(room=room, person=org.colleague, start=at(TUESDAY, 15), end=at(TUESDAY, 16))
    assert list(bookings_visible_to(org.staff)) == [mine]
    assert set(bookings_visible_to(org.office_manager)) == {mine, theirs}


def test_my_bookings_upcoming_and_past(org, room):
    past = BookingFactory(
        room=room,
        person=org.staff,
        start=at(TUESDAY, 10) - dt.timedelta(days=7),
        end=at(TUESDAY, 11) - dt.timedelta(days=7),
    )
    upcoming = BookingFactory(room=room, person=org.staff, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    BookingFactory(
        room=room, person=org.staff, status=BookingStatus.CANCELLED, start=at(TUESDAY, 12), end=at(TUESDAY, 13)
    )
    assert list(my_bookings(org.staff)) == [upcoming]
    assert list(my_bookings(org.staff, upcoming=False)) == [past]


def test_pending_bookings_are_for_office_managers(org, room):
    pending = BookingFactory(room=room, status=BookingStatus.PENDING)
    assert list(pending_bookings(org.office_manager)) == [pending]
    assert list(pending_bookings(org.staff)) == []


def test_booking_view_of_a_booking_made_for_me_by_someone_else_shows_details(org, room):
    booking = BookingFactory(room=room, person=org.staff, created_by=org.office_manager, title="Onboarding")
    assert booking_view(booking, org.staff).title == "Onboarding"
    assert booking_view(booking, org.colleague).title == "Busy"
