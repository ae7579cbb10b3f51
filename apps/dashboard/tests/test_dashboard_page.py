"""The office manager's dashboard shows every app's cards and the first requests waiting, with
links to them and to the inbox; what people typed stays text."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from apps.core.tests.home_data import HOSTILE, NOW, book_room, rename, submit_leave
from apps.core.tests.pages import Page
from apps.leave import services as leave_services

D = dt.date


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _waiting(page: Page) -> list[str]:
    return [e.text for e in page.elements if e.tag == "li" and e.has_class("list-group-item")]


def test_the_office_manager_sees_the_cards_and_what_waits(org, client_for):
    submit_leave(org.staff, D(2026, 5, 4), D(2026, 5, 6))
    booking = book_room(org.staff, org.site, title="Kick-off", day=D(2026, 3, 3), hour=10, pending=True)
    page = Page(client_for(org.office_manager).get("/dashboard/").content)
    assert "Monday 2 March 2026" in page.text
    cards = {e.text: e.attrs["href"] for e in page.elements if e.has_class("stretched-link")}
    assert cards["Leave requests pending"] == reverse("core:inbox")
    assert cards["Away today"] == reverse("leave:calendar")
    [pending] = [card for card in page.by_testid("card") if "Leave requests pending" in card.text]
    assert pending.text == "Leave requests pending 1 waiting for a manager or you"
    title = "Rhône on 03/03/2026, 10:00–11:00"
    assert _waiting(page) == [f"{title} {org.staff.get_full_name()} · 02/03/2026"]
    assert (reverse("premises:booking_detail", args=[booking.pk]), title) in page.links
    assert (reverse("core:inbox"), "See the request") in page.links


def test_past_five_requests_the_dashboard_sends_to_the_inbox(org, client_for):
    for day in range(6):
        book_room(org.staff, org.site, title="Workshop", day=D(2026, 3, 3 + day), hour=10, pending=True)
    page = Page(client_for(org.office_manager).get("/dashboard/").content)
    assert len(_waiting(page)) == 5
    assert (reverse("core:inbox"), "See all 6 requests") in page.links


def test_nothing_waiting_is_said(org, client_for):
    submit_leave(org.staff, D(2026, 5, 4), D(2026, 5, 6))  # the manager's to decide
    page = Page(client_for(org.office_manager).get("/dashboard/").content)
    assert _waiting(page) == ["No request is waiting."]
    assert not any(href == reverse("core:inbox") and text.startswith("See") for href, text in page.links)


def test_hostile_names_and_booking_titles_stay_text(org, client_for):
    rename(org.staff, *HOSTILE)
    away = submit_leave(org.staff, D(2026, 3, 2), D(2026, 3, 3), comment=HOSTILE[0])
    leave_services.leave_request_approve(request=away, by=org.manager)
    book_room(org.staff, org.site, title=HOSTILE[1], day=D(2026, 3, 3), hour=10, pending=True, room_name=HOSTILE[0])
    response = client_for(org.office_manager).get("/dashboard/")
    page = Page(response.content)
    assert _waiting(page) == [f"{HOSTILE[0]} on 03/03/2026, 10:00–11:00 {HOSTILE[0]} {HOSTILE[1]} · 02/03/2026"]
    [today] = [card for card in page.by_testid("card") if card.text.startswith("Away today")]
    assert today.text == f"Away today 1 {HOSTILE[0]} {HOSTILE[1]}"
    page.assert_no_injected_markup()
    assert HOSTILE[0].encode() not in response.content and b"<img src=x" not in response.content


def test_the_dashboard_in_french(org, client_for):
    org.office_manager.language = "fr"
    org.office_manager.save(update_fields=["language"])
    book_room(org.staff, org.site, title="Kick-off", day=D(2026, 3, 3), hour=10, pending=True)
    page = Page(client_for(org.office_manager).get("/dashboard/").content)
    assert "Lundi 2 mars 2026" in page.text
    assert (reverse("core:inbox"), "Voir la demande") in page.links
    assert any(text.startswith("Rhône le 03/03/2026") for text in _waiting(page))
