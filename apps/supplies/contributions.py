"""The supplies app in the cross-app registries (see apps/core/registry.py). Each function costs a
fixed number of queries whatever the number of items or requests."""

from __future__ import annotations

from django.utils.translation import gettext as _

from apps.core.registry import Card
from apps.core.reversing import fixed_url
from apps.supplies.selectors.my_requests import my_open_requests_count


def my_space_cards(user) -> list[Card]:
    """My open requests (pending, approved and not ready yet, or ready to pick up): one query."""
    count = my_open_requests_count(user)
    return [
        Card(
            title=_("My requests"),
            value=count,
            url=fixed_url("supplies:my_requests"),
            detail=_("supplies and equipment in progress"),
            severity="info" if count else "secondary",
            icon="basket",
            order=50,
        )
    ]
