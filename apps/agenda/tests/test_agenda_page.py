"""The director's agenda shows a week of what the apps put on the calendar, day by day, with
links, the week navigation and the key figures; what people typed stays text."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from apps.core.registry import AgendaItem
from apps.core.tests.home_data import HOSTILE, NOW, book_room, rename, submit_leave
from apps.core.tests.pages import Page
from apps.leave import services as leave_services

D = dt.date


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _days(page: Page) -> dict[str, str]:
    """Each day's heading and the text of its items."""
    days = {}
    for index, element in enumerate(page.elements):
        if element.has_class("agenda-day"):
            heading = next(e for e in page.elements[index:] if e.tag == "h3")
            days[heading.text] = element.text[len(heading.text) :].strip()
    return days


def test_the_director_sees_the_week_day_by_day_with_links(org, client_for):
    request = submit_leave(org.other_manager, D(2026, 3, 4), D(2026, 3, 5))  # a team manager: named
    leave_services.leave_request_approve(request=request, by=org.director)
    book_room(org.director, org.site, title="Board", day=D(2026, 3, 6), hour=14)
    book_room(org.director, org.site, title="Budget review", day=D(2026, 3, 10), hour=14, room_name="Saône")
    page = Page(client_for(org.director).get("/agenda/").content)
    assert "Week 10: Monday 2 March to Sunday 8 March 2026" in page.text
    assert "Budget review" not in page.text
    days = _days(page)
    name = org.other_manager.get_full_name()
    assert f"4 March – 5 March Absent: {name} (Congés payés)" in days["Wednesday 4 March"]
    assert "All day 1 person away" in days["Wednesday 4 March"]
    assert "14:00–15:00 Rhône · Board" in days["Friday 6 March"]
    assert (reverse("leave:request_detail", args=[request.pk]), f"Absent: {name} (Congés payés)") in page.links
    assert any(href.startswith(reverse("leave:calendar") + "?date=2026-03-04") for href, _ in page.links)


def test_the_week_navigation_links(org, client_for):
    page = Page(client_for(org.director).get("/agenda/?start=2026-03-18").content)
    assert "Week 12: Monday 16 March to Sunday 22 March 2026" in page.text
    assert ("?start=2026-03-09", "Previous week") in page.links
    assert ("?start=2026-03-02", "This week") in page.links
    assert ("?start=2026-03-23", "Next week") in page.links


def test_the_key_figures_and_nothing_planned(org, client_for):
    page = Page(client_for(org.director).get("/agenda/?start=2026-08-03").content)
    assert "Nothing planned." in page.text
    figures = [card.text for card in page.by_testid("card")]
    assert not any(text.startswith("People") for text in figures)  # not a figure a director acts on
    assert any(text.startswith("Away this week") for text in figures)


def test_an_absence_badge_takes_its_leave_type_colour(org, client_for):
    request = submit_leave(org.other_manager, D(2026, 3, 4), D(2026, 3, 5))
    page = Page(client_for(org.director).get("/agenda/").content)
    badges = [e for e in page.elements if e.tag == "span" and e.has_class("badge") and e.text == "4 March – 5 March"]
    assert len(badges) == 1
    assert badges[0].attrs["data-style"] == f"border-color: {request.leave_type.colour} !important;"


def test_hostile_names_and_booking_titles_stay_text(org, client_for):
    rename(org.other_manager, *HOSTILE)
    submit_leave(org.other_manager, D(2026, 3, 4), D(2026, 3, 5), comment=HOSTILE[0])
    book_room(org.office_manager, org.site, title=HOSTILE[0] + HOSTILE[1], day=D(2026, 3, 3), hour=10)
    for who in (org.director, org.office_manager):
        response = client_for(who).get("/agenda/")
        page = Page(response.content)
        assert f"{HOSTILE[0]} {HOSTILE[1]}" in page.text  # the absent team manager's name
        page.assert_no_injected_markup()
        assert HOSTILE[0].encode() not in response.content and b"<img src=x" not in response.content
    assert f"Rhône · {HOSTILE[0]}{HOSTILE[1]}" in page.text  # the office manager's own booking


def test_the_agenda_in_french(org, client_for):
    org.director.language = "fr"
    org.director.save(update_fields=["language"])
    page = Page(client_for(org.director).get("/agenda/?start=2026-08-03").content)
    assert "Semaine 32 : lundi 3 août au dimanche 9 août 2026" in page.text
    assert "Rien de prévu." in page.text


def test_the_badge_says_the_days_all_day_or_the_hours():
    with translation.override("en"):
        item = AgendaItem(title="x", start=D(2025, 11, 3), end=D(2025, 11, 7))
        assert item.when == "3 Nov. – 7 Nov."
        assert AgendaItem(title="x", start=D(2025, 11, 3)).when == "All day"
        timed = AgendaItem(
            title="x", start=dt.datetime(2025, 11, 3, 9, 0), end=dt.datetime(2025, 11, 3, 10, 30), all_day=False
        )
        assert timed.when == "09:00–10:30"
    with translation.override("fr"):
        assert item.when == "3 nov. – 7 nov."  # French abbreviations, not English ones
