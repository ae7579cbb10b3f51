"""The final invoice's PDF says how much the deposits took off, excl. VAT: the deposit invoices' own
bases, not the sum of the deduction lines (grossed up before the global discount)."""

from decimal import Decimal

import pytest

from apps.quotes.models import LineKind
from apps.quotes.pdf import invoice_pdf_context
from apps.quotes.services import invoices as services
from apps.quotes.tests.factories_invoices import accepted_quote, blank_pdf, company

pytestmark = pytest.mark.django_db
D = Decimal
THREE_RATES = ((D("10"), D("80.00"), D("20.00")), (D("3"), D("33.33"), D("5.50")), (D("2.5"), D("41.10"), D("10.00")))


@pytest.fixture(autouse=True)
def seller(monkeypatch):
    monkeypatch.setattr("apps.quotes.facturx.base_pdf", blank_pdf)
    return company()


@pytest.mark.parametrize("discount", [D("0"), D("5"), D("12.5")])
def test_the_pdf_states_the_deposits_bases_once_discounted(org, discount):
    quote = accepted_quote(THREE_RATES, discount=discount)
    draft = services.deposit_invoice_from_quote(quote=quote, by=org.office_manager, percent=D("30"))
    deposit = services.invoice_issue(invoice=draft, by=org.office_manager)
    final = services.invoice_from_quote(quote=quote, by=org.office_manager)
    context = invoice_pdf_context(final)
    assert context["deposits_deducted"] == deposit.total_excl_vat
    grossed = -sum(line.unit_price for line in final.lines.all() if line.kind == LineKind.DEPOSIT)
    if discount:
        assert grossed > deposit.total_excl_vat  # what the old note wrongly printed


def test_an_invoice_without_deposit_states_none(org):
    final = services.invoice_from_quote(quote=accepted_quote(THREE_RATES, discount=D("5")), by=org.office_manager)
    assert invoice_pdf_context(final)["deposits_deducted"] == 0
