"""My space's premises cards through the read cache (``selectors.my_space_summary``): the next booking
is the first one not ended *now*, although the entry is kept for the whole day, and a new booking or
ticket shows at the next request."""

import pytest
from django.utils import translation

from apps.premises import contributions
from apps.premises.tests.conftest import NOW, at
from apps.premises.tests.factories import BookingFactory, RoomFactory, TicketFactory

pytestmark = pytest.mark.usefixtures("read_cache")
MONDAY = NOW.date()


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _kept_all_day(settings):
    settings.READ_CACHE_SECONDS = 86400  # the clock moves by hours; the local-memory cache follows it


def _cards(user) -> dict:
    return {str(card.title): card for card in contributions.my_space_cards(user)}


def test_the_next_booking_moves_on_when_one_ends_with_no_write(org, room, clock, django_assert_num_queries):
    BookingFactory(room=room, person=org.staff, start=at(MONDAY, 10), end=at(MONDAY, 11))
    later = RoomFactory(floor=room.floor, name="Saône")
    BookingFactory(room=later, person=org.staff, start=at(MONDAY, 14), end=at(MONDAY, 15))
    assert _cards(org.staff)["My next booking"].value == "Rhône"
    clock.move_to(at(MONDAY, 11, 30))
    with django_assert_num_queries(0):  # kept for the day, picked again for the time
        assert _cards(org.staff)["My next booking"].value == "Saône"
    clock.move_to(at(MONDAY, 16))
    assert _cards(org.staff)["My next booking"].value == "None"


def test_past_the_kept_bookings_of_the_day_the_next_one_is_read(org, room, clock):
    for hour in range(8, 14):  # six bookings of an hour, all ended by 14:00
        BookingFactory(room=room, person=org.staff, start=at(MONDAY, hour), end=at(MONDAY, hour, 30))
    evening = RoomFactory(floor=room.floor, name="Saône")
    BookingFactory(room=evening, person=org.staff, start=at(MONDAY, 17), end=at(MONDAY, 18))
    clock.move_to(at(MONDAY, 7))
    assert _cards(org.staff)["My next booking"].value == "Rhône"
    clock.move_to(at(MONDAY, 14))
    assert _cards(org.staff)["My next booking"].value == "Saône"


def test_a_new_booking_and_a_new_ticket_show_at_the_next_request(org, room, clock, commit):
    first = _cards(org.staff)
    assert first["My next booking"].value == "None" and first["My open tickets"].value == 0
    with commit():
        BookingFactory(room=room, person=org.staff, start=at(MONDAY, 10), end=at(MONDAY, 11))
        TicketFactory(site=org.site, reporter=org.staff, place="Hall")
    after = _cards(org.staff)
    assert after["My next booking"].value == "Rhône" and after["My open tickets"].value == 1
    assert _cards(org.colleague)["My open tickets"].value == 0
