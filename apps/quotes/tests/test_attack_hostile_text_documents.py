"""Hostile text typed into a quote, its lines, the client and an invoice (control characters lxml
refuses, markup, a CDATA end, a formula, line separators) reaches the quote's PDF, the invoice's PDF and
its Factur-X XML without an error: the XML stays XSD-valid with the control characters left out and the
markup as text (the #15 attack review)."""

import io

import pytest
from facturx import get_facturx_xml_from_pdf
from lxml import etree

from apps.quotes.models import QuoteLine
from apps.quotes.services import invoices as invoice_services
from apps.quotes.services import lifecycle
from apps.quotes.services.issue import quote_issue
from apps.quotes.tests.factories_issue import ready_quote

pytestmark = pytest.mark.django_db
HOSTILE = 'Lot\x0b1 \x01\x1f <script>alert(1)</script> ]]></ram:Name><x/> & é \u2028 \x7f =HYPERLINK("x")'


def test_hostile_text_goes_through_the_pdfs_and_the_facturx_xml(org):
    by = org.office_manager
    quote = ready_quote(by=by, subject=HOSTILE, notes=HOSTILE, payment_terms=HOSTILE, duration="x\x0b")
    QuoteLine.objects.filter(quote=quote).update(description=f"{HOSTILE}\n{HOSTILE}", unit="h\x0b")
    quote.client.name, quote.client.address = f"Client\x0b {HOSTILE}"[:200], "5 rue\x0b Bellecour"
    quote.client.save()
    quote = quote_issue(quote=quote, by=by)
    assert quote.pdf
    lifecycle.quote_accept(quote=quote, by=by)
    draft = invoice_services.invoice_from_quote(quote=quote, by=by)
    invoice_services.invoice_update(invoice=draft, by=by, subject=HOSTILE, notes=HOSTILE, payment_terms=HOSTILE)
    invoice = invoice_services.invoice_issue(invoice=draft, by=by)
    with invoice.pdf.open("rb") as handle:
        _name, xml = get_facturx_xml_from_pdf(io.BytesIO(handle.read()), check_xsd=True)
    root = etree.fromstring(xml)
    assert "\x0b" not in xml.decode() and "\x01" not in xml.decode()
    names = root.xpath("//*[local-name()='SpecifiedTradeProduct']/*[local-name()='Name']/text()")
    assert names and all("<script>alert(1)</script>" in name for name in names)
