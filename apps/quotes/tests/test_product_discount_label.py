"""The quote's totals name the global discount's rate ("Global discount 5 %"), on the page and in the live
totals as it is typed, as the invoice page and the PDF do ("Remise 5 %"); the euros alone left the reader
to work it out."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.quotes.services import lines as services
from apps.quotes.tests.factories_editor import QuoteFactory

pytestmark = pytest.mark.django_db


def test_the_page_and_the_live_totals_name_the_discount_rate(org, client_for):
    by = org.office_manager
    quote = QuoteFactory(created_by=by, discount_percent=Decimal("5"))
    services.line_add(document=quote, by=by, description="Audit", quantity="2", unit_price="100", vat_rate="20")
    client = client_for(by)
    page = client.get(reverse("quotes:quote_detail", args=[quote.pk])).content.decode()
    assert "Global discount 5 %" in page
    live = client.get(reverse("quotes:quote_totals", args=[quote.pk]), {"discount_percent": "7.5"}).content.decode()
    assert "Global discount 7.5 %" in live
