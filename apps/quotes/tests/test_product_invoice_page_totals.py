"""The invoice page reads its totals like the PDF: total excl. VAT, then the VAT of each rate, the total
VAT and the total incl. VAT; a rate is printed 5.5 %, as on the quote, never 5.50 %."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.quotes.services import invoices as services
from apps.quotes.tests.factories_invoices import accepted_quote, blank_pdf, company

pytestmark = pytest.mark.django_db
D = Decimal
RATES = ((D("2"), D("100.00"), D("20.00")), (D("3"), D("12.40"), D("5.50")), (D("1"), D("80.00"), D("2.10")))


@pytest.fixture(autouse=True)
def seller(monkeypatch):
    monkeypatch.setattr("apps.quotes.facturx.base_pdf", blank_pdf)
    return company()


def test_totals_read_excl_vat_then_vat_per_rate_then_incl_vat(org, client_for):
    invoice = services.invoice_from_quote(quote=accepted_quote(RATES), by=org.office_manager)
    html = client_for(org.office_manager).get(reverse("quotes:invoice_detail", args=[invoice.pk])).content.decode()
    table = re.search(r'<table class="table table-sm mb-0" data-testid="totals">(.*?)</table>', html, re.S).group(1)
    labels = [re.sub(r"<[^>]+>|\s+", " ", th).strip() for th in re.findall(r"<th[^>]*>(.*?)</th>", table, re.S)]
    assert labels[0] == "Total excl. VAT"
    assert [label.split(" on ")[0] for label in labels[1:4]] == ["VAT 20 %", "VAT 5.5 %", "VAT 2.1 %"]
    assert labels[4:6] == ["Total VAT", "Total incl. VAT"]
    assert "5.50 %" not in html and "5.5 %" in html
