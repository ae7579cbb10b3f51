"""What a devis must show and lacks (FRENCH_RULES "Quotes"): each missing mention is listed, a complete
quote has none, and a missing company row is a problem, not a crash."""

from decimal import Decimal

import pytest

from apps.accounts.models import Company
from apps.quotes.compliance import quote_problems
from apps.quotes.models import LineKind
from apps.quotes.tests.factories_issue import QuoteLineFactory, ready_quote

pytestmark = pytest.mark.django_db


def problems(quote):
    return quote_problems(quote, Company.objects.filter(pk=1).first())


def company(**changes):
    Company.objects.filter(pk=1).update(**changes)


def test_a_complete_quote_has_no_problem():
    assert problems(ready_quote()) == []


def test_without_the_company_row_the_quote_lists_it_as_a_problem():
    quote = ready_quote()
    Company.objects.all().delete()
    assert problems(quote) == ["The company's details (the seller on the quote) are not filled in."]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"legal_name": ""}, "The company's legal name is missing."),
        ({"legal_form": ""}, "The company's legal form is missing."),
        ({"address": ""}, "The company's address is incomplete"),
        ({"postal_code": " "}, "The company's address is incomplete"),
        ({"siren": ""}, "The company's SIREN number is missing."),
        ({"siret": ""}, "The company's SIRET number is missing."),
        ({"rcs_city": ""}, "The city of the company's RCS registration is missing."),
        ({"share_capital": None}, "The company's share capital is missing."),
        ({"vat_number": ""}, "The company's intra-EU VAT number is missing"),
    ],
)
def test_each_missing_seller_mention_is_listed(changes, expected):
    quote = ready_quote()
    company(**changes)
    found = problems(quote)
    assert len(found) == 1
    assert found[0].startswith(expected)


@pytest.mark.parametrize("form", ["EI", "ASSO"])
def test_a_sole_proprietorship_or_an_association_needs_no_rcs_city_nor_capital(form):
    quote = ready_quote()
    company(legal_form=form, rcs_city="", share_capital=None)
    assert problems(quote) == []


@pytest.mark.parametrize("form", ["SARL", "SASU", "EURL", "SA", "SCOP", "SNC"])
def test_companies_with_a_capital_must_show_it(form):
    quote = ready_quote()
    company(legal_form=form, share_capital=None)
    assert problems(quote) == ["The company's share capital is missing."]


def test_a_vat_exempt_company_needs_no_vat_number_but_its_lines_must_carry_no_vat():
    quote = ready_quote(lines=(("100.00", "0.00"),))
    company(vat_exempt=True, vat_number="")
    assert problems(quote) == []
    QuoteLineFactory(quote=quote, vat_rate=Decimal("20.00"))
    [problem] = problems(quote)
    assert "TVA non applicable, art. 293 B du CGI" in problem


def test_the_client_needs_a_name_and_a_complete_address():
    quote = ready_quote()
    quote.client.name = ""
    quote.client.city = ""
    assert problems(quote) == [
        "The client's name is missing.",
        "The client's address is incomplete (street, postal code and city).",
    ]


def test_a_quote_without_a_priced_line_is_refused_titles_and_text_do_not_count():
    quote = ready_quote(lines=())
    QuoteLineFactory(quote=quote, kind=LineKind.SECTION, description="Lot 1", quantity=0, unit_price=0)
    QuoteLineFactory(quote=quote, kind=LineKind.TEXT, description="Note", quantity=0, unit_price=0)
    assert problems(quote) == ["The quote has no priced line."]


def test_every_priced_line_needs_a_description():
    quote = ready_quote()
    QuoteLineFactory(quote=quote, description="   ")
    assert problems(quote) == ["Priced line 3 has no description."]


def test_a_priced_line_without_quantity_is_listed():
    quote = ready_quote()
    line = quote.lines.first()
    line.quantity = Decimal("0")  # the constraint forbids saving it; the check still says so
    from apps.quotes.compliance import quote_checks

    found = quote_checks(quote, Company.objects.get(pk=1), lines=[line])
    assert [p.message for p in found] == ["Priced line 1 has no quantity."]


def test_payment_terms_are_required_and_a_deposit_says_why():
    quote = ready_quote(payment_terms="")
    assert problems(quote) == ["The payment terms are missing."]
    quote.deposit_percent = Decimal("30")
    assert problems(quote) == ["The payment terms are missing: with a deposit, they must say when it is paid."]


def test_the_validity_is_required():
    quote = ready_quote()
    quote.validity_days = 0
    assert problems(quote) == ["The quote's validity (in days) is missing."]
