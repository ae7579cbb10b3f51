"""A credit note never credits more than its invoice asked for: picking a final invoice's priced lines
without its (negative) deposit deductions credited the whole quote against the remainder, and marked the
invoice paid with nothing paid (found by the #15 attack review)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.quotes.models import InvoiceStatus, LineKind
from apps.quotes.services import credit_notes, invoicing
from apps.quotes.services import invoices as services
from apps.quotes.tests.factories_invoices import accepted_quote, blank_pdf, company

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(autouse=True)
def seller(monkeypatch):
    monkeypatch.setattr("apps.quotes.facturx.base_pdf", blank_pdf)
    return company()


@pytest.fixture
def final(org):
    """A final invoice of 672.00 (960.00 less a 30 % deposit of 288.00)."""
    quote = accepted_quote()
    deposit = services.deposit_invoice_from_quote(quote=quote, by=org.office_manager, percent=D("30"))
    services.invoice_issue(invoice=deposit, by=org.office_manager)
    draft = services.invoice_from_quote(quote=quote, by=org.office_manager)
    return services.invoice_issue(invoice=draft, by=org.office_manager)


def test_a_credit_note_cannot_credit_more_than_the_invoice_total(org, final):
    item = final.lines.get(kind=LineKind.ITEM)
    with pytest.raises(ValidationError, match="more than is left"):
        credit_notes.credit_note_create(invoice=final, by=org.office_manager, lines={item.pk: item.quantity})
    assert not final.credit_notes.exists()
    final.refresh_from_db()
    assert final.status == InvoiceStatus.ISSUED and invoicing.amount_due(final) == D("672.00")


def test_a_partial_credit_within_the_total_is_allowed_and_the_full_one_closes_it(org, final):
    item = final.lines.get(kind=LineKind.ITEM)  # 10 × 80.00
    note = credit_notes.credit_note_create(invoice=final, by=org.office_manager, lines={item.pk: D("5")})
    services.invoice_issue(invoice=note, by=org.office_manager)
    assert note.total_incl_vat == D("480.00")
    rest = credit_notes.credit_note_create(invoice=final, by=org.office_manager, full=True)
    assert rest.total_incl_vat == D("192.00")  # 672 - 480
    services.invoice_issue(invoice=rest, by=org.office_manager)
    final.refresh_from_db()
    assert final.status == InvoiceStatus.CREDITED


def test_two_drafts_together_cannot_credit_more_than_the_invoice(org, final):
    item = final.lines.get(kind=LineKind.ITEM)
    first = credit_notes.credit_note_create(invoice=final, by=org.office_manager, lines={item.pk: D("5")})  # 480
    with pytest.raises(ValidationError, match="more than is left"):
        credit_notes.credit_note_create(invoice=final, by=org.office_manager, lines={item.pk: D("5")})
    services.invoice_issue(invoice=first, by=org.office_manager)
