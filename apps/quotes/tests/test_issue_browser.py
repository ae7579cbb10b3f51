"""In a browser: the checklist page, the quote's page with its status panel (issued and sent, revised)
and the answer forms pass axe at desktop and phone widths. ``SCREENSHOT_DIR=...`` keeps screenshots."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from apps.accounts.models import Company
from apps.core.tests.axe import serious_violations
from apps.quotes.selectors.issue import status_panel
from apps.quotes.services import lifecycle
from apps.quotes.tests.factories_issue import ready_quote
from apps.quotes.tests.issue_helpers import issued_quote
from apps.quotes.views import quotes as quote_views

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


@pytest.fixture(autouse=True)
def _panel_on_the_page(monkeypatch):
    """The one line the quote's view adds for the status panel."""
    original = quote_views._editor_context

    def with_panel(request, quote, **forms):
        return original(request, quote, **forms) | {"status_panel": status_panel(request.user, quote)}

    monkeypatch.setattr(quote_views, "_editor_context", with_panel)


def _sign_in(page, live_server, user) -> None:
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])


def _check_both_widths(page, name: str) -> list:
    found = []
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        found += serious_violations(page, f"{name} at {size['width']} px")
        if SCREENSHOT_DIR:
            Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SCREENSHOT_DIR}/issue-{name}-{label}.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    return found


def test_the_issuing_pages_pass_axe_at_both_widths(live_server, page, org):
    by = org.office_manager
    incomplete = ready_quote(by=by, payment_terms="")
    Company.objects.filter(pk=1).update(siret="")
    _sign_in(page, live_server, by)
    violations = []

    page.goto(live_server.url + reverse("quotes:quote_issue", args=[incomplete.pk]))
    violations += _check_both_widths(page, "checklist")
    Company.objects.filter(pk=1).update(siret="73282932000074")

    quote = issued_quote(by)
    lifecycle.quote_send(quote=quote, by=by)
    page.goto(live_server.url + reverse("quotes:quote_detail", args=[quote.pk]))
    assert page.get_by_test_id("status-panel").is_visible()
    violations += _check_both_widths(page, "sent")

    page.goto(live_server.url + reverse("quotes:quote_decline", args=[quote.pk]))
    page.get_by_role("button", name="Mark declined").click()
    page.wait_for_load_state("load")
    assert "This field is required." in page.content()
    violations += _check_both_widths(page, "decline-errors")

    page.get_by_label("Reason given by the client").fill("Budget reporté à l'an prochain")
    page.get_by_role("button", name="Mark declined").click()
    page.wait_for_load_state("load")
    page.get_by_role("button", name="Revise (version 2)").click()
    page.wait_for_load_state("load")
    assert "-v2" not in page.url
    violations += _check_both_widths(page, "revision-draft")

    accepted = lifecycle.quote_accept(quote=issued_quote(by), by=by)
    page.goto(live_server.url + reverse("quotes:quote_detail", args=[accepted.pk]))
    violations += _check_both_widths(page, "accepted")
    assert not violations, "\n".join(violations)
