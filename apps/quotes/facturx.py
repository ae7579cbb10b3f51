"""Factur-X for the invoices the company issues: the EN 16931 CII XML, and the PDF/A-3 carrying it.

``invoice_xml(invoice)`` builds the XML with lxml's ElementMaker (never by joining strings): type code
380 (invoice), 386 (deposit invoice) or 381 (credit note), the seller (SIREN in its legal organisation,
scheme 0002; VAT number), the buyer, each priced line, the VAT per rate, the global discount per rate,
the payment terms and the IBAN, the monetary summation, and for a credit note the invoice it corrects.
Every amount comes from ``apps.quotes.totals.totals_of``, as on the page and the printed PDF.

EN 16931 forbids a negative net price (BR-27): a deposit deducted on a final invoice (a negative line)
is written as a negative quantity at a positive price, the same negative line amount.

``facturx_pdf(invoice)`` embeds the XML into ``apps.quotes.pdf.invoice_pdf_bytes(invoice)`` with the
``factur-x`` library (checked against its EN 16931 XSD): the file stored at issue and sent to the client.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

import facturx
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from lxml import etree
from lxml.builder import ElementMaker

from apps.core.money import CENT, ZERO, to_cent
from apps.quotes.mentions import invoice_details, legal_mentions
from apps.quotes.models import PRICED_KINDS, InvoiceKind
from apps.quotes.pdf import invoice_pdf_bytes
from apps.quotes.totals import net_of, totals_of

GUIDELINE = "urn:cen.eu:en16931:2017"
NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
}
TYPE_CODES = {InvoiceKind.INVOICE: "380", InvoiceKind.DEPOSIT: "386", InvoiceKind.CREDIT_NOTE: "381"}
EXEMPTION_REASON = "TVA non applicable, art. 293 B du CGI"
CURRENCY = "EUR"
DOCUMENT_LANGUAGE = "fr"
# UN/ECE recommendation 20 codes for the units people type; anything else is a unit (C62).
UNIT_CODES = {
    "h": "HUR",
    "heure": "HUR",
    "heures": "HUR",
    "hour": "HUR",
    "hours": "HUR",
    "j": "DAY",
    "jour": "DAY",
    "jours": "DAY",
    "day": "DAY",
    "days": "DAY",
    "semaine": "WEE",
    "week": "WEE",
    "mois": "MON",
    "month": "MON",
    "an": "ANN",
    "année": "ANN",
    "year": "ANN",
    "m": "MTR",
    "m²": "MTK",
    "m2": "MTK",
    "m³": "MTQ",
    "m3": "MTQ",
    "km": "KMT",
    "kg": "KGM",
    "t": "TNE",
    "l": "LTR",
    "litre": "LTR",
    "forfait": "LS",
    "lump sum": "LS",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

RSM = ElementMaker(namespace=NS["rsm"], nsmap=NS)
RAM = ElementMaker(namespace=NS["ram"], nsmap=NS)
UDT = ElementMaker(namespace=NS["udt"], nsmap=NS)
QDT = ElementMaker(namespace=NS["qdt"], nsmap=NS)


def unit_code(unit: str) -> str:
    return UNIT_CODES.get((unit or "").strip().lower().rstrip("."), "C62")


def _text(value) -> str:
    """Text an XML document can hold (a control character typed into a line would make lxml refuse it)."""
    return _CONTROL.sub("", str(value or "")).strip()


def _compact(value) -> str:
    return _text(value).replace(" ", "").upper()


def _amount(value: Decimal) -> str:
    return f"{Decimal(value).quantize(CENT):f}"


def _quantity(value: Decimal) -> str:
    return f"{Decimal(value).quantize(Decimal('0.001')):f}"


def _rate(value: Decimal) -> str:
    return f"{Decimal(value).quantize(CENT):f}"


def _date(value) -> etree._Element:
    return UDT.DateTimeString(value.strftime("%Y%m%d"), format="102")


def category(rate: Decimal, seller: dict) -> str:
    """S (standard or reduced rate), Z (zero rate) or E (exempt: the franchise en base of art. 293 B)."""
    if Decimal(rate) > 0:
        return "S"
    return "E" if seller.get("vat_exempt") else "Z"


def _tax(rate: Decimal, seller: dict, *, header: tuple[Decimal, Decimal] | None = None) -> etree._Element:
    """A ram:ApplicableTradeTax (line: type, category, rate; header: with the VAT and its basis)."""
    code = category(rate, seller)
    children = []
    if header is not None:
        children.append(RAM.CalculatedAmount(_amount(header[1])))
    children.append(RAM.TypeCode("VAT"))
    if code == "E":
        children.append(RAM.ExemptionReason(EXEMPTION_REASON))
    if header is not None:
        children.append(RAM.BasisAmount(_amount(header[0])))
    children.append(RAM.CategoryCode(code))
    if code == "E":
        children.append(RAM.ExemptionReasonCode("VATEX-FR-FRANCHISE"))
    children.append(RAM.RateApplicablePercent(_rate(rate)))
    return RAM.ApplicableTradeTax(*children)


def _address(details: dict) -> etree._Element:
    children = []
    if details.get("postal_code"):
        children.append(RAM.PostcodeCode(_text(details["postal_code"])))
    if details.get("address"):
        children.append(RAM.LineOne(_text(details["address"])))
    if details.get("address_extra"):
        children.append(RAM.LineTwo(_text(details["address_extra"])))
    if details.get("city"):
        children.append(RAM.CityName(_text(details["city"])))
    children.append(RAM.CountryID(_text(details.get("country") or "FR")[:2].upper()))
    return RAM.PostalTradeAddress(*children)


def _seller(seller: dict) -> etree._Element:
    children = [RAM.Name(_text(seller.get("legal_name")))]
    legal = [RAM.ID(_text(seller.get("siren")).replace(" ", ""), schemeID="0002")]
    if seller.get("trade_name"):
        legal.append(RAM.TradingBusinessName(_text(seller["trade_name"])))
    children.append(RAM.SpecifiedLegalOrganization(*legal))
    children.append(_address(seller))
    if seller.get("email"):
        children.append(RAM.URIUniversalCommunication(RAM.URIID(_text(seller["email"]), schemeID="EM")))
    if seller.get("vat_number"):
        children.append(RAM.SpecifiedTaxRegistration(RAM.ID(_text(seller["vat_number"]), schemeID="VA")))
    elif seller.get("siren"):
        # No VAT number (franchise en base): the tax registration is the company's fiscal identifier.
        children.append(RAM.SpecifiedTaxRegistration(RAM.ID(_text(seller["siren"]), schemeID="FC")))
    return RAM.SellerTradeParty(*children)


def _buyer(client: dict) -> etree._Element:
    children = [RAM.Name(_text(client.get("name")))]
    if client.get("siren"):
        children.append(RAM.SpecifiedLegalOrganization(RAM.ID(_text(client["siren"]), schemeID="0002")))
    children.append(_address(client))
    if client.get("email"):
        children.append(RAM.URIUniversalCommunication(RAM.URIID(_text(client["email"]), schemeID="EM")))
    if client.get("vat_number"):
        children.append(RAM.SpecifiedTaxRegistration(RAM.ID(_text(client["vat_number"]), schemeID="VA")))
    return RAM.BuyerTradeParty(*children)


def _line(number: int, line, net: Decimal, seller: dict) -> etree._Element:
    quantity = Decimal(line.quantity)
    price = Decimal(line.unit_price)
    if price < 0:  # a deduction: a negative quantity at a positive price (BR-27)
        quantity, price = -quantity, -price
    description = _text(line.description)
    name, _sep, more = description.partition("\n")
    product = [RAM.Name(name.strip()[:500] or "-")]
    if more.strip():
        product.append(RAM.Description(description))
    settlement = [_tax(line.vat_rate, seller)]
    allowance = to_cent(quantity * price) - net
    if line.discount_percent and allowance:
        settlement.append(
            RAM.SpecifiedTradeAllowanceCharge(
                RAM.ChargeIndicator(UDT.Indicator("false")),
                RAM.CalculationPercent(_rate(line.discount_percent)),
                RAM.BasisAmount(_amount(to_cent(quantity * price))),
                RAM.ActualAmount(_amount(allowance)),
                RAM.Reason(_("Discount")),
            )
        )
    settlement.append(RAM.SpecifiedTradeSettlementLineMonetarySummation(RAM.LineTotalAmount(_amount(net))))
    return RAM.IncludedSupplyChainTradeLineItem(
        RAM.AssociatedDocumentLineDocument(RAM.LineID(str(number))),
        RAM.SpecifiedTradeProduct(*product),
        RAM.SpecifiedLineTradeAgreement(RAM.NetPriceProductTradePrice(RAM.ChargeAmount(f"{price:f}"))),
        RAM.SpecifiedLineTradeDelivery(RAM.BilledQuantity(_quantity(quantity), unitCode=unit_code(line.unit))),
        RAM.SpecifiedLineTradeSettlement(*settlement),
    )


def _notes(invoice, details: dict) -> list[etree._Element]:

    notes = []
    if invoice.subject:
        notes.append(RAM.IncludedNote(RAM.Content(_text(invoice.subject))))
    for code, text in legal_mentions(invoice, details):
        notes.append(RAM.IncludedNote(RAM.Content(_text(text)), RAM.SubjectCode(code)))
    return notes


def invoice_xml(invoice) -> bytes:
    """The EN 16931 CII XML of ``invoice`` (see the module docstring), UTF-8 bytes."""

    with translation.override(DOCUMENT_LANGUAGE):
        return _invoice_xml(invoice, invoice_details(invoice))


def _invoice_xml(invoice, details: dict) -> bytes:
    seller, client = details.get("seller") or {}, details.get("client") or {}
    lines = [line for line in invoice.lines.all() if line.kind in PRICED_KINDS]
    lines.sort(key=lambda line: (line.position, line.pk))
    totals = totals_of(lines, invoice.discount_percent)
    net_per_rate: dict[Decimal, Decimal] = defaultdict(lambda: ZERO)
    items = []
    for number, line in enumerate(lines, start=1):
        net = net_of(line)
        net_per_rate[Decimal(line.vat_rate).quantize(CENT)] += net
        items.append(_line(number, line, net, seller))

    agreement = [_seller(seller), _buyer(client)]
    if invoice.quote_id and invoice.quote.reference:
        agreement.append(RAM.ContractReferencedDocument(RAM.IssuerAssignedID(invoice.quote.reference)))

    settlement = [RAM.InvoiceCurrencyCode(CURRENCY)]
    terms = details.get("terms") or {}
    iban, bic = _compact(terms.get("iban")), _compact(terms.get("bic"))
    if iban and invoice.kind != InvoiceKind.CREDIT_NOTE:
        means = [RAM.TypeCode("58"), RAM.PayeePartyCreditorFinancialAccount(RAM.IBANID(iban))]
        if bic:
            means.append(RAM.PayeeSpecifiedCreditorFinancialInstitution(RAM.BICID(bic)))
        settlement.append(RAM.SpecifiedTradeSettlementPaymentMeans(*means))
    for row in totals.by_rate:
        settlement.append(_tax(row.rate, seller, header=(row.base, row.vat)))
    for row in totals.by_rate:
        allowance = net_per_rate[row.rate] - row.base
        if allowance:
            settlement.append(
                RAM.SpecifiedTradeAllowanceCharge(
                    RAM.ChargeIndicator(UDT.Indicator("false")),
                    RAM.ActualAmount(_amount(allowance)),
                    RAM.Reason(
                        _("Global discount of %(percent)s %%")
                        % {"percent": number_format(Decimal(invoice.discount_percent).normalize())}
                    ),
                    RAM.CategoryTradeTax(
                        RAM.TypeCode("VAT"),
                        RAM.CategoryCode(category(row.rate, seller)),
                        RAM.RateApplicablePercent(_rate(row.rate)),
                    ),
                )
            )
    if invoice.kind != InvoiceKind.CREDIT_NOTE:
        payment = []
        if invoice.payment_terms:
            payment.append(RAM.Description(_text(invoice.payment_terms)))
        if invoice.due_date:
            payment.append(RAM.DueDateDateTime(_date(invoice.due_date)))
        if payment:
            settlement.append(RAM.SpecifiedTradePaymentTerms(*payment))
    prepaid = Decimal(invoice.amount_paid or 0)
    settlement.append(
        RAM.SpecifiedTradeSettlementHeaderMonetarySummation(
            RAM.LineTotalAmount(_amount(totals.lines_total)),
            RAM.ChargeTotalAmount(_amount(ZERO)),
            RAM.AllowanceTotalAmount(_amount(totals.discount)),
            RAM.TaxBasisTotalAmount(_amount(totals.excl_vat)),
            RAM.TaxTotalAmount(_amount(totals.vat), currencyID=CURRENCY),
            RAM.GrandTotalAmount(_amount(totals.incl_vat)),
            RAM.TotalPrepaidAmount(_amount(prepaid)),
            RAM.DuePayableAmount(_amount(totals.incl_vat - prepaid)),
        )
    )
    credited = invoice.credited_invoice if invoice.kind == InvoiceKind.CREDIT_NOTE else None
    if credited is not None and credited.number:
        reference = [RAM.IssuerAssignedID(credited.number)]
        if credited.issue_date:
            reference.append(
                RAM.FormattedIssueDateTime(QDT.DateTimeString(credited.issue_date.strftime("%Y%m%d"), format="102"))
            )
        settlement.append(RAM.InvoiceReferencedDocument(*reference))

    document = [
        RAM.ID(invoice.number or f"DRAFT-{invoice.pk}"),
        RAM.TypeCode(TYPE_CODES[invoice.kind]),
        RAM.IssueDateTime(_date(invoice.issue_date or _today())),
        *_notes(invoice, details),
    ]
    root = RSM.CrossIndustryInvoice(
        RSM.ExchangedDocumentContext(RAM.GuidelineSpecifiedDocumentContextParameter(RAM.ID(GUIDELINE))),
        RSM.ExchangedDocument(*document),
        RSM.SupplyChainTradeTransaction(
            *items,
            RAM.ApplicableHeaderTradeAgreement(*agreement),
            RAM.ApplicableHeaderTradeDelivery(),
            RAM.ApplicableHeaderTradeSettlement(*settlement),
        ),
    )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _today():

    return timezone.localdate()


def base_pdf(invoice) -> bytes:
    """The printed invoice (PDF/A-3b), from the quotes' PDF module."""

    return invoice_pdf_bytes(invoice)


def facturx_pdf(invoice) -> bytes:
    """The Factur-X PDF of ``invoice``: its printed PDF with its EN 16931 XML embedded (XSD-checked)."""
    xml = invoice_xml(invoice)
    details = (invoice.issued_details or {}).get("seller") or {}
    metadata = {
        "author": _text(details.get("legal_name")),
        "keywords": "Factur-X",
        "title": invoice.number or f"DRAFT-{invoice.pk}",
        "subject": _text(invoice.subject),
    }
    return facturx.generate_from_binary(
        base_pdf(invoice),
        xml,
        flavor="factur-x",
        level="en16931",
        check_xsd=True,
        pdf_metadata=metadata,
        lang="fr-FR",
    )
