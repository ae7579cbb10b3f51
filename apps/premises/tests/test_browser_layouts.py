"""The premises layouts in a real browser, at 1366 px and on a phone (390 px): the find page's
equipment stays in its card above the search button, every premises tab can be seen, the day grid
gives way to a list per room on a phone, and a booking on the grid shows its label and details."""

import re

import pytest
from django.core.management import call_command

from apps.core.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo_company():
    call_command("seed_demo", verbosity=0)


def _inside(inner: dict, outer: dict) -> bool:
    return (
        inner["x"] >= outer["x"] - 0.5
        and inner["y"] >= outer["y"] - 0.5
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 0.5
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 0.5
    )


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_the_equipment_checkboxes_stay_in_the_card_above_the_search_button(demo_company, live_server, page, viewport):
    page.set_viewport_size(viewport)
    log_in(page, live_server.url, "staff@example.com")
    page.goto(f"{live_server.url}/premises/find/")
    card = page.get_by_test_id("find-form").bounding_box()
    button = page.get_by_role("button", name=re.compile("Rechercher|Search")).bounding_box()
    footer = page.locator("footer").first.bounding_box()
    boxes = page.locator("[data-testid=equipment] .form-check")
    assert boxes.count() == 5
    for index in range(5):
        box = boxes.nth(index).bounding_box()
        assert box["width"] > 60  # a checkbox with its label, not a 16 px column
        assert _inside(box, card)
        assert box["y"] + box["height"] <= button["y"]  # never over the search button
    assert card["y"] + card["height"] <= footer["y"]
    _no_sideways_scroll(page)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_every_premises_tab_is_visible_in_full(demo_company, live_server, page, viewport):
    page.set_viewport_size(viewport)
    log_in(page, live_server.url, "office@example.com")
    page.goto(f"{live_server.url}/premises/")
    bar = page.locator("nav.premises-nav ul")
    tabs = page.locator("nav.premises-nav .nav-link")
    assert tabs.count() == 8
    assert bar.evaluate("ul => ul.scrollWidth <= ul.clientWidth")  # nothing hidden past the edge
    bar_box = bar.bounding_box()
    for index in range(tabs.count()):
        tab = tabs.nth(index)
        assert tab.is_visible()
        assert tab.evaluate("a => a.scrollWidth <= a.clientWidth")  # not cut to "Registre c…"
        assert _inside(tab.bounding_box(), bar_box)
        assert tab.bounding_box()["x"] + tab.bounding_box()["width"] <= viewport["width"]
    assert "Espaces" in tabs.last.inner_text()
    _no_sideways_scroll(page)


def test_a_phone_shows_a_list_per_room_instead_of_the_grid(demo_company, live_server, page):
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, "staff@example.com")
    page.goto(f"{live_server.url}/premises/")
    assert page.get_by_test_id("day-list").is_visible()
    assert not page.get_by_test_id("day-grid").is_visible()
    rooms = page.get_by_test_id("day-list-room")
    assert rooms.count() >= 5
    assert rooms.first.get_by_role("link", name=re.compile("^(Réserver|Book) ")).is_visible()
    for index in range(rooms.count()):
        assert _inside(rooms.nth(index).bounding_box(), {"x": 0, "y": 0, "width": 390, "height": 10**6})
    _no_sideways_scroll(page)


def test_the_desktop_grid_names_each_booking_and_shows_its_details(demo_company, live_server, page):
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server.url, "staff@example.com")
    page.goto(f"{live_server.url}/premises/")
    assert page.get_by_test_id("day-grid").is_visible()
    assert not page.get_by_test_id("day-list").is_visible()
    blocks = page.get_by_test_id("booking-block")
    assert blocks.count() > 5
    for index in range(blocks.count()):
        block = blocks.nth(index)
        title = block.locator(".day-grid-block-title")
        # The label wraps on up to three lines rather than being cut to "R…" or "Co…": the first four
        # letters of its first word show in full even in a half-hour block (some 36 px).
        first_word_fits = """t => {
            const range = document.createRange(); const text = t.firstChild;
            range.setStart(text, 0); range.setEnd(text, Math.min(text.length, (text.data + " ").indexOf(" "), 4));
            const word = range.getBoundingClientRect(), box = t.getBoundingClientRect();
            return word.width > 0 && word.right <= box.right + 1 && word.bottom <= box.bottom + 1;
        }"""
        assert title.evaluate(first_word_fits), title.inner_text()
        assert re.search(r"\d\d:\d\d–\d\d:\d\d", block.get_attribute("title"))
    # Keyboard: a room's "Book" link is reached with Tab and opens the form for that room.
    book = page.get_by_test_id("row-book").first
    book.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/premises/book/\?.*space=room"))
    # The whole day of a busy block, through its tooltip on focus.
    page.go_back()
    busy = page.locator("button[data-testid=booking-block]").first
    busy.focus()
    assert page.locator(".tooltip").first.is_visible()
