"""The purchasing app in the cross-app registries (see apps/core/registry.py). Each function costs a
fixed number of queries whatever the number of orders, invoices and budgets."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from apps.core import roles
from apps.core.registry import AgendaItem, BenchPage, Card, MenuEntry
from apps.core.reversing import fixed_url
from apps.purchasing.models import INVOICE_DUE_NOTICE_DAYS, OrderStatus, PurchaseOrder
from apps.purchasing.selectors.invoices import due_counts as invoice_due_counts


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
    """Unpaid invoices overdue and due within the notice window: one query."""
    figures = invoice_due_counts(today=timezone.localdate())
    url = fixed_url("purchasing:invoice_list")
    overdue, due_soon = figures["overdue"], figures["due_soon"]
    return [
        Card(
            title=gettext_lazy("Invoices due"),
            value=due_soon,
            url=f"{url}?status=due_soon",
            severity="warning" if due_soon else "success",
            detail=gettext_lazy("supplier invoices to pay within %(days)d days") % {"days": INVOICE_DUE_NOTICE_DAYS},
            icon="calendar-check",
            order=46,
        ),
        Card(
            title=gettext_lazy("Invoices overdue"),
            value=overdue,
            url=f"{url}?status=overdue",
            severity="danger" if overdue else "success",
            detail=gettext_lazy("supplier invoices past their due date") if overdue else gettext_lazy("none late"),
            icon="exclamation-octagon",
            order=46,
        ),
    ]


# --- budgets -------------------------------------------------------------------------------------


def _budget_cards(user) -> list[Card]:
    return []


# --- benchmark -----------------------------------------------------------------------------------


def _benchmark_pages() -> list[BenchPage]:
    return [
        BenchPage(
            name="purchase order",
            path="/purchasing/orders/<newest partly received>/",
            role=roles.OFFICE_MANAGER,
            resolve=_bench_order_path,
        ),
        BenchPage(name="budgets", path="/purchasing/budgets/", role=roles.OFFICE_MANAGER),
    ]


def _bench_order_path() -> str:
    """The newest order partly received (lines, a delivery, the rest to come), else the newest sent one:
    the demo seeds both (apps/purchasing/demo.py)."""
    orders = PurchaseOrder.objects.exclude(number="").order_by("-sent_at", "-pk")
    pk = orders.filter(status=OrderStatus.PARTLY_RECEIVED).values_list("pk", flat=True).first()
    pk = pk or orders.values_list("pk", flat=True).first()
    if pk is None:
        raise LookupError("no purchase order has been sent in this database: run seed_demo first")
    return reverse("purchasing:order_detail", args=[pk])
