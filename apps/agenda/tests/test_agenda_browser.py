"""In a real browser, at 1366 px and 390 px: the director's "This week" button lands on the week of
today from any other week, the page fits the screen, and the demo floor plan shows its drawing (on a
phone, the floor's list)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.core.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = [1366, 390]


@pytest.fixture
def demo_company():
    call_command("seed_demo", verbosity=0)


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_this_week_lands_on_the_week_of_today(demo_company, live_server, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server.url, "director@example.com")
    page.goto(f"{live_server.url}/agenda/?start=2030-01-07")
    page.get_by_role("link", name="Cette semaine", exact=True).click()
    page.wait_for_load_state("networkidle")
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    assert page.url.endswith(f"/agenda/?start={monday.isoformat()}")
    assert f"Semaine {monday.isocalendar().week} :" in page.locator("#agenda-range").inner_text()
    assert page.locator("[data-testid=agenda-approvals]").is_visible()
    assert page.locator("[data-testid=card]").count() >= 3
    assert _fits(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_demo_floor_plan_shows_its_drawing(demo_company, live_server, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server.url, "staff@example.com")
    page.goto(f"{live_server.url}/premises/")
    href = page.locator("a[href^='/premises/floors/']").first.get_attribute("href")
    page.goto(f"{live_server.url}{href}")
    plan = page.locator("[data-testid=plan] img")
    if width >= 768:
        plan.wait_for()
        assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", plan.element_handle())
    else:  # a phone gets the list of rooms and desks instead of the drawing (floor_plan.html)
        assert plan.count() == 1 and not plan.is_visible()
        assert page.locator("[data-testid=plan-item]").first.is_visible()
    assert _fits(page)
