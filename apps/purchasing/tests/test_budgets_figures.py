"""Committed, invoiced and remaining per budget, against figures worked out by hand; each euro in one
budget only (the most specific); the supplies request form's budget line."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.tests.factories import SiteFactory
from apps.purchasing import contributions
from apps.purchasing.categories import SUPPLIES_TO_BUDGET, budget_category
from apps.purchasing.charts import spend_chart
from apps.purchasing.models import InvoiceKind, OrderStatus
from apps.purchasing.selectors import budgets as selectors
from apps.purchasing.tests.factories import (
    BudgetFactory,
    OrderLineFactory,
    PurchaseOrderFactory,
    SupplierInvoiceFactory,
)
from apps.suppliers.models import SupplierCategory
from apps.supplies import budgets as supplies_budgets
from apps.supplies.models import Category
from apps.supplies.tests.factories import CatalogueItemFactory

pytestmark = pytest.mark.django_db

SUPPLIES, CLEANING = SupplierCategory.SUPPLIES, SupplierCategory.CLEANING


def year() -> int:
    return timezone.localdate().year


def sent_order(site, *, status=OrderStatus.SENT, team=None, month=3, number=None, lines=()):
    order = PurchaseOrderFactory(
        site=site,
        team=team,
        status=status,
        number=number or f"BC-{year()}-{PurchaseOrderFactory._meta.model.objects.count() + 1:04d}",
        year=year(),
        sent_at=timezone.make_aware(dt.datetime(year(), month, 5, 10)),
    )
    for quantity, price, category in lines:
        OrderLineFactory(order=order, quantity=quantity, unit_price=Decimal(price), category=category)
    return order


def invoice(amount, *, month=2, category=SUPPLIES, site=None, team=None, kind=InvoiceKind.INVOICE, year_=None):
    amount = Decimal(amount)
    vat = (amount * Decimal("0.2")).quantize(Decimal("0.01"))
    day = dt.date(year_ or year(), month, 10)
    return SupplierInvoiceFactory(
        issued_on=day,
        due_on=day + dt.timedelta(days=30),
        total_excl_vat=amount,
        total_vat=vat,
        total_incl_vat=amount + vat,
        category=category,
        site=site,
        team=team,
        kind=kind,
    )


@pytest.fixture
def world(org):
    """The hand-worked example (every amount excl. VAT):

    budgets: office supplies company-wide 10,000; office supplies Lyon 2,000; office supplies team Sales 500.
    - company-wide: invoiced 1,200 (no site); committed 3 × 99.99 = 299.97 (an order sent to Paris);
      remaining 10,000 − 1,499.97 = 8,500.03;
    - Lyon: invoiced 300 − 50 (a credit note) = 250; committed 10 × 4.20 = 42.00 (the order's cleaning line
      counts elsewhere; an invoiced order and a draft count nothing); remaining 2,000 − 292 = 1,708.00;
    - team Sales (on the Lyon site): invoiced 150, nothing committed; remaining 350.00;
    - cleaning has no budget: 400 invoiced and 30 committed, shown as not budgeted.
    """
    lyon, paris = org.site, SiteFactory(name="Paris")
    company = BudgetFactory(year=year(), category=SUPPLIES, amount=Decimal("10000.00"))
    site_budget = BudgetFactory(year=year(), category=SUPPLIES, site=lyon, amount=Decimal("2000.00"))
    team_budget = BudgetFactory(year=year(), category=SUPPLIES, team=org.team, amount=Decimal("500.00"))
    invoice("1200.00", month=2)
    billed = invoice("300.00", month=3, site=lyon)
    invoice("150.00", month=3, site=lyon, team=org.team)
    invoice("50.00", month=4, site=lyon, kind=InvoiceKind.CREDIT_NOTE)
    invoice("400.00", category=CLEANING, site=lyon)
    invoice("999.00", year_=year() - 1)  # last year: not this year's spend
    sent_order(lyon, month=5, lines=[(10, "4.20", SUPPLIES), (2, "15.00", CLEANING)])
    invoiced_order = sent_order(lyon, status=OrderStatus.RECEIVED, lines=[(5, "60.00", SUPPLIES)])
    billed.orders.add(invoiced_order)
    PurchaseOrderFactory(site=lyon, status=OrderStatus.DRAFT)
    OrderLineFactory(order=PurchaseOrderFactory(site=lyon), quantity=100, unit_price=Decimal("9.00"))
    sent_order(paris, status=OrderStatus.PARTLY_RECEIVED, month=6, lines=[(3, "99.99", SUPPLIES)])
    return {"company": company, "site": site_budget, "team": team_budget}


def test_each_budget_has_its_hand_worked_figures(world):
    data = selectors.year_budgets(year())
    figures = {line.budget.pk: (line.committed, line.invoiced, line.remaining) for line in data.lines}
    assert figures[world["company"].pk] == (Decimal("299.97"), Decimal("1200.00"), Decimal("8500.03"))
    assert figures[world["site"].pk] == (Decimal("42.00"), Decimal("250.00"), Decimal("1708.00"))
    assert figures[world["team"].pk] == (Decimal("0.00"), Decimal("150.00"), Decimal("350.00"))
    assert [(row.category, row.spend.invoiced, row.spend.committed) for row in data.unbudgeted] == [
        (CLEANING, Decimal("400.00"), Decimal("30.00"))
    ]


def test_budgets_add_up_without_counting_twice(world):
    data = selectors.year_budgets(year())
    assert data.amount == Decimal("12500.00")
    assert data.remaining == Decimal("10558.03")
    # Every euro of the year is in exactly one budget or in "not budgeted".
    unbudgeted = sum(row.spend.spent for row in data.unbudgeted)
    assert data.budgeted_spend + unbudgeted == data.total.spent == Decimal("2371.97")
    # The year's budget is measured against the budgets' own spend, month by month too.
    assert data.budgeted.spent == data.budgeted_spend == Decimal("1941.97")
    assert data.amount - data.budgeted.committed - data.budgeted.invoiced == data.remaining


def test_spend_is_counted_in_its_month(world):
    line = selectors.year_budgets(year()).line(world["site"].pk)
    months = {row.month: (row.invoiced, row.committed) for row in line.spend.months if row.spent}
    assert months == {3: (Decimal("300.00"), Decimal("0.00")), 4: (Decimal("-50.00"), Decimal("0.00")),
                      5: (Decimal("0.00"), Decimal("42.00"))}  # fmt: skip
    assert line.spend.months[-1].cumulative == Decimal("292.00")


def test_the_chart_scales_to_the_budget_and_never_draws_below_its_axis(world):
    line = selectors.year_budgets(year()).line(world["site"].pk)
    chart = spend_chart(line.spend, line.amount)
    assert chart.budget_y is not None and chart.top <= chart.budget_y < chart.bottom
    assert all(bar.invoiced_h >= 0 and bar.committed_h >= 0 for bar in chart.bars)
    assert len(chart.bars) == 12
    assert [tick.short for tick in chart.ticks] == ["0", "1k", "2k", "3k", "4k"]  # 2,000 € budget: axis to 4,000
    empty = spend_chart(selectors.Spend(), Decimal("0"))
    assert empty.is_empty and empty.budget_y is None


def test_closing_an_order_not_yet_invoiced_keeps_what_was_received_committed(org):
    # Received in full then closed before its invoice came: still 10 × 4.20 = 42.00 owed. Partly received
    # (3 of 5 × 20.00) then closed because the rest will not come: the 60.00 received is owed, not 100.00.
    budget = BudgetFactory(year=year(), category=SUPPLIES, site=org.site, amount=Decimal("1000.00"))
    full = sent_order(org.site, status=OrderStatus.CLOSED, lines=[(10, "4.20", SUPPLIES)])
    full.lines.update(received_quantity=10)
    part = sent_order(org.site, status=OrderStatus.CLOSED, lines=[(5, "20.00", SUPPLIES)])
    part.lines.update(received_quantity=3)
    line = selectors.year_budgets(year()).line(budget.pk)
    assert (line.committed, line.invoiced, line.remaining) == (Decimal("102.00"), Decimal("0"), Decimal("898.00"))
    # Once invoiced, the invoice counts and the order no longer does.
    invoice("42.00", month=4, site=org.site).orders.add(full)
    line = selectors.year_budgets(year()).line(budget.pk)
    assert (line.committed, line.invoiced, line.remaining) == (Decimal("60.00"), Decimal("42.00"), Decimal("898.00"))


def test_a_budget_of_another_year_sees_none_of_this_years_spend(world):
    BudgetFactory(year=year() + 1, category=SUPPLIES, amount=Decimal("100.00"))
    (line,) = selectors.year_budgets(year() + 1).lines
    assert (line.committed, line.invoiced, line.remaining) == (Decimal("0"), Decimal("0"), Decimal("100.00"))


def test_the_supplies_form_reads_what_is_left_through_the_app_registry(world):
    left = supplies_budgets.remaining_budgets([Category.PAPER, Category.WRITING, Category.CLEANING], year())
    assert left == {Category.PAPER: Decimal("10558.03"), Category.WRITING: Decimal("10558.03")}


def test_the_supplies_budget_line_costs_three_queries(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        selectors.remaining_for_supplies_categories(categories=[Category.PAPER, Category.FIRST_AID], year=year())


def test_the_basket_shows_the_real_budget_left(org, client_for, world):
    item = CatalogueItemFactory(name="Ramette", category=Category.PAPER, unit_price=Decimal("4.00"))
    client = client_for(org.staff)
    client.post(reverse("supplies:basket_add"), {"item": item.pk, "quantity": 5})
    page = client.get(reverse("supplies:basket")).content.decode()
    assert "Budget left this year" in page and "Paper: 10,558.03 € left" in page


def test_the_dashboard_card_names_the_most_consumed_categories(org, world):
    BudgetFactory(year=year(), category=CLEANING, amount=Decimal("100.00"))  # 430 spent: 430 %
    (card,) = contributions._budget_cards(org.office_manager)
    assert card.value == "430 %" and card.severity == "danger"
    assert card.detail.startswith("Cleaning 430 %")
    assert contributions.dashboard_cards(org.staff) == []


def test_no_budget_no_card(org):
    assert contributions._budget_cards(org.office_manager) == []


def test_every_catalogue_category_belongs_to_a_spend_category():
    assert set(SUPPLIES_TO_BUDGET) == set(Category.values)
    assert set(SUPPLIES_TO_BUDGET.values()) <= set(SupplierCategory.values)
    assert budget_category("unknown") == SUPPLIES
