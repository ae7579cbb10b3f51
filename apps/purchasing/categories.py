"""Which spend category (budgets, expense accounts) a supplies catalogue category belongs to.

The catalogue sorts items finely (paper, writing, filing…); the budgets and the accountant count
spend coarsely, by the supplier categories (``SupplierCategory``). An order line made from a
catalogue item, and the budget line the supply request form shows, use this mapping.
"""

from __future__ import annotations

from apps.suppliers.models import SupplierCategory
from apps.supplies.models import Category

SUPPLIES_TO_BUDGET: dict[str, str] = {
    Category.PAPER: SupplierCategory.SUPPLIES,
    Category.WRITING: SupplierCategory.SUPPLIES,
    Category.PRINTING: SupplierCategory.SUPPLIES,
    Category.FILING: SupplierCategory.SUPPLIES,
    Category.KITCHEN: SupplierCategory.SUPPLIES,
    Category.OTHER: SupplierCategory.SUPPLIES,
    Category.CLEANING: SupplierCategory.CLEANING,
    Category.FIRST_AID: SupplierCategory.SECURITY,
    Category.IT_ACCESSORIES: SupplierCategory.IT,
    Category.FURNITURE: SupplierCategory.FURNITURE,
}


def budget_category(supplies_category: str) -> str:
    """The spend category of a catalogue category (office supplies when unknown)."""
    return SUPPLIES_TO_BUDGET.get(supplies_category, SupplierCategory.SUPPLIES)
