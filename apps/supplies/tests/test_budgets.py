"""The budget left per category is shown from purchasing's budgets, and not at all before they exist."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from apps.supplies import budgets
from apps.supplies.models import Category
from apps.supplies.tests.factories import CatalogueItemFactory

pytestmark = pytest.mark.django_db


class PurchasingInstalled:
    """Django's app registry as it will be with issue #14's purchasing app and its budgets."""

    def __init__(self, left: dict[str, Decimal]):
        self.asked = []

        def remaining_budgets(*, categories, year):
            self.asked.append((categories, year))
            return {category: amount for category, amount in left.items() if category in categories}

        self.config = SimpleNamespace(name="apps.purchasing", remaining_budgets=remaining_budgets)

    def is_installed(self, name):
        return name == "apps.purchasing"

    def get_app_configs(self):
        return [self.config]


def test_without_the_purchasing_app_there_is_no_budget(org, monkeypatch):
    # Issue #14 installed the purchasing app: its absence is simulated.
    monkeypatch.setattr(budgets, "apps", SimpleNamespace(is_installed=lambda name: False))
    assert budgets.remaining_budgets([Category.PAPER], 2026) is None


def test_with_purchasing_budgets_the_budget_left_is_read_per_category(monkeypatch):
    registry = PurchasingInstalled({Category.PAPER: Decimal("150.00")})
    monkeypatch.setattr(budgets, "apps", registry)
    assert budgets.remaining_budgets([Category.PAPER, Category.KITCHEN], 2026) == {Category.PAPER: Decimal("150.00")}
    assert registry.asked == [([Category.KITCHEN, Category.PAPER], 2026)]


def test_the_basket_shows_the_budget_left_once_budgets_exist(org, client_for, monkeypatch):
    item = CatalogueItemFactory(name="Ramette", category=Category.PAPER, unit_price=Decimal("4.00"))
    client = client_for(org.staff)
    client.post(reverse("supplies:basket_add"), {"item": item.pk, "quantity": 50})
    assert "Budget left this year" not in client.get(reverse("supplies:basket")).content.decode()
    monkeypatch.setattr(budgets, "apps", PurchasingInstalled({Category.PAPER: Decimal("150.00")}))
    page = client.get(reverse("supplies:basket")).content.decode()
    assert "Budget left this year" in page and "150.00 €" in page and "over budget" in page
