"""The day grid as a person reads it: each booking a link or a button named by its time and label
with its full details in its title; a "Book" link per room for the keyboard; icons hidden from
assistive technologies with their meaning in text; and a list per room for phones."""

import pytest
from django.urls import reverse

from apps.accounts.models import User
from apps.core.tests.pages import Page
from apps.premises.tests.conftest import TUESDAY, at
from apps.premises.tests.factories import BookingFactory, RoomFactory

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture(autouse=True)
def _english(org):
    User.objects.update(language="en")


@pytest.fixture
def day(org, floor, room, client_for):
    RoomFactory(floor=floor, name="Saône", capacity=4, needs_approval=True, is_accessible=True)
    BookingFactory(room=room, person=org.colleague, title="Salary review", start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    BookingFactory(room=room, person=org.staff, title="Stand-up", start=at(TUESDAY, 14), end=at(TUESDAY, 14, 30))

    def page(user) -> Page:
        response = client_for(user).get(reverse("premises:day"), {"date": TUESDAY.isoformat()})
        assert response.status_code == 200
        return Page(response.content)

    return page


def test_each_booking_is_a_link_or_a_button_named_by_its_time_and_label(org, day):
    blocks = day(org.staff).by_testid("booking-block")
    assert {(b.tag, b.text) for b in blocks} == {("button", "Busy 10:00–11:00"), ("a", "Stand-up 14:00–14:30")}
    busy = next(b for b in blocks if b.tag == "button")
    assert busy.attrs["type"] == "button" and busy.attrs["title"] == "10:00–11:00 · Busy"


def test_the_office_manager_reads_the_title_and_the_booker(org, day):
    blocks = day(org.office_manager).by_testid("booking-block")
    review = next(b for b in blocks if "Salary review" in b.text)
    assert review.tag == "a"
    assert org.colleague.get_full_name() in review.text
    assert review.attrs["title"] == f"10:00–11:00 · Salary review · {org.colleague.get_full_name()}"


def test_each_room_row_has_a_book_link_named_by_the_room(org, room, day):
    page = day(org.staff)
    links = page.by_testid("row-book")
    assert [link.text for link in links] == ["Book Rhône", "Book Saône"]
    assert (
        links[0].attrs["href"] == f"/premises/book/?site={org.site.pk}&date={TUESDAY.isoformat()}&space=room:{room.pk}"
    )


def test_no_icon_carries_an_aria_label_and_their_meaning_is_in_text(org, day):
    page = day(org.staff)
    assert [e for e in page.elements if e.tag == "i" and "aria-label" in e.attrs] == []
    room_icons = ("bi-people", "bi-patch-check", "bi-person-wheelchair", "bi-plus-circle", "bi-plus-lg")
    icons = [e for e in page.elements if e.tag == "i" and any(e.has_class(name) for name in room_icons)]
    assert len(icons) > 8 and all(e.attrs.get("aria-hidden") == "true" for e in icons)
    hidden = [e.text for e in page.elements if e.has_class("visually-hidden")]
    assert "Needs approval" in hidden and "Wheelchair accessible" in hidden


def test_a_phone_gets_a_list_per_room_with_every_booking(org, day):
    page = day(org.staff)
    grid, listing = page.by_testid("day-grid")[0], page.by_testid("day-list")[0]
    # Both are rendered; the CSS shows the list below 576 px and the grid from there on.
    assert grid.has_class("d-none") and grid.has_class("d-sm-block")
    assert listing.has_class("d-sm-none")
    rooms = page.by_testid("day-list-room")
    assert [r.text.split(" ")[0] for r in rooms] == ["Rhône", "Saône"]
    assert [b.text for b in page.by_testid("day-list-booking")] == ["10:00–11:00 Busy", "14:00–14:30 Stand-up"]
    assert "Free all day" in rooms[1].text
    assert "Book Saône" in rooms[1].text


def test_the_list_is_kept_per_viewer_like_the_grid(org, day):
    assert "Salary review" not in day(org.staff).text
    assert "Salary review" in day(org.office_manager).text
    assert "Salary review" not in day(org.staff).text
