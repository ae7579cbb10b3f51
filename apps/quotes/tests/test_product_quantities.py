"""Quantities on the quote and invoice pages read as on the PDF, with the decimals they have: 2.5 hours,
3 pieces, 0.125 tonne, never "2.500" (in French "2,500", which reads as two thousand five hundred)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.quotes.services import lines as line_services
from apps.quotes.services import quotes as quote_services
from apps.quotes.tests.factories_editor import ClientFactory

pytestmark = pytest.mark.django_db


def test_the_quote_page_prints_quantities_without_trailing_zeros(org, client_for):
    by = org.office_manager
    quote = quote_services.quote_create(by=by, client=ClientFactory(), subject="Interventions")
    for quantity, unit in (("2.5", "heure"), ("3", "pièce"), ("0.125", "tonne"), ("1000", "page")):
        line_services.line_add(
            document=quote,
            by=by,
            description=f"Ligne {unit}",
            quantity=quantity,
            unit=unit,
            unit_price=Decimal("10.00"),
            vat_rate=Decimal("20.00"),
        )
    html = client_for(by).get(reverse("quotes:quote_detail", args=[quote.pk])).content.decode()
    for shown in ("2.5 heure", "3 pièce", "0.125 tonne", "1,000 page"):
        assert f">{shown}</td>" in html, shown
    assert "2.500" not in html and "3.000" not in html
