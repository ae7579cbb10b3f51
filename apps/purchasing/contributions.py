"""The purchasing app in the cross-app registries (see apps/core/registry.py). Each function costs a
fixed number of queries whatever the number of orders, invoices and budgets."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from apps.core.registry import AgendaItem, BenchPage, Card, MenuEntry
from apps.core.reversing import fixed_url
from apps.purchasing.selectors import budgets as budget_selectors


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


# The hooks below gather one part per area; each area's part is a private function in its own
# section further down, so the areas stay apart.


def dashboard_cards(user) -> list[Card]:
    if not user.is_office_manager:
        return []
    return [*_order_cards(user), *_invoice_cards(user), *_budget_cards(user)]


def agenda_items(user, start: dt.date, end: dt.date) -> list[AgendaItem]:
    if not user.is_office_manager:
        return []
    return [*_delivery_items(user, start, end)]


def benchmark_pages() -> list[BenchPage]:
    return [*_benchmark_pages()]


# --- orders: cards, expected deliveries, the director's approvals --------------------------------


def _order_cards(user) -> list[Card]:
    return []


def _delivery_items(user, start: dt.date, end: dt.date) -> list[AgendaItem]:
    return []


# --- supplier invoices ---------------------------------------------------------------------------


def _invoice_cards(user) -> list[Card]:
    return []


# --- budgets -------------------------------------------------------------------------------------


def _budget_cards(user) -> list[Card]:
    """The year's budget consumption: the most consumed categories first (three queries)."""
    today = timezone.localdate()
    rows = budget_selectors.category_consumption(today.year)
    if not rows:
        return []
    worst = rows[:3]
    top = worst[0]
    return [
        Card(
            title=gettext("Budgets %(year)d") % {"year": today.year},
            value=f"{top.percent} %",
            url=fixed_url("purchasing:budgets"),
            severity=budget_selectors.severity(top.percent),
            detail=" · ".join(f"{row.label} {row.percent} %" for row in worst),
            icon="pie-chart",
            order=60,
        )
    ]


# --- benchmark -----------------------------------------------------------------------------------


def _benchmark_pages() -> list[BenchPage]:
    return []
