"""An accepted quote becomes a final invoice (its lines copied) or deposit invoices (per VAT rate); the
final invoice deducts the deposits issued, so its totals are what is left to pay."""

import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.quotes.facturx import invoice_xml
from apps.quotes.models import InvoiceKind, InvoiceStatus, LineKind, QuoteStatus
from apps.quotes.services import credit_notes
from apps.quotes.services import invoices as services
from apps.quotes.tests.factories_invoices import InvoiceContactFactory, accepted_quote, blank_pdf, company
from apps.quotes.totals import totals_of

pytestmark = pytest.mark.django_db
D = Decimal
TWO_RATES = ((D("10"), D("80.00"), D("20.00")), (D("3"), D("33.33"), D("5.50")), (D("2.5"), D("41.10"), D("10.00")))


@pytest.fixture(autouse=True)
def seller(monkeypatch):
    monkeypatch.setattr("apps.quotes.facturx.base_pdf", blank_pdf)
    return company()


def test_final_invoice_copies_the_quotes_lines_positions_discounts_client_and_contact(org):
    quote = accepted_quote(TWO_RATES, discount=D("5"))
    contact = InvoiceContactFactory(client=quote.client)
    quote.contact = contact
    quote.save()
    invoice = services.invoice_from_quote(quote=quote, by=org.office_manager)
    assert invoice.status == InvoiceStatus.DRAFT and invoice.kind == InvoiceKind.INVOICE
    assert (invoice.client, invoice.contact, invoice.quote) == (quote.client, contact, quote)
    assert invoice.discount_percent == D("5")
    copied = [(line.kind, line.description, line.quantity, line.unit_price) for line in invoice.lines.all()]
    source = [(line.kind, line.description, line.quantity, line.unit_price) for line in quote.lines.all()]
    assert copied == source
    assert [line.position for line in invoice.lines.all()] == [1, 2, 3, 4]
    assert invoice.total_incl_vat == quote.total_incl_vat == totals_of(quote.lines.all(), D("5")).incl_vat


def test_only_an_accepted_quote_is_invoiced(org):
    quote = accepted_quote(status=QuoteStatus.SENT)
    with pytest.raises(ValidationError, match="accepted"):
        services.invoice_from_quote(quote=quote, by=org.office_manager)
    with pytest.raises(ValidationError, match="accepted"):
        services.deposit_invoice_from_quote(quote=quote, by=org.office_manager, percent=D("30"))


def test_only_the_office_manager_invoices(org):
    with pytest.raises(PermissionDenied):
        services.invoice_from_quote(quote=accepted_quote(), by=org.director)


def test_the_same_form_posted_twice_makes_one_invoice(org):
    quote, token = accepted_quote(), uuid.uuid4()
    first = services.invoice_from_quote(quote=quote, by=org.office_manager, token=token)
    again = services.invoice_from_quote(quote=quote, by=org.office_manager, token=token)
    assert first.pk == again.pk and quote.invoices.count() == 1


def test_a_quote_has_one_live_final_invoice(org):
    quote = accepted_quote()
    services.invoice_from_quote(quote=quote, by=org.office_manager)
    with pytest.raises(ValidationError, match="final invoice"):
        services.invoice_from_quote(quote=quote, by=org.office_manager)


def test_deposit_invoice_has_one_line_per_vat_rate_at_percent_of_that_rates_base(org):
    quote = accepted_quote(TWO_RATES, discount=D("5"))
    deposit = services.deposit_invoice_from_quote(quote=quote, by=org.office_manager, percent=D("30"))
    bases = {row.rate: row.base for row in totals_of(quote.lines.all(), D("5")).by_rate}
    lines = list(deposit.lines.all())
    assert deposit.kind == InvoiceKind.DEPOSIT and deposit.deposit_percent == D("30")
    assert {line.vat_rate: line.unit_price for line in lines} == {
        rate: (base * D("0.30")).quantize(D("0.01")) for rate, base in bases.items()
    }
    assert all(quote.reference in line.description and "30" in line.description for line in lines)


@pytest.mark.parametrize("percent", ["0", "-5", "100.01", "1e9", "abc"])
def test_a_deposit_outside_0_to_100_is_refused(org, percent):
    with pytest.raises(ValidationError):
        services.deposit_invoice_from_quote(quote=accepted_quote(), by=org.office_manager, percent=percent)


def test_deposits_of_a_quote_cannot_exceed_100_percent(org):
    quote = accepted_quote()
    services.deposit_invoice_from_quote(quote=quote, by=org.office_manager, percent=D("60"))
    with pytest.raises(ValidationError, match="40"):
        services.deposit_invoice_from_quote(quote=quote, by=org.office_manager, percent=D("50"))
    services.deposit_invoice_from_quote(quote=quote, by=org.office_manager, percent=D("40"))
    assert services.deposit_percent_left(quote) == 0


@pytest.mark.parametrize("discount", [D("0"), D("5"), D("12.5")])
def test_final_invoice_deducts_the_deposits_per_rate_and_asks_for_the_remainder(org, discount):
    quote = accepted_quote(TWO_RATES, discount=discount)
    deposits = []
    for percent in (D("30"), D("20")):
        draft = services.deposit_invoice_from_quote(quote=quote, by=org.office_manager, percent=percent)
        deposits.append(services.invoice_issue(invoice=draft, by=org.office_manager))
    final = services.invoice_from_quote(quote=quote, by=org.office_manager)
    deductions = [line for line in final.lines.all() if line.kind == LineKind.DEPOSIT]
    assert len(deductions) == 6  # two deposits × three rates
    assert all(line.unit_price < 0 and line.deposit_invoice in deposits for line in deductions)
    quote_totals = totals_of(quote.lines.all(), discount)
    final_totals = totals_of(final.lines.all(), discount)
    for row in quote_totals.by_rate:
        paid_base = sum(line.unit_price for d in deposits for line in d.lines.all() if line.vat_rate == row.rate)
        final_base = next(r.base for r in final_totals.by_rate if r.rate == row.rate)
        assert final_base == row.base - paid_base
    paid = sum(d.total_incl_vat for d in deposits)
    # VAT is rounded per document: the three invoices add up to the quote within a cent per rate.
    assert abs(final.total_incl_vat + paid - quote.total_incl_vat) <= D("0.03")
    assert b"<ram:LineTotalAmount>-" in invoice_xml(final)


def test_final_invoice_waits_for_draft_deposits(org):
    quote = accepted_quote()
    services.deposit_invoice_from_quote(quote=quote, by=org.office_manager, percent=D("30"))
    with pytest.raises(ValidationError, match="draft"):
        services.invoice_from_quote(quote=quote, by=org.office_manager)


def test_a_deposit_credited_in_full_is_not_deducted_nor_counted(org):
    quote = accepted_quote()
    deposit = services.invoice_issue(
        invoice=services.deposit_invoice_from_quote(quote=quote, by=org.office_manager, percent=D("80")),
        by=org.office_manager,
    )
    note = credit_notes.credit_note_create(invoice=deposit, by=org.office_manager, full=True)
    services.invoice_issue(invoice=note, by=org.office_manager)
    assert services.deposit_percent_left(quote) == 100
    final = services.invoice_from_quote(quote=quote, by=org.office_manager)
    assert not final.lines.filter(kind=LineKind.DEPOSIT).exists()
    assert final.total_incl_vat == quote.total_incl_vat
