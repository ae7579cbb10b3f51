"""Booking pages: the day grid, the booking form and its errors, series, my bookings, approvals, blocks."""

import datetime as dt

import pytest
from django.urls import reverse

from apps.accounts.models import User
from apps.premises.models import Booking, BookingSeries, BookingStatus
from apps.premises.tests.conftest import TUESDAY, at
from apps.premises.tests.factories import BookingFactory, FloorFactory, RoomFactory

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture(autouse=True)
def _english(org):
    """Pages in English: the assertions read the msgids (the French catalogue would translate them)."""
    User.objects.update(language="en")


def book_data(room, **overrides):
    data = {
        "space": f"room:{room.pk}",
        "date": TUESDAY.isoformat(),
        "start": "10:00",
        "end": "11:00",
        "title": "Sprint review",
        "attendees": "4",
    }
    return {**data, **overrides}


# --- The day grid --------------------------------------------------------------------------------


def test_day_view_shows_others_bookings_as_busy_and_mine_highlighted(org, room, client_for):
    BookingFactory(room=room, person=org.colleague, title="Salary review", start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    BookingFactory(room=room, person=org.staff, title="My stand-up", start=at(TUESDAY, 14), end=at(TUESDAY, 15))
    response = client_for(org.staff).get(reverse("premises:day"), {"date": TUESDAY.isoformat()})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Salary review" not in html
    assert org.colleague.get_full_name() not in html
    assert "Busy" in html
    assert "My stand-up" in html
    assert "is-mine" in html


def test_the_office_manager_sees_who_booked(org, room, client_for):
    BookingFactory(room=room, person=org.colleague, title="Salary review", start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    response = client_for(org.office_manager).get(
        reverse("premises:site_day", args=[org.site.pk]), {"date": TUESDAY.isoformat()}
    )
    assert "Salary review" in response.content.decode()


def test_day_view_refuses_post_anonymous_and_unknown_site(org, room, client, client_for):
    assert client.get(reverse("premises:day")).status_code == 302
    staff = client_for(org.staff)
    assert staff.post(reverse("premises:day")).status_code == 405
    assert staff.get(reverse("premises:site_day", args=[999])).status_code == 404


def test_day_view_of_40_rooms_on_a_busy_day_has_a_query_cap(org, client_for, django_assert_max_num_queries):
    floors = [FloorFactory(site=org.site) for _ in range(3)]
    for n in range(40):
        room = RoomFactory(floor=floors[n % 3])
        for hour in (8, 10, 14, 16):
            BookingFactory(room=room, person=org.colleague, start=at(TUESDAY, hour), end=at(TUESDAY, hour + 1))
    client = client_for(org.staff)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("premises:day"), {"date": TUESDAY.isoformat()})
    assert response.content.decode().count('data-testid="booking-block"') == 160


# --- Booking -------------------------------------------------------------------------------------


def test_booking_form_prefills_from_the_grid(org, room, client_for):
    response = client_for(org.staff).get(
        reverse("premises:booking_new"), {"space": f"room:{room.pk}", "date": TUESDAY.isoformat(), "start": "10:00"}
    )
    assert response.status_code == 200
    assert f'value="room:{room.pk}" selected' in response.content.decode()


def test_booking_a_room_saves_it_and_goes_back_to_the_day(org, room, client_for):
    response = client_for(org.staff).post(reverse("premises:booking_new"), book_data(room))
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.person, booking.room, booking.start) == (org.staff, room, at(TUESDAY, 10))
    assert TUESDAY.isoformat() in response["Location"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"start": "06:00", "end": "07:00"}, "Bookings must fit between"),
        ({"date": "2026-03-01"}, "cannot start in the past"),
        ({"attendees": "30"}, "holds 6 people"),
        ({"end": "09:00"}, "The end must be after the start"),
    ],
)
def test_booking_errors_re_render_the_form_and_save_nothing(org, room, client_for, overrides, message):
    response = client_for(org.staff).post(reverse("premises:booking_new"), book_data(room, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Booking.objects.exists()


def test_a_taken_slot_is_refused_without_saying_who_to_staff(org, room, client_for):
    BookingFactory(room=room, person=org.colleague, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    response = client_for(org.staff).post(reverse("premises:booking_new"), book_data(room))
    html = response.content.decode()
    assert response.status_code == 200
    assert "already booked" in html
    assert org.colleague.get_full_name() not in html
    assert Booking.objects.count() == 1


def test_booking_a_hot_desk(org, desk, client_for):
    data = {"space": f"desk:{desk.pk}", "date": TUESDAY.isoformat(), "start": "09:00", "end": "18:00", "attendees": 1}
    assert client_for(org.staff).post(reverse("premises:booking_new"), data).status_code == 302
    assert Booking.objects.get().desk == desk


def test_recurring_preview_lists_conflicts_and_saves_nothing(org, room, client_for):
    BookingFactory(
        room=room,
        person=org.colleague,
        start=at(TUESDAY + dt.timedelta(weeks=1), 10),
        end=at(TUESDAY + dt.timedelta(weeks=1), 11),
    )
    data = book_data(room, repeat="on", interval_weeks="1", until=(TUESDAY + dt.timedelta(weeks=3)).isoformat())
    response = client_for(org.staff).post(reverse("premises:booking_new"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-testid="occurrence"') == 4
    assert 'data-testid="series-conflicts"' in html
    assert 'name="step" value="confirm"' not in html
    assert Booking.objects.count() == 1
    assert not BookingSeries.objects.exists()


def test_recurring_confirm_creates_every_occurrence(org, room, client_for):
    data = book_data(room, repeat="on", interval_weeks="2", until=(TUESDAY + dt.timedelta(weeks=6)).isoformat())
    client = client_for(org.staff)
    preview = client.post(reverse("premises:booking_new"), data)
    assert 'name="step" value="confirm"' in preview.content.decode()
    response = client.post(reverse("premises:booking_new"), {**data, "step": "confirm"})
    assert response.status_code == 302
    assert Booking.objects.filter(series__isnull=False, person=org.staff).count() == 4


def test_recurring_confirm_that_now_conflicts_creates_nothing(org, room, client_for):
    data = book_data(room, repeat="on", interval_weeks="1", until=(TUESDAY + dt.timedelta(weeks=1)).isoformat())
    BookingFactory(room=room, person=org.colleague, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    response = client_for(org.staff).post(reverse("premises:booking_new"), {**data, "step": "confirm"})
    assert response.status_code == 200
    assert "already booked" in response.content.decode()
    assert not BookingSeries.objects.exists()


def test_find_a_room_lists_free_rooms_with_a_book_button(org, floor, client_for):
    free = RoomFactory(floor=floor, name="Free room", capacity=8)
    busy = RoomFactory(floor=floor, name="Busy room", capacity=8)
    RoomFactory(floor=floor, name="Tiny room", capacity=2)
    BookingFactory(room=busy, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    query = {"date": TUESDAY.isoformat(), "start": "10:00", "end": "11:00", "people": "4"}
    response = client_for(org.staff).get(reverse("premises:find_room"), query, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # the partial alone for HTMX
    assert html.count('data-testid="free-room"') == 1
    assert "Free room" in html and f'value="room:{free.pk}"' in html


# --- My bookings, a booking's page, cancel and move ----------------------------------------------


def test_my_bookings_lists_mine_only(org, room, client_for):
    BookingFactory(room=room, person=org.staff, title="Mine", start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    BookingFactory(room=room, person=org.colleague, title="Theirs", start=at(TUESDAY, 12), end=at(TUESDAY, 13))
    html = client_for(org.staff).get(reverse("premises:my_bookings")).content.decode()
    assert "Mine" in html and "Theirs" not in html


def test_cancelling_my_booking(org, room, client_for):
    booking = BookingFactory(room=room, person=org.staff, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    client = client_for(org.staff)
    assert client.get(reverse("premises:booking_cancel", args=[booking.pk])).status_code == 405
    assert client.post(reverse("premises:booking_cancel", args=[booking.pk])).status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_someone_elses_booking_is_a_404(org, room, client_for):
    booking = BookingFactory(room=room, person=org.colleague, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    client = client_for(org.staff)
    assert client.get(reverse("premises:booking_detail", args=[booking.pk])).status_code == 404
    assert client.post(reverse("premises:booking_cancel", args=[booking.pk])).status_code == 404
    assert client.post(reverse("premises:booking_move", args=[booking.pk]), {}).status_code == 404
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_the_office_manager_moves_any_booking(org, room, floor, client_for):
    other = RoomFactory(floor=floor, name="Saône")
    booking = BookingFactory(room=room, person=org.colleague, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    client = client_for(org.office_manager)
    assert client.get(reverse("premises:booking_detail", args=[booking.pk])).status_code == 200
    data = {"space": f"room:{other.pk}", "date": TUESDAY.isoformat(), "start": "15:00", "end": "16:00"}
    assert client.post(reverse("premises:booking_move", args=[booking.pk]), data).status_code == 302
    booking.refresh_from_db()
    assert (booking.room, booking.start) == (other, at(TUESDAY, 15))


def test_a_refused_move_shows_the_error(org, room, client_for):
    booking = BookingFactory(room=room, person=org.staff, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    data = {"space": f"room:{room.pk}", "date": TUESDAY.isoformat(), "start": "21:00", "end": "22:00"}
    response = client_for(org.staff).post(reverse("premises:booking_move", args=[booking.pk]), data)
    assert response.status_code == 200
    assert "Bookings must fit between" in response.content.decode()
    booking.refresh_from_db()
    assert booking.start == at(TUESDAY, 10)


# --- Approvals -----------------------------------------------------------------------------------


def test_approvals_are_for_the_office_manager(org, floor, client_for):
    hall = RoomFactory(floor=floor, name="Hall", needs_approval=True, capacity=40)
    booking = BookingFactory(room=hall, person=org.staff, status=BookingStatus.PENDING, start=at(TUESDAY, 10))
    staff = client_for(org.staff)
    assert staff.get(reverse("premises:approvals")).status_code == 403
    assert staff.post(reverse("premises:booking_approve", args=[booking.pk])).status_code == 403
    client = client_for(org.office_manager)
    assert "Hall" in client.get(reverse("premises:approvals")).content.decode()
    assert client.get(reverse("premises:booking_approve", args=[booking.pk])).status_code == 405
    assert client.post(reverse("premises:booking_approve", args=[booking.pk])).status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_refusing_a_booking_with_a_reason(org, floor, client_for):
    hall = RoomFactory(floor=floor, name="Hall", needs_approval=True, capacity=40)
    booking = BookingFactory(room=hall, person=org.staff, status=BookingStatus.PENDING, start=at(TUESDAY, 10))
    client = client_for(org.office_manager)
    assert client.get(reverse("premises:booking_refuse", args=[booking.pk])).status_code == 200
    client.post(reverse("premises:booking_refuse", args=[booking.pk]), {"reason": "Board meeting"})
    booking.refresh_from_db()
    assert (booking.status, booking.reason) == (BookingStatus.REFUSED, "Board meeting")


def test_booking_a_room_that_needs_approval_says_it_waits(org, floor, client_for):
    hall = RoomFactory(floor=floor, name="Hall", needs_approval=True, capacity=40)
    response = client_for(org.staff).post(reverse("premises:booking_new"), book_data(hall), follow=True)
    assert "waiting for approval" in response.content.decode()
    assert Booking.objects.get().status == BookingStatus.PENDING


# --- Blocking a room -----------------------------------------------------------------------------


def block_data(room, **overrides):
    data = {
        "room": room.pk,
        "start_date": TUESDAY.isoformat(),
        "start_time": "08:00",
        "end_date": TUESDAY.isoformat(),
        "end_time": "20:00",
        "reason": "Painting",
    }
    return {**data, **overrides}


def test_blocking_is_for_the_office_manager(org, room, client_for):
    staff = client_for(org.staff)
    assert staff.get(reverse("premises:room_block")).status_code == 403
    assert staff.post(reverse("premises:room_block"), block_data(room)).status_code == 403


def test_block_with_conflicts_asks_to_confirm_then_cancels_them(org, room, client_for):
    booking = BookingFactory(room=room, person=org.colleague, title="Retro", start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    client = client_for(org.office_manager)
    response = client.post(reverse("premises:room_block"), block_data(room))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="block-conflicts"' in html and "Retro" in html
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    assert not Booking.objects.filter(status=BookingStatus.BLOCKED).exists()

    response = client.post(reverse("premises:room_block"), block_data(room, confirm="True"))
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert Booking.objects.filter(status=BookingStatus.BLOCKED, room=room).count() == 1


def test_block_without_conflicts_is_saved_at_once(org, room, client_for):
    response = client_for(org.office_manager).post(reverse("premises:room_block"), block_data(room))
    assert response.status_code == 302
    assert Booking.objects.get().status == BookingStatus.BLOCKED


def test_a_block_in_the_past_is_refused_clearly(org, room, client_for):
    response = client_for(org.office_manager).post(
        reverse("premises:room_block"), block_data(room, start_date="2026-03-01", end_date="2026-03-01")
    )
    assert response.status_code == 200
    assert "cannot start in the past" in response.content.decode()
