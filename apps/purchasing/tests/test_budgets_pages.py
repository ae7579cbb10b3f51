"""The budget page and form: who sees what, closed years, bad input, the same form sent twice."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.tests.factories import SiteFactory, TeamFactory
from apps.purchasing.models import Budget
from apps.purchasing.services import budgets as services
from apps.purchasing.tests.factories import BudgetFactory, SupplierInvoiceFactory
from apps.suppliers.models import SupplierCategory

pytestmark = pytest.mark.django_db

SUPPLIES = SupplierCategory.SUPPLIES
PAGE = reverse("purchasing:budgets")
NEW = reverse("purchasing:budget_create")


def this_year() -> int:
    return timezone.localdate().year


def form(**fields):
    return {
        "year": this_year(),
        "category": SUPPLIES,
        "site": "",
        "team": "",
        "amount": "1500.00",
        "note": "",
        **fields,
    }


def test_the_page_shows_each_budget_with_its_figures(org, client_for):
    budget = BudgetFactory(year=this_year(), amount=Decimal("1000.00"))
    SupplierInvoiceFactory(
        issued_on=dt.date(this_year(), 1, 15),
        due_on=dt.date(this_year(), 2, 15),
        total_excl_vat=Decimal("250.00"),
        total_vat=Decimal("50.00"),
        total_incl_vat=Decimal("300.00"),
    )
    page = client_for(org.office_manager).get(PAGE).content.decode()
    assert f'data-budget="{budget.pk}"' in page
    assert "250.00 €" in page and "750.00 €" in page and "25 %" in page
    assert 'data-testid="budget-chart"' in page and 'data-testid="chart-table"' in page
    assert reverse("purchasing:budget_edit", args=[budget.pk]) in page
    assert "<script>" not in page and " style=" not in page  # the CSP: no inline script or style


def test_the_years_figures_add_up_when_some_spend_has_no_budget(org, client_for):
    # 1,000 budgeted for office supplies, 250 invoiced on it; 400 of cleaning with no budget is listed
    # apart ("not budgeted"): the year's cards say 1,000 − 0 − 250 = 750 left, not 650 invoiced.
    BudgetFactory(year=this_year(), category=SUPPLIES, amount=Decimal("1000.00"))
    for category, amount in ((SUPPLIES, "250.00"), (SupplierCategory.CLEANING, "400.00")):
        amount = Decimal(amount)
        SupplierInvoiceFactory(
            issued_on=dt.date(this_year(), 1, 15),
            due_on=dt.date(this_year(), 2, 15),
            total_excl_vat=amount,
            total_vat=amount / 5,
            total_incl_vat=amount * Decimal("1.2"),
            category=category,
        )
    page = client_for(org.office_manager).get(PAGE).content.decode()
    cards = page.split('data-testid="budget-totals"', 1)[1].split("</div></div></div></div>\n</div>", 1)[0]
    assert "1,000.00 €" in cards and "250.00 €" in cards and "750.00 €" in cards and "650.00 €" not in cards
    assert 'data-testid="unbudgeted-row"' in page and "400.00 €" in page


def test_the_chart_of_one_budget_is_chosen_by_its_id(org, client_for):
    budget = BudgetFactory(year=this_year(), amount=Decimal("1000.00"))
    client = client_for(org.office_manager)
    page = client.get(PAGE, {"year": this_year(), "chart": budget.pk}).content.decode()
    assert "spend against budget" in page and "All budgets" in page
    for junk in ("abc", "-1", "99999999999999999999", str(budget.pk + 1000)):
        assert client.get(PAGE, {"chart": junk}).status_code == 200


@pytest.mark.parametrize("year", ["0", "1", "9999", "-5", "abc", "2026.5", "99999999999999999999"])
def test_a_strange_year_shows_the_current_one(org, client_for, year):
    response = client_for(org.office_manager).get(PAGE, {"year": year})
    assert response.status_code == 200
    assert f"Budgets {this_year()}" in response.content.decode()


def test_the_director_reads_the_budgets_without_changing_them(org, client_for):
    budget = BudgetFactory(year=this_year())
    client = client_for(org.director)
    page = client.get(PAGE).content.decode()
    assert f'data-budget="{budget.pk}"' in page
    assert NEW not in page and reverse("purchasing:budget_edit", args=[budget.pk]) not in page
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, form()).status_code == 403
    assert client.post(reverse("purchasing:budget_edit", args=[budget.pk]), form(amount="1")).status_code == 403
    budget.refresh_from_db()
    assert budget.amount == Decimal("12000.00")


@pytest.mark.parametrize("who", ["staff", "manager", "outsider"])
def test_staff_and_managers_never_see_budgets(org, client_for, who):
    client = client_for(getattr(org, who))
    assert client.get(PAGE).status_code == 403
    assert client.post(NEW, form()).status_code == 403
    assert not Budget.objects.exists()


def test_an_unknown_budget_is_a_404(org, client_for):
    client = client_for(org.office_manager)
    assert client.get(reverse("purchasing:budget_edit", args=[424242])).status_code == 404


def test_a_budget_is_created_and_edited(org, client_for):
    client = client_for(org.office_manager)
    response = client.post(NEW, form(site=org.site.pk, amount="2500.50", note="Lyon"))
    assert response.status_code == 302
    budget = Budget.objects.get()
    assert (budget.site, budget.amount, budget.updated_by) == (org.site, Decimal("2500.50"), org.office_manager)
    edit = reverse("purchasing:budget_edit", args=[budget.pk])
    assert client.get(edit).status_code == 200
    assert client.post(edit, form(site=org.site.pk, amount="3000")).status_code == 302
    budget.refresh_from_db()
    assert budget.amount == Decimal("3000.00")


def test_a_budget_for_a_closed_year_is_refused(org, client_for):
    client = client_for(org.office_manager)
    response = client.post(NEW, form(year=this_year() - 1))
    assert response.status_code == 200
    assert f"{this_year() - 1} is a closed year" in response.content.decode()
    assert not Budget.objects.exists()


def test_a_closed_years_budget_cannot_be_changed(org, client_for):
    budget = BudgetFactory(year=this_year() - 1, amount=Decimal("100.00"))
    client = client_for(org.office_manager)
    page = client.get(reverse("purchasing:budget_edit", args=[budget.pk])).content.decode()
    assert "is closed" in page
    response = client.post(reverse("purchasing:budget_edit", args=[budget.pk]), form(amount="5"))
    assert "is a closed year" in response.content.decode()
    budget.refresh_from_db()
    assert (budget.year, budget.amount) == (this_year() - 1, Decimal("100.00"))


@pytest.mark.parametrize(
    "fields",
    [
        {"amount": "-1"},
        {"amount": "abc"},
        {"amount": "99999999999999"},
        {"amount": "1.001"},
        {"year": "99999"},
        {"year": "-2026"},
        {"year": ""},
        {"category": "rockets"},
        {"site": "424242"},
        {"team": "abc"},
        {"note": "x" * 300},
    ],
)
def test_bad_input_is_refused_with_nothing_saved(org, client_for, fields):
    response = client_for(org.office_manager).post(NEW, form(**fields))
    assert response.status_code == 200
    page = response.content.decode()
    assert "invalid-feedback" in page or "alert-danger" in page
    assert not Budget.objects.exists()


def test_the_same_form_sent_twice_makes_one_budget(org, client_for):
    client = client_for(org.office_manager)
    assert client.post(NEW, form()).status_code == 302
    assert client.post(NEW, form()).status_code == 302
    assert Budget.objects.count() == 1


def test_a_second_budget_for_the_same_scope_is_refused(org, client_for):
    client = client_for(org.office_manager)
    client.post(NEW, form())
    response = client.post(NEW, form(amount="99"))
    assert "There is already a budget" in response.content.decode()
    assert Budget.objects.get().amount == Decimal("1500.00")


def test_company_site_and_team_budgets_of_a_category_live_side_by_side(org):
    by = org.office_manager
    common = {"year": this_year(), "category": SUPPLIES, "amount": Decimal("10"), "by": by}
    services.budget_create(site=None, team=None, **common)
    services.budget_create(site=org.site, team=None, **common)
    services.budget_create(site=None, team=org.team, **common)
    services.budget_create(site=SiteFactory(name="Paris"), team=TeamFactory(), **common)
    assert Budget.objects.count() == 4


def test_an_edit_cannot_take_the_place_of_another_budget(org):
    by = org.office_manager
    common = {"year": this_year(), "category": SUPPLIES, "team": None, "amount": Decimal("10"), "by": by}
    services.budget_create(site=None, **common)
    other = services.budget_create(site=org.site, **common)
    with pytest.raises(services.ValidationError):
        services.budget_update(budget=other, site=None, note="", **common)


def test_the_page_costs_the_same_queries_for_many_budgets(org, client_for, django_assert_max_num_queries):
    client = client_for(org.office_manager)
    client.get(PAGE)  # session, user and the like warm up
    for index in range(25):
        BudgetFactory(year=this_year(), site=SiteFactory(name=f"Site {index}"), amount=Decimal("100"))
        SupplierInvoiceFactory(issued_on=dt.date(this_year(), 1 + index % 12, 3), due_on=dt.date(this_year(), 12, 31))
    with django_assert_max_num_queries(12):
        assert client.get(PAGE).status_code == 200
