"""The team calendar in a real browser: pending leave, week numbers, other months' days and holiday
titles are readable (WCAG AA contrast, computed from the colours the browser applies), and
FullCalendar's controls have names and valid roles. SCREENSHOT_DIR=… keeps the pictures.

Run with: DJANGO_ALLOW_ASYNC_UNSAFE=true .venv/bin/python -m pytest -q -m browser <this file>
"""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from apps.core.tests.browser import log_in
from apps.leave.models import LeaveRequest, LeaveStatus
from apps.leave.tests.test_calendar_contrast import AA_TEXT, contrast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")

# The text colour of an element and the colour behind it: its own background or its nearest
# ancestor's that is not transparent (alpha blended over white), each after the element's opacity.
COLOURS = """
el => {
  const rgba = c => c.match(/[\\d.]+/g).map(Number).concat([1]).slice(0, 4);
  const over = (top, bottom) => top.slice(0, 3).map((v, i) => v * top[3] + bottom[i] * (1 - top[3]));
  let opacity = 1;
  for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
  let back = [255, 255, 255];
  const layers = [];
  for (let e = el; e; e = e.parentElement) {
    const c = rgba(getComputedStyle(e).backgroundColor);
    if (c[3] > 0) layers.push(c);
    if (c[3] === 1) break;
  }
  for (const layer of layers.reverse()) back = over(layer, back);
  const fore = rgba(getComputedStyle(el).color);
  return {fore: over([fore[0], fore[1], fore[2], fore[3] * opacity], back), back};
}
"""


@pytest.fixture
def demo_company():
    call_command("seed_demo", verbosity=0)


def _ratio(locator) -> float:
    colours = locator.evaluate(COLOURS)
    return contrast(colours["fore"], colours["back"])


def _open(page, base_url: str, day: dt.date) -> None:
    page.goto(f"{base_url}/leave/calendar/?date={day.isoformat()}")
    page.wait_for_load_state("networkidle")
    page.locator(".fc-daygrid-day").first.wait_for()


def test_the_calendar_text_passes_aa_contrast(demo_company, live_server, page):
    pending = LeaveRequest.objects.filter(person__email="staff@example.com", status=LeaveStatus.PENDING).first()
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server.url, "manager@example.com")
    _open(page, live_server.url, pending.start_date)
    event = page.locator(".fc-daygrid-event.leave-pending").first
    event.wait_for()
    title = event.locator(".fc-event-title")
    assert "italic" not in title.evaluate("e => getComputedStyle(e).fontStyle")
    assert event.evaluate("e => getComputedStyle(e).borderTopStyle") == "dashed"
    assert "(pending)" in title.inner_text() or "(en attente)" in title.inner_text()
    assert _ratio(title) >= AA_TEXT
    assert _ratio(page.locator(".fc-daygrid-week-number").first) >= AA_TEXT
    assert _ratio(page.locator(".fc-day-other .fc-daygrid-day-number").first) >= AA_TEXT
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOT_DIR}/calendar-pending-desktop.png", full_page=True)
    # May has four public holidays in France.
    _open(page, live_server.url, dt.date(pending.start_date.year, 5, 1))
    holiday = page.locator(".fc-bg-event.leave-holiday .fc-event-title").first
    holiday.wait_for()
    assert _ratio(holiday) >= AA_TEXT
    if SCREENSHOT_DIR:
        page.screenshot(path=f"{SCREENSHOT_DIR}/calendar-holidays-desktop.png", full_page=True)


def test_the_calendar_controls_have_names_and_valid_roles(demo_company, live_server, page):
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server.url, "office@example.com")  # everyone's leave: days with "+N more"
    _open(page, live_server.url, dt.date.today())
    assert page.get_by_role("button", name="Mois précédent").count() == 1
    assert page.get_by_role("button", name="Mois suivant").count() == 1
    # No icon left with role="img" and no text alternative.
    assert page.locator(".fc [role=img]").count() == 0
    for _ in range(12):  # find a month with a "+N more" link
        if page.locator(".fc-more-link").count():
            break
        page.get_by_role("button", name="Mois suivant").click()
        page.wait_for_load_state("networkidle")
    more = page.locator(".fc-more-link").first
    assert more.get_attribute("role") == "button" and more.get_attribute("aria-expanded") is not None
    assert re.match(r"Afficher \d+ autres? absences?", more.get_attribute("title"))
    more.focus()
    page.keyboard.press("Enter")
    page.locator(".fc-popover").wait_for(timeout=5000)  # the keyboard opens it


def test_the_phone_list_shows_pending_leave_readably(demo_company, live_server, page):
    pending = LeaveRequest.objects.filter(person__email="staff@example.com", status=LeaveStatus.PENDING).first()
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server.url, "manager@example.com")
    page.goto(f"{live_server.url}/leave/calendar/?date={pending.start_date.isoformat()}")
    page.wait_for_load_state("networkidle")
    row = page.locator(".fc-list-event.leave-pending").first
    row.wait_for()
    assert _ratio(row.locator(".fc-list-event-title")) >= AA_TEXT
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOT_DIR}/calendar-phone.png", full_page=True)


def test_the_inbox_shows_the_requesters_balance_after_the_request(demo_company, live_server, page):
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server.url, "manager@example.com")
    page.goto(f"{live_server.url}/inbox/")
    card = page.locator("[data-testid=approval]").first
    assert re.search(r"Congés payés : [\d,]+ jours? → [\d,-]+ jours? après cette demande", card.inner_text())
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOT_DIR}/inbox-desktop.png", full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=f"{SCREENSHOT_DIR}/inbox-phone.png", full_page=True)


def test_my_balances_show_what_may_be_taken_on_a_phone_without_scrolling(demo_company, live_server, page):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server.url, "manager@example.com")
    page.goto(f"{live_server.url}/leave/")
    table = page.locator("[data-testid=balances]")
    assert table.evaluate("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth")
    assert page.locator("[data-testid=available]").first.is_visible()
    assert page.get_by_text("En cours d'acquisition").first.is_visible()
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOT_DIR}/my-leave-phone.png", full_page=True)
        page.set_viewport_size({"width": 1366, "height": 900})
        page.screenshot(path=f"{SCREENSHOT_DIR}/my-leave-desktop.png", full_page=True)
