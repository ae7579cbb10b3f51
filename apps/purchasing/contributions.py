"""The purchasing app in the cross-app registries (see apps/core/registry.py). Each function costs a
fixed number of queries whatever the number of orders, invoices and budgets."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from apps.core import roles
from apps.core.registry import APPROVALS_BADGE, AgendaItem, Approval, BadgeCount, BenchPage, Card, MenuEntry
from apps.core.reversing import fixed_url, pk_url
from apps.purchasing.models import INVOICE_DUE_NOTICE_DAYS, OrderStatus, PurchaseOrder
from apps.purchasing.selectors import budgets as budget_selectors
from apps.purchasing.selectors import orders as order_selectors
from apps.purchasing.selectors.invoices import due_counts as invoice_due_counts

INBOX = "/inbox/"

# Kept by the registry's read cache (apps/core/cache.py): the director's spend figure depends on today
# and the database only (the other hooks are computed on every request, as before).
CACHED_HOOKS = ("director_figures",)


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
    """Orders to send (drafts and approved) and orders awaiting delivery (one query)."""
    figures = order_selectors.office_figures()
    orders = fixed_url("purchasing:order_list")
    late = figures["late"]
    return [
        Card(
            title=_("Orders to send"),
            value=figures["to_send"],
            url=f"{orders}?status={order_selectors.TO_SEND}",
            severity="warning" if figures["to_send"] else "success",
            detail=_("drafts and approved purchase orders not sent yet"),
            icon="send",
            order=45,
        ),
        Card(
            title=_("Deliveries awaited"),
            value=figures["expected"],
            url=f"{orders}?status={order_selectors.EXPECTED}",
            severity="danger" if late else "info",
            detail=(
                ngettext("%(count)d of them late", "%(count)d of them late", late) % {"count": late}
                if late
                else _("purchase orders sent, not fully received")
            ),
            icon="truck",
            order=46,
        ),
    ]


def _delivery_items(user, start: dt.date, end: dt.date) -> list[AgendaItem]:
    """The deliveries expected between ``start`` and ``end`` (one query)."""
    order_url = pk_url("purchasing:order_detail")
    return [
        AgendaItem(
            title=_("Delivery %(number)s · %(supplier)s") % {"number": order.number, "supplier": order.supplier.name},
            start=order.expected_on,
            kind="delivery",
            url=order_url(order.pk),
        )
        for order in order_selectors.expected_deliveries(start, end)
    ]


def approves(user) -> bool:
    """The director approves the orders above the threshold."""
    return user.is_director


def pending_approvals(user) -> list[Approval]:
    """The orders waiting for the director (one query)."""
    if not user.is_director:
        return []
    detail_url, approve_url, refuse_url = (
        pk_url(f"purchasing:order_{name}") for name in ("detail", "approve", "refuse")
    )
    title = _("Purchase order to %(supplier)s")
    approvals = []
    for order in order_selectors.awaiting_director_rows():
        detail = ngettext(
            "%(count)d line · %(total)s € incl. VAT", "%(count)d lines · %(total)s € incl. VAT", order.line_count
        ) % {"count": order.line_count, "total": number_format(order.total_incl_vat, 2, force_grouping=True)}
        approvals.append(
            Approval(
                kind="purchase_order",
                title=title % {"supplier": order.supplier.name},
                requester=order.created_by,
                submitted_at=order.submitted_at or order.created_at,
                url=detail_url(order.pk),
                approve_url=f"{approve_url(order.pk)}?next={INBOX}",
                refuse_url=refuse_url(order.pk),
                detail=detail,
                context=[_("Delivery to %(site)s") % {"site": order.site.name}],
            )
        )
    return approvals


def badge_counts(user) -> list[BadgeCount]:
    """The inbox badge: the orders waiting for the director."""
    if not user.is_director:
        return []
    return [BadgeCount(APPROVALS_BADGE, order_selectors.awaiting_director())]


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


def director_figures(user) -> list[Card]:
    """The director's “spend against budget”: this year's budgets' committed and invoiced spend against
    their total (three queries); nothing while no budget is set for the year."""
    if not (user.is_director or user.is_office_manager):
        return []
    today = timezone.localdate()
    year = budget_selectors.year_budgets(today.year)
    if not year.lines:
        return []
    amount, spent = year.amount, year.budgeted_spend
    percent = budget_selectors.consumption(amount, spent)
    return [
        Card(
            title=gettext("Spend against budget %(year)d") % {"year": today.year},
            value=f"{percent} %",
            url=fixed_url("purchasing:budgets"),
            severity=budget_selectors.severity(percent),
            detail=gettext("%(spent)s € committed and invoiced of %(amount)s € excl. VAT")
            % {
                "spent": number_format(spent, 0, force_grouping=True),
                "amount": number_format(amount, 0, force_grouping=True),
            },
            icon="pie-chart",
            order=41,
        )
    ]


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
