"""A deposit invoice deducted by a live final invoice cannot be credited: the final invoice would
still deduct money the client gets back (found by the #15 attack review)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.quotes.models import InvoiceStatus
from apps.quotes.services import credit_notes
from apps.quotes.services import invoices as services
from apps.quotes.tests.factories_invoices import accepted_quote, blank_pdf, company

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def seller(monkeypatch):
    monkeypatch.setattr("apps.quotes.facturx.base_pdf", blank_pdf)
    return company()


def _issued_deposit(org, quote):
    draft = services.deposit_invoice_from_quote(quote=quote, by=org.office_manager, percent=Decimal("30"))
    return services.invoice_issue(invoice=draft, by=org.office_manager)


def test_a_deposit_deducted_by_a_final_draft_cannot_be_credited(org):
    quote = accepted_quote()
    deposit = _issued_deposit(org, quote)
    services.invoice_from_quote(quote=quote, by=org.office_manager)
    with pytest.raises(ValidationError, match="final invoice"):
        credit_notes.credit_note_create(invoice=deposit, by=org.office_manager, full=True)
    assert not deposit.credit_notes.exists()


def test_a_draft_credit_note_of_a_deposit_is_not_issued_once_a_final_invoice_deducts_it(org):
    quote = accepted_quote()
    deposit = _issued_deposit(org, quote)
    note = credit_notes.credit_note_create(invoice=deposit, by=org.office_manager, full=True)
    final = services.invoice_from_quote(quote=quote, by=org.office_manager)
    with pytest.raises(ValidationError, match="final invoice"):
        services.invoice_issue(invoice=note, by=org.office_manager)
    note.refresh_from_db()
    deposit.refresh_from_db()
    assert note.status == InvoiceStatus.DRAFT and not note.number
    assert deposit.status == InvoiceStatus.ISSUED
    # The final invoice issued still deducts a deposit that stands.
    final = services.invoice_issue(invoice=final, by=org.office_manager)
    assert final.total_incl_vat == quote.total_incl_vat - deposit.total_incl_vat


def test_a_deposit_is_credited_once_its_final_draft_is_deleted(org):
    quote = accepted_quote()
    deposit = _issued_deposit(org, quote)
    final = services.invoice_from_quote(quote=quote, by=org.office_manager)
    services.invoice_delete(invoice=final, by=org.office_manager)
    note = credit_notes.credit_note_create(invoice=deposit, by=org.office_manager, full=True)
    services.invoice_issue(invoice=note, by=org.office_manager)
    deposit.refresh_from_db()
    assert deposit.status == InvoiceStatus.CREDITED
    final = services.invoice_from_quote(quote=quote, by=org.office_manager)
    assert final.total_incl_vat == quote.total_incl_vat


def test_the_deposit_page_offers_no_credit_note_while_a_final_invoice_deducts_it(client, org):
    quote = accepted_quote()
    deposit = _issued_deposit(org, quote)
    client.force_login(org.office_manager)
    assert client.get(f"/quotes/invoices/{deposit.pk}/").context["may_credit"]
    services.invoice_from_quote(quote=quote, by=org.office_manager)
    assert not client.get(f"/quotes/invoices/{deposit.pk}/").context["may_credit"]
    response = client.get(f"/quotes/invoices/{deposit.pk}/credit-note/")
    assert response.status_code == 302 and response["Location"] == f"/quotes/invoices/{deposit.pk}/"
