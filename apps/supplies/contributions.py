"""The supplies app in the cross-app registries (see apps/core/registry.py). Each function costs a
fixed number of queries whatever the size of the catalogue, the stock or the requests."""

from __future__ import annotations

from django.utils.translation import gettext as _

from apps.core.registry import Card
from apps.core.reversing import fixed_url
from apps.supplies.selectors import stock as stock_selectors


def _reorder_card() -> Card:
    count = stock_selectors.reorder_count()  # one query
    return Card(
        title=_("Items to reorder"),
        value=count,
        url=fixed_url("supplies:reorder"),
        severity="warning" if count else "success",
        detail=_("at or under their reorder threshold") if count else _("every stock is above its threshold"),
        icon="cart-plus",
        order=40,
    )


def dashboard_cards(user) -> list[Card]:
    """Office manager: the stock rows to reorder (one query)."""
    if not user.is_office_manager:
        return []
    return [_reorder_card()]
