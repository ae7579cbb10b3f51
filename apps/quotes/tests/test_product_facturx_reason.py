"""The Factur-X XML's discount reason (BT-97, read by a person in the client's software) is written like
the PDF: "Remise globale de 7,5 %", not "7.50 %"."""

from decimal import Decimal

import pytest

from apps.quotes.facturx import invoice_xml
from apps.quotes.services import invoices as services
from apps.quotes.tests.factories_invoices import accepted_quote, blank_pdf, company

pytestmark = pytest.mark.django_db
D = Decimal
LINES = ((D("2"), D("100.00"), D("20.00")), (D("1"), D("50.00"), D("10.00")))


@pytest.fixture(autouse=True)
def seller(monkeypatch):
    monkeypatch.setattr("apps.quotes.facturx.base_pdf", blank_pdf)
    return company()


def test_the_discount_reason_reads_like_the_pdf(org):
    invoice = services.invoice_from_quote(quote=accepted_quote(LINES, discount=D("7.5")), by=org.office_manager)
    xml = invoice_xml(invoice).decode()
    assert "7.50 %" not in xml
    assert "7,5 %" in xml or "7.5 %" in xml
