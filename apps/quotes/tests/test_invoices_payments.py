"""Payments: more than zero, never more than is due, dated between the invoice date and today; the
invoice is paid once nothing is due; the same form posted twice records one payment."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.quotes.models import InvoiceStatus, Payment
from apps.quotes.services import credit_notes, invoicing, payments
from apps.quotes.services import invoices as services
from apps.quotes.tests.factories_invoices import accepted_quote, blank_pdf, company

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(autouse=True)
def seller(monkeypatch):
    monkeypatch.setattr("apps.quotes.facturx.base_pdf", blank_pdf)
    return company()


@pytest.fixture
def invoice(org):
    draft = services.invoice_from_quote(quote=accepted_quote(), by=org.office_manager)  # 960.00 TTC
    return services.invoice_issue(invoice=draft, by=org.office_manager)


def pay(org, invoice, amount, paid_on=None, **kwargs):
    return payments.payment_record(
        invoice=invoice,
        by=org.office_manager,
        paid_on=paid_on or timezone.localdate(),
        amount=D(amount),
        method="transfer",
        **kwargs,
    )


def test_partial_then_full_payment_marks_the_invoice_paid(org, invoice):
    assert invoice.total_incl_vat == D("960.00")
    pay(org, invoice, "400")
    invoice.refresh_from_db()
    assert (invoice.status, invoice.amount_paid, invoicing.amount_due(invoice)) == (
        InvoiceStatus.ISSUED,
        D("400"),
        D("560"),
    )
    pay(org, invoice, "560.00")
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID and invoice.paid_on == timezone.localdate()


@pytest.mark.parametrize("amount", ["0", "-10", "960.01", "0.001", "NaN", "1e20"])
def test_bad_amounts_are_refused(org, invoice, amount):
    with pytest.raises(ValidationError):
        pay(org, invoice, amount)
    assert not Payment.objects.exists()


@pytest.mark.parametrize("day", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_dates_out_of_range_are_refused(org, invoice, day):
    with pytest.raises(ValidationError) as caught:
        pay(org, invoice, "10", paid_on=day)
    assert "paid_on" in caught.value.error_dict


def test_the_same_payment_posted_twice_is_recorded_once(org, invoice):
    token = uuid.uuid4()
    first = pay(org, invoice, "100", token=token)
    second = pay(org, invoice, "100", token=token)
    invoice.refresh_from_db()
    assert first.pk == second.pk and invoice.amount_paid == D("100")


def test_a_draft_or_paid_invoice_takes_no_payment(org, invoice):
    pay(org, invoice, "960")
    with pytest.raises(ValidationError):
        pay(org, invoice, "1")
    draft = services.invoice_from_quote(quote=accepted_quote(), by=org.office_manager)
    with pytest.raises(ValidationError):
        pay(org, draft, "1")


def test_a_partial_credit_note_lowers_what_is_due(org, invoice):
    line = next(line for line in invoice.lines.all() if line.is_priced)
    note = credit_notes.credit_note_create(invoice=invoice, by=org.office_manager, lines={line.pk: "5"})
    services.invoice_issue(invoice=note, by=org.office_manager)
    invoice.refresh_from_db()
    assert invoicing.amount_due(invoice) == D("480.00")
    with pytest.raises(ValidationError):
        pay(org, invoice, "480.01")
    pay(org, invoice, "480")
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID
