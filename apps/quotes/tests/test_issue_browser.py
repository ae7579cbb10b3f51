"""In a browser: the checklist page, the quote's page with its status panel (issued and sent, revised)
and the answer forms pass axe at desktop and phone widths. ``SCREENSHOT_DIR=...`` keeps screenshots."""

import pytest
from django.urls import reverse

from apps.accounts.models import Company
from apps.core.tests.browser import axe_at_both_widths, sign_in
from apps.quotes.selectors.issue import status_panel
from apps.quotes.services import lifecycle
from apps.quotes.tests.factories_issue import ready_quote
from apps.quotes.tests.issue_helpers import issued_quote
from apps.quotes.views import quotes as quote_views

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _panel_on_the_page(monkeypatch):
    """The one line the quote's view adds for the status panel."""
    original = quote_views._editor_context

    def with_panel(request, quote, **forms):
        return original(request, quote, **forms) | {"status_panel": status_panel(request.user, quote)}

    monkeypatch.setattr(quote_views, "_editor_context", with_panel)


def test_the_issuing_pages_pass_axe_at_both_widths(live_server, page, org):
    by = org.office_manager
    incomplete = ready_quote(by=by, payment_terms="")
    Company.objects.filter(pk=1).update(siret="")
    sign_in(page, live_server, by)
    violations = []

    page.goto(live_server.url + reverse("quotes:quote_issue", args=[incomplete.pk]))
    violations += axe_at_both_widths(page, "checklist", prefix="issue")
    Company.objects.filter(pk=1).update(siret="73282932000074")

    quote = issued_quote(by)
    lifecycle.quote_send(quote=quote, by=by)
    page.goto(live_server.url + reverse("quotes:quote_detail", args=[quote.pk]))
    assert page.get_by_test_id("status-panel").is_visible()
    violations += axe_at_both_widths(page, "sent", prefix="issue")

    page.goto(live_server.url + reverse("quotes:quote_decline", args=[quote.pk]))
    page.get_by_role("button", name="Mark declined").click()
    page.wait_for_load_state("load")
    assert "This field is required." in page.content()
    violations += axe_at_both_widths(page, "decline-errors", prefix="issue")

    page.get_by_label("Reason given by the client").fill("Budget reporté à l'an prochain")
    page.get_by_role("button", name="Mark declined").click()
    page.wait_for_load_state("load")
    page.get_by_role("button", name="Revise (version 2)").click()
    page.wait_for_load_state("load")
    assert "-v2" not in page.url
    violations += axe_at_both_widths(page, "revision-draft", prefix="issue")

    accepted = lifecycle.quote_accept(quote=issued_quote(by), by=by)
    page.goto(live_server.url + reverse("quotes:quote_detail", args=[accepted.pk]))
    violations += axe_at_both_widths(page, "accepted", prefix="issue")
    assert not violations, "\n".join(violations)
