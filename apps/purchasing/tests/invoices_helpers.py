# ruff: noqa: E501  (the CII XML is written out as the standard shows it)
"""Factur-X files for the tests, made with the ``factur-x`` library on a WeasyPrint PDF."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from xml.sax.saxutils import escape

from facturx import generate_from_binary
from weasyprint import HTML


@cache
def plain_pdf(text: str = "Facture") -> bytes:
    return HTML(string=f"<html><body><h1>{escape(text)}</h1><p>Fournitures de bureau</p></body></html>").write_pdf()


def cii_xml(
    *,
    number: str = "FA-2026-0042",
    type_code: str = "380",
    issued_on: dt.date = dt.date(2026, 3, 2),
    due_on: dt.date | None = dt.date(2026, 4, 1),
    seller_name: str = "Fournitures Rhône",
    siren: str = "",
    vat_number: str = "",
    order_ref: str = "",
    lines: list[tuple[str, str, str]] = (("20.00", "100.00", "20.00"), ("5.50", "40.00", "2.20")),
    doctype: str = "",
) -> bytes:
    """A CII invoice of the EN 16931 profile: one item line per VAT rate ``(rate, base, vat)``."""
    total_excl = sum((Decimal(base) for _r, base, _v in lines), Decimal("0"))
    total_vat = sum((Decimal(vat) for _r, _b, vat in lines), Decimal("0"))
    total_incl = total_excl + total_vat
    item_lines = "".join(
        f"""
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>{i}</ram:LineID></ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedTradeProduct><ram:Name>Article {i}</ram:Name></ram:SpecifiedTradeProduct>
      <ram:SpecifiedLineTradeAgreement>
        <ram:NetPriceProductTradePrice><ram:ChargeAmount>{base}</ram:ChargeAmount></ram:NetPriceProductTradePrice>
      </ram:SpecifiedLineTradeAgreement>
      <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
      <ram:SpecifiedLineTradeSettlement>
        <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>{rate}</ram:RateApplicablePercent></ram:ApplicableTradeTax>
        <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>{base}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
      </ram:SpecifiedLineTradeSettlement>
    </ram:IncludedSupplyChainTradeLineItem>"""
        for i, (rate, base, _vat) in enumerate(lines, start=1)
    )
    taxes = "".join(
        f"""
      <ram:ApplicableTradeTax><ram:CalculatedAmount>{vat}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>{base}</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>{rate}</ram:RateApplicablePercent></ram:ApplicableTradeTax>"""
        for rate, base, vat in lines
    )
    legal = (
        f'<ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">{siren}</ram:ID></ram:SpecifiedLegalOrganization>'
        if siren
        else ""
    )
    tax_id = (
        f'<ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">{vat_number}</ram:ID></ram:SpecifiedTaxRegistration>'
        if vat_number
        else ""
    )
    order = (
        f"<ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>{order_ref}</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>"
        if order_ref
        else ""
    )
    terms = (
        f'<ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">{due_on:%Y%m%d}</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>'
        if due_on
        else ""
    )
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>{doctype}
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>{escape(number)}</ram:ID>
    <ram:TypeCode>{type_code}</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">{issued_on:%Y%m%d}</udt:DateTimeString></ram:IssueDateTime>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>{item_lines}
    <ram:ApplicableHeaderTradeAgreement>
      <ram:SellerTradeParty>
        <ram:Name>{escape(seller_name)}</ram:Name>
        {legal}
        <ram:PostalTradeAddress><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
        {tax_id}
      </ram:SellerTradeParty>
      <ram:BuyerTradeParty>
        <ram:Name>Bureau Exemple SAS</ram:Name>
        <ram:PostalTradeAddress><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
      </ram:BuyerTradeParty>
      {order}
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery/>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>{taxes}
      {terms}
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>{total_excl}</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount>{total_excl}</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">{total_vat}</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>{total_incl}</ram:GrandTotalAmount>
        <ram:DuePayableAmount>{total_incl}</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
"""
    return xml.encode()


def facturx_pdf(xml: bytes | None = None, *, check_xsd: bool = True, **fields) -> bytes:
    """A Factur-X PDF (EN 16931) of ``xml`` (by default ``cii_xml(**fields)``)."""
    xml = xml if xml is not None else cii_xml(**fields)
    return generate_from_binary(plain_pdf(), xml, flavor="factur-x", level="en16931", check_xsd=check_xsd)


def pdf_with_attachment(xml: bytes, name: str = "factur-x.xml") -> bytes:
    """A PDF with ``xml`` attached under ``name`` as is, without any check (corrupt or hostile XML)."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain_pdf())))
    writer.add_attachment(name, xml)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
