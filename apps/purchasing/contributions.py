"""The purchasing app in the cross-app registries (see apps/core/registry.py). Each function costs a
fixed number of queries whatever the number of orders, invoices and budgets."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from apps.core.registry import MenuEntry
from apps.core.reversing import fixed_url


def menu_entries(user) -> list[MenuEntry]:
    """One entry for purchasing and the supplier directory (their pages link each other through the
    purchasing sub-navigation): the office manager's and the director's, who approves large orders."""
    if not (user.is_office_manager or user.is_director):
        return []
    return [
        MenuEntry(
            title=gettext_lazy("Purchasing"),
            url=fixed_url("purchasing:order_list"),
            url_prefix="/purchasing/",
            also_under=("/suppliers/",),
            order=45,
        )
    ]
