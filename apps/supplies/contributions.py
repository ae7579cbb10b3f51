"""The supplies app in the cross-app registries (see apps/core/registry.py). Each function costs a
fixed number of queries whatever the size of the catalogue, the stock, the requests or the equipment
register."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.registry import Card
from apps.core.reversing import fixed_url
from apps.premises.services.common import is_office_manager
from apps.supplies.models import WARRANTY_NOTICE_DAYS
from apps.supplies.selectors import equipment as equipment_selectors
from apps.supplies.selectors import stock as stock_selectors
from apps.supplies.selectors.equipment import WARRANTY_SOON
from apps.supplies.selectors.my_requests import my_open_requests_count


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


def _warranty_card() -> Card:
    count = equipment_selectors.warranties_ending_count(timezone.localdate())  # one query
    return Card(
        title=_("Warranties ending"),
        value=count,
        url=f"{fixed_url('supplies:equipment_list')}?warranty={WARRANTY_SOON}",
        severity="warning" if count else "success",
        detail=_("equipment, within %(days)d days") % {"days": WARRANTY_NOTICE_DAYS},
        icon="hourglass-split",
        order=50,
    )


def dashboard_cards(user) -> list[Card]:
    """Office manager: the stock rows to reorder, the warranties ending (one query each)."""
    if not is_office_manager(user):
        return []
    return [_reorder_card(), _warranty_card()]


def my_space_cards(user) -> list[Card]:
    """Everyone: my open requests and the equipment I hold (one query each)."""
    requests_count = my_open_requests_count(user)
    held = equipment_selectors.held_count(user)
    return [
        Card(
            title=_("My requests"),
            value=requests_count,
            url=fixed_url("supplies:my_requests"),
            detail=_("supplies and equipment in progress"),
            severity="info" if requests_count else "secondary",
            icon="basket",
            order=50,
        ),
        Card(
            title=_("My equipment"),
            value=held,
            url=fixed_url("supplies:my_equipment"),
            detail=_("laptop, screen, phone, badge…"),
            severity="info" if held else "secondary",
            icon="laptop",
            order=51,
        ),
    ]
