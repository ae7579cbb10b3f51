"""Find a free room: the search starts when the site is open, lists only rooms that can be booked
for the period asked, says "Number of people", and shows the equipment as a fieldset of checkboxes."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from apps.accounts.models import User
from apps.core.tests.pages import Page
from apps.premises import selectors
from apps.premises.models import BookingStatus, SitePremisesSettings
from apps.premises.tests.conftest import PARIS, TUESDAY, at
from apps.premises.tests.factories import BookingFactory, RoomFactory

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture(autouse=True)
def _english(org):
    User.objects.update(language="en")


def _rules(org):
    return SitePremisesSettings.for_site(org.site)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (dt.datetime(2026, 3, 2, 6, 18, tzinfo=PARIS), dt.datetime(2026, 3, 2, 8, 0, tzinfo=PARIS)),  # before opening
        (dt.datetime(2026, 3, 2, 10, 20, tzinfo=PARIS), dt.datetime(2026, 3, 2, 11, 0, tzinfo=PARIS)),  # next hour
        (dt.datetime(2026, 3, 2, 19, 30, tzinfo=PARIS), dt.datetime(2026, 3, 3, 8, 0, tzinfo=PARIS)),  # no hour left
        (dt.datetime(2026, 3, 6, 21, 0, tzinfo=PARIS), dt.datetime(2026, 3, 9, 8, 0, tzinfo=PARIS)),  # Friday → Monday
        (dt.datetime(2026, 3, 7, 10, 0, tzinfo=PARIS), dt.datetime(2026, 3, 9, 8, 0, tzinfo=PARIS)),  # Saturday
        (dt.datetime(2026, 5, 1, 7, 0, tzinfo=PARIS), dt.datetime(2026, 5, 4, 8, 0, tzinfo=PARIS)),  # 1 May, a holiday
    ],
)
def test_the_default_start_is_never_before_the_site_opens(org, now, expected):
    assert selectors.default_start(org.site, _rules(org), now) == expected


def test_the_search_form_starts_at_the_opening_before_the_site_opens(org, room, client_for):
    with time_machine.travel(dt.datetime(2026, 3, 2, 6, 18, tzinfo=PARIS), tick=False):
        page = Page(client_for(org.staff).get(reverse("premises:find_room")).content)
    values = {e.attrs["name"]: e.attrs.get("value") for e in page.find("input") if e.attrs.get("name")}
    assert (values["date"], values["start"], values["end"]) == ("2026-03-02", "08:00", "09:00")


def test_only_rooms_that_can_be_booked_are_listed(org, floor, room, client_for):
    RoomFactory(floor=floor, name="Not bookable", capacity=10, is_bookable=False)
    RoomFactory(floor=floor, name="Closed for good", capacity=10, is_active=False)
    RoomFactory(floor=floor, name="Too small", capacity=2)
    blocked = RoomFactory(floor=floor, name="Blocked", capacity=10)
    BookingFactory(room=blocked, status=BookingStatus.BLOCKED, start=at(TUESDAY, 8), end=at(TUESDAY, 20), title="")
    query = {"date": TUESDAY.isoformat(), "start": "10:00", "end": "11:00", "people": "4"}
    page = Page(client_for(org.staff).get(reverse("premises:find_room"), query).content)
    assert [e.text.split(" ")[0] for e in page.by_testid("free-room")] == ["Rhône"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"date": "2026-03-08", "start": "10:00", "end": "11:00"}, "The site is closed on"),  # a Sunday
        ({"date": TUESDAY.isoformat(), "start": "06:00", "end": "07:00"}, "Bookings must fit between 08:00 and 20:00"),
        ({"date": TUESDAY.isoformat(), "start": "08:00", "end": "19:30"}, "A booking may last at most"),
        ({"date": "2026-03-02", "start": "08:00", "end": "08:30"}, "A booking cannot start in the past."),
        ({"date": "2027-03-02", "start": "10:00", "end": "11:00"}, "Bookings open 90 days ahead"),
    ],
)
def test_a_search_outside_the_rules_lists_no_room_and_says_why(org, room, client_for, query, message):
    page = Page(client_for(org.staff).get(reverse("premises:find_room"), {**query, "people": "2"}).content)
    assert page.by_testid("free-room") == []
    assert message in page.by_testid("rule-errors")[0].text


def test_the_people_field_says_number_of_people_in_english_and_french(org, client_for):
    page = Page(client_for(org.staff).get(reverse("premises:find_room")).content)
    assert page.find("label", **{"for": "id_people"})[0].text.startswith("Number of people")
    with translation.override("fr"):
        assert translation.gettext("Number of people") == "Nombre de personnes"


def test_the_equipment_is_a_fieldset_of_checkboxes_with_a_legend(org, client_for):
    page = Page(client_for(org.staff).get(reverse("premises:find_room")).content)
    fieldset = page.by_testid("equipment")[0]
    assert fieldset.tag == "fieldset"
    assert "Equipment" in fieldset.text and "Screen" in fieldset.text
    assert len(page.find("input", type="checkbox", name="equipment")) == 5
