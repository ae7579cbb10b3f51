"""A real browser logs in as each demo role and lands on that role's home page, with no error."""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

# serialized_rollback: the live server needs a flushed database, and the rows data migrations
# create (groups, leave types) must be back for each test.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")  # set it to look at the pages (desktop and phone)

ROLES = [
    ("office@example.com", "/dashboard/", "Tableau de bord"),
    ("director@example.com", "/agenda/", "Agenda"),
    ("manager@example.com", "/me/", "Bonjour"),
    ("staff@example.com", "/me/", "Bonjour"),
]


@pytest.fixture
def demo_company():
    # `make test` runs this module in its own process with DJANGO_ALLOW_ASYNC_UNSAFE=true: Playwright's
    # sync API keeps an event loop in this thread, while the ORM calls made here stay synchronous.
    call_command("seed_demo", verbosity=0)


def _watch_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("response", lambda response: response.status >= 500 and errors.append(f"{response.status} {response.url}"))
    return errors


@pytest.mark.parametrize(("email", "home", "heading"), ROLES)
def test_each_demo_role_logs_in_and_sees_its_home(demo_company, live_server, page, email, home, heading):
    errors = _watch_errors(page)
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    page.get_by_label(re.compile("adresse e-mail|e-mail address", re.I)).fill(email)
    page.get_by_label(re.compile("mot de passe|password", re.I)).fill("demo")
    page.get_by_role("button", name=re.compile("se connecter|log in", re.I)).click()
    page.wait_for_url(f"{live_server.url}{home}")
    assert heading in page.locator("h1").first.inner_text()
    assert page.locator("nav.navbar").is_visible()
    if SCREENSHOT_DIR:
        name = email.split("@")[0]
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=f"{SCREENSHOT_DIR}/{name}-desktop.png", full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=f"{SCREENSHOT_DIR}/{name}-phone.png", full_page=True)
    assert errors == []


def test_wrong_password_shows_a_message_and_stays_on_login(demo_company, live_server, page):
    errors = _watch_errors(page)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label(re.compile("adresse e-mail|e-mail address", re.I)).fill("staff@example.com")
    page.get_by_label(re.compile("mot de passe|password", re.I)).fill("wrong")
    page.get_by_role("button", name=re.compile("se connecter|log in", re.I)).click()
    assert page.get_by_role("alert").is_visible()
    assert "/accounts/login/" in page.url
    assert errors == []
