"""The live totals: as the person types a line, the server renders the totals of the saved lines plus the
typed one (in place of the line being edited), with ``totals_of``; checked against figures worked by hand."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.quotes.services import lines as services
from apps.quotes.tests.factories_editor import QuoteFactory

pytestmark = pytest.mark.django_db


def _typed(**fields):
    return {
        "line-description": "Prestation",
        "line-quantity": "1",
        "line-unit_price": "0",
        "line-vat_rate": "20.00",
        "line-discount_percent": "",
        **fields,
    }


def _totals(response) -> tuple:
    context = response.context
    return context["totals"].excl_vat, context["totals"].vat, context["totals"].incl_vat


@pytest.fixture
def quote(org):
    return QuoteFactory(created_by=org.office_manager)


def test_three_times_0_335_at_20_percent(org, quote, client_for):
    # 3 × 0.335 = 1.005 → 1.01 (half-up); VAT 1.01 × 20 % = 0.202 → 0.20; TTC 1.21.
    url = reverse("quotes:quote_totals", args=[quote.pk])
    response = client_for(org.office_manager).get(url, _typed(**{"line-quantity": "3", "line-unit_price": "0.335"}))
    # 0.335 has 3 decimals: a price has 2, so the typed line is not counted and the page says so.
    assert response.status_code == 200 and response.context["counted"] is False
    response = client_for(org.office_manager).get(url, _typed(**{"line-quantity": "0.335", "line-unit_price": "3"}))
    assert response.context["counted"] is True
    assert _totals(response) == (Decimal("1.01"), Decimal("0.20"), Decimal("1.21"))
    assert "1.21 €" in response.content.decode()


def test_the_typed_line_is_added_to_the_saved_ones_with_the_discount_and_deposit(org, quote, client_for):
    quote.discount_percent, quote.deposit_percent = Decimal("10"), Decimal("30")
    quote.save()
    services.line_add(
        document=quote, by=org.office_manager, description="Pose", quantity="2", unit_price="100", vat_rate="20"
    )
    # Saved 200 at 20 %; typed 1.5 × 40 at 5.5 % less 10 % = 54. Lines 254, discount 25.40, base 228.60:
    # share of 20 %: 25.40 × 200/254 = 20.00 → base 180, VAT 36; 5.5 %: 48.60, VAT 2.673 → 2.67.
    # Excl. 228.60, VAT 38.67, incl. 267.27; deposit 30 % = 80.181 → 80.18.
    response = client_for(org.office_manager).get(
        reverse("quotes:quote_totals", args=[quote.pk]),
        _typed(
            **{
                "line-quantity": "1.5",
                "line-unit_price": "40",
                "line-vat_rate": "5.50",
                "line-discount_percent": "10",
            }
        ),
    )
    assert _totals(response) == (Decimal("228.60"), Decimal("38.67"), Decimal("267.27"))
    assert response.context["deposit"] == Decimal("80.18")
    body = response.content.decode()
    assert "267.27" in body and "80.18" in body
    quote.refresh_from_db()
    assert quote.total_incl_vat == Decimal("216.00")  # nothing saved by a preview


def test_the_line_being_edited_is_replaced_not_counted_twice(org, quote, client_for):
    line = services.line_add(
        document=quote, by=org.office_manager, description="Pose", quantity="2", unit_price="100", vat_rate="20"
    )
    response = client_for(org.office_manager).get(
        reverse("quotes:quote_totals", args=[quote.pk]),
        _typed(**{"line-quantity": "1", "line-unit_price": "100"}) | {"editing": str(line.pk)},
    )
    assert _totals(response) == (Decimal("100.00"), Decimal("20.00"), Decimal("120.00"))


def test_the_header_discount_and_deposit_as_typed(org, quote, client_for):
    services.line_add(
        document=quote, by=org.office_manager, description="Pose", quantity="1", unit_price="1000", vat_rate="10"
    )
    url = reverse("quotes:quote_totals", args=[quote.pk])
    response = client_for(org.office_manager).get(url, {"discount_percent": "5", "deposit_percent": "40"})
    # 1000 − 50 = 950, VAT 95, TTC 1045, deposit 418.
    assert _totals(response) == (Decimal("950.00"), Decimal("95.00"), Decimal("1045.00"))
    assert response.context["deposit"] == Decimal("418.00")
    bad = client_for(org.office_manager).get(url, {"discount_percent": "150"})
    assert bad.status_code == 200 and _totals(bad) == (Decimal("1000.00"), Decimal("100.00"), Decimal("1100.00"))


@pytest.mark.parametrize(
    "fields",
    [{"line-quantity": "-1"}, {"line-unit_price": "abc"}, {"line-vat_rate": "33"}, {"line-unit_price": "1e999"}],
)
def test_a_half_typed_or_absurd_line_is_left_out(org, quote, client_for, fields):
    response = client_for(org.office_manager).get(reverse("quotes:quote_totals", args=[quote.pk]), _typed(**fields))
    assert response.status_code == 200 and response.context["counted"] is False
    assert _totals(response) == (Decimal("0"), Decimal("0"), Decimal("0"))


def test_the_line_form_asks_for_live_totals_as_the_person_types(org, quote, client_for):
    page = client_for(org.office_manager).get(quote.get_absolute_url()).content.decode()
    assert f'hx-get="{reverse("quotes:quote_totals", args=[quote.pk])}"' in page
    assert 'hx-trigger="input changed delay:300ms"' in page and 'id="live-totals"' in page
