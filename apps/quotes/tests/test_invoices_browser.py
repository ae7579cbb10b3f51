"""In a browser: the invoice list and an invoice's page (with its payment form, its credit note, its
deposit deduction) pass axe at desktop and phone widths; the office manager records a payment through
the form. ``SCREENSHOT_DIR=...`` keeps screenshots."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.tests.browser import axe_at_both_widths, sign_in
from apps.quotes.models import InvoiceStatus
from apps.quotes.services import credit_notes, payments
from apps.quotes.services import invoices as services
from apps.quotes.tests.factories_invoices import InvoiceContactFactory, accepted_quote, blank_pdf, company

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

D = Decimal


def test_invoice_pages_are_accessible_and_a_payment_is_recorded(live_server, page, org, monkeypatch):
    monkeypatch.setattr("apps.quotes.facturx.base_pdf", blank_pdf)
    company()
    by = org.office_manager
    rates = ((D("12"), D("85.00"), D("20.00")), (D("3"), D("42.50"), D("10.00")), (D("2"), D("19.90"), D("5.50")))
    quote = accepted_quote(rates, discount=D("5"), subject="Réaménagement de l'open space, 2e étage")
    InvoiceContactFactory(client=quote.client)
    deposit = services.invoice_issue(
        invoice=services.deposit_invoice_from_quote(quote=quote, by=by, percent=D("30")), by=by
    )
    payments.payment_record(invoice=deposit, by=by, paid_on=timezone.localdate(), amount=deposit.total_incl_vat)
    final = services.invoice_issue(invoice=services.invoice_from_quote(quote=quote, by=by), by=by)
    line = next(line for line in final.lines.all() if line.is_priced)
    credit_notes.credit_note_create(invoice=final, by=by, lines={line.pk: "2"})
    for _ in range(3):
        services.invoice_issue(invoice=services.invoice_from_quote(quote=accepted_quote(), by=by), by=by)
    services.invoice_from_quote(quote=accepted_quote(subject="Maintenance annuelle"), by=by)
    violations = []

    sign_in(page, live_server, by)
    page.goto(f"{live_server.url}{reverse('quotes:invoice_list')}")
    violations += axe_at_both_widths(page, "list", prefix="invoices")
    page.goto(f"{live_server.url}{final.get_absolute_url()}")
    violations += axe_at_both_widths(page, "detail", prefix="invoices")
    page.goto(f"{live_server.url}{reverse('quotes:credit_note_create', args=[final.pk])}")
    violations += axe_at_both_widths(page, "credit-note", prefix="invoices")

    page.goto(f"{live_server.url}{final.get_absolute_url()}")
    page.get_by_label("Amount (€)").fill("100.00")
    page.get_by_role("button", name="Record the payment").click()
    page.get_by_text("The payment is recorded.").wait_for()
    final.refresh_from_db()
    assert final.amount_paid == D("100.00") and final.status == InvoiceStatus.ISSUED
    assert not violations, "\n".join(map(str, violations))
