"""PostgreSQL: the final invoice, a deposit invoice and a credit note posted twice at once (the same
form's token) give one draft and no error: the second click, which waited for the first one's lock,
gets the first one's draft back (found by the #15 attack review: it was told the quote was already
invoiced, or that nothing was left to credit)."""

import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.core.tests.races import run_at_once
from apps.quotes.models import Invoice, InvoiceKind, InvoiceStatus
from apps.quotes.services import credit_notes
from apps.quotes.services import invoices as services
from apps.quotes.tests.factories_invoices import accepted_quote, blank_pdf, company

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def fast_pdf(monkeypatch):
    monkeypatch.setattr("apps.quotes.facturx.base_pdf", blank_pdf)
    company()


def test_the_final_invoice_posted_twice_at_once_is_one_draft_and_no_error(org):
    quote, token = accepted_quote(), uuid.uuid4()
    outcomes = run_at_once(
        2, lambda _i: services.invoice_from_quote(quote=quote, by=org.office_manager, token=token).pk
    )
    assert outcomes[0] == outcomes[1] and isinstance(outcomes[0], int), outcomes
    assert Invoice.objects.filter(quote=quote, kind=InvoiceKind.INVOICE).count() == 1


def test_a_deposit_posted_twice_at_once_is_one_draft(org):
    quote, token = accepted_quote(), uuid.uuid4()
    outcomes = run_at_once(
        2,
        lambda _i: (
            services.deposit_invoice_from_quote(
                quote=quote, by=org.office_manager, percent=Decimal("30"), token=token
            ).pk
        ),
    )
    assert outcomes[0] == outcomes[1] and isinstance(outcomes[0], int), outcomes
    assert Invoice.objects.filter(quote=quote, kind=InvoiceKind.DEPOSIT).count() == 1


def test_a_credit_note_posted_twice_at_once_is_one_draft_and_no_error(org):
    draft = services.invoice_from_quote(quote=accepted_quote(), by=org.office_manager)
    invoice = services.invoice_issue(invoice=draft, by=org.office_manager)
    token = uuid.uuid4()
    outcomes = run_at_once(
        2,
        lambda _i: credit_notes.credit_note_create(invoice=invoice, by=org.office_manager, full=True, token=token).pk,
    )
    assert outcomes[0] == outcomes[1] and isinstance(outcomes[0], int), outcomes
    assert invoice.credit_notes.count() == 1


def test_crediting_a_deposit_and_making_the_final_invoice_at_once_never_deduct_a_cancelled_deposit(org):
    quote = accepted_quote()
    deposit = services.deposit_invoice_from_quote(quote=quote, by=org.office_manager, percent=Decimal("30"))
    deposit = services.invoice_issue(invoice=deposit, by=org.office_manager)
    note = credit_notes.credit_note_create(invoice=deposit, by=org.office_manager, full=True)
    work = [
        lambda: services.invoice_issue(invoice=note, by=org.office_manager),
        lambda: services.invoice_from_quote(quote=quote, by=org.office_manager),
    ]
    outcomes = run_at_once(2, lambda i: work[i]())
    assert all(isinstance(outcome, Invoice | ValidationError) for outcome in outcomes), outcomes
    deposit.refresh_from_db()
    final = Invoice.objects.filter(quote=quote, kind=InvoiceKind.INVOICE).first()
    assert final is not None or deposit.status == InvoiceStatus.CREDITED
    if final is not None:
        # Either the deposit stands and is deducted, or it was credited first and is not.
        expected = quote.total_incl_vat - (0 if deposit.status == InvoiceStatus.CREDITED else deposit.total_incl_vat)
        assert final.total_incl_vat == expected
