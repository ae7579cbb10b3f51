"""Under the Content-Security-Policy the key pages load in a real browser with no violation, and
what used to be inline (styles, handlers) still works: colours and positions set from data-style,
the leave calendar drawn by FullCalendar with its own stylesheet."""

import pytest
from django.core.management import call_command

from apps.core.tests.browser import log_in
from apps.premises.models import Floor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PAGES = [
    "/me/",
    "/dashboard/",
    "/agenda/",
    "/leave/",
    "/leave/calendar/",
    "/leave/types/",
    "/leave/balances/",
    "/premises/",
    "/premises/tickets/",
    "/premises/register/",
    "/premises/spaces/",
    "/notifications/",
]


@pytest.fixture
def demo_company():
    call_command("seed_demo", verbosity=0)


def _watch(page) -> list[str]:
    """Every console error (a CSP violation is one) and every uncaught script error."""
    problems: list[str] = []

    def on_console(message):
        # The admin's pages name no icon: the browser's own /favicon.ico request is not ours.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            problems.append(f"{message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    return problems


def test_the_key_pages_load_without_any_csp_violation(demo_company, live_server, page):
    problems = _watch(page)
    response = page.goto(f"{live_server.url}/accounts/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    log_in(page, live_server.url, "office@example.com")
    floor = Floor.objects.exclude(plan="").first() or Floor.objects.first()
    for path in [*PAGES, f"/premises/floors/{floor.pk}/", f"/premises/floors/{floor.pk}/plan/"]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert [p for p in problems if "Content Security Policy" in p or "Content-Security-Policy" in p] == [], path
    assert problems == []


def test_styles_once_inline_are_applied_through_the_cssom(demo_company, live_server, page):
    problems = _watch(page)
    log_in(page, live_server.url, "office@example.com")
    page.goto(f"{live_server.url}/leave/types/")
    swatch = page.locator(".leave-swatch").first
    assert swatch.evaluate("e => e.style.background") != ""
    page.goto(f"{live_server.url}/premises/")
    grid = page.locator(".day-grid").first
    assert grid.evaluate("e => getComputedStyle(e).getPropertyValue('--hours').trim()") != ""
    assert problems == []


def test_the_leave_calendar_is_drawn_with_fullcalendars_stylesheet(demo_company, live_server, page):
    problems = _watch(page)
    log_in(page, live_server.url, "office@example.com")
    page.goto(f"{live_server.url}/leave/calendar/")
    page.locator(".fc-daygrid-day").first.wait_for()
    # The rules FullCalendar inserts in its own <style> element (allowed by the nonce) are applied.
    assert page.locator(".fc-toolbar").first.evaluate("e => getComputedStyle(e).display") == "flex"
    assert page.locator("style[data-fullcalendar]").count() == 1
    assert problems == []


def test_the_django_admin_works_under_the_policy(demo_company, live_server, page):
    problems = _watch(page)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "admin@example.com")
    page.fill("#id_password", "demo")
    page.locator("input[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/accounts/user/")
    page.wait_for_load_state("networkidle")
    assert page.locator("#result_list").is_visible()
    assert problems == []
