"""Reading an uploaded invoice: a Factur-X file made with the library reads back to the same figures;
not a PDF, a corrupt or hostile XML are refused with a clear message; the seller is found by SIREN
or by VAT number."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.purchasing.facturx import MAX_PDF_BYTES, parse_cii, read_invoice_pdf
from apps.purchasing.selectors.invoices import supplier_from_facturx
from apps.purchasing.tests.invoices_helpers import cii_xml, facturx_pdf, pdf_with_attachment, plain_pdf
from apps.suppliers.tests.factories import VALID_SIREN, VALID_SIRET, VALID_VAT, SupplierFactory


def test_a_facturx_invoice_made_with_the_library_reads_back_to_the_same_figures():
    pdf = facturx_pdf(
        number="FA-2026-0042",
        siren=VALID_SIREN,
        vat_number=VALID_VAT,
        order_ref="BC-2026-0007",
        lines=[("20.00", "1234.56", "246.91"), ("10.00", "50.00", "5.00"), ("5.50", "40.00", "2.20")],
    )
    read = read_invoice_pdf(pdf).facturx
    assert read["number"] == "FA-2026-0042"
    assert read["kind"] == "invoice"
    assert read["issued_on"] == "2026-03-02"
    assert read["due_on"] == "2026-04-01"
    assert read["seller"] == {"name": "Fournitures Rhône", "siren": VALID_SIREN, "vat_number": VALID_VAT}
    assert read["order_refs"] == ["BC-2026-0007"]
    assert Decimal(read["total_excl_vat"]) == Decimal("1324.56")
    assert Decimal(read["total_vat"]) == Decimal("254.11")
    assert Decimal(read["total_incl_vat"]) == Decimal("1578.67")
    assert [(Decimal(line["rate"]), Decimal(line["base"]), Decimal(line["vat"])) for line in read["vat_lines"]] == [
        (Decimal("20"), Decimal("1234.56"), Decimal("246.91")),
        (Decimal("10"), Decimal("50.00"), Decimal("5.00")),
        (Decimal("5.5"), Decimal("40.00"), Decimal("2.20")),
    ]


def test_a_credit_note_is_read_as_one():
    read = read_invoice_pdf(facturx_pdf(type_code="381")).facturx
    assert read["kind"] == "credit"
    assert Decimal(read["total_incl_vat"]) == Decimal("162.20")


def test_a_plain_pdf_has_nothing_to_read():
    assert read_invoice_pdf(plain_pdf()).facturx is None


@pytest.mark.parametrize(
    "data",
    [b"", b"hello", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, b"<html><body>%PDF-1.7</body></html>" * 100, b"MZ\x90\0"],
    ids=["empty", "text", "png", "html", "exe"],
)
def test_a_file_that_is_not_a_pdf_is_refused(data):
    with pytest.raises(ValidationError) as exc:
        read_invoice_pdf(data)
    assert exc.value.code in {"not_pdf", "pdf_invalid"}


def test_a_file_with_a_pdf_header_but_broken_is_refused():
    with pytest.raises(ValidationError) as exc:
        read_invoice_pdf(b"%PDF-1.7\n" + b"garbage" * 100)
    assert exc.value.code == "pdf_invalid"


def test_a_too_large_file_is_refused():
    with pytest.raises(ValidationError) as exc:
        read_invoice_pdf(b"%PDF-1.7\n" + b"0" * MAX_PDF_BYTES)
    assert exc.value.code == "large"


@pytest.mark.parametrize(
    "xml",
    [
        b"<not xml",
        b"<?xml version='1.0'?><invoice><total>12</total></invoice>",
        cii_xml().replace(
            b"<ram:GrandTotalAmount>162.20</ram:GrandTotalAmount>",
            b"<ram:GrandTotalAmount>douze</ram:GrandTotalAmount>",
        ),
        cii_xml().replace(b"<ram:ID>FA-2026-0042</ram:ID>", b""),
        cii_xml().replace(b"20260302", b"20261399"),
        cii_xml().replace(b"<ram:GrandTotalAmount>162.20", b"<ram:GrandTotalAmount>1E+400"),
    ],
    ids=["not-xml", "not-cii", "amount-not-a-number", "no-number", "bad-date", "huge-amount"],
)
def test_a_corrupt_facturx_is_refused(xml):
    with pytest.raises(ValidationError) as exc:
        read_invoice_pdf(pdf_with_attachment(xml))
    assert exc.value.code == "facturx_corrupt"


XXE = b'<!DOCTYPE rsm:CrossIndustryInvoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
INTERNAL = b'<!DOCTYPE rsm:CrossIndustryInvoice [<!ENTITY e "Fournitures">]>'
LAUGHS = (
    b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
)


@pytest.mark.parametrize(
    "doctype, entity", [(XXE, b"&xxe;"), (INTERNAL, b"&e;"), (LAUGHS, b"&c;")], ids=["xxe", "internal", "laughs"]
)
def test_an_entity_attack_is_refused_and_nothing_is_read_from_the_disk(doctype, entity):
    xml = cii_xml().replace(b"?>", b"?>" + doctype, 1).replace(b"Fournitures", entity, 1)
    with pytest.raises(ValidationError) as exc:
        read_invoice_pdf(pdf_with_attachment(xml))
    assert exc.value.code == "facturx_corrupt"
    with pytest.raises(ValidationError):
        parse_cii(xml)


def test_an_oversized_xml_is_refused():
    padding = b"<!--" + b"x" * (3 * 1024 * 1024) + b"-->"
    with pytest.raises(ValidationError):
        parse_cii(cii_xml().replace(b"<rsm:ExchangedDocumentContext>", padding + b"<rsm:ExchangedDocumentContext>"))


@pytest.mark.django_db
def test_the_supplier_is_found_by_siren():
    SupplierFactory(name="Autre")
    supplier = SupplierFactory(siren=VALID_SIREN, siret=VALID_SIRET)
    read = read_invoice_pdf(facturx_pdf(siren=VALID_SIREN)).facturx
    assert supplier_from_facturx(read) == supplier


@pytest.mark.django_db
def test_the_supplier_is_found_by_vat_number():
    supplier = SupplierFactory(vat_number=VALID_VAT)
    read = read_invoice_pdf(facturx_pdf(vat_number=VALID_VAT)).facturx
    assert read["seller"]["siren"] == VALID_SIREN  # a French VAT number holds the SIREN
    assert supplier_from_facturx(read) == supplier


@pytest.mark.django_db
def test_the_supplier_is_found_by_the_siren_inside_a_french_vat_number():
    supplier = SupplierFactory(siren=VALID_SIREN)
    read = read_invoice_pdf(facturx_pdf(vat_number=VALID_VAT)).facturx
    assert supplier_from_facturx(read) == supplier


@pytest.mark.django_db
def test_an_unknown_seller_matches_no_supplier():
    SupplierFactory(siren=VALID_SIREN)
    read = read_invoice_pdf(facturx_pdf(siren="732829320")).facturx
    assert supplier_from_facturx(read) is None
