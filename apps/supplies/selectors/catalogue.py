"""Reads of the catalogue: which items a person may see, the office manager's list, an item's stock."""

from __future__ import annotations

import uuid

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from apps.supplies.models import CatalogueImport, CatalogueItem, SiteStock

ITEM_PAGE_SIZE = 50
ACTIVE, ARCHIVED, ALL = "active", "archived", "all"


def items_visible_to(user) -> QuerySet[CatalogueItem]:
    """Every item for an office manager; the active ones for everyone else (archived items cannot be
    asked for, so their pages and photos are not shown)."""
    if not getattr(user, "is_authenticated", False):
        return CatalogueItem.objects.none()
    items = CatalogueItem.objects.all()
    return items if user.is_office_manager else items.filter(is_active=True)


def item_page(*, search: str = "", category: str = "", status: str = ACTIVE, page: int = 1) -> Page:
    """One page of the office manager's list, each item with its stock over every site (one aggregate
    in the same query): two queries, whatever the catalogue's size."""
    items = CatalogueItem.objects.annotate(total_stock=Coalesce(Sum("stocks__quantity"), 0))
    if status == ACTIVE:
        items = items.filter(is_active=True)
    elif status == ARCHIVED:
        items = items.filter(is_active=False)
    if category:
        items = items.filter(category=category)
    if search:
        items = items.filter(
            Q(name__icontains=search) | Q(supplier_reference__icontains=search) | Q(supplier__name__icontains=search)
        )
    items = items.select_related("supplier").defer("description").order_by("name", "pk")
    return Paginator(items, ITEM_PAGE_SIZE).get_page(page)


def item_stocks(item: CatalogueItem) -> list[SiteStock]:
    """The item's stock on each site where it has a row, with the site."""
    return list(SiteStock.objects.filter(item=item).select_related("site").order_by("site__name"))


def export_items() -> QuerySet[CatalogueItem]:
    """Every item, active and archived, in name order: what the export writes."""
    return CatalogueItem.objects.select_related("supplier").defer("description").order_by("name", "pk")


def import_for(user, token: str) -> CatalogueImport | None:
    """The user's own staged import of that token (None for another's, or a token that is not one)."""
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        return None
    return CatalogueImport.objects.filter(uploaded_by=user, token=token).first()
