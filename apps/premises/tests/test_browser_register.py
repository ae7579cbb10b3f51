"""The register in a real browser, on the demo company: the electrical check found non-compliant shows
"À corriger", and the register page links to its PDF, which the office manager gets."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from apps.core.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")


@pytest.fixture
def demo_company():
    call_command("seed_demo", verbosity=0)


def _shoot(page, name):
    if not SCREENSHOT_DIR:
        return
    Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
    for width, height, suffix in ((1366, 900, "desktop"), (390, 844, "phone")):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{SCREENSHOT_DIR}/{name}-{suffix}.png", full_page=True)


@pytest.mark.parametrize("email", ["office@example.com", "director@example.com"])
def test_the_register_shows_what_is_to_fix_and_links_to_its_pdf(demo_company, live_server, page, email):
    log_in(page, live_server.url, email)
    page.goto(f"{live_server.url}/premises/register/")
    row = page.get_by_test_id("register-row").filter(has_text="électrique").first
    assert row.locator('[data-status="to_fix"]:visible').inner_text().strip() == "À corriger"
    _shoot(page, f"register-{email.split('@')[0]}")
    link = page.get_by_test_id("register-pdf-site")
    assert link.is_visible()
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
    if SCREENSHOT_DIR:
        Path(f"{SCREENSHOT_DIR}/register-{email.split('@')[0]}.pdf").write_bytes(response.body())
    row.get_by_role("link").first.click()
    page.wait_for_load_state()
    assert page.locator('[data-status="to_fix"]:visible').is_visible()
    _shoot(page, f"register-item-{email.split('@')[0]}")
