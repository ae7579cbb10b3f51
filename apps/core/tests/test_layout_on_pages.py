"""What every page's layout shows (kept from the former markup-comparison module, now read as a
person sees it): the bell's count, the active menu entry, the language switcher coming back to the
page, a fresh CSRF token in each form; and the helpers behind the pages."""

import pytest
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from apps.accounts.backends import EmailBackend
from apps.core.reversing import pk_url
from apps.core.tests.pages import Page
from apps.notifications.tests.factories import NotificationFactory


def test_pk_url_gives_what_reverse_gives():
    url = pk_url("notifications:mark_read")
    assert [url(pk) for pk in (1, 42, 9081726354)] == [
        reverse("notifications:mark_read", args=[pk]) for pk in (1, 42, 9081726354)
    ]


@pytest.mark.django_db
def test_request_user_comes_with_roles_and_unknown_ids_are_none(org):
    user = EmailBackend().get_user(str(org.office_manager.pk))
    assert user == org.office_manager and user.has_role("office_manager")
    assert "_role_groups" in user.__dict__
    assert EmailBackend().get_user("not-a-number") is None
    assert EmailBackend().get_user(10**9) is None


def _tokens(page: Page) -> list[str]:
    return [e.attrs["value"] for e in page.find("input", name="csrfmiddlewaretoken")]


def test_the_navbar_shows_the_unread_count_the_active_entry_and_a_fresh_token(org, client_for):
    client = client_for(org.staff)
    page = Page(client.get("/me/").content)
    assert page.by_testid("unread-count") == []
    assert _tokens(page) and all(len(token) == 64 for token in _tokens(page))  # real (masked) tokens
    [my_space] = [
        e for e in page.elements if e.tag == "a" and e.attrs.get("href") == "/me/" and e.has_class("nav-link")
    ]
    assert my_space.has_class("active")
    NotificationFactory(recipient=org.staff)
    [count] = Page(client.get("/me/").content).by_testid("unread-count")
    assert count.text == "1"
    inbox = Page(client.get("/inbox/").content)
    [my_space] = [
        e for e in inbox.elements if e.tag == "a" and e.attrs.get("href") == "/me/" and e.has_class("nav-link")
    ]
    assert not my_space.has_class("active")
    with translation.override("fr"):
        client.post(reverse("accounts:language"), {"language": "fr", "next": "/me/"})
        assert ("/me/", "Mon espace") in Page(client.get("/me/").content).links


def test_the_language_switcher_comes_back_to_the_page_with_a_fresh_token(org, client_for):
    page = Page(client_for(org.staff).get("/me/?a=1&b=x").content)
    [form] = page.find("form", action=reverse("accounts:language"))
    [following] = page.find("input", name="next")
    assert following.attrs["value"] == "/me/?a=1&b=x"
    assert form.attrs["method"] == "post" and all(len(token) == 64 for token in _tokens(page))
    options = {e.attrs["value"]: (e.text, "selected" in e.attrs) for e in page.find("option")}
    assert options["fr"] == ("Français", False) and options["en"] == ("English", True)


def test_the_close_button_of_a_message_is_named_in_the_readers_language():
    with translation.override("fr"):
        page = Page(render_to_string("components/messages.html", {"messages": [Message(20, "Enregistré.")]}))
    [close] = page.find("button", type="button")
    assert close.attrs["aria-label"] == "Fermer"
