"""The premises tabs and the main menu: every tab is on the page and wraps rather than hiding; the
office manager's main menu links the register, the ticket queue and the spaces, the one whose
address is the longest match marked active."""

import pytest
from django.urls import reverse

from apps.accounts.models import User
from apps.core.tests.pages import Page

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture(autouse=True)
def _english(org):
    User.objects.update(language="en")


def _page(client_for, user, url) -> Page:
    response = client_for(user).get(url)
    assert response.status_code == 200
    return Page(response.content)


def _tabs(page: Page) -> list[str]:
    nav = next(e for e in page.elements if e.tag == "nav" and e.has_class("premises-nav"))
    assert nav  # the tabs' list wraps (premises.css), it does not scroll out of sight
    return [e.text for e in page.elements if e.tag == "a" and e.has_class("nav-link") and e.text in nav.text]


def test_the_office_manager_has_every_premises_tab_in_a_wrapping_list(org, client_for):
    page = _page(client_for, org.office_manager, reverse("premises:day"))
    lists = [e for e in page.elements if e.tag == "ul" and e.has_class("nav-pills")]
    assert lists[0].has_class("flex-wrap") and not lists[0].has_class("flex-nowrap")
    for tab in ("Rooms", "Find a room", "My bookings", "My tickets", "Approvals", "All tickets", "Safety register"):
        assert tab in lists[0].text
    assert "Spaces" in lists[0].text


@pytest.mark.parametrize(
    ("url", "active"),
    [
        ("/premises/register/", "Register"),
        ("/premises/tickets/", "Tickets"),
        ("/premises/spaces/", "Rooms"),  # the spaces have no main-menu entry: the premises one
        ("/premises/", "Rooms"),
        ("/premises/find/", "Rooms"),
    ],
)
def test_the_main_menu_marks_the_longest_matching_entry_active(org, client_for, url, active):
    page = _page(client_for, org.office_manager, url)
    navbar = [
        e
        for e in page.elements
        if e.tag == "a" and e.has_class("nav-link") and "/premises/" in (e.attrs.get("href") or "")
    ]
    # The main menu's entries (the premises tabs are the ones that never wrap their label).
    main = [
        e for e in navbar if e.text in ("Rooms", "Tickets", "Register", "Spaces") and not e.has_class("text-nowrap")
    ]
    assert [e.text for e in main if e.has_class("active")] == [active]


def test_staff_have_no_register_tickets_or_spaces_in_the_main_menu(org, client_for):
    page = _page(client_for, org.staff, reverse("premises:day"))
    hrefs = {href for href, _text in page.links}
    assert reverse("premises:ticket_new") in hrefs
    assert reverse("premises:spaces") not in hrefs
    assert reverse("premises:register") not in hrefs
