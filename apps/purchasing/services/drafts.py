"""Draft purchase orders made from approved supply requests and from the reorder list.

The office manager picks lines on ``purchasing:from_requests`` or ``purchasing:from_reorder``; each
supplier (and delivery site) gets one DRAFT order, with the catalogue's unit price and VAT rate and,
for request lines, an ``OrderedRequestLine`` per request line so that receiving the order fulfils
them. Lines with no supplier (not in the catalogue, or an item with no preferred supplier) are
listed, not ordered. A line already on a live order (not cancelled, not fully received) is not
ordered twice: the candidates are locked and read again in the creating transaction, and the
database refuses a request line linked twice. Drafts have no number (numbers are given at sending)
and are edited, submitted and sent on the order pages.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from apps.core.money import LineInput, document_totals
from apps.purchasing.models import OrderedRequestLine, OrderLine, OrderStatus, PurchaseOrder
from apps.suppliers.models import Contact, Supplier, SupplierCategory
from apps.supplies.models import MAX_QUANTITY, TO_FULFIL_STATUSES, CatalogueItem, LineDecision, RequestLine, SiteStock
from apps.supplies.selectors.stock import low_stocks

# An order that still stands for what it asks: not cancelled, and not (fully) delivered.
LIVE_STATUSES = frozenset(
    {
        OrderStatus.DRAFT,
        OrderStatus.AWAITING_DIRECTOR,
        OrderStatus.APPROVED,
        OrderStatus.SENT,
        OrderStatus.PARTLY_RECEIVED,
    }
)


def require_office_manager(user) -> None:
    if not (getattr(user, "is_authenticated", False) and user.is_active and user.is_office_manager):
        raise PermissionDenied(_("Only an office manager makes purchase orders."))


@dataclass
class Candidate:
    """A line that could be ordered: a request line (``request_line``) or a reorder line (``stock``)."""

    key: str  # "r<pk>" or "s<pk>": the checkbox's value
    description: str
    quantity: int
    site_id: int
    site_name: str
    item: CatalogueItem | None
    supplier: Supplier | None
    request_line: RequestLine | None = None
    stock: SiteStock | None = None

    @property
    def unit_price(self) -> Decimal:
        return self.item.unit_price if self.item else self.request_line.unit_price

    @property
    def amount(self) -> Decimal:
        return (self.unit_price * self.quantity).quantize(Decimal("0.01"))


@dataclass
class CandidateGroup:
    supplier: Supplier | None
    lines: list[Candidate] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))


def _live_links() -> Q:
    return Q(order_links__order_line__order__status__in=LIVE_STATUSES)


def request_candidates(*, lock: bool = False, keys=None) -> list[Candidate]:
    """Approved lines of approved requests not yet in hand and not on a live order."""
    lines = (
        RequestLine.objects.filter(
            decision=LineDecision.APPROVED,
            fulfilled_at__isnull=True,
            request__status__in=TO_FULFIL_STATUSES,
            issued_quantity__lt=F("quantity"),
        )
        .exclude(_live_links())
        .select_related("request__site", "request__requester", "item__supplier")
        .order_by("request__created_at", "request_id", "position", "pk")
    )
    if keys is not None:
        lines = lines.filter(pk__in=keys)
    if lock:
        lines = lines.select_for_update(of=("self",))
    return [
        Candidate(
            key=f"r{line.pk}",
            description=line.item.name if line.item else line.description,
            quantity=line.quantity - line.issued_quantity,
            site_id=line.request.site_id,
            site_name=line.request.site.name,
            item=line.item,
            supplier=line.item.supplier if line.item else None,
            request_line=line,
        )
        for line in lines
    ]


def _on_order() -> set[tuple[int, int]]:
    """(item, site) pairs with units still expected on a live order."""
    return set(
        OrderLine.objects.filter(
            order__status__in=LIVE_STATUSES, item__isnull=False, received_quantity__lt=F("quantity")
        ).values_list("item_id", "order__site_id")
    )


def reorder_candidates(*, lock: bool = False, keys=None) -> list[Candidate]:
    """The reorder list's lines (stock at or under its threshold) whose item is not already on order
    for that site."""
    stocks = low_stocks().select_related("item__supplier", "site").order_by("item__name", "site__name", "pk")
    if keys is not None:
        stocks = stocks.filter(pk__in=keys)
    if lock:
        stocks = stocks.select_for_update(of=("self",))
    stocks = list(stocks)  # locked first: what is on order is read after any other submission committed
    on_order = _on_order()
    found = []
    for stock in stocks:
        if (stock.item_id, stock.site_id) in on_order:
            continue
        reorder = stock.reorder_quantity
        quantity = reorder if reorder > 0 else stock.reorder_threshold - stock.quantity + 1
        found.append(
            Candidate(
                key=f"s{stock.pk}",
                description=stock.item.name,
                quantity=quantity,
                site_id=stock.site_id,
                site_name=stock.site.name,
                item=stock.item,
                supplier=stock.item.supplier,
                stock=stock,
            )
        )
    return found


def grouped(candidates: list[Candidate]) -> list[CandidateGroup]:
    """By supplier in name order, the lines with no supplier last."""
    groups: dict[int | None, CandidateGroup] = {}
    for candidate in candidates:
        supplier_id = candidate.supplier.pk if candidate.supplier else None
        groups.setdefault(supplier_id, CandidateGroup(supplier=candidate.supplier)).lines.append(candidate)

    def order(group: CandidateGroup) -> tuple:
        supplier = group.supplier
        return (supplier is None, supplier.name.casefold() if supplier else "", supplier.pk if supplier else 0)

    return sorted(groups.values(), key=order)


def _keys(selected, prefix: str) -> list[int]:
    keys = []
    for value in selected or []:
        text = str(value)
        if text.startswith(prefix) and text[1:].isdigit() and len(text) < 20:
            keys.append(int(text[1:]))
    return keys


@dataclass(frozen=True)
class DraftsOutcome:
    orders: list[PurchaseOrder]
    skipped: list[Candidate]  # chosen but with no supplier: listed, not ordered
    already: bool = False  # the same form was already sent: nothing more made


def _make_orders(candidates: list[Candidate], *, by, token: uuid.UUID) -> list[PurchaseOrder]:
    by_order: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_order[(candidate.supplier.pk, candidate.site_id)].append(candidate)
    orders = []
    for index, ((supplier_id, site_id), chosen) in enumerate(sorted(by_order.items())):
        supplier = chosen[0].supplier
        contact = Contact.objects.filter(supplier_id=supplier_id, is_orders_contact=True).first()
        order = PurchaseOrder.objects.create(
            supplier=supplier,
            contact=contact,
            site_id=site_id,
            status=OrderStatus.DRAFT,
            created_by=by,
            # The form's token on the first order (what a second submission finds), derived ones on the others.
            creation_token=token if index == 0 else uuid.uuid5(token, f"{supplier_id}-{site_id}"),
        )
        # One order line per catalogue item (several requests for the same item are one line);
        # a free line stays one line per request line.
        merged: dict[object, tuple[OrderLine, list[RequestLine]]] = {}
        for candidate in chosen:
            key = candidate.item.pk if candidate.item else candidate.key
            if key in merged:
                merged[key][0].quantity += candidate.quantity
            else:
                item = candidate.item
                merged[key] = (
                    OrderLine(
                        order=order,
                        position=len(merged),
                        item=item,
                        description=(item.name if item else candidate.description)[:255],
                        supplier_reference=item.supplier_reference if item else "",
                        unit=str(item.get_unit_display()) if item else "",
                        quantity=candidate.quantity,
                        unit_price=candidate.unit_price,
                        vat_rate=item.vat_rate if item else candidate.request_line.vat_rate,
                        category=SupplierCategory.SUPPLIES,
                    ),
                    [],
                )
            if candidate.request_line is not None:
                merged[key][1].append(candidate.request_line)
        for line, request_lines in merged.values():
            if line.quantity > MAX_QUANTITY:
                raise ValidationError(_("“%(line)s”: too many units for one order line.") % {"line": line.description})
            line.save()
            OrderedRequestLine.objects.bulk_create(
                [OrderedRequestLine(order_line=line, request_line=request_line) for request_line in request_lines]
            )
        totals = document_totals(
            [
                LineInput(quantity=line.quantity, unit_price=line.unit_price, vat_rate=line.vat_rate)
                for line, _links in merged.values()
            ]
        )
        order.total_excl_vat, order.total_vat, order.total_incl_vat = totals.excl_vat, totals.vat, totals.incl_vat
        order.save(update_fields=["total_excl_vat", "total_vat", "total_incl_vat"])
        orders.append(order)
    return orders


def drafts_create(*, by, selected, token, source: str) -> DraftsOutcome:
    """Make one draft order per supplier and site from the ``selected`` checkbox values ("r12", "s7").

    ``source`` is "requests" or "reorder". A ValidationError when nothing orderable was chosen.
    """
    require_office_manager(by)
    try:
        token = uuid.UUID(str(token))
    except (TypeError, ValueError, AttributeError):
        raise ValidationError(_("The form has expired: open the page again.")) from None
    prefix, finder = ("r", request_candidates) if source == "requests" else ("s", reorder_candidates)
    keys = _keys(selected, prefix)
    if not keys:
        raise ValidationError(_("Choose at least one line to order."), code="nothing")
    if PurchaseOrder.objects.filter(created_by=by, creation_token=token).exists():
        return DraftsOutcome(orders=[], skipped=[], already=True)
    try:
        with transaction.atomic():
            candidates = finder(lock=True, keys=keys)
            orderable = [c for c in candidates if c.supplier is not None]
            skipped = [c for c in candidates if c.supplier is None]
            if not orderable:
                if not candidates:
                    raise ValidationError(_("These lines are already on an order, or no longer to order."), code="gone")
                raise ValidationError(
                    _("None of these lines has a supplier: set the items' preferred supplier in the catalogue."),
                    code="no_supplier",
                )
            # Released links of cancelled orders do not stand in the way.
            OrderedRequestLine.objects.filter(
                request_line__in=[c.request_line for c in orderable if c.request_line is not None]
            ).exclude(order_line__order__status__in=LIVE_STATUSES).delete()
            orders = _make_orders(orderable, by=by, token=token)
    except IntegrityError:
        # Another submission ordered the same lines (or the same form) at the same moment.
        return DraftsOutcome(orders=[], skipped=[], already=True)
    return DraftsOutcome(orders=orders, skipped=skipped)
