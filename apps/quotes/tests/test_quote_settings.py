"""The quote and invoice settings page: the office manager's only; the IBAN and BIC checked with
python-stdnum and stored compact; invoices due after 60 days at most; bad input saves nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.quotes.models import QuoteSettings
from apps.quotes.tests.factories_clients import VALID_BIC, VALID_IBAN

pytestmark = pytest.mark.django_db
URL = "quotes:settings"


def settings_data(**fields):
    data = {
        "validity_days": "45",
        "payment_terms": "Paiement à 30 jours par virement.",
        "invoice_due_days": "30",
        "late_penalty_rate": "trois fois le taux d'intérêt légal",
        "default_deposit_percent": "30",
        "iban": "FR76 3000 6000 0112 3456 7890 189",
        "bic": "bnpa frpp xxx",
        "quote_footer": "Merci de votre confiance.",
    }
    data.update(fields)
    return data


def test_the_office_manager_saves_the_settings(org, client_for):
    http = client_for(org.office_manager)
    assert http.get(reverse(URL)).status_code == 200
    response = http.post(reverse(URL), settings_data())
    assert response.status_code == 302
    row = QuoteSettings.current()
    assert (row.validity_days, row.invoice_due_days, row.default_deposit_percent) == (45, 30, Decimal("30"))
    assert (row.iban, row.bic) == (VALID_IBAN, VALID_BIC)
    assert row.quote_footer == "Merci de votre confiance."


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"iban": "FR7630006000011234567890188"}, "iban"),
        ({"iban": "not an iban"}, "iban"),
        ({"bic": "BNPAFRP"}, "bic"),
        ({"invoice_due_days": "61"}, "invoice_due_days"),
        ({"invoice_due_days": "-1"}, "invoice_due_days"),
        ({"validity_days": "0"}, "validity_days"),
        ({"validity_days": "366"}, "validity_days"),
        ({"default_deposit_percent": "100.01"}, "default_deposit_percent"),
        ({"default_deposit_percent": "-5"}, "default_deposit_percent"),
        ({"payment_terms": ""}, "payment_terms"),
        ({"late_penalty_rate": "x" * 201}, "late_penalty_rate"),
        ({"quote_footer": "x" * 1001}, "quote_footer"),
    ],
)
def test_bad_input_gets_a_field_error_and_saves_nothing(org, client_for, fields, field):
    before = QuoteSettings.current()
    response = client_for(org.office_manager).post(reverse(URL), settings_data(**fields))
    assert response.status_code == 200 and field in response.context["form"].errors
    after = QuoteSettings.current()
    assert (after.validity_days, after.iban, after.updated_at) == (before.validity_days, before.iban, before.updated_at)


def test_everyone_else_gets_403_and_the_wrong_method_405(org, client_for):
    for user in (org.director, org.staff, org.manager):
        http = client_for(user)
        assert http.get(reverse(URL)).status_code == 403
        assert http.post(reverse(URL), settings_data()).status_code == 403
    assert QuoteSettings.current().iban == ""
    assert client_for(org.office_manager).put(reverse(URL)).status_code == 405


def test_the_director_is_not_offered_the_settings(org, client_for):
    page = client_for(org.director).get(reverse("quotes:client_list")).content.decode()
    assert reverse(URL) not in page


def test_the_page_costs_a_fixed_number_of_queries(org, client_for, django_assert_max_num_queries):
    http = client_for(org.office_manager)
    QuoteSettings.current()
    with django_assert_max_num_queries(7):
        assert http.get(reverse(URL)).status_code == 200
