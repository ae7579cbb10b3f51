"""What staff browse and put in their basket: the active catalogue."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from apps.supplies.models import CatalogueItem, Category

SHOP_PAGE_SIZE = 24
SEARCH_MAX = 100
SHOP_FIELDS = ("id", "name", "category", "unit", "supplier_reference", "unit_price", "vat_rate", "thumbnail")


def requestable_items() -> QuerySet[CatalogueItem]:
    """Items anyone may ask for: the active ones."""
    return CatalogueItem.objects.filter(is_active=True)


def shop_items(*, search: str = "", category: str = "") -> QuerySet[CatalogueItem]:
    """The active catalogue, by name, filtered by a search on the name or the supplier reference and a category."""
    qs = requestable_items().only(*SHOP_FIELDS).order_by("name", "pk")
    search = " ".join((search or "").split())[:SEARCH_MAX]
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(supplier_reference__icontains=search))
    if category in Category.values:
        qs = qs.filter(category=category)
    return qs


def shop_page(*, search: str = "", category: str = "", page: int = 1) -> Page:
    """One page of ``shop_items``: two queries (the count and the rows)."""
    return Paginator(shop_items(search=search, category=category), SHOP_PAGE_SIZE).get_page(page)


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
