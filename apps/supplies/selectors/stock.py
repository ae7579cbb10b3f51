"""Reads of the stock pages: one item's stock and ledger, the inventory sheet, the reorder list.

Every read costs a fixed number of queries whatever the number of items, sites or moves. The pages
are the office manager's: the ``*_visible_to`` querysets are empty for anyone else (the views answer
403 before reading them; an empty scope is the second lock).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import groupby

from django.db.models import F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from apps.accounts.models import Site
from apps.supplies.models import CatalogueItem, Category, InventoryCount, InventoryCountLine, SiteStock, StockMove

CENT = Decimal("0.01")


def _may_keep_stock(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_office_manager)


def stock_items_visible_to(user) -> QuerySet[CatalogueItem]:
    """Every catalogue item, archived ones too (their history stays readable), for the office manager."""
    qs = CatalogueItem.objects.all()
    return qs if _may_keep_stock(user) else qs.none()


def stock_sites_visible_to(user) -> QuerySet[Site]:
    """Every site, closed ones too (their leftover stock can still be adjusted), for the office manager."""
    qs = Site.objects.all()
    return qs if _may_keep_stock(user) else qs.none()


def counts_visible_to(user) -> QuerySet[InventoryCount]:
    qs = InventoryCount.objects.select_related("site", "by")
    return qs if _may_keep_stock(user) else qs.none()


# ---------------------------------------------------------------------------------------------
# One item's stock


@dataclass
class SiteStockRow:
    site: Site
    stock: SiteStock  # unsaved (quantity 0, no threshold) where the item was never stocked on the site

    @property
    def exists(self) -> bool:
        return self.stock.pk is not None


def item_stock_rows(item: CatalogueItem) -> list[SiteStockRow]:
    """One row per open site, and per closed site still holding a stock row of the item (two queries)."""
    stocks = {stock.site_id: stock for stock in SiteStock.objects.filter(item=item)}
    sites = Site.objects.filter(Q(is_active=True) | Q(pk__in=list(stocks)))
    return [
        SiteStockRow(site=site, stock=stocks.get(site.pk) or SiteStock(item=item, site=site, quantity=0))
        for site in sites
    ]


def item_moves(item: CatalogueItem) -> QuerySet[StockMove]:
    """The item's ledger on every site, newest first (paginate it)."""
    return (
        StockMove.objects.filter(stock__item=item)
        .select_related("stock__site", "by", "request_line")
        .order_by("-at", "-pk")
    )


# ---------------------------------------------------------------------------------------------
# Inventory counts


@dataclass(frozen=True)
class SheetLine:
    item_id: int
    name: str
    unit: str
    supplier_reference: str
    expected: int


@dataclass
class SheetGroup:
    category: str
    label: str
    lines: list[SheetLine] = field(default_factory=list)


def inventory_sites() -> list[Site]:
    """The open sites, each with ``last_count`` (when its shelves were last counted, or None); one query."""
    last = InventoryCount.objects.filter(site=OuterRef("pk")).order_by("-at").values("at")[:1]
    return list(Site.objects.filter(is_active=True).annotate(last_count=Subquery(last)))


def inventory_sheet(site: Site) -> list[SheetGroup]:
    """The active items with the figure ``site``'s stock expects (0 where never stocked), by category
    in the catalogue's order, then by name; one query."""
    expected = SiteStock.objects.filter(item=OuterRef("pk"), site=site).values("quantity")[:1]
    rows = (
        CatalogueItem.objects.filter(is_active=True)
        .annotate(expected=Coalesce(Subquery(expected, output_field=IntegerField()), Value(0)))
        .values_list("pk", "name", "unit", "supplier_reference", "category", "expected")
        .order_by("category", "name", "pk")
    )
    order = {value: index for index, value in enumerate(Category.values)}
    labels = dict(Category.choices)
    unit_labels = dict(CatalogueItem._meta.get_field("unit").choices)
    groups: dict[str, SheetGroup] = {}
    for pk, name, unit, reference, category, quantity in rows:
        group = groups.get(category)
        if group is None:
            group = groups[category] = SheetGroup(category=category, label=str(labels.get(category, category)))
        group.lines.append(
            SheetLine(
                item_id=pk,
                name=name,
                unit=str(unit_labels.get(unit, unit)),
                supplier_reference=reference,
                expected=quantity,
            )
        )
    return sorted(groups.values(), key=lambda group: order.get(group.category, len(order)))


def count_lines(count: InventoryCount) -> list[InventoryCountLine]:
    """A count's lines, the differences first (largest first), then the items found as expected."""
    lines = list(count.lines.select_related("stock__item").order_by("stock__item__name", "pk"))
    return sorted(lines, key=lambda line: (line.difference == 0, -abs(line.difference)))


# ---------------------------------------------------------------------------------------------
# What to reorder


@dataclass(frozen=True)
class ReorderLine:
    stock_id: int
    item_id: int
    item_name: str
    supplier_reference: str
    unit: str
    site_id: int
    site_name: str
    quantity: int
    threshold: int
    reorder_quantity: int
    order_quantity: int  # the reorder quantity, or (none set) enough to rise above the threshold
    unit_price: Decimal
    vat_rate: Decimal
    amount: Decimal  # excl. VAT, rounded half-up to the cent


@dataclass
class ReorderGroup:
    supplier: str  # the supplier's name; "" for the items with no preferred supplier (the last group)
    lines: list[ReorderLine]
    supplier_id: int | None = None

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))


def low_stocks() -> QuerySet[SiteStock]:
    """The stock rows to reorder: active items on open sites at or under their threshold.

    The rule of ``SiteStock.is_low`` in SQL: at or under the threshold, and either a threshold is set
    or the shelf is empty.
    """
    return SiteStock.objects.filter(
        Q(reorder_threshold__gt=0) | Q(quantity=0),
        item__is_active=True,
        site__is_active=True,
        quantity__lte=F("reorder_threshold"),
    )


def reorder_count() -> int:
    return low_stocks().count()


def _supplier_key(supplier_id: int | None, name: str) -> tuple[bool, str, int]:
    return (supplier_id is None, " ".join(name.split()).casefold(), supplier_id or 0)


def reorder_lines() -> list[ReorderGroup]:
    """What to reorder, grouped by preferred supplier (the directory's supplier, in name order; the items
    with no supplier last), each group by item then site; one query of plain rows.

    The purchasing app (issue #14) turns each group into a purchase order: ``order_quantity`` and
    ``amount`` are the proposed line, ``stock_id`` says which site's shelf it restocks.
    """
    rows = low_stocks().values_list(
        "pk",
        "item_id",
        "item__name",
        "item__supplier_reference",
        "item__unit",
        "site_id",
        "site__name",
        "quantity",
        "reorder_threshold",
        "reorder_quantity",
        "item__unit_price",
        "item__vat_rate",
        "item__supplier_id",
        "item__supplier__name",
    )
    unit_labels = dict(CatalogueItem._meta.get_field("unit").choices)
    lines: list[tuple[tuple[bool, str, int], tuple[int | None, str], ReorderLine]] = []
    for pk, item_id, name, reference, unit, site_id, site, quantity, threshold, reorder, price, vat, *by in rows:
        supplier_id, supplier = by
        order_quantity = reorder if reorder > 0 else threshold - quantity + 1
        supplier = supplier or ""
        line = ReorderLine(
            stock_id=pk,
            item_id=item_id,
            item_name=name,
            supplier_reference=reference,
            unit=str(unit_labels.get(unit, unit)),
            site_id=site_id,
            site_name=site,
            quantity=quantity,
            threshold=threshold,
            reorder_quantity=reorder,
            order_quantity=order_quantity,
            unit_price=price,
            vat_rate=vat,
            amount=(price * order_quantity).quantize(CENT, rounding=ROUND_HALF_UP),
        )
        lines.append((_supplier_key(supplier_id, supplier), (supplier_id, supplier), line))
    lines.sort(key=lambda entry: (entry[0], entry[2].item_name.casefold(), entry[2].site_name, entry[2].stock_id))
    groups = []
    for _key, entries in groupby(lines, key=lambda entry: entry[0]):
        entries = list(entries)
        supplier_id, supplier = entries[0][1]
        groups.append(ReorderGroup(supplier=supplier, supplier_id=supplier_id, lines=[entry[2] for entry in entries]))
    return groups
