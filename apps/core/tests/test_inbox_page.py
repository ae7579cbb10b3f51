"""The approvals inbox shows each request to decide, with its links and its approve form; what
people typed stays text."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from apps.core.tests.home_data import HOSTILE, NOW, book_room, rename, submit_leave
from apps.core.tests.pages import Page
from apps.leave import services as leave_services
from apps.leave.models import LeaveStatus

D = dt.date


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_manager_sees_the_teams_request_with_its_links_and_actions(org, client_for):
    request = submit_leave(org.staff, D(2026, 5, 4), D(2026, 5, 6))
    page = Page(client_for(org.manager).get("/inbox/").content)
    assert "1 request waiting for your decision" in page.text
    [card] = page.by_testid("approval")
    name = org.staff.get_full_name()
    assert f"Leave request: {name}" in card.text
    assert "3 days" in card.text
    assert "02/03/2026 09:00" in card.text  # submitted today: day-month-year and 24-hour time in English too
    detail = reverse("leave:request_detail", args=[request.pk])
    assert (detail, f"Leave request: {name}") in page.links
    refuse = reverse("leave:request_refuse", args=[request.pk]) + "?next=/inbox/"
    assert (refuse, "Refuse") in page.links
    [form] = page.find("form", action=reverse("leave:request_approve", args=[request.pk]) + "?next=/inbox/")
    assert form.attrs["method"] == "post" and form.text == "Approve"


def test_the_approve_button_decides_with_the_pages_csrf_token(org):
    request = submit_leave(org.staff, D(2026, 5, 4), D(2026, 5, 6))
    client = Client(enforce_csrf_checks=True)
    client.force_login(org.manager)
    page = Page(client.get("/inbox/").content)
    action = reverse("leave:request_approve", args=[request.pk]) + "?next=/inbox/"
    index = page.elements.index(page.find("form", action=action)[0])
    token = next(e for e in page.elements[index:] if e.attrs.get("name") == "csrfmiddlewaretoken")
    response = client.post(action, {"csrfmiddlewaretoken": token.attrs["value"]})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == LeaveStatus.APPROVED
    assert "0 requests waiting for your decision" in Page(client.get("/inbox/").content).text


def test_staff_have_nothing_to_decide(org, client_for):
    submit_leave(org.colleague, D(2026, 5, 4), D(2026, 5, 6))
    page = Page(client_for(org.staff).get("/inbox/").content)
    assert page.by_testid("approval") == []
    assert "0 requests waiting for your decision" in page.text
    assert "Nothing to decide. Requests from your team will appear here." in page.text


def test_a_deputy_sees_on_whose_behalf_they_decide(org, client_for):
    rename(org.manager, HOSTILE[1], "Martin")
    leave_services.deputy_create(
        person=org.manager, deputy=org.other_manager, start=D(2026, 3, 1), end=D(2026, 3, 6), by=org.manager
    )
    submit_leave(org.staff, D(2026, 5, 4), D(2026, 5, 5))
    page = Page(client_for(org.other_manager).get("/inbox/").content)
    [card] = page.by_testid("approval")
    assert f"On behalf of {HOSTILE[1]} Martin" in card.text
    page.assert_no_injected_markup()


def test_hostile_names_comments_and_booking_titles_stay_text(org, client_for):
    rename(org.staff, *HOSTILE)
    submit_leave(org.staff, D(2026, 5, 4), D(2026, 5, 6), comment=" ".join(HOSTILE))
    submit_leave(org.colleague, D(2026, 5, 4), D(2026, 5, 4))  # "also away" names the hostile one
    book_room(org.staff, org.site, title=HOSTILE[0] + HOSTILE[1], day=D(2026, 3, 3), hour=10, pending=True)

    manager = client_for(org.manager).get("/inbox/")
    page = Page(manager.content)
    assert f"Leave request: {HOSTILE[0]} {HOSTILE[1]}" in page.text
    assert f"Also away: {HOSTILE[0]} {HOSTILE[1]}" in page.text
    page.assert_no_injected_markup()
    assert HOSTILE[0].encode() not in manager.content and b"<img src=x" not in manager.content

    office = client_for(org.office_manager).get("/inbox/")
    page = Page(office.content)
    booking = [card for card in page.by_testid("approval") if "Rhône" in card.text]
    assert len(booking) == 1 and HOSTILE[0] + HOSTILE[1] in booking[0].text
    page.assert_no_injected_markup()
    assert HOSTILE[0].encode() not in office.content and b"<img src=x" not in office.content


def test_the_inbox_in_french(org, client_for):
    org.manager.language = "fr"
    org.manager.save(update_fields=["language"])
    submit_leave(org.staff, D(2026, 5, 4), D(2026, 5, 6))
    page = Page(client_for(org.manager).get("/inbox/").content)
    assert "1 demande en attente de votre décision" in page.text
    [card] = page.by_testid("approval")
    assert "Valider" in card.text and "Refuser" in card.text
