"""A form's one-time token gives back the document it made only on the URL it made it from: posted to
another quote (or invoice) it is refused, instead of redirecting to the first quote's invoice as if the
second had been invoiced (found by the #15 attack review)."""

import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.quotes.models import Invoice
from apps.quotes.services import credit_notes
from apps.quotes.services import invoices as services
from apps.quotes.tests.factories_invoices import accepted_quote, blank_pdf, company

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def seller(monkeypatch):
    monkeypatch.setattr("apps.quotes.facturx.base_pdf", blank_pdf)
    return company()


def test_a_final_invoice_token_reused_on_another_quote_is_refused(org):
    token, first, second = uuid.uuid4(), accepted_quote(), accepted_quote()
    made = services.invoice_from_quote(quote=first, by=org.office_manager, token=token)
    assert services.invoice_from_quote(quote=first, by=org.office_manager, token=token).pk == made.pk
    with pytest.raises(ValidationError, match="already used"):
        services.invoice_from_quote(quote=second, by=org.office_manager, token=token)
    with pytest.raises(ValidationError, match="already used"):
        services.deposit_invoice_from_quote(quote=second, by=org.office_manager, percent=Decimal("10"), token=token)
    assert not Invoice.objects.filter(quote=second).exists()


def test_a_credit_note_token_reused_on_another_invoice_is_refused(org):
    invoices = [
        services.invoice_issue(
            invoice=services.invoice_from_quote(quote=accepted_quote(), by=org.office_manager), by=org.office_manager
        )
        for _ in range(2)
    ]
    token = uuid.uuid4()
    credit_notes.credit_note_create(invoice=invoices[0], by=org.office_manager, full=True, token=token)
    with pytest.raises(ValidationError, match="already used"):
        credit_notes.credit_note_create(invoice=invoices[1], by=org.office_manager, full=True, token=token)
    assert not invoices[1].credit_notes.exists()
