"""Credit notes: of an issued invoice only, in full or chosen lines, never more than is left to credit;
the invoice is cancelled (credited) once every line is credited."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.quotes.models import InvoiceKind, InvoiceStatus
from apps.quotes.services import credit_notes, payments
from apps.quotes.services import invoices as services
from apps.quotes.tests.factories_invoices import accepted_quote, blank_pdf, company

pytestmark = pytest.mark.django_db
D = Decimal
LINES = ((D("10"), D("80.00"), D("20.00")), (D("4"), D("25.00"), D("10.00")))


@pytest.fixture(autouse=True)
def seller(monkeypatch):
    monkeypatch.setattr("apps.quotes.facturx.base_pdf", blank_pdf)
    return company()


@pytest.fixture
def issued(org):
    invoice = services.invoice_from_quote(quote=accepted_quote(LINES, discount=D("10")), by=org.office_manager)
    return services.invoice_issue(invoice=invoice, by=org.office_manager)


def priced(invoice):
    return [line for line in invoice.lines.all() if line.is_priced]


def test_a_draft_cannot_be_credited(org):
    invoice = services.invoice_from_quote(quote=accepted_quote(), by=org.office_manager)
    with pytest.raises(ValidationError, match="issued"):
        credit_notes.credit_note_create(invoice=invoice, by=org.office_manager, full=True)


def test_a_full_credit_note_mirrors_the_invoice_and_cancels_it(org, issued):
    note = credit_notes.credit_note_create(invoice=issued, by=org.office_manager, full=True)
    assert note.kind == InvoiceKind.CREDIT_NOTE and note.credited_invoice == issued
    assert all(line.unit_price > 0 for line in note.lines.all())
    assert (note.total_excl_vat, note.total_incl_vat) == (issued.total_excl_vat, issued.total_incl_vat)
    services.invoice_issue(invoice=note, by=org.office_manager)
    issued.refresh_from_db()
    assert issued.status == InvoiceStatus.CREDITED


def test_a_partial_credit_note_leaves_the_invoice_issued_and_limits_the_next(org, issued):
    first, second = priced(issued)
    note = credit_notes.credit_note_create(invoice=issued, by=org.office_manager, lines={first.pk: "4"})
    services.invoice_issue(invoice=note, by=org.office_manager)
    issued.refresh_from_db()
    assert issued.status == InvoiceStatus.ISSUED
    with pytest.raises(ValidationError, match="more than is left"):
        credit_notes.credit_note_create(invoice=issued, by=org.office_manager, lines={first.pk: "6.001"})
    rest = credit_notes.credit_note_create(invoice=issued, by=org.office_manager, full=True)
    assert {line.position: line.quantity for line in rest.lines.all()} == {first.position: 6, second.position: 4}


@pytest.mark.parametrize("quantity", ["-1", "NaN", "abc", "11"])
def test_bad_quantities_are_refused(org, issued, quantity):
    line = priced(issued)[0]
    with pytest.raises(ValidationError):
        credit_notes.credit_note_create(invoice=issued, by=org.office_manager, lines={line.pk: quantity})


def test_a_line_of_another_invoice_or_nothing_is_refused(org, issued):
    other = services.invoice_from_quote(quote=accepted_quote(), by=org.office_manager)
    with pytest.raises(ValidationError, match="not one of"):
        credit_notes.credit_note_create(invoice=issued, by=org.office_manager, lines={priced(other)[0].pk: "1"})
    with pytest.raises(ValidationError, match="Nothing"):
        credit_notes.credit_note_create(invoice=issued, by=org.office_manager, lines={priced(issued)[0].pk: "0"})


def test_two_draft_credit_notes_cannot_over_credit_at_issue(org, issued):
    line = priced(issued)[0]
    credit_notes.credit_note_create(invoice=issued, by=org.office_manager, lines={line.pk: "10"})
    with pytest.raises(ValidationError):
        credit_notes.credit_note_create(invoice=issued, by=org.office_manager, lines={line.pk: "1"})


def test_a_credit_note_is_not_credited_nor_paid(org, issued):
    note = services.invoice_issue(
        invoice=credit_notes.credit_note_create(invoice=issued, by=org.office_manager, full=True),
        by=org.office_manager,
    )
    with pytest.raises(ValidationError):
        credit_notes.credit_note_create(invoice=note, by=org.office_manager, full=True)
    with pytest.raises(ValidationError):
        payments.payment_record(
            invoice=note, by=org.office_manager, paid_on=note.issue_date, amount=D("1"), method="transfer"
        )
