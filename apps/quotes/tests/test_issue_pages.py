"""The issuing pages: the checklist with a link to fix each point, the issue button (the office manager;
the director reads, and a POST is a 403), the PDF, sending, the answer forms, the signed copy served
through the view, revising, and the status panel on the quote's page."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.accounts.models import Company
from apps.notifications.models import EmailOutbox
from apps.quotes.models import Quote, QuoteStatus
from apps.quotes.selectors.issue import status_panel
from apps.quotes.services import lifecycle
from apps.quotes.tests.factories_issue import ready_quote
from apps.quotes.tests.issue_helpers import issued_quote, pdf_text
from apps.quotes.views import quotes as quote_views
from apps.suppliers.tests.compliance_helpers import png_bytes

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


def test_the_checklist_links_each_problem_to_where_it_is_fixed(org, client_for):
    quote = ready_quote(by=org.office_manager, payment_terms="")
    Company.objects.filter(pk=1).update(siret="")
    quote.client.city = ""
    quote.client.save()
    response = client_for(org.office_manager).get(reverse("quotes:quote_issue", args=[quote.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The company&#39;s SIRET number is missing." in html
    assert reverse("accounts:company") in html
    assert reverse("quotes:client_edit", args=[quote.client_id]) in html
    assert reverse("quotes:quote_edit", args=[quote.pk]) in html
    assert "disabled" in html  # the issue button waits


def test_issuing_from_the_page_then_clicking_again_says_it_is_already_issued(org, client_for):
    quote = ready_quote(by=org.office_manager)
    client = client_for(org.office_manager)
    url = reverse("quotes:quote_issue", args=[quote.pk])
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == quote.get_absolute_url()
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.ISSUED and quote.number.endswith("-0001")
    again = client.post(url, follow=True)
    assert f"This quote has already been issued as {quote.reference}." in _messages(again)
    assert Quote.objects.exclude(number="").count() == 1


def test_an_incomplete_quote_posted_is_refused_with_the_list(org, client_for):
    quote = ready_quote(by=org.office_manager, payment_terms="")
    response = client_for(org.office_manager).post(reverse("quotes:quote_issue", args=[quote.pk]))
    assert response.status_code == 400
    assert "The payment terms are missing." in _messages(response)
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.DRAFT


def test_the_director_reads_the_checklist_and_the_pdf_but_issues_nothing(org, client_for):
    quote = ready_quote(by=org.office_manager)
    client = client_for(org.director)
    page = client.get(reverse("quotes:quote_issue", args=[quote.pk]))
    assert page.status_code == 200
    assert b'data-testid="issue-form"' not in page.content
    assert client.get(reverse("quotes:quote_pdf", args=[quote.pk])).status_code == 200
    assert client.post(reverse("quotes:quote_issue", args=[quote.pk])).status_code == 403
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.DRAFT


def test_the_pdf_of_a_draft_is_a_marked_preview_and_of_an_issued_quote_the_stored_file(org, client_for):
    draft = ready_quote(by=org.office_manager)
    client = client_for(org.office_manager)
    preview = client.get(reverse("quotes:quote_pdf", args=[draft.pk]))
    assert preview["Content-Type"] == "application/pdf"
    assert "DRAFT" in pdf_text(preview.content) or "BROUILLON" in pdf_text(preview.content)
    assert "no-store" in preview["Cache-Control"]
    quote = issued_quote(org.office_manager)
    served = client.get(reverse("quotes:quote_pdf", args=[quote.pk]))
    with quote.pdf.open("rb") as handle:
        assert b"".join(served.streaming_content) == handle.read()


def test_sending_from_the_page(org, client_for):
    quote = issued_quote(org.office_manager)
    client = client_for(org.office_manager)
    response = client.post(reverse("quotes:quote_send", args=[quote.pk]), follow=True)
    assert "The quote is e-mailed to claire.martin@client.example with its PDF." in _messages(response)
    assert EmailOutbox.objects.filter(kind="quotes_quote_client").count() == 1


def test_sending_without_any_address_says_so(org, client_for):
    quote = issued_quote(org.office_manager, contact=False)
    quote.client.email = ""
    quote.client.save()
    response = client_for(org.office_manager).post(reverse("quotes:quote_send", args=[quote.pk]), follow=True)
    assert any("Neither the quote's contact nor the client" in m for m in _messages(response))
    assert not EmailOutbox.objects.exists()


def test_the_accept_form_refuses_a_date_in_the_future_then_accepts(org, client_for):
    quote = issued_quote(org.office_manager)
    client = client_for(org.office_manager)
    url = reverse("quotes:quote_accept", args=[quote.pk])
    assert client.get(url).status_code == 200
    late = client.post(url, {"accepted_on": (dt.date.today() + dt.timedelta(days=5)).isoformat()})
    assert late.status_code == 400
    assert "The date cannot be in the future." in late.content.decode()
    absurd = client.post(url, {"accepted_on": "0001-01-01"})
    assert absurd.status_code == 400
    assert client.post(url, {"accepted_on": ""}).status_code == 302
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.ACCEPTED


def test_the_decline_form_needs_a_reason(org, client_for):
    quote = issued_quote(org.office_manager)
    client = client_for(org.office_manager)
    url = reverse("quotes:quote_decline", args=[quote.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Budget gelé"}).status_code == 302
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.DECLINED and quote.decline_reason == "Budget gelé"
    # answered: the forms send back to the quote
    assert client.get(url).status_code == 302


def test_the_signed_copy_is_checked_and_served_through_the_view(org, client_for):
    quote = lifecycle.quote_accept(quote=issued_quote(org.office_manager), by=org.office_manager)
    client = client_for(org.office_manager)
    url = reverse("quotes:quote_signed_copy", args=[quote.pk])
    exe = SimpleUploadedFile("devis-signe.pdf", b"MZ\x90\x00" + b"\x00" * 100, content_type="application/pdf")
    refused = client.post(url, {"file": exe})
    assert refused.status_code == 400
    assert "The file is not a readable PDF." in refused.content.decode() or "Upload the signed copy" in (
        refused.content.decode()
    )
    assert client.post(url, {"file": SimpleUploadedFile("scan.png", png_bytes())}).status_code == 302
    director = client_for(org.director)
    served = director.get(url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png" and served["X-Content-Type-Options"] == "nosniff"
    assert director.post(url, {"file": SimpleUploadedFile("scan.png", png_bytes())}).status_code == 403


def test_revising_from_the_page_opens_the_new_draft(org, client_for):
    quote = issued_quote(org.office_manager)
    response = client_for(org.office_manager).post(reverse("quotes:quote_revise", args=[quote.pk]))
    revision = Quote.objects.get(revision_of=quote)
    assert response["Location"] == revision.get_absolute_url()
    assert client_for(org.director).post(reverse("quotes:quote_revise", args=[quote.pk])).status_code == 403


@pytest.fixture
def detail_with_panel(monkeypatch):
    """The quote's page with the one line its view adds for the status panel."""
    original = quote_views._editor_context

    def with_panel(request, quote, **forms):
        return original(request, quote, **forms) | {"status_panel": status_panel(request.user, quote)}

    monkeypatch.setattr(quote_views, "_editor_context", with_panel)


def test_the_status_panel_shows_the_history_the_versions_and_the_actions_allowed(org, client_for, detail_with_panel):
    quote = issued_quote(org.office_manager)
    lifecycle.quote_send(quote=quote, by=org.office_manager)
    revision, _ = lifecycle.quote_revise(quote=quote, by=org.office_manager)
    page = client_for(org.office_manager).get(quote.get_absolute_url())
    html = page.content.decode()
    assert 'data-testid="status-panel"' in html
    assert "Sent by e-mail" in html and "claire.martin@client.example" in html
    assert f"{quote.number}-v2" in html and revision.get_absolute_url() in html
    assert reverse("quotes:quote_accept", args=[quote.pk]) in html
    assert reverse("quotes:quote_revise", args=[quote.pk]) not in html  # already revised
    director_html = client_for(org.director).get(quote.get_absolute_url()).content.decode()
    assert reverse("quotes:quote_accept", args=[quote.pk]) not in director_html
    assert reverse("quotes:quote_pdf", args=[quote.pk]) in director_html


def test_the_status_panel_costs_a_few_queries(org, django_assert_max_num_queries):
    quote = issued_quote(org.office_manager)
    for days in range(1, 4):
        with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=days)):
            lifecycle.quote_send(quote=quote, by=org.office_manager)
    quote = Quote.objects.select_related("client", "contact").get(pk=quote.pk)
    with django_assert_max_num_queries(3):
        panel = status_panel(org.office_manager, quote)
    assert len([e for e in panel["events"] if e.note]) == 3


def test_the_checklist_costs_a_few_queries_whatever_the_number_of_lines(org, django_assert_max_num_queries):
    from apps.quotes.selectors.issue import issue_page
    from apps.quotes.tests.factories_issue import QuoteLineFactory

    quote = ready_quote(by=org.office_manager)
    for _ in range(30):
        QuoteLineFactory(quote=quote)
    quote = Quote.objects.select_related("client", "contact").get(pk=quote.pk)
    with django_assert_max_num_queries(2):
        page = issue_page(org.office_manager, quote)
    assert page.ready
