"""Reads of the catalogue of services and products: the list page and the entries the quote editor
offers. The office manager and the director read it; anyone else sees nothing."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from apps.quotes.models import CatalogueEntry

CATALOGUE_PAGE_SIZE = 50
ACTIVE, INACTIVE, ALL = "active", "inactive", "all"
STATUSES = (ACTIVE, INACTIVE, ALL)


def entries_visible_to(user) -> QuerySet[CatalogueEntry]:
    if getattr(user, "is_authenticated", False) and user.is_active and (user.is_office_manager or user.is_director):
        return CatalogueEntry.objects.all()
    return CatalogueEntry.objects.none()


def _search(entries: QuerySet[CatalogueEntry], search: str) -> QuerySet[CatalogueEntry]:
    search = (search or "").strip()
    if search:
        entries = entries.filter(Q(name__icontains=search) | Q(description__icontains=search))
    return entries


def catalogue_page(user, *, search: str = "", status: str = ACTIVE, kind: str = "", page: int = 1) -> Page:
    entries = entries_visible_to(user)
    if status == ACTIVE:
        entries = entries.filter(is_active=True)
    elif status == INACTIVE:
        entries = entries.filter(is_active=False)
    if kind in CatalogueEntry.Kind.values:
        entries = entries.filter(kind=kind)
    entries = _search(entries, search).order_by("name", "pk")
    return Paginator(entries, CATALOGUE_PAGE_SIZE).get_page(page)


def active_entries(user, search: str = "") -> QuerySet[CatalogueEntry]:
    """The entries still offered, name order, matching ``search`` (name or description): what the quote
    editor proposes when adding a line from the catalogue. Slice it (``[:20]``) for a picker."""
    return _search(entries_visible_to(user).filter(is_active=True), search).order_by("name", "pk")
