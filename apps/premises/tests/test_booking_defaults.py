"""The booking form's defaults: the next free slot within the opening hours (never the current time
before the site opens), and a desk booked for the morning, the afternoon or the whole day."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from apps.accounts.models import User
from apps.core.tests.pages import Page
from apps.premises import selectors
from apps.premises.models import Booking, SitePremisesSettings
from apps.premises.tests.conftest import PARIS, TUESDAY, at
from apps.premises.tests.factories import BookingFactory

pytestmark = pytest.mark.usefixtures("clock")

EARLY = dt.datetime(2026, 3, 2, 6, 18, tzinfo=PARIS)  # Monday, before the site opens at 08:00


@pytest.fixture(autouse=True)
def _english(org):
    User.objects.update(language="en")


def _form_values(client, params) -> dict:
    page = Page(client.get(reverse("premises:booking_new"), params).content)
    values = {e.attrs["name"]: e.attrs.get("value") for e in page.find("input") if e.attrs.get("type") != "radio"}
    checked = [e.attrs["value"] for e in page.find("input", type="radio", name="part") if "checked" in e.attrs]
    return {**values, "part": checked[0] if checked else None}


def test_book_before_opening_offers_the_opening_not_the_current_time(org, room, client_for):
    with time_machine.travel(EARLY, tick=False):
        values = _form_values(client_for(org.staff), {"space": f"room:{room.pk}"})
    assert (values["date"], values["start"], values["end"]) == ("2026-03-02", "08:00", "09:00")


def test_the_floor_plans_current_time_before_opening_becomes_the_next_free_slot(org, room, client_for):
    BookingFactory(room=room, start=at(dt.date(2026, 3, 2), 8), end=at(dt.date(2026, 3, 2), 9, 30))
    with time_machine.travel(EARLY, tick=False):
        params = {"space": f"room:{room.pk}", "date": "2026-03-02", "start": "06:18", "end": "07:18"}
        values = _form_values(client_for(org.staff), params)
    assert (values["start"], values["end"]) == ("09:30", "10:30")


def test_a_time_asked_within_the_opening_hours_is_kept(org, room, client_for):
    params = {"space": f"room:{room.pk}", "date": TUESDAY.isoformat(), "start": "15:00", "end": "16:00"}
    values = _form_values(client_for(org.staff), params)
    assert (values["date"], values["start"], values["end"]) == (TUESDAY.isoformat(), "15:00", "16:00")


def test_a_desk_is_offered_the_whole_day_then_the_part_left(org, desk, client_for):
    with time_machine.travel(EARLY, tick=False):
        assert _form_values(client_for(org.staff), {"space": f"desk:{desk.pk}"})["part"] == "day"
    BookingFactory(room=None, desk=desk, start=at(dt.date(2026, 3, 2), 8), end=at(dt.date(2026, 3, 2), 12))
    with time_machine.travel(EARLY, tick=False):
        values = _form_values(client_for(org.staff), {"space": f"desk:{desk.pk}"})
    assert (values["date"], values["part"], values["start"], values["end"]) == (
        "2026-03-02",
        "afternoon",
        "12:00",
        "20:00",
    )


def test_a_desk_is_booked_for_the_morning_the_afternoon_or_the_whole_day(org, desk, client_for):
    client = client_for(org.staff)
    for part, (start, end) in {"morning": (8, 12), "afternoon": (12, 20)}.items():
        data = {
            "space": f"desk:{desk.pk}",
            "date": TUESDAY.isoformat(),
            "part": part,
            "start": "",
            "end": "",
            "attendees": "1",
        }
        response = client.post(reverse("premises:booking_new"), data)
        assert response.status_code == 302, part
        booking = Booking.objects.filter(desk=desk).latest("pk")
        assert (booking.start, booking.end) == (at(TUESDAY, start), at(TUESDAY, end))
    data = {"space": f"desk:{desk.pk}", "date": "2026-03-04", "part": "day", "attendees": "1"}
    assert client.post(reverse("premises:booking_new"), data).status_code == 302
    assert Booking.objects.filter(desk=desk, start=at(dt.date(2026, 3, 4), 8), end=at(dt.date(2026, 3, 4), 20)).exists()


def test_a_room_still_needs_its_start_and_end(org, room, client_for):
    data = {"space": f"room:{room.pk}", "date": TUESDAY.isoformat(), "part": "day", "attendees": "2"}
    response = client_for(org.staff).post(reverse("premises:booking_new"), data)
    assert response.status_code == 200
    assert not Booking.objects.filter(room=room).exists()
    assert "This field is required." in Page(response.content).text


def test_the_afternoon_started_today_runs_from_the_next_quarter_hour(org, desk, client_for):
    with time_machine.travel(dt.datetime(2026, 3, 2, 13, 40, tzinfo=PARIS), tick=False):
        data = {"space": f"desk:{desk.pk}", "date": "2026-03-02", "part": "afternoon", "attendees": "1"}
        assert client_for(org.staff).post(reverse("premises:booking_new"), data).status_code == 302
    booking = Booking.objects.get(desk=desk)
    assert (booking.start, booking.end) == (at(dt.date(2026, 3, 2), 13, 45), at(dt.date(2026, 3, 2), 20))


@pytest.mark.parametrize(
    ("opens", "closes", "noon"),
    [
        (dt.time(8), dt.time(20), dt.time(12)),
        (dt.time(13), dt.time(21), dt.time(17)),
        (dt.time(6), dt.time(11), dt.time(8, 30)),
    ],
)
def test_the_day_splits_at_noon_or_in_the_middle(opens, closes, noon):
    assert selectors.midday(SitePremisesSettings(opens_at=opens, closes_at=closes)) == noon


def test_a_closed_day_asked_offers_the_next_open_day(org, room, client_for):
    values = _form_values(client_for(org.staff), {"space": f"room:{room.pk}", "date": "2026-03-07"})  # a Saturday
    assert (values["date"], values["start"], values["end"]) == ("2026-03-09", "08:00", "09:00")


def test_a_later_day_asked_starts_at_its_opening(org, room, client_for):
    values = _form_values(client_for(org.staff), {"space": f"room:{room.pk}", "date": TUESDAY.isoformat()})
    assert (values["date"], values["start"], values["end"]) == (TUESDAY.isoformat(), "08:00", "09:00")


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "not a day", "<script>"])
def test_hostile_dates_and_times_fall_back_to_the_next_slot(org, room, client_for, date):
    values = _form_values(client_for(org.staff), {"space": "room:999999", "date": date, "start": "25:99", "end": "x"})
    assert (values["date"], values["start"]) == ("2026-03-02", "10:00")
