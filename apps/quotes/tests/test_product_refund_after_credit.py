"""An invoice paid in full and then partly credited: the page said "Still due 0.00" and nothing more,
though the credit note's amount is owed back to the client. It now says what is to refund."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.quotes.selectors.invoices import invoice_page
from apps.quotes.services import credit_notes, payments
from apps.quotes.services import invoices as services
from apps.quotes.tests.factories_invoices import accepted_quote, blank_pdf, company

pytestmark = pytest.mark.django_db
D = Decimal
LINES = ((D("2"), D("100.00"), D("20.00")), (D("1"), D("50.00"), D("10.00")))


@pytest.fixture(autouse=True)
def seller(monkeypatch):
    monkeypatch.setattr("apps.quotes.facturx.base_pdf", blank_pdf)
    return company()


def test_a_paid_then_credited_invoice_shows_the_amount_to_refund(org, client_for):
    by = org.office_manager
    invoice = services.invoice_issue(invoice=services.invoice_from_quote(quote=accepted_quote(LINES), by=by), by=by)
    payments.payment_record(
        invoice=invoice, by=by, paid_on=invoice.issue_date, amount=invoice.total_incl_vat, method="transfer"
    )
    first = next(line for line in invoice.lines.all() if line.is_priced)
    note = services.invoice_issue(
        invoice=credit_notes.credit_note_create(invoice=invoice, by=by, lines={first.pk: D("1")}), by=by
    )
    invoice.refresh_from_db()
    assert invoice_page(invoice)["to_refund"] == note.total_incl_vat
    html = client_for(by).get(reverse("quotes:invoice_detail", args=[invoice.pk])).content.decode()
    assert 'data-testid="to-refund"' in html


def test_an_unpaid_credited_invoice_has_nothing_to_refund(org, client_for):
    by = org.office_manager
    invoice = services.invoice_issue(invoice=services.invoice_from_quote(quote=accepted_quote(LINES), by=by), by=by)
    first = next(line for line in invoice.lines.all() if line.is_priced)
    services.invoice_issue(
        invoice=credit_notes.credit_note_create(invoice=invoice, by=by, lines={first.pk: D("1")}), by=by
    )
    html = client_for(by).get(reverse("quotes:invoice_detail", args=[invoice.pk])).content.decode()
    assert 'data-testid="to-refund"' not in html


def test_the_invoice_page_links_its_client_and_dates_a_credit_note_as_such(org, client_for):
    by = org.office_manager
    invoice = services.invoice_issue(invoice=services.invoice_from_quote(quote=accepted_quote(LINES), by=by), by=by)
    note = credit_notes.credit_note_create(invoice=invoice, by=by, full=True)
    client = client_for(by)
    html = client.get(reverse("quotes:invoice_detail", args=[invoice.pk])).content.decode()
    assert f'href="{invoice.client.get_absolute_url()}"' in html and "Invoice date" in html
    note_html = client.get(reverse("quotes:invoice_detail", args=[note.pk])).content.decode()
    assert "Credit note date" in note_html and "Invoice date" not in note_html
