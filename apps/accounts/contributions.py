"""The accounts app in the cross-app registries (see apps/core/registry.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.core import roles
from apps.core.registry import BenchPage, Card
from apps.core.reversing import fixed_url

from . import selectors

# The head count and the company's details depend on the viewer's roles and the database only.
CACHED_HOOKS = ("dashboard_cards",)


def dashboard_cards(user) -> list[Card]:
    """For the office manager: how many people have an account, and a warning while the company is incomplete.

    The director sees the head count among the key figures (without the link to account management).
    """
    office_manager = user.has_role(roles.OFFICE_MANAGER)
    if not (office_manager or user.has_role(roles.DIRECTOR)):
        return []
    people = selectors.active_people_count()
    cards = [
        Card(
            title=_("People"),
            value=people,
            url=fixed_url("accounts:user_list") + "?status=active" if office_manager else "",
            detail=_("active accounts"),
            icon="people",
            order=90,
        )
    ]
    if not office_manager:
        return cards
    if not selectors.company_siren():
        cards.append(
            Card(
                title=_("Company details incomplete"),
                value=_("To complete"),
                url=fixed_url("accounts:company"),
                severity="warning",
                detail=_("Quotes and invoices need the legal name, address and SIREN."),
                icon="exclamation-triangle",
                order=10,
            )
        )
    return cards


def benchmark_pages() -> list[BenchPage]:
    return [BenchPage(name="accounts list", path="/accounts/users/", role=roles.OFFICE_MANAGER)]
