"""Floors, rooms and desks: the lists of the spaces pages and forms, free rooms, and the floor plan's
free/busy state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from apps.accounts.models import Site
from apps.accounts.selectors import sites_for
from apps.premises.models import ACTIVE_STATUSES, Booking, Desk, Floor, Room
from apps.premises.selectors.bookings import BookingView, booking_view
from apps.premises.services.common import is_office_manager


def floors_for_site(site) -> QuerySet[Floor]:
    return Floor.objects.filter(site=site).order_by("level", "name")


def rooms_for_site(site, *, bookable_only: bool = False) -> QuerySet[Room]:
    rooms = Room.objects.filter(floor__site=site, is_active=True).select_related("floor")
    if bookable_only:
        rooms = rooms.filter(is_bookable=True)
    return rooms.order_by("floor__level", "name")


def bookable_desks(site) -> QuerySet[Desk]:
    return (
        Desk.objects.filter(floor__site=site, is_active=True, is_bookable=True)
        .select_related("floor")
        .order_by("floor__level", "label")
    )


def floors_with_spaces(site) -> list[Floor]:
    """Every floor of ``site`` with its rooms and desks (inactive ones too): three queries."""
    return list(
        Floor.objects.filter(site=site).prefetch_related("rooms", "desks__assigned_to").order_by("level", "name")
    )


def space_counts(sites: list[Site]) -> dict[int, dict[str, int]]:
    """Floors, active rooms and active desks per site, in three queries."""
    ids = [s.pk for s in sites]
    counts = {pk: {"floors": 0, "rooms": 0, "desks": 0} for pk in ids}
    for row in Floor.objects.filter(site_id__in=ids).values("site_id").annotate(n=Count("pk")):
        counts[row["site_id"]]["floors"] = row["n"]
    rooms = Room.objects.filter(floor__site_id__in=ids, is_active=True).values("floor__site_id").annotate(n=Count("pk"))
    for row in rooms:
        counts[row["floor__site_id"]]["rooms"] = row["n"]
    desks = Desk.objects.filter(floor__site_id__in=ids, is_active=True).values("floor__site_id").annotate(n=Count("pk"))
    for row in desks:
        counts[row["floor__site_id"]]["desks"] = row["n"]
    return counts


def rooms_for_office(user) -> QuerySet[Room]:
    """Active rooms of every site the user may see (the block form, the ticket form)."""
    return (
        Room.objects.filter(is_active=True, floor__site__in=sites_for(user).filter(is_active=True))
        .select_related("floor__site")
        .order_by("floor__site__name", "floor__level", "name")
    )


def floors_visible_to(user) -> QuerySet[Floor]:
    return Floor.objects.filter(site__in=sites_for(user)).select_related("site")


def rooms_visible_to(user) -> QuerySet[Room]:
    return Room.objects.filter(floor__site__in=sites_for(user)).select_related("floor__site")


def desks_visible_to(user) -> QuerySet[Desk]:
    return Desk.objects.filter(floor__site__in=sites_for(user)).select_related("floor__site", "assigned_to")


def _busy(model_field: str, start: dt.datetime, end: dt.datetime) -> Exists:
    return Exists(
        Booking.objects.filter(
            **{model_field: OuterRef("pk")}, status__in=ACTIVE_STATUSES, start__lt=end, end__gt=start
        )
    )


def free_rooms(
    *, site, start: dt.datetime, end: dt.datetime, people: int = 1, equipment: Iterable[str] = ()
) -> list[Room]:
    """Bookable rooms of ``site`` with room for ``people`` and the ``equipment`` wanted, free over [start, end).

    One query (the overlap is a subquery); smallest fitting rooms first.
    """
    wanted = set(equipment)
    rooms = (
        rooms_for_site(site, bookable_only=True)
        .filter(capacity__gte=people)
        .annotate(busy=_busy("room", start, end))
        .filter(busy=False)
        .order_by("capacity", "floor__level", "name")
    )
    # Equipment is a small JSON list; filtering it here works the same on SQLite and PostgreSQL.
    return [room for room in rooms if room.has_equipment(wanted)]


def free_desks(*, site, start: dt.datetime, end: dt.datetime) -> list[Desk]:
    """Bookable desks of ``site`` free over [start, end): one query."""
    desks = bookable_desks(site).annotate(busy=_busy("desk", start, end))
    return list(desks.filter(busy=False))


@dataclass(frozen=True)
class Spot:
    """A room or desk on the floor plan, free or busy at the moment asked."""

    kind: str  # "room" or "desk"
    obj: Room | Desk
    is_free: bool
    is_bookable: bool
    current: BookingView | None


@dataclass
class FloorStatus:
    floor: Floor
    at: dt.datetime
    rooms: list[Spot]
    desks: list[Spot]


def floor_status(*, floor: Floor, at: dt.datetime, viewer) -> FloorStatus:
    """Rooms and desks of ``floor`` with a free/busy flag at ``at`` (the floor plan). Three queries."""
    manager = is_office_manager(viewer)
    active = Booking.objects.filter(status__in=ACTIVE_STATUSES, start__lte=at, end__gt=at).select_related("person")
    rooms = list(Room.objects.filter(floor=floor, is_active=True).order_by("name"))
    desks = list(Desk.objects.filter(floor=floor, is_active=True).select_related("assigned_to").order_by("label"))
    room_bookings, desk_bookings = {}, {}
    for booking in active.filter(Q(room__floor=floor) | Q(desk__floor=floor)):
        if booking.room_id:
            room_bookings[booking.room_id] = booking
        else:
            desk_bookings[booking.desk_id] = booking

    def spot(kind, obj, current):
        view = booking_view(current, viewer, viewer_is_office_manager=manager) if current else None
        return Spot(kind=kind, obj=obj, is_free=current is None, is_bookable=obj.is_bookable, current=view)

    return FloorStatus(
        floor=floor,
        at=at,
        rooms=[spot("room", room, room_bookings.get(room.pk)) for room in rooms],
        desks=[spot("desk", desk, desk_bookings.get(desk.pk)) for desk in desks],
    )
