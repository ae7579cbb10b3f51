"""Reading a supplier's invoice file: is it a PDF, and does it carry Factur-X XML (EN 16931, CII)?

``read_invoice_pdf(data)`` → ``ReadFile(facturx=dict | None)``, or a ValidationError with a clear
message for a file that is not a PDF (its first bytes, then pypdf), too large, or whose embedded
Factur-X XML is corrupt or hostile. The XML is found with the ``factur-x`` library, then parsed again
here with a parser that loads no DTD, resolves no entity and reaches no network; a DOCTYPE is refused
outright (no Factur-X file has one: it can only be an XXE or entity-expansion attempt).

What was read is a plain JSON-able dict (stored on the invoice as ``facturx``, shown beside what was
entered): amounts as strings of Decimals, dates as ISO strings.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from facturx import get_xml_from_pdf
from lxml import etree
from pypdf import PdfReader

from apps.core.uploads import validate_pdf

logger = logging.getLogger(__name__)

MAX_PDF_BYTES = 10 * 1024 * 1024
MAX_XML_BYTES = 2 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
FACTURX_NAMES = {"factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml"}
CREDIT_NOTE_CODES = {"381", "396", "261", "262"}

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
MAX_AMOUNT = Decimal("9999999999.99")


@dataclass(frozen=True)
class ReadFile:
    data: bytes
    facturx: dict | None  # what the embedded XML said; None for a plain PDF


def not_a_pdf() -> ValidationError:
    return ValidationError(_("The file is not a PDF: upload the invoice as a PDF."), code="not_pdf")


def corrupt_facturx() -> ValidationError:
    return ValidationError(
        _("The PDF carries Factur-X data that cannot be read (corrupt or not a valid invoice). Nothing was saved."),
        code="facturx_corrupt",
    )


def read_upload(upload) -> bytes:
    """The bytes of an uploaded file, refused when larger than ``MAX_PDF_BYTES``."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_PDF_BYTES:
        raise _too_large()
    upload.seek(0)
    data = upload.read(MAX_PDF_BYTES + 1)
    if len(data) > MAX_PDF_BYTES:
        raise _too_large()
    return data


def _too_large() -> ValidationError:
    return ValidationError(
        _("The file is too large: %(limit)d MB at most."), params={"limit": MAX_PDF_BYTES // 1024 // 1024}, code="large"
    )


def read_invoice_pdf(data: bytes) -> ReadFile:
    """Check ``data`` is a readable PDF and read its Factur-X XML, if any (see the module docstring)."""
    if len(data) > MAX_PDF_BYTES:
        raise _too_large()
    # The magic bytes first (a PDF may have a little junk before the header: 1024 bytes, as readers allow).
    if PDF_MAGIC not in data[:1024]:
        raise not_a_pdf()
    validate_pdf(io.BytesIO(data))
    xml = _embedded_xml(data)
    if xml is None:
        return ReadFile(data=data, facturx=None)
    return ReadFile(data=data, facturx=parse_cii(xml))


def _embedded_xml(data: bytes) -> bytes | None:
    """The Factur-X XML attached to the PDF, or None when it has none.

    The library finds it (and skips an attachment that is not XML); an attachment named like a
    Factur-X file that the library skipped is corrupt, not absent."""
    try:
        _name, xml = get_xml_from_pdf(data, check_xsd=False)
    except Exception:  # a hostile PDF can fail anywhere in the parser
        logger.info("Factur-X: the PDF's attachments could not be read", exc_info=True)
        raise corrupt_facturx() from None
    if xml:
        return xml
    try:
        names = {(attachment.name or "").lower() for attachment in PdfReader(io.BytesIO(data)).attachment_list}
    except Exception:
        raise corrupt_facturx() from None
    if names & FACTURX_NAMES:
        raise corrupt_facturx()
    return None


def _safe_root(xml: bytes) -> etree._Element:
    if len(xml) > MAX_XML_BYTES:
        raise corrupt_facturx()
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )
    try:
        root = etree.fromstring(xml, parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        raise corrupt_facturx() from None
    if root.getroottree().docinfo.doctype or b"<!ENTITY" in xml or b"<!DOCTYPE" in xml:
        raise corrupt_facturx()
    if root.tag != f"{{{NS['rsm']}}}CrossIndustryInvoice":
        raise corrupt_facturx()
    return root


def _text(node, path: str) -> str:
    found = node.find(path, NS)
    return (found.text or "").strip() if found is not None and found.text else ""


def _amount(node, path: str, *, required: bool = True) -> Decimal | None:
    raw = _text(node, path)
    if not raw:
        if required:
            raise corrupt_facturx()
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise corrupt_facturx() from None
    if not value.is_finite() or abs(value) > MAX_AMOUNT:
        raise corrupt_facturx()
    return value.quantize(Decimal("0.01"))


def _date(node, path: str) -> dt.date | None:
    raw = _text(node, path)
    if not raw:
        return None
    try:
        return dt.datetime.strptime(raw[:8], "%Y%m%d").date()
    except ValueError:
        raise corrupt_facturx() from None


def _identifiers(seller) -> tuple[str, str]:
    """(SIREN, VAT number) of the seller: SIREN from the legal organisation (scheme 0002, or the first
    nine digits of a SIRET, scheme 0009), else from a French VAT number."""
    siren = ""
    legal = seller.find("ram:SpecifiedLegalOrganization/ram:ID", NS)
    if legal is not None and legal.text:
        digits = "".join(ch for ch in legal.text if ch.isdigit())
        if len(digits) in (9, 14):
            siren = digits[:9]
    vat = ""
    for tax in seller.findall("ram:SpecifiedTaxRegistration/ram:ID", NS):
        if tax.get("schemeID") == "VA" and tax.text:
            vat = "".join(ch for ch in tax.text if ch.isalnum()).upper()
    if not siren and vat.startswith("FR") and len(vat) == 13 and vat[4:].isdigit():
        siren = vat[4:]
    return siren, vat


def parse_cii(xml: bytes) -> dict:
    """What a CII (Factur-X) invoice says, as a JSON-able dict; ValidationError if it cannot be read."""
    root = _safe_root(xml)
    document = root.find("rsm:ExchangedDocument", NS)
    transaction = root.find("rsm:SupplyChainTradeTransaction", NS)
    if document is None or transaction is None:
        raise corrupt_facturx()
    agreement = transaction.find("ram:ApplicableHeaderTradeAgreement", NS)
    settlement = transaction.find("ram:ApplicableHeaderTradeSettlement", NS)
    if agreement is None or settlement is None:
        raise corrupt_facturx()
    seller = agreement.find("ram:SellerTradeParty", NS)
    siren, vat_number = _identifiers(seller) if seller is not None else ("", "")
    summation = settlement.find("ram:SpecifiedTradeSettlementHeaderMonetarySummation", NS)
    if summation is None:
        raise corrupt_facturx()
    number = _text(document, "ram:ID")
    issued_on = _date(document, "ram:IssueDateTime/udt:DateTimeString")
    if not number or issued_on is None:
        raise corrupt_facturx()
    excl = _amount(summation, "ram:TaxBasisTotalAmount")
    vat_total = _amount(summation, "ram:TaxTotalAmount", required=False) or Decimal("0.00")
    incl = _amount(summation, "ram:GrandTotalAmount")
    vat_lines = []
    for tax in settlement.findall("ram:ApplicableTradeTax", NS):
        rate = _amount(tax, "ram:RateApplicablePercent", required=False) or Decimal("0.00")
        vat_lines.append(
            {
                "rate": str(rate),
                "base": str(_amount(tax, "ram:BasisAmount")),
                "vat": str(_amount(tax, "ram:CalculatedAmount")),
            }
        )
    kind = "credit" if _text(document, "ram:TypeCode") in CREDIT_NOTE_CODES else "invoice"
    if incl < 0:  # an invoice with a negative total is a credit note printed as such
        kind = "credit"
    if kind == "credit":
        excl, vat_total, incl = abs(excl), abs(vat_total), abs(incl)
        for line in vat_lines:
            line["base"], line["vat"] = str(abs(Decimal(line["base"]))), str(abs(Decimal(line["vat"])))
    due_on = _date(settlement, "ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString")
    order_refs = [
        ref.text.strip()[:60]
        for ref in agreement.findall("ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID", NS)
        if ref.text and ref.text.strip()
    ]
    return {
        "number": number[:60],
        "kind": kind,
        "issued_on": issued_on.isoformat(),
        "due_on": due_on.isoformat() if due_on else "",
        "seller": {
            "name": (_text(seller, "ram:Name") if seller is not None else "")[:200],
            "siren": siren,
            "vat_number": vat_number[:20],
        },
        "currency": _text(settlement, "ram:InvoiceCurrencyCode")[:3],
        "total_excl_vat": str(excl),
        "total_vat": str(vat_total),
        "total_incl_vat": str(incl),
        "vat_lines": sorted(vat_lines, key=lambda line: Decimal(line["rate"]), reverse=True),
        "order_refs": order_refs[:10],
    }
