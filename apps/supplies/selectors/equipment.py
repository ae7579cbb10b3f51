"""Reads of the equipment register, scoped to the viewer: the office manager sees every item, anyone
else only what they hold now. Each costs a fixed number of queries whatever the register's size."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from apps.core.ranges import MAX_PAGE
from apps.premises.services.common import is_office_manager
from apps.supplies.models import GONE_STATES, WARRANTY_NOTICE_DAYS, Assignment, EquipmentItem, EquipmentTicket

EQUIPMENT_PER_PAGE = 25
MAX_LABELS = 240  # ten sheets of 24 labels: more in one PDF is a mistake, not a print run
WARRANTY_SOON = "soon"


def _items() -> QuerySet[EquipmentItem]:
    return EquipmentItem.objects.select_related("site", "holder")


def equipment_visible_to(user) -> QuerySet[EquipmentItem]:
    """Every item for an office manager; for anyone else, the items they hold now."""
    if is_office_manager(user):
        return _items()
    if not getattr(user, "is_authenticated", False):
        return EquipmentItem.objects.none()
    return _items().filter(holder=user)


def equipment_held_by(person) -> QuerySet[EquipmentItem]:
    """What ``person`` holds now (their open assignments' items), by asset tag: for "my equipment" and
    for the people app's offboarding checklist. One query."""
    return _items().filter(holder=person).order_by("asset_tag")


def warranty_ends_soon(item: EquipmentItem, today: dt.date) -> bool:
    """The list's and the detail page's highlight: the same rule as the notice and the dashboard card."""
    return (
        item.warranty_end is not None
        and today <= item.warranty_end <= today + dt.timedelta(days=WARRANTY_NOTICE_DAYS)
        and item.state not in GONE_STATES
    )


def _warranty_soon_q(today: dt.date) -> Q:
    return Q(warranty_end__range=(today, today + dt.timedelta(days=WARRANTY_NOTICE_DAYS))) & ~Q(state__in=GONE_STATES)


def equipment_filtered(
    user,
    *,
    today: dt.date,
    kind: str = "",
    state: str = "",
    site=None,
    holder=None,
    q: str = "",
    warranty: str = "",
) -> QuerySet[EquipmentItem]:
    """The register as the list's filters narrow it (each word of ``q`` in the tag, model, serial
    number, supplier or holder's name), by asset tag."""
    items = equipment_visible_to(user)
    if kind:
        items = items.filter(kind=kind)
    if state:
        items = items.filter(state=state)
    if site is not None:
        items = items.filter(site=site)
    if holder is not None:
        items = items.filter(holder=holder)
    if warranty == WARRANTY_SOON:
        items = items.filter(_warranty_soon_q(today))
    for term in q.split()[:5]:
        items = items.filter(
            Q(asset_tag__icontains=term)
            | Q(model__icontains=term)
            | Q(serial_number__icontains=term)
            | Q(supplier__icontains=term)
            | Q(holder__first_name__icontains=term)
            | Q(holder__last_name__icontains=term)
        )
    return items.order_by("asset_tag", "pk")


def equipment_page(items: QuerySet[EquipmentItem], *, page: int, per_page: int = EQUIPMENT_PER_PAGE) -> Page:
    """One page of ``items`` (the last one past the end): a count and one query for the rows."""
    return Paginator(items, per_page).get_page(min(page, MAX_PAGE))


def equipment_for_labels(user, *, ids: list[int] | None, filtered: QuerySet[EquipmentItem]) -> list[EquipmentItem]:
    """The items to print labels for: those of ``ids`` the viewer sees, or else the filtered list; at
    most ``MAX_LABELS``, by asset tag."""
    if not ids:
        return list(filtered[:MAX_LABELS])
    return list(equipment_visible_to(user).filter(pk__in=ids[:MAX_LABELS]).order_by("asset_tag", "pk"))


def assignments_of(item: EquipmentItem) -> list[Assignment]:
    """The item's history of holders, the latest first, with who recorded each step (one query)."""
    return list(
        Assignment.objects.filter(item=item)
        .select_related("person", "assigned_by", "returned_by")
        .order_by("-start", "-pk")
    )


def tickets_of(item: EquipmentItem) -> list:
    """The premises tickets opened for the item's problems, the latest first (one query)."""
    links = EquipmentTicket.objects.filter(item=item).select_related("ticket").order_by("-ticket__created_at")
    return [link.ticket for link in links]


def equipment_holders() -> QuerySet:
    """The people who hold something now: the list's holder filter (one query)."""
    return (
        get_user_model()
        .objects.filter(pk__in=EquipmentItem.objects.filter(holder__isnull=False).values("holder"))
        .order_by("last_name", "first_name", "pk")
    )


def assignable_people() -> QuerySet:
    """Who an item may be handed to: active accounts, by name."""
    return get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name", "pk")


def warranties_ending_count(today: dt.date) -> int:
    """The dashboard's figure: items whose warranty ends within the notice window (one query)."""
    return EquipmentItem.objects.filter(_warranty_soon_q(today)).count()


def held_count(person) -> int:
    """How many items ``person`` holds now (one query): the "my equipment" card."""
    return EquipmentItem.objects.filter(holder=person).count()
