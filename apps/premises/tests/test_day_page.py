"""The day grid's data kept between requests in the read cache (apps/premises/selectors/day_grid.py,
``site_day``): each person sees their own view of it, and a change to the bookings, the rooms, the
site's hours or the people's names shows at the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import User
from apps.premises import services
from apps.premises.models import Booking, SitePremisesSettings
from apps.premises.tests.conftest import TUESDAY, at
from apps.premises.tests.factories import BookingFactory

pytestmark = pytest.mark.usefixtures("clock", "read_cache")


@pytest.fixture(autouse=True)
def _english(org):
    User.objects.update(language="en")


def _grid(client_for, user):
    response = client_for(user).get(reverse("premises:day"), {"date": TUESDAY.isoformat()})
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('class="day-grid"')
    return html[start : html.index("Open ", start)]  # the grid, up to the opening hours under it


def test_each_person_sees_their_own_view_of_the_kept_day(org, room, client_for, commit):
    with commit():
        BookingFactory(
            room=room, person=org.colleague, title="Salary review", start=at(TUESDAY, 10), end=at(TUESDAY, 11)
        )
    for _ in range(2):  # the second time from what was kept
        colleague = _grid(client_for, org.colleague)
        assert "Salary review" in colleague and "is-mine" in colleague
        staff = _grid(client_for, org.staff)
        assert "Salary review" not in staff and "is-busy" in staff and "is-mine" not in staff
        outsider = _grid(client_for, org.outsider)
        assert outsider == staff  # anyone without a booking that day shares one view
        office = _grid(client_for, org.office_manager)
        assert "Salary review" in office and org.colleague.get_full_name() in office


def test_a_new_booking_shows_at_the_next_request(org, room, client_for, commit):
    assert "booking-block" not in _grid(client_for, org.staff)
    with commit():
        services.booking_create(
            resource=room, person=org.colleague, by=org.colleague, start=at(TUESDAY, 10), end=at(TUESDAY, 11)
        )
    assert _grid(client_for, org.staff).count('data-testid="booking-block"') == 1
    with commit():
        services.booking_cancel(booking=Booking.objects.get(), by=org.colleague)
    assert "booking-block" not in _grid(client_for, org.staff)


def test_a_booking_of_mine_turns_my_view_into_my_own(org, room, client_for, commit):
    with commit():
        BookingFactory(room=room, person=org.colleague, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    assert "is-mine" not in _grid(client_for, org.staff)
    with commit():
        BookingFactory(room=room, person=org.staff, title="My stand-up", start=at(TUESDAY, 14), end=at(TUESDAY, 15))
    mine = _grid(client_for, org.staff)
    assert "My stand-up" in mine and "is-mine" in mine
    assert "My stand-up" not in _grid(client_for, org.outsider)


def test_a_renamed_room_and_new_opening_hours_show_at_the_next_request(org, room, client_for, commit):
    _grid(client_for, org.staff)
    with commit():
        room.name = "Saône"
        services.room_save(room=room, by=org.office_manager)
    assert "Saône" in _grid(client_for, org.staff)
    rules = SitePremisesSettings.for_site(org.site)
    with commit():
        rules.opens_at = rules.opens_at.replace(hour=7)
        services.site_settings_save(settings=rules, by=org.office_manager)
    assert ">07:00<" in _grid(client_for, org.staff)


def test_a_renamed_person_shows_on_the_office_managers_grid(org, room, client_for, commit):
    with commit():
        BookingFactory(room=room, person=org.colleague, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    assert org.colleague.get_full_name() in _grid(client_for, org.office_manager)
    with commit():
        org.colleague.last_name = "Renamed"
        org.colleague.save()
    assert "Renamed" in _grid(client_for, org.office_manager)


def test_the_kept_grid_costs_no_query_of_its_own(org, room, client_for):
    BookingFactory(room=room, person=org.colleague, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    client = client_for(org.staff)
    url = reverse("premises:day") + f"?date={TUESDAY.isoformat()}"
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as again:
        assert client.get(url).status_code == 200
    assert not any("premises_booking" in str(q["sql"]) for q in again.captured_queries)
    assert not any("premises_floor" in str(q["sql"]) for q in again.captured_queries)


def test_an_office_managers_own_bookings_are_theirs_alone(org, room, client_for, commit):
    second = User.objects.create_user(email="office2@test.fr", password="pw-Secret-42", language="en")
    second.groups.add(*org.office_manager.groups.all())
    with commit():
        BookingFactory(
            room=room, person=org.office_manager, title="Supplier visit", start=at(TUESDAY, 10), end=at(TUESDAY, 11)
        )
    mine = _grid(client_for, org.office_manager)
    assert "Supplier visit" in mine and "is-mine" in mine
    other = _grid(client_for, second)
    assert "Supplier visit" in other and "is-mine" not in other
    assert org.office_manager.get_full_name() in other
