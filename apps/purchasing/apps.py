from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.apps import AppConfig
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


class PurchasingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.purchasing"
    verbose_name = _("Purchasing and budgets")

    def remaining_budgets(self, *, categories: Iterable[str], year: int) -> dict[str, Decimal]:
        """The supplies app's budget line (apps/supplies/budgets.py): what is left this year per supplies
        category, through the budget of the spend category it belongs to."""
        # Found by name: this module is imported before the models are ready, the selectors need them.
        provider = import_string("apps.purchasing.selectors.budgets.remaining_for_supplies_categories")
        return provider(categories=categories, year=year)
