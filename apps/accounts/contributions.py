"""The accounts app in the cross-app registries (see apps/core/registry.py)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core import roles
from apps.core.registry import AgendaItem, BenchPage, Card
from apps.core.reversing import fixed_url

from . import selectors

# The head count and the company's details depend on the viewer's roles and the database only.
CACHED_HOOKS = ("dashboard_cards", "director_figures", "agenda_items")

HOLIDAY_COLOUR = "#6c757d"


def _sees_company(user) -> bool:
    return user.has_role(roles.OFFICE_MANAGER) or user.has_role(roles.DIRECTOR)


def agenda_items(user, start: dt.date, end: dt.date) -> list[AgendaItem]:
    """The company's events for those who see the whole company (the director, the office manager):
    the public holidays of its sites, each once, naming the sites when not all of them observe it.
    (No other company event is modelled yet.)"""
    if not _sees_company(user):
        return []
    everywhere = gettext("Public holiday: %(name)s")
    some_sites = gettext("Public holiday: %(name)s (%(sites)s)")
    return [
        AgendaItem(
            title=(everywhere if holiday.everywhere else some_sites)
            % {"name": holiday.name, "sites": ", ".join(holiday.sites)},
            start=holiday.day,
            kind="holiday",
            colour=HOLIDAY_COLOUR,
        )
        for holiday in selectors.public_holidays_between(start, end)
    ]


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
