"""The supplies app in the cross-app registries (see apps/core/registry.py). Each function costs a
fixed number of queries whatever the size of the catalogue, the stock or the equipment register."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.registry import Card
from apps.core.reversing import fixed_url
from apps.premises.services.common import is_office_manager
from apps.supplies.models import WARRANTY_NOTICE_DAYS
from apps.supplies.selectors import equipment as equipment_selectors
from apps.supplies.selectors.equipment import WARRANTY_SOON


def equipment_dashboard_cards(user) -> list[Card]:
    """Office manager: the items whose warranty ends within the notice window (one query)."""
    if not is_office_manager(user):
        return []
    count = equipment_selectors.warranties_ending_count(timezone.localdate())
    return [
        Card(
            title=_("Warranties ending"),
            value=count,
            url=f"{fixed_url('supplies:equipment_list')}?warranty={WARRANTY_SOON}",
            severity="warning" if count else "success",
            detail=_("equipment, within %(days)d days") % {"days": WARRANTY_NOTICE_DAYS},
            icon="hourglass-split",
            order=50,
        )
    ]


def equipment_my_space_cards(user) -> list[Card]:
    """Everyone: how many items of the company's equipment I hold (one query)."""
    count = equipment_selectors.held_count(user)
    return [
        Card(
            title=_("My equipment"),
            value=count,
            url=fixed_url("supplies:my_equipment"),
            detail=_("laptop, screen, phone, badge…"),
            severity="info" if count else "secondary",
            icon="laptop",
            order=45,
        )
    ]


def dashboard_cards(user) -> list[Card]:
    return equipment_dashboard_cards(user)


def my_space_cards(user) -> list[Card]:
    return equipment_my_space_cards(user)
