"""My space greets the person, shows their cards and what is coming up in the next two weeks,
with links; what people typed stays text."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from apps.core.tests.home_data import HOSTILE, NOW, book_room, rename, submit_leave
from apps.core.tests.pages import Page

D = dt.date


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_staff_see_their_greeting_cards_and_the_next_two_weeks(org, client_for):
    request = submit_leave(org.staff, D(2026, 3, 9), D(2026, 3, 10))
    booking = book_room(org.staff, org.site, title="Retro", day=D(2026, 3, 3), hour=10)
    page = Page(client_for(org.staff).get("/me/").content)
    assert f"Hello {org.staff.first_name}" in page.text
    assert "Monday 2 March 2026" in page.text
    cards = " | ".join(card.text for card in page.by_testid("card"))
    assert "My paid leave" in cards and "My pending leave requests" in cards
    assert "Coming up in the next 14 days" in page.text
    days = [day.text for day in page.elements if day.has_class("agenda-day")]
    assert days[0].startswith("Tuesday 3 March") and "10:00–11:00 Rhône · Retro" in days[0]
    assert days[1].startswith("Monday 9 March") and "9 March – 10 March My leave" in days[1]
    assert (reverse("premises:booking_detail", args=[booking.pk]), "Rhône · Retro") in page.links
    leave_links = [text for href, text in page.links if href == reverse("leave:request_detail", args=[request.pk])]
    assert any(text.startswith("My leave") for text in leave_links)


def test_nothing_planned_is_said(org, client_for):
    page = Page(client_for(org.staff).get("/me/").content)
    assert "Nothing planned." in page.text
    assert [e for e in page.elements if e.has_class("agenda-day")] == []


def test_a_card_shows_its_figure_and_links_to_its_page(org, client_for):
    submit_leave(org.staff, D(2026, 5, 4), D(2026, 5, 6))  # 30 days credited, 3 asked
    page = Page(client_for(org.staff).get("/me/").content)
    [paid] = [card for card in page.by_testid("card") if "My paid leave" in card.text]
    assert "30" in paid.text and "27 after pending requests" in paid.text
    [link] = [e for e in page.elements if e.tag == "a" and e.has_class("stretched-link") and e.text == "My paid leave"]
    assert link.attrs["href"] == reverse("leave:my_leave")


def test_hostile_names_and_booking_titles_stay_text(org, client_for):
    rename(org.staff, HOSTILE[0], HOSTILE[1])
    book_room(org.staff, org.site, title=HOSTILE[1] + HOSTILE[0], day=D(2026, 3, 3), hour=10)
    response = client_for(org.staff).get("/me/")
    page = Page(response.content)
    assert f"Hello {HOSTILE[0]}" in page.text
    assert f"Rhône · {HOSTILE[1]}{HOSTILE[0]}" in page.text
    page.assert_no_injected_markup()
    assert HOSTILE[0].encode() not in response.content and b"<img src=x" not in response.content


def test_my_space_in_french(org, client_for):
    org.staff.language = "fr"
    org.staff.save(update_fields=["language"])
    page = Page(client_for(org.staff).get("/me/").content)
    assert f"Bonjour {org.staff.first_name}" in page.text
    assert "Lundi 2 mars 2026" in page.text
    assert "À venir sous 14 jours" in page.text
    assert "Rien de prévu." in page.text
