"""Reads of supplier invoices: who sees them, the list, the supplier a Factur-X file names, and how an
invoice compares with its orders and with what was received."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from apps.core.money import LineInput, document_totals
from apps.purchasing.models import (
    INVOICE_DUE_NOTICE_DAYS,
    InvoiceKind,
    OrderLine,
    OrderStatus,
    PurchaseOrder,
    ReceiptLine,
    SupplierInvoice,
)
from apps.suppliers.models import Supplier

INVOICE_PAGE_SIZE = 50
UNPAID, DUE_SOON, OVERDUE, PAID, ALL = "unpaid", "due_soon", "overdue", "paid", "all"
ZERO = Decimal("0.00")


def invoices_visible_to(user) -> QuerySet[SupplierInvoice]:
    """Every invoice for an office manager; none for anyone else."""
    if not getattr(user, "is_authenticated", False) or not user.is_office_manager:
        return SupplierInvoice.objects.none()
    return SupplierInvoice.objects.all()


def _status_filter(invoices: QuerySet, status: str, today: dt.date) -> QuerySet:
    soon = today + dt.timedelta(days=INVOICE_DUE_NOTICE_DAYS)
    if status == UNPAID:
        return invoices.filter(paid_on__isnull=True)
    if status == DUE_SOON:
        return invoices.filter(paid_on__isnull=True, due_on__range=(today, soon))
    if status == OVERDUE:
        return invoices.filter(paid_on__isnull=True, due_on__lt=today)
    if status == PAID:
        return invoices.filter(paid_on__isnull=False)
    return invoices


def invoice_page(
    user, *, status: str = UNPAID, supplier: Supplier | None = None, search: str = "", today: dt.date, page: int = 1
) -> Page:
    """One page of the list, each invoice with its supplier (two queries, whatever the number)."""
    invoices = _status_filter(invoices_visible_to(user), status, today)
    if supplier is not None:
        invoices = invoices.filter(supplier=supplier)
    if search:
        invoices = invoices.filter(Q(number__icontains=search) | Q(supplier__name__icontains=search))
    order = ("due_on", "pk") if status in (UNPAID, DUE_SOON, OVERDUE) else ("-issued_on", "-pk")
    invoices = invoices.select_related("supplier").defer("facturx", "notes").order_by(*order)
    return Paginator(invoices, INVOICE_PAGE_SIZE).get_page(page)


def invoice_for_page(user, pk: int) -> QuerySet[SupplierInvoice]:
    return (
        invoices_visible_to(user)
        .filter(pk=pk)
        .select_related("supplier", "site", "team", "created_by")
        .prefetch_related("vat_lines", "orders")
    )


def due_counts(*, today: dt.date) -> dict[str, int]:
    """How many unpaid invoices are overdue and due within the notice window (one query)."""
    soon = today + dt.timedelta(days=INVOICE_DUE_NOTICE_DAYS)
    return SupplierInvoice.objects.filter(paid_on__isnull=True, kind=InvoiceKind.INVOICE).aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        due_soon=Count("pk", filter=Q(due_on__range=(today, soon))),
    )


def invoiceable_orders(supplier: Supplier | None = None) -> QuerySet[PurchaseOrder]:
    """Orders an invoice can be linked to: sent (and later), of the supplier when known."""
    orders = PurchaseOrder.objects.exclude(
        status__in=[OrderStatus.DRAFT, OrderStatus.AWAITING_DIRECTOR, OrderStatus.APPROVED, OrderStatus.CANCELLED]
    ).select_related("supplier")
    if supplier is not None:
        orders = orders.filter(supplier=supplier)
    return orders.order_by("-sent_at", "-pk")


def orders_by_numbers(numbers: list[str], supplier: Supplier | None) -> list[PurchaseOrder]:
    """The orders the Factur-X XML refers to (BuyerOrderReferencedDocument), of that supplier."""
    if not numbers:
        return []
    return list(invoiceable_orders(supplier).filter(number__in=numbers))


def supplier_from_facturx(read: dict | None) -> Supplier | None:
    """The supplier the XML's seller is: by VAT number first, then by SIREN (or a SIRET of it)."""
    if not read:
        return None
    seller = read.get("seller") or {}
    vat, siren = seller.get("vat_number") or "", seller.get("siren") or ""
    if not (vat or siren):
        return None
    match = Q()
    if vat:
        match |= Q(vat_number=vat)
    if siren:
        match |= Q(siren=siren) | Q(siret__startswith=siren)
    candidates = list(Supplier.objects.filter(match).order_by("-is_active", "name", "pk")[:10])
    for supplier in candidates:
        if vat and supplier.vat_number == vat:
            return supplier
    return candidates[0] if candidates else None


@dataclass(frozen=True)
class ComparisonRow:
    rate: Decimal | None  # None: the totals row
    invoiced: Decimal
    ordered: Decimal
    received: Decimal

    @property
    def differs_from_order(self) -> bool:
        return self.invoiced != self.ordered

    @property
    def differs_from_received(self) -> bool:
        return self.invoiced != self.received


@dataclass(frozen=True)
class Comparison:
    rows: list[ComparisonRow]  # per VAT rate (bases excl. VAT), then the totals incl. VAT
    total_excl: ComparisonRow
    total_incl: ComparisonRow

    @property
    def differs(self) -> bool:
        return any(row.differs_from_order or row.differs_from_received for row in [*self.rows, self.total_incl])


def compare_with_orders(
    *, vat_lines: list[tuple[Decimal, Decimal, Decimal]], orders: list[PurchaseOrder]
) -> Comparison | None:
    """The invoice's bases per rate and totals against the linked orders' (ordered) and what was
    received of them (received quantities × the ordered prices). Two queries; None with no order."""
    if not orders:
        return None
    order_ids = [order.pk for order in orders]
    ordered_lines = [
        LineInput(quantity=line.quantity, unit_price=line.unit_price, vat_rate=line.vat_rate)
        for line in OrderLine.objects.filter(order_id__in=order_ids).only("quantity", "unit_price", "vat_rate")
    ]
    received = (
        ReceiptLine.objects.filter(order_line__order_id__in=order_ids)
        .values("order_line__unit_price", "order_line__vat_rate")
        .annotate(quantity=Coalesce(Sum("quantity"), 0))
    )
    received_lines = [
        LineInput(
            quantity=row["quantity"], unit_price=row["order_line__unit_price"], vat_rate=row["order_line__vat_rate"]
        )
        for row in received
    ]
    ordered_totals, received_totals = document_totals(ordered_lines), document_totals(received_lines)
    ordered_by_rate = {row.rate: row.base for row in ordered_totals.by_rate}
    received_by_rate = {row.rate: row.base for row in received_totals.by_rate}
    invoiced_by_rate = {Decimal(rate).quantize(Decimal("0.01")): Decimal(base) for rate, base, _vat in vat_lines}
    rates = sorted(set(ordered_by_rate) | set(received_by_rate) | set(invoiced_by_rate), reverse=True)
    rows = [
        ComparisonRow(
            rate=rate,
            invoiced=invoiced_by_rate.get(rate, ZERO),
            ordered=ordered_by_rate.get(rate, ZERO),
            received=received_by_rate.get(rate, ZERO),
        )
        for rate in rates
    ]
    invoiced_excl = sum((Decimal(base) for _rate, base, _vat in vat_lines), ZERO)
    invoiced_vat = sum((Decimal(vat) for _rate, _base, vat in vat_lines), ZERO)
    return Comparison(
        rows=rows,
        total_excl=ComparisonRow(None, invoiced_excl, ordered_totals.excl_vat, received_totals.excl_vat),
        total_incl=ComparisonRow(None, invoiced_excl + invoiced_vat, ordered_totals.incl_vat, received_totals.incl_vat),
    )
