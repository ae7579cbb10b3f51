"""What staff browse and put in their basket: the active catalogue."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from apps.core import cache as read_cache
from apps.supplies.models import CatalogueItem, Category

SHOP_PAGE_SIZE = 24
SEARCH_MAX = 100
SHOP_FIELDS = ("id", "name", "category", "unit", "supplier_reference", "unit_price", "vat_rate", "thumbnail")


def requestable_items() -> QuerySet[CatalogueItem]:
    """Items anyone may ask for: the active ones."""
    return CatalogueItem.objects.filter(is_active=True)


def _clean_search(search: str) -> str:
    return " ".join((search or "").split())[:SEARCH_MAX]


def shop_items(*, search: str = "", category: str = "") -> QuerySet[CatalogueItem]:
    """The active catalogue, by name, filtered by a search on the name or the supplier reference and a category."""
    qs = requestable_items().only(*SHOP_FIELDS).order_by("name", "pk")
    search = _clean_search(search)
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(supplier_reference__icontains=search))
    if category in Category.values:
        qs = qs.filter(category=category)
    return qs


class ShopItem(NamedTuple):
    """An item as a card of the catalogue shows it (plain data: kept in the read cache)."""

    pk: int
    name: str
    category: str
    unit: str
    supplier_reference: str
    unit_price: Decimal
    vat_rate: Decimal
    thumbnail: str  # the file's name, "" without one


_SHOP_COLUMNS = ("pk", "name", "category", "unit", "supplier_reference", "unit_price", "vat_rate", "thumbnail")


def _read_shop_page(*, search: str, category: str, page: int) -> tuple[int, int, list[ShopItem]]:
    items = shop_items(search=search, category=category)
    count = items.count()
    shown = Paginator(range(count), SHOP_PAGE_SIZE).get_page(page)
    rows = items[shown.start_index() - 1 : shown.end_index()].values_list(*_SHOP_COLUMNS) if count else []
    return count, shown.number, [ShopItem(*row[:-1], thumbnail=row[-1] or "") for row in rows]


def shop_page(*, search: str = "", category: str = "", page: int = 1) -> Page:
    """One page of ``shop_items`` as ``ShopItem`` rows: two queries (the count and the rows), kept in the
    read cache by filters and page. The active catalogue is the same for everyone: no viewer in the key."""
    search = _clean_search(search)
    category = category if category in Category.values else ""
    count, number, rows = read_cache.cached(
        ("supplies.shop_page", search, category, page),
        lambda: _read_shop_page(search=search, category=category, page=page),
    )
    return Page(rows, number, Paginator(range(count), SHOP_PAGE_SIZE))


def basket_items(ids: Iterable[int]) -> dict[int, CatalogueItem]:
    """The basket's items by id, archived ones included (the page flags them): one query."""
    return CatalogueItem.objects.only(*SHOP_FIELDS, "is_active").in_bulk(list(ids))


def equipment_items() -> QuerySet[CatalogueItem]:
    """What an equipment request may pick from the catalogue: active IT accessories and furniture."""
    return (
        requestable_items()
        .filter(category__in=(Category.IT_ACCESSORIES, Category.FURNITURE))
        .only("id", "name", "category", "unit_price")
        .order_by("category", "name")
    )
