"""Dates out of range on the premises pages and forms: a harmless page or a field error, never a
server error. 0001-01-01 and 9999-12-31 are valid dates, but the day after or before them, or the
same day in another time zone, overflows."""

import pytest
from django.urls import reverse

from apps.premises.models import Booking, CheckItem, CheckRecord
from apps.premises.tests.factories import BookingFactory, CheckItemFactory, TicketFactory

from .conftest import TUESDAY, at

EXTREMES = ["0001-01-01", "9999-12-31"]
OUT_OF_RANGE = "Enter a date between 1900 and 2200."


@pytest.fixture
def as_user(client_for):
    def _as_user(user):
        client = client_for(user)
        client.raise_request_exception = False  # a crash is a 500 to assert on, not an exception
        return client

    return _as_user


@pytest.mark.parametrize("day", [*EXTREMES, "9999-12-31T23:59", "0001-01-01T00:00:00+02:00", "1899-12-31"])
@pytest.mark.parametrize("role", ["staff", "office_manager", "director"])
def test_the_day_grid_out_of_range_shows_the_nearest_day_it_can(org, room, desk, clock, as_user, day, role):
    client = as_user(getattr(org, role))
    for url in (reverse("premises:day"), reverse("premises:site_day", args=[org.site.pk])):
        response = client.get(url, {"date": day})
        assert response.status_code == 200


@pytest.mark.parametrize("day", EXTREMES)
@pytest.mark.parametrize("time", ["00:00", "23:59"])
def test_the_floor_plan_out_of_range_shows_a_plan(org, floor, room, desk, clock, as_user, day, time):
    response = as_user(org.staff).get(reverse("premises:floor_plan", args=[floor.pk]), {"date": day, "time": time})
    assert response.status_code == 200


@pytest.mark.parametrize("day", EXTREMES)
def test_finding_a_room_out_of_range_is_a_field_error(org, room, clock, as_user, day):
    query = {"date": day, "start": "00:00", "end": "23:59", "people": 1}
    response = as_user(org.staff).get(reverse("premises:find_room"), query)
    assert response.status_code == 200 and OUT_OF_RANGE in response.content.decode()


@pytest.mark.parametrize("day", EXTREMES)
@pytest.mark.parametrize("field", ["date", "until"])
def test_a_booking_out_of_range_is_a_field_error(org, room, clock, as_user, day, field):
    data = {"space": f"room:{room.pk}", "date": TUESDAY.isoformat(), "start": "00:00", "end": "23:59"}
    data.update(attendees=1, title="", repeat="on", interval_weeks=1, until=TUESDAY.isoformat())
    data[field] = day
    response = as_user(org.staff).post(reverse("premises:booking_new"), data)
    assert response.status_code == 200 and OUT_OF_RANGE in response.content.decode()
    assert not Booking.objects.exists()


@pytest.mark.parametrize("day", EXTREMES)
def test_moving_a_booking_out_of_range_is_a_field_error(org, room, clock, as_user, day):
    booking = BookingFactory(room=room, person=org.staff, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    data = {"space": f"room:{room.pk}", "date": day, "start": "00:00", "end": "23:59"}
    response = as_user(org.staff).post(reverse("premises:booking_move", args=[booking.pk]), data)
    assert response.status_code == 200 and OUT_OF_RANGE in response.content.decode()
    booking.refresh_from_db()
    assert booking.start == at(TUESDAY, 10)


@pytest.mark.parametrize("day", EXTREMES)
@pytest.mark.parametrize("field", ["start_date", "end_date"])
def test_blocking_a_room_out_of_range_is_a_field_error(org, room, clock, as_user, day, field):
    data = {"room": room.pk, "start_date": TUESDAY.isoformat(), "start_time": "00:00"}
    data.update(end_date=TUESDAY.isoformat(), end_time="23:59", reason="Works")
    data[field] = day
    response = as_user(org.office_manager).post(reverse("premises:room_block"), data)
    assert response.status_code == 200 and OUT_OF_RANGE in response.content.decode()
    assert not Booking.objects.exists()


@pytest.mark.parametrize("day", EXTREMES)
def test_a_check_out_of_range_is_a_field_error(org, clock, as_user, day):
    data = {"kind": "fire_extinguishers", "name": "", "interval_months": 12, "first_due_date": day, "is_active": "on"}
    response = as_user(org.office_manager).post(reverse("premises:register_item_new", args=[org.site.pk]), data)
    assert response.status_code == 200 and OUT_OF_RANGE in response.content.decode()
    assert not CheckItem.objects.exists()


@pytest.mark.parametrize("day", EXTREMES)
def test_a_check_record_out_of_range_is_a_field_error(org, clock, as_user, day):
    item = CheckItemFactory(site=org.site)
    data = {"done_on": day, "done_by": "Extincteurs SA", "result": "ok"}
    response = as_user(org.office_manager).post(reverse("premises:record_new", args=[item.pk]), data)
    assert response.status_code == 200 and OUT_OF_RANGE in response.content.decode()
    assert not CheckRecord.objects.exists()
    item.refresh_from_db()
    assert item.due_date == item.first_due_date


@pytest.mark.parametrize("day", EXTREMES)
def test_a_ticket_due_date_out_of_range_is_refused(org, clock, as_user, day):
    ticket = TicketFactory(site=org.site, reporter=org.staff)
    data = {"urgency": "normal", "supplier": "", "due_date": day}
    response = as_user(org.office_manager).post(reverse("premises:ticket_triage", args=[ticket.pk]), data, follow=True)
    assert response.status_code == 200
    ticket.refresh_from_db()
    assert ticket.due_date is None


@pytest.mark.parametrize("number", ["99999999999999999999999", "-99999999999999999999999", "1e400"])
def test_the_ticket_queue_shows_the_last_page_for_a_huge_page_number(org, clock, as_user, number):
    TicketFactory(site=org.site, reporter=org.staff)
    response = as_user(org.office_manager).get(reverse("premises:ticket_list"), {"page": number})
    assert response.status_code == 200
