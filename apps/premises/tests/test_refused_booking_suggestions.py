"""A booking refused because the slot is taken offers the nearest free times of that room (same
length, same day, within the opening hours) and the other rooms as big or bigger free then, as links
that fill the form in."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from apps.accounts.models import User
from apps.core.tests.pages import Page
from apps.premises import selectors
from apps.premises.models import Booking, BookingStatus, SitePremisesSettings
from apps.premises.tests.conftest import TUESDAY, at
from apps.premises.tests.factories import BookingFactory, RoomFactory
from apps.premises.tests.test_views_bookings import book_data

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture(autouse=True)
def _english(org):
    User.objects.update(language="en")


@pytest.fixture
def busy_room(org, room):
    BookingFactory(room=room, person=org.colleague, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    BookingFactory(room=room, person=org.colleague, start=at(TUESDAY, 11, 30), end=at(TUESDAY, 12))
    return room


def _refused(client_for, user, room, **overrides) -> Page:
    response = client_for(user).post(reverse("premises:booking_new"), book_data(room, **overrides))
    assert response.status_code == 200
    return Page(response.content)


def _query(href: str) -> dict:
    return {key: values[0] for key, values in parse_qs(urlsplit(href).query).items()}


def test_the_nearest_free_times_of_the_same_length_are_offered(org, busy_room):
    rules = SitePremisesSettings.for_site(org.site)
    times = selectors.nearest_free_times(busy_room, rules, at(TUESDAY, 10), at(TUESDAY, 11))
    # The nearest before and after, then the nearest that is another offer (not 08:45, overlapping 09:00).
    assert [(t.start, t.end) for t in times] == [
        (at(TUESDAY, 8), at(TUESDAY, 9)),
        (at(TUESDAY, 9), at(TUESDAY, 10)),
        (at(TUESDAY, 12), at(TUESDAY, 13)),
    ]


def test_no_time_is_offered_before_opening_after_closing_or_in_the_past(org, room):
    rules = SitePremisesSettings.for_site(org.site)
    BookingFactory(room=room, start=at(dt.date(2026, 3, 2), 9), end=at(dt.date(2026, 3, 2), 19))
    times = selectors.nearest_free_times(room, rules, at(dt.date(2026, 3, 2), 9), at(dt.date(2026, 3, 2), 10))
    assert [(t.start, t.end) for t in times] == [(at(dt.date(2026, 3, 2), 19), at(dt.date(2026, 3, 2), 20))]


def test_a_refused_booking_links_to_the_free_times_and_the_bigger_free_rooms(org, floor, busy_room, client_for):
    bigger = RoomFactory(floor=floor, name="Saône", capacity=10)
    RoomFactory(floor=floor, name="Too small", capacity=4)
    taken = RoomFactory(floor=floor, name="Taken", capacity=12)
    BookingFactory(room=taken, start=at(TUESDAY, 9), end=at(TUESDAY, 12))
    RoomFactory(floor=floor, name="Not bookable", capacity=20, is_bookable=False)
    page = _refused(client_for, org.staff, busy_room)
    assert "already booked" in page.text
    assert Booking.objects.filter(person=org.staff).count() == 0
    times = page.by_testid("alternative-time")
    assert [t.text for t in times] == ["08:00–09:00", "09:00–10:00", "12:00–13:00"]
    assert _query(times[1].attrs["href"]) == {
        "site": str(org.site.pk),
        "space": f"room:{busy_room.pk}",
        "date": TUESDAY.isoformat(),
        "start": "09:00",
        "end": "10:00",
        "attendees": "4",
        "title": "Sprint review",
    }
    rooms = page.by_testid("alternative-room")
    assert [r.text for r in rooms] == ["Saône · 10 people"]
    assert _query(rooms[0].attrs["href"])["space"] == f"room:{bigger.pk}"
    assert (_query(rooms[0].attrs["href"])["start"], _query(rooms[0].attrs["href"])["end"]) == ("10:00", "11:00")


def test_a_link_offered_fills_the_form_in(org, floor, busy_room, client_for):
    page = _refused(client_for, org.staff, busy_room)
    href = page.by_testid("alternative-time")[1].attrs["href"]
    form = Page(client_for(org.staff).get(href).content)
    values = {e.attrs["name"]: e.attrs.get("value") for e in form.find("input") if e.attrs.get("name")}
    assert (values["start"], values["end"], values["title"], values["attendees"]) == (
        "09:00",
        "10:00",
        "Sprint review",
        "4",
    )


def test_a_booking_refused_for_a_rule_offers_nothing(org, room, client_for):
    page = _refused(client_for, org.staff, room, start="06:00", end="07:00")
    assert "Bookings must fit between" in page.text
    assert page.by_testid("alternatives") == []


def test_a_block_is_taken_too_and_the_office_manager_gets_the_same_offers(org, floor, room, client_for):
    BookingFactory(
        room=room, status=BookingStatus.BLOCKED, title="", reason="Works", start=at(TUESDAY, 8), end=at(TUESDAY, 12)
    )
    RoomFactory(floor=floor, name="Saône", capacity=6)
    page = _refused(client_for, org.office_manager, room)
    assert [t.text for t in page.by_testid("alternative-time")] == ["12:00–13:00", "13:00–14:00", "14:00–15:00"]
    assert [r.text for r in page.by_testid("alternative-room")] == ["Saône · 6 people"]


def test_a_refused_desk_offers_other_free_desks(org, floor, desk, client_for):
    from apps.premises.tests.factories import DeskFactory

    other = DeskFactory(floor=floor, label="D-102")
    BookingFactory(room=None, desk=desk, start=at(TUESDAY, 8), end=at(TUESDAY, 12))
    data = {"space": f"desk:{desk.pk}", "date": TUESDAY.isoformat(), "part": "morning", "attendees": "1"}
    page = Page(client_for(org.staff).post(reverse("premises:booking_new"), data).content)
    desks = page.by_testid("alternative-desk")
    assert [d.text.split(" ")[0] for d in desks] == ["D-102"]
    assert _query(desks[0].attrs["href"])["space"] == f"desk:{other.pk}"
