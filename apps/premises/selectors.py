"""Every read of the premises app, scoped to what the user may see, in a bounded number of queries.

Spaces and availability
- ``floors_for_site(site)``, ``rooms_for_site(site, bookable_only=False)``
- ``free_rooms(site, start, end, people=1, equipment=()) -> list[Room]``: one query
- ``day_view(site, day, viewer) -> list[RoomDay]``: every room of the site with its bookings that
  day, already masked for ``viewer``; two queries whatever the number of rooms and bookings
- ``floor_status(floor, at, viewer) -> FloorStatus``: rooms and desks with free/busy at ``at``
  (for the floor plan); four queries

Bookings
- ``bookings_visible_to(user)``: bookings the user may open (their own; all for an office manager)
- ``my_bookings(user, upcoming=True)``: the user's active bookings, upcoming or past
- ``booking_view(booking, viewer) -> BookingView``: what ``viewer`` may see of a booking (others'
  bookings are just "busy" with no title or person, unless ``viewer`` is an office manager)
- ``pending_bookings(user)``: bookings waiting for this user's approval (office managers)

Register
- ``check_items_visible_to(user)``: office managers and directors see the register
- ``register_summary(user, today=None) -> dict[status, int]``
- ``check_records_for(item)``

Tickets
- ``tickets_visible_to(user)``: the office manager sees all; others their reported or assigned ones
- ``ticket_comments_visible_to(user, ticket)``: internal notes only for office managers
- ``open_tickets(user)``: open tickets, most urgent first, then oldest first (for the dashboard)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    Exists,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.prepared import prepared
from apps.premises.models import (
    ACTIVE_STATUSES,
    OPEN_STATUSES,
    URGENCY_RANK,
    Booking,
    BookingStatus,
    CheckItem,
    CheckRecord,
    CheckStatus,
    Desk,
    Floor,
    Room,
    Ticket,
    TicketComment,
)
from apps.premises.services.common import is_office_manager


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(day, dt.time.min, tz)
    return start, dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tz)


# ------------------------------------------------------------------------------------------------
# Spaces


def floors_for_site(site) -> QuerySet[Floor]:
    return Floor.objects.filter(site=site).order_by("level", "name")


def rooms_for_site(site, *, bookable_only: bool = False) -> QuerySet[Room]:
    rooms = Room.objects.filter(floor__site=site, is_active=True).select_related("floor")
    if bookable_only:
        rooms = rooms.filter(is_bookable=True)
    return rooms.order_by("floor__level", "name")


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


# ------------------------------------------------------------------------------------------------
# Bookings


class BookingView(NamedTuple):
    """A booking as ``viewer`` may see it: others' bookings are "busy" with no title or person. A
    named tuple: the day view builds hundreds of them, at a third of the cost of a frozen dataclass."""

    pk: int
    start: dt.datetime
    end: dt.datetime
    status: str
    is_mine: bool
    show_details: bool
    title: str
    person_name: str

    @property
    def is_blocked(self) -> bool:
        return self.status == BookingStatus.BLOCKED

    @property
    def is_pending(self) -> bool:
        return self.status == BookingStatus.PENDING


def _masked(
    *,
    pk: int,
    status: str,
    title: str,
    reason: str,
    start: dt.datetime,
    end: dt.datetime,
    person_id: int,
    created_by_id: int,
    person_name,
    viewer_pk: int,
    manager: bool,
    labels: tuple[str, str, str] | None = None,
) -> BookingView:
    """The masking rule, on plain values so the day grid can use it without loading model instances.

    ``person_name`` is a callable: the name is only worked out when the viewer may see it. ``labels``:
    ``_mask_labels()``, when the caller masks many bookings."""
    mine = viewer_pk in (person_id, created_by_id)
    details = mine or manager
    shown = _shown(status, title, reason, details, labels or _mask_labels())
    return BookingView(pk, start, end, status, mine, details, shown, person_name() if details else "")


def _shown(status: str, title: str, reason: str, details: bool, labels: tuple[str, str, str]) -> str:
    """The title a booking shows (the masking rule of ``_masked``)."""
    if status == BookingStatus.BLOCKED:
        return reason or labels[0]
    if details:
        return title or labels[1]
    return labels[2]


def _mask_labels() -> tuple[str, str, str]:
    """What a masked booking shows, in the current language: a block without a reason, a booking
    without a title, someone else's booking."""
    return _("Unavailable"), _("Booked"), _("Busy")


def booking_view(booking: Booking, viewer, *, viewer_is_office_manager: bool | None = None) -> BookingView:
    manager = is_office_manager(viewer) if viewer_is_office_manager is None else viewer_is_office_manager
    return _masked(
        pk=booking.pk,
        status=booking.status,
        title=booking.title,
        reason=booking.reason,
        start=booking.start,
        end=booking.end,
        person_id=booking.person_id,
        created_by_id=booking.created_by_id,
        person_name=lambda: booking.person.get_full_name(),
        viewer_pk=viewer.pk,
        manager=manager,
    )


def bookings_visible_to(user) -> QuerySet[Booking]:
    """Bookings ``user`` may open in full: their own (booked for or by them); every one for an office manager."""
    bookings = Booking.objects.select_related("room__floor__site", "desk__floor__site", "person", "series")
    if is_office_manager(user):
        return bookings
    return bookings.filter(Q(person=user) | Q(created_by=user))


def my_bookings(user, *, upcoming: bool = True) -> QuerySet[Booking]:
    """The user's own active bookings: upcoming (not ended, soonest first) or past (latest first)."""
    now = timezone.now()
    bookings = Booking.objects.filter(person=user, status__in=ACTIVE_STATUSES).select_related(
        "room__floor__site", "desk__floor__site", "series"
    )
    if upcoming:
        return bookings.filter(end__gt=now).order_by("start")
    return bookings.filter(end__lte=now).order_by("-start")


def pending_bookings(user) -> QuerySet[Booking]:
    """Bookings waiting for approval, for an office manager (none for anyone else), oldest request first."""
    if not is_office_manager(user):
        return Booking.objects.none()
    return (
        Booking.objects.filter(status=BookingStatus.PENDING, end__gt=timezone.now())
        .select_related("room__floor__site", "person", "created_by")
        .order_by("created_at")
    )


@dataclass(frozen=True, slots=True)
class DayRoom:
    """An active room as the day grid shows it."""

    pk: int
    name: str
    capacity: int
    is_bookable: bool
    is_accessible: bool
    needs_approval: bool
    floor_name: str


@dataclass
class RoomDay:
    room: DayRoom
    bookings: list[BookingView] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class DayFloor:
    pk: int
    name: str


@prepared(site=int)
def _day_rooms(p):
    return (
        Room.objects.filter(floor__site_id=p.site, is_active=True)
        .order_by("floor__level", "name")
        .values_list("pk", "name", "capacity", "is_bookable", "is_accessible", "needs_approval", "floor__name")
    )


@prepared(site=int)
def _day_spaces(p):
    # Every floor, with each of its active rooms (one row per room; a floor without one gets a row of NULLs).
    return (
        Floor.objects.filter(site_id=p.site)
        .annotate(active_room=FilteredRelation("rooms", condition=Q(rooms__is_active=True)))
        .order_by("level", "active_room__name", "name")
        .values_list(
            "pk",
            "name",
            "level",
            "active_room__id",
            "active_room__name",
            "active_room__capacity",
            "active_room__is_bookable",
            "active_room__is_accessible",
            "active_room__needs_approval",
        )
    )


def day_spaces(site) -> tuple[list[DayFloor], list[DayRoom]]:
    """The floors of ``site`` as ``floors_for_site`` orders them (the day view's floor plans) and its
    active rooms as ``day_view`` reads them, in one query compiled once per process."""
    floors, rooms = {}, []
    for pk, name, level, room_id, *room in _day_spaces.rows(site=site.pk):
        floors[pk] = (level, name)
        if room_id is not None:
            rooms.append(DayRoom(room_id, *room, floor_name=name))
    ordered = sorted(floors.items(), key=lambda item: item[1])
    return [DayFloor(pk, name) for pk, (_level, name) in ordered], rooms


def _day_bookings_of(site, start, end):
    return (
        Booking.objects.filter(
            room__floor__site_id=site,
            room__is_active=True,
            status__in=ACTIVE_STATUSES,
            start__lt=end,
            end__gt=start,
        )
        # The bounds as text: psycopg's timestamptz loader takes 2-3 µs a value, fromisoformat 0.1 µs,
        # and a busy day has hundreds of bookings (see _instant).
        .annotate(start_text=Cast("start", TextField()), end_text=Cast("end", TextField()))
        .order_by("start")
    )


_DAY_COLUMNS = (
    "pk",
    "room_id",
    "status",
    "title",
    "reason",
    "start_text",
    "end_text",
    "person_id",
    "created_by_id",
    "person_name",
)


@prepared(site=int, start=dt.datetime, end=dt.datetime)
def _day_bookings(p):
    # An office manager sees every booking with its person: "first last", stripped by the caller
    # (User.get_full_name()).
    bookings = _day_bookings_of(p.site, p.start, p.end)
    name = Concat("person__first_name", Value(" "), "person__last_name", output_field=TextField())
    return bookings.annotate(person_name=name).values_list(*_DAY_COLUMNS)


@prepared(site=int, start=dt.datetime, end=dt.datetime, viewer=int)
def _day_bookings_for(p):
    # Anyone else sees the person of their own bookings only: for those they are the person of, that
    # is their own name (the caller has it); the users table is read only for a booking they made for
    # someone else, which spares the join PostgreSQL would plan on every request.
    bookings = _day_bookings_of(p.site, p.start, p.end)
    other = (
        get_user_model()
        .objects.filter(pk=OuterRef("person_id"))
        .order_by()
        .values(name=Concat("first_name", Value(" "), "last_name", output_field=TextField()))
    )
    name = Case(
        When(Q(created_by_id=p.viewer) & ~Q(person_id=p.viewer), then=Subquery(other[:1])),
        output_field=TextField(),
    )
    return bookings.annotate(person_name=name).values_list(*_DAY_COLUMNS)


def _instant(text: str) -> dt.datetime:
    """A datetime column read as text: PostgreSQL writes it in the connection's time zone (UTC) with
    its offset, SQLite stores it in UTC without one."""
    value = dt.datetime.fromisoformat(text)
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def day_bookings(site, day: dt.date) -> list[tuple]:
    """Every active booking of ``site``'s active rooms overlapping ``day``, with its person's name, as
    the rows ``day_view`` takes (``rows=``) to show them to anyone: it masks them for the viewer."""
    start, end = _day_bounds(day)
    return _day_bookings.rows(site=site.pk, start=start, end=end)


def day_view(
    *, site, day: dt.date, viewer, rooms: list[DayRoom] | None = None, rows: list[tuple] | None = None
) -> list[RoomDay]:
    """Every active room of ``site`` with its active bookings overlapping ``day``, masked for ``viewer``.

    Two queries whatever the number of rooms and bookings, compiled once per process; one when the
    caller has the rooms (``day_spaces``), none when it also has the bookings (``day_bookings``).
    Multi-day blocks show on each day. Rooms and bookings are read as plain values (no model
    instances): a busy day of a big site has hundreds of bookings.
    """
    start, end = _day_bounds(day)
    if rooms is None:
        rooms = [DayRoom(*row) for row in _day_rooms.rows(site=site.pk)]
    by_room = {room.pk: RoomDay(room) for room in rooms}
    if not by_room:
        return []
    manager = is_office_manager(viewer)
    viewer_pk = viewer.pk
    labels = _mask_labels()
    if rows is not None:
        pass  # day_bookings: every person's name, shown below only to who may see it
    elif manager:
        rows = _day_bookings.rows(site=site.pk, start=start, end=end)
    else:
        rows = _day_bookings_for.rows(site=site.pk, start=start, end=end, viewer=viewer_pk)
    own_name = viewer.get_full_name()
    # _masked's rule, inline: a busy day has hundreds of bookings.
    for pk, room_id, status, title, reason, b_start, b_end, person_id, created_by_id, name in rows:
        room_day = by_room.get(room_id)
        if room_day is None:
            continue  # a room activated since the caller read the rooms
        mine = viewer_pk in (person_id, created_by_id)
        details = mine or manager
        shown = _shown(status, title, reason, details, labels)
        # Same as User.get_full_name(); None for a booking of the viewer's (a non-manager).
        person_name = "" if not details else own_name if name is None else name.strip()
        room_day.bookings.append(
            BookingView(pk, _instant(b_start), _instant(b_end), status, mine, details, shown, person_name)
        )
    return list(by_room.values())


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


# ------------------------------------------------------------------------------------------------
# Register


def _may_see_register(user) -> bool:
    return is_office_manager(user) or user.has_role("director")


def check_items_visible_to(user) -> QuerySet[CheckItem]:
    """The register's checks (office managers and directors; nothing for others), soonest due first."""
    if not _may_see_register(user):
        return CheckItem.objects.none()
    return with_last_check(CheckItem.objects.filter(is_active=True).select_related("site")).order_by(
        "due_date", "site__name", "kind"
    )


def with_last_check(items: QuerySet[CheckItem]) -> QuerySet[CheckItem]:
    """``items`` with the date (``last_done_on``) and result (``last_result``) of their last check."""
    last = CheckRecord.objects.filter(item=OuterRef("pk")).order_by("-done_on", "-created_at")
    return items.annotate(last_done_on=last.values("done_on")[:1], last_result=last.values("result")[:1])


def register_summary(user, today: dt.date | None = None) -> dict[str, int]:
    """How many checks are up to date, due within 30 days, and overdue. One query."""
    today = today or timezone.localdate()
    soon = today + dt.timedelta(days=30)
    counts = check_items_visible_to(user).aggregate(
        overdue=Count("pk", filter=Q(due_date__lt=today)),
        due_soon=Count("pk", filter=Q(due_date__gte=today, due_date__lte=soon)),
        ok=Count("pk", filter=Q(due_date__gt=soon)),
    )
    return {
        CheckStatus.OK: counts["ok"],
        CheckStatus.DUE_SOON: counts["due_soon"],
        CheckStatus.OVERDUE: counts["overdue"],
    }


def check_records_for(item: CheckItem) -> QuerySet[CheckRecord]:
    return item.records.select_related("recorded_by", "ticket").order_by("-done_on", "-created_at")


# ------------------------------------------------------------------------------------------------
# Tickets


def _urgency_rank() -> Case:
    return Case(*[When(urgency=u, then=Value(r)) for u, r in URGENCY_RANK.items()], output_field=IntegerField())


def scope_tickets(tickets: QuerySet[Ticket], *, user_id: int) -> QuerySet[Ticket]:
    """The tickets someone who is not an office manager may see: those they reported or are assigned."""
    return tickets.filter(Q(reporter_id=user_id) | Q(assignee_id=user_id))


def lookup(model, key: str, value) -> Subquery:
    """``value`` (a column or an expression) of the ``model`` row the outer query's ``key`` points to,
    as a scalar subquery: PostgreSQL plans it for a fraction of the cost of a join."""
    return Subquery(model.objects.filter(pk=OuterRef(key)).order_by().values(value=value)[:1])


def tickets_visible_to(user) -> QuerySet[Ticket]:
    """All tickets for an office manager; for anyone else, those they reported or are assigned."""
    tickets = Ticket.objects.select_related("site", "room", "reporter", "assignee")
    if is_office_manager(user):
        return tickets
    return scope_tickets(tickets, user_id=user.pk)


def ticket_comments_visible_to(user, ticket: Ticket) -> QuerySet[TicketComment]:
    comments = ticket.comments.select_related("author").order_by("created_at")
    if is_office_manager(user):
        return comments
    return comments.filter(is_internal=False)


def open_tickets(user) -> QuerySet[Ticket]:
    """Open tickets the user may see, most urgent first, then oldest first."""
    return (
        tickets_visible_to(user)
        .filter(status__in=OPEN_STATUSES)
        .annotate(urgency_rank=_urgency_rank())
        .order_by("-urgency_rank", "created_at")
    )
