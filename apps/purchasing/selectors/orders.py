"""Reading purchase orders: what the office manager and the director may see (everything; staff and
managers nothing), the list's page, one order's page, and the figures of the dashboard, the agenda and
the approvals inbox. Each costs a fixed number of queries whatever the number of orders and lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.money import Totals
from apps.core.permissions import get_visible_or_404
from apps.purchasing.models import (
    RECEIVABLE_STATUSES,
    OrderedRequestLine,
    OrderLine,
    OrderStatus,
    PurchaseOrder,
)
from apps.purchasing.services.orders import order_totals
from apps.suppliers.models import Supplier

PAGE_SIZE = 25
SEARCH_MAX_LENGTH = 100
TO_SEND = "to_send"
EXPECTED = "expected"
# The list's status filter: the two working views first, then each status.
STATUS_GROUPS: dict[str, frozenset[str]] = {
    TO_SEND: frozenset({OrderStatus.DRAFT, OrderStatus.APPROVED}),
    EXPECTED: frozenset(RECEIVABLE_STATUSES),
    **{value: frozenset({value}) for value in OrderStatus.values},
}
STATUS_FILTER_LABELS = {
    TO_SEND: gettext_lazy("To send (drafts and approved)"),
    EXPECTED: gettext_lazy("Awaiting delivery"),
}


def may_see_orders(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and (user.is_office_manager or user.is_director))


def orders_visible_to(user) -> QuerySet[PurchaseOrder]:
    """Every order for the office manager and the director (who reads them and approves the large
    ones); none for anyone else."""
    if not may_see_orders(user):
        return PurchaseOrder.objects.none()
    return PurchaseOrder.objects.all()


def order_for_page(user, pk) -> PurchaseOrder:
    """The order ``pk`` if ``user`` may see it (404 otherwise), with what its header shows."""
    queryset = orders_visible_to(user).select_related(
        "supplier", "contact", "site", "team", "created_by", "sent_by", "director_decided_by"
    )
    return get_visible_or_404(queryset, pk=pk)


# --- the list -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListPage:
    page: Page
    counts: dict[str, int]


def _filtered(user, *, status: str, supplier_id: int | None, search: str) -> QuerySet[PurchaseOrder]:
    orders = orders_visible_to(user)
    if status in STATUS_GROUPS:
        orders = orders.filter(status__in=STATUS_GROUPS[status])
    if supplier_id:
        orders = orders.filter(supplier_id=supplier_id)
    search = (search or "").strip()[:SEARCH_MAX_LENGTH]
    if search:
        orders = orders.filter(Q(number__icontains=search) | Q(supplier__name__icontains=search))
    return orders


def status_counts(user) -> dict[str, int]:
    """How many orders in each working view (to send, awaiting delivery, awaiting the director): one query."""
    figures = orders_visible_to(user).aggregate(
        **{
            name: Count("pk", filter=Q(status__in=STATUS_GROUPS[name]))
            for name in (TO_SEND, EXPECTED, OrderStatus.AWAITING_DIRECTOR)
        }
    )
    return {name: value or 0 for name, value in figures.items()}


def order_list_page(
    user, *, status: str = "", supplier_id: int | None = None, search: str = "", page: int = 1
) -> ListPage:
    """One page of orders, newest first: the counts, the rows' count and the rows (three queries)."""
    orders = (
        _filtered(user, status=status, supplier_id=supplier_id, search=search)
        .select_related("supplier", "site")
        .only(
            "pk",
            "number",
            "status",
            "created_at",
            "expected_on",
            "total_excl_vat",
            "total_incl_vat",
            "supplier__name",
            "site__name",
        )
        .order_by("-created_at", "-pk")
    )
    return ListPage(page=Paginator(orders, PAGE_SIZE).get_page(page), counts=status_counts(user))


def supplier_choices(user) -> list[tuple[int, str]]:
    """The suppliers the list filters by: those with orders (one query)."""
    if not may_see_orders(user):
        return []
    return list(Supplier.objects.filter(orders__isnull=False).distinct().order_by("name").values_list("pk", "name"))


# --- one order ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime | dt.date
    text: str
    by: str = ""
    note: str = ""


@dataclass(frozen=True)
class LineView:
    line: OrderLine
    net: Decimal
    requests: list = field(default_factory=list)  # the supply requests the line buys for


@dataclass(frozen=True)
class OrderPage:
    order: PurchaseOrder
    lines: list[LineView]
    totals: Totals
    history: list[HistoryEntry]


def _person(user) -> str:
    return (user.get_full_name() or user.email) if user else ""


def order_page(order: PurchaseOrder) -> OrderPage:
    """The lines (with the supply requests they buy for), the totals per VAT rate and the history
    (a fixed number of queries)."""
    lines = list(
        order.lines.select_related("item")
        .prefetch_related(
            Prefetch(
                "request_links",
                queryset=OrderedRequestLine.objects.select_related("request_line__request__requester"),
            )
        )
        .order_by("position", "pk")
    )
    totals = order_totals(lines)
    views = [
        LineView(
            line=line,
            net=net,
            requests=sorted(
                {link.request_line.request for link in line.request_links.all()}, key=lambda request: request.pk
            ),
        )
        for line, net in zip(lines, totals.line_nets, strict=True)
    ]
    return OrderPage(order=order, lines=views, totals=totals, history=order_history(order))


def order_history(order: PurchaseOrder) -> list[HistoryEntry]:
    """What happened to the order, oldest first, from its dates and its deliveries (one query)."""
    entries = [HistoryEntry(order.created_at, _("Created"), _person(order.created_by))]
    if order.submitted_at and order.needs_director:
        entries.append(HistoryEntry(order.submitted_at, _("Submitted to the director")))
    if order.director_decided_at:
        refused = bool(order.refusal_reason) and order.status == OrderStatus.DRAFT
        entries.append(
            HistoryEntry(
                order.director_decided_at,
                _("Refused by the director") if refused else _("Approved by the director"),
                _person(order.director_decided_by),
                order.refusal_reason if refused else "",
            )
        )
    if order.sent_at:
        entries.append(
            HistoryEntry(
                order.sent_at, _("Sent to the supplier (%(number)s)") % {"number": order.number}, _person(order.sent_by)
            )
        )
    for receipt in order.receipts.select_related("by").order_by("created_at", "pk"):
        entries.append(HistoryEntry(receipt.created_at, _("Delivery received"), _person(receipt.by), receipt.note))
    if order.received_at:
        entries.append(HistoryEntry(order.received_at, _("Received in full")))
    if order.closed_at:
        entries.append(HistoryEntry(order.closed_at, _("Closed")))
    if order.cancelled_at:
        entries.append(HistoryEntry(order.cancelled_at, _("Cancelled"), note=order.cancel_reason))
    return sorted(entries, key=lambda entry: entry.at)


# --- dashboard, agenda, approvals -----------------------------------------------------------------


def office_figures() -> dict[str, int]:
    """Orders to send (drafts and approved) and awaiting delivery: one query."""
    figures = PurchaseOrder.objects.aggregate(
        to_send=Count("pk", filter=Q(status__in=STATUS_GROUPS[TO_SEND])),
        expected=Count("pk", filter=Q(status__in=STATUS_GROUPS[EXPECTED])),
        late=Count("pk", filter=Q(status__in=STATUS_GROUPS[EXPECTED], expected_on__lt=timezone.localdate())),
    )
    return {name: value or 0 for name, value in figures.items()}


def expected_deliveries(start: dt.date, end: dt.date) -> list[PurchaseOrder]:
    """Sent and partly received orders expected between ``start`` and ``end`` (one query)."""
    return list(
        PurchaseOrder.objects.filter(status__in=RECEIVABLE_STATUSES, expected_on__range=(start, end))
        .select_related("supplier", "site")
        .only("pk", "number", "status", "expected_on", "supplier__name", "site__name")
        .order_by("expected_on", "pk")
    )


def awaiting_director() -> QuerySet[PurchaseOrder]:
    return PurchaseOrder.objects.filter(status=OrderStatus.AWAITING_DIRECTOR)


def awaiting_director_rows() -> list[PurchaseOrder]:
    """The orders waiting for the director, oldest first, with what the inbox shows (one query)."""
    return list(
        awaiting_director()
        .select_related("supplier", "created_by", "site")
        .annotate(line_count=Count("lines"))
        .order_by("submitted_at", "pk")
    )
