"""Reads the premises pages need on top of ``selectors.py``: which site a page shows, the day grid's
geometry, the register of one site, the figures and lists of the shared pages (the ticket queue is
in ``ticket_queue.py``). Bounded queries, like the domain selectors they build on; the ones every
request of a page runs are compiled once per process (``apps.core.prepared``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Case, CharField, Count, F, QuerySet, Value, When
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone

from apps.accounts.models import Site, User
from apps.accounts.selectors import sites_for
from apps.core import roles
from apps.core.prepared import prepared
from apps.core.reversing import pk_url
from apps.premises.models import (
    ACTIVE_STATUSES,
    DUE_SOON_DAYS,
    OPEN_STATUSES,
    TRANSITIONS,
    Booking,
    BookingStatus,
    CheckItem,
    CheckKind,
    CheckRecord,
    Desk,
    Floor,
    Room,
    SitePremisesSettings,
    Ticket,
    TicketStatus,
    TicketUrgency,
    check_status,
)
from apps.premises.selectors import (
    BookingView,
    DayRoom,
    RoomDay,
    check_items_visible_to,
    lookup,
    with_last_check,
)
from apps.premises.services.common import is_office_manager

# ------------------------------------------------------------------------------------------------
# Sites


def _fields(model) -> tuple[str, ...]:
    return tuple(f.attname for f in model._meta.concrete_fields)


@prepared()
def _sites(p, *, everyone: bool):
    # sites_for(user) (test_visible_sites_are_sites_for), with each site's booking rules when it has some.
    sites = Site.objects.all() if everyone else Site.objects.filter(is_active=True)
    rules = (f"premises_settings__{name}" for name in _fields(SitePremisesSettings))
    return sites.values_list(*_fields(Site), *rules)


def visible_sites(user) -> list[Site]:
    """The sites the user may pick in the premises pages (active ones; all for an office manager),
    with their booking rules for ``site_rules``. One query, compiled once per process: every premises
    page reads the sites."""
    site_fields, rule_fields = _fields(Site), _fields(SitePremisesSettings)
    cut = len(site_fields)
    sites = []
    for row in _sites.rows(everyone=not sites_for(user).query.has_filters()):
        site = Site.from_db(Site.objects.db, site_fields, row[:cut])
        rules = None
        if row[cut] is not None:
            rules = SitePremisesSettings.from_db(Site.objects.db, rule_fields, row[cut:])
            SitePremisesSettings.site.field.set_cached_value(rules, site)
        Site.premises_settings.related.set_cached_value(site, rules)
        sites.append(site)
    return sites


def site_rules(site: Site) -> SitePremisesSettings:
    """``SitePremisesSettings.for_site(site)``, without a query for a site of ``visible_sites``."""
    if not Site.premises_settings.is_cached(site):
        return SitePremisesSettings.for_site(site)
    try:
        return site.premises_settings
    except SitePremisesSettings.DoesNotExist:
        return SitePremisesSettings(site=site)


def default_site(user, sites: list[Site]) -> Site | None:
    """The user's own site when it is active, else the head office, else the first site."""
    active = [s for s in sites if s.is_active] or sites
    for site in active:
        if site.pk == user.site_id:
            return site
    for site in active:
        if site.is_head_office:
            return site
    return active[0] if active else None


def pick_site(user, sites: list[Site], wanted) -> Site | None:
    """``wanted`` (an id from the query string) if the user may see it, else the default site."""
    try:
        wanted_id = int(wanted)
    except (TypeError, ValueError):
        return default_site(user, sites)
    return next((s for s in sites if s.pk == wanted_id), None) or default_site(user, sites)


def may_see_register(user) -> bool:
    return is_office_manager(user) or user.has_role(roles.DIRECTOR)


# ------------------------------------------------------------------------------------------------
# Spaces


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


# ------------------------------------------------------------------------------------------------
# The day grid


class GridBlock(NamedTuple):
    """A booking placed on the grid, with what the template shows already worked out (the grid of a
    busy site has hundreds of blocks: filters and lookups per block would dominate the page)."""

    view: BookingView
    left: float  # percent of the opening hours
    width: float
    url: str
    css: str  # is-mine, is-blocked, is-pending or is-busy
    style: str  # "left: …%; width: …%", with a dot whatever the language
    times: str  # "09:00–10:00"
    caption: str  # the times, with the person for an office manager looking at someone else's booking
    tooltip: str


@dataclass(slots=True)
class GridRow:
    room: DayRoom
    blocks: list[GridBlock] = field(default_factory=list)


def grid_hours(opens: dt.time, closes: dt.time) -> list[int]:
    """The whole hours the grid shows, from the opening hour to the last hour the site is open."""
    last = closes.hour if closes.minute == 0 else closes.hour + 1
    return list(range(opens.hour, max(last, opens.hour + 1)))


def _css(view: BookingView) -> str:
    if view.is_mine:
        return "is-mine"
    if view.is_blocked:
        return "is-blocked"
    if view.is_pending:
        return "is-pending"
    return "is-busy"


def day_grid(room_days: list[RoomDay], day: dt.date, opens: dt.time, closes: dt.time) -> list[GridRow]:
    """Place each booking of the day view on the grid, in percent of the hours shown."""
    hours = grid_hours(opens, closes)
    first, last = hours[0] * 60, (hours[-1] + 1) * 60
    span = last - first
    tz = timezone.get_current_timezone()
    midnight = dt.datetime.combine(day, dt.time.min, tz)
    next_midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tz)
    # Without a change of offset that day, a booking within the day is placed by its minutes since
    # midnight, without converting it to local time (a busy grid has hundreds of blocks).
    same_offset = midnight.utcoffset() == next_midnight.utcoffset()
    detail_url = pk_url("premises:booking_detail")  # one reverse() for the whole grid
    # Bookings start and end on a few round times: the placement of each (start, end) is worked out once.
    placed: dict[tuple[int, int], tuple[str, str] | None] = {}
    rows = []
    for room_day in room_days:
        row = GridRow(room_day.room)
        for view in room_day.bookings:
            start_min = end_min = None
            if same_offset:
                start_min = (view.start - midnight).total_seconds() // 60
                end_min = (view.end - midnight).total_seconds() // 60
                if not (start_min >= 0 and end_min < 24 * 60):
                    start_min = None  # from or to another day: its own offset, the exact way below
            if start_min is None:
                start, end = view.start.astimezone(tz), view.end.astimezone(tz)
                start_min, start_clock = start.hour * 60 + start.minute, (start.hour, start.minute)
                end_min, end_clock = end.hour * 60 + end.minute, (end.hour, end.minute)
                key = (start_clock, end_clock, start.date() == day, end.date() == day)
                place = placed.get(key, False)
                if place is False:
                    place = placed[key] = _place(
                        start_min if start.date() == day else 0,
                        end_min if end.date() == day else 24 * 60,
                        start_clock,
                        end_clock,
                        first,
                        last,
                        span,
                    )
            else:
                start_min, end_min = int(start_min), int(end_min)
                key = (start_min, end_min)
                place = placed.get(key, False)
                if place is False:
                    place = placed[key] = _place(
                        start_min, end_min, divmod(start_min, 60), divmod(end_min, 60), first, last, span
                    )
            if place is None:
                continue  # entirely outside the hours shown
            left, width, style, times = place
            who = f" · {view.person_name}" if view.person_name else ""
            row.blocks.append(
                GridBlock(
                    view,
                    left,
                    width,
                    detail_url(view.pk) if view.show_details else "",
                    _css(view),
                    style,
                    times,
                    times if view.is_mine else times + who,
                    f"{times} · {view.title}{who}",
                )
            )
        rows.append(row)
    return rows


def _place(start_min: int, end_min: int, start_clock, end_clock, first: int, last: int, span: int):
    """``(left, width, style, times)`` of a block, or None when it is entirely outside the hours shown."""
    start_min, end_min = max(start_min, first), min(end_min, last)
    if end_min <= start_min:
        return None
    left = round((start_min - first) * 100 / span, 3)
    width = round((end_min - start_min) * 100 / span, 3)
    # "%H:%M" without strftime, which costs more than the rest of the block.
    times = "{:02d}:{:02d}–{:02d}:{:02d}".format(*start_clock, *end_clock)
    return left, width, f"left: {left}%; width: {width}%;", times


# ------------------------------------------------------------------------------------------------
# Bookings


@prepared(user=int, start=dt.datetime, end=dt.datetime)
def _my_bookings_between(p):
    return (
        Booking.objects.filter(person_id=p.user, status__in=ACTIVE_STATUSES, start__lt=p.end, end__gt=p.start)
        .exclude(status=BookingStatus.BLOCKED)
        .annotate(room_name=lookup(Room, "room_id", F("name")), desk_label=lookup(Desk, "desk_id", F("label")))
        .order_by("start", "pk")
        .values_list("pk", "start", "end", "title", "room_name", "desk_label")
    )


def my_bookings_between(user, start: dt.datetime, end: dt.datetime) -> list[tuple]:
    """The user's active bookings (not blocks) overlapping [start, end), soonest first, as plain rows
    ``(pk, start, end, title, room name or None, desk label or None)``: the agenda shows a few fields
    of many weeks of bookings. One query, on the (person, end) index; compiled once per process."""
    return _my_bookings_between.rows(user=user.pk, start=start, end=end)


@prepared(user=int, now=dt.datetime)
def _my_next_booking(p):
    return (
        Booking.objects.filter(person_id=p.user, status__in=ACTIVE_STATUSES, end__gt=p.now)
        .annotate(room_name=lookup(Room, "room_id", F("name")), desk_label=lookup(Desk, "desk_id", F("label")))
        .order_by("start", "pk")
        .values_list("start", "end", "room_name", "desk_label")[:1]
    )


def my_next_booking(user) -> tuple | None:
    """The user's next active booking (not ended yet) as ``(start, end, room name or None, desk label
    or None)``, or None. Ordering by (start, pk) rather than start alone makes PostgreSQL read the few
    bookings not ended yet through the (person, end) index, not the person's whole history by start."""
    return _my_next_booking.first(user=user.pk, now=timezone.now())


@prepared(user=int)
def _my_open_tickets(p):
    return Ticket.objects.filter(reporter_id=p.user, status__in=OPEN_STATUSES).values("pk")


def my_open_tickets_count(user) -> int:
    """How many tickets the user reported are still open (my space); compiled once per process."""
    return _my_open_tickets.count(user=user.pk)


@prepared(now=dt.datetime)
def _pending_bookings(p):
    return Booking.objects.filter(status=BookingStatus.PENDING, end__gt=p.now).values("pk")


def pending_bookings_count_query():
    """The prepared count of ``selectors.pending_bookings`` and its arguments (the layout's badge)."""
    return _pending_bookings, {"now": timezone.now()}


class PendingRow(NamedTuple):
    """A booking waiting for approval, with what the inbox and the dashboard show of it."""

    pk: int
    start: dt.datetime
    end: dt.datetime
    title: str
    attendees: int
    created_at: dt.datetime
    resource: str  # str(booking.resource): the room's name, or the desk's label
    site: str  # str(booking.resource.floor.site)
    first_name: str
    last_name: str
    email: str

    @property
    def requester(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email  # str(User)


@prepared(now=dt.datetime)
def _pending_rows(p):
    # Nested one-row subqueries rather than joins: PostgreSQL plans them for a fraction of the cost,
    # and the inbox badge runs this on every page of an office manager, mostly to find no row.
    def site_of(space, key):
        floor_site = lookup(Floor, "floor_id", lookup(Site, "site_id", F("name")))
        return lookup(space, key, floor_site)

    return (
        Booking.objects.filter(status=BookingStatus.PENDING, end__gt=p.now)
        .annotate(
            resource=Coalesce(lookup(Room, "room_id", F("name")), lookup(Desk, "desk_id", F("label"))),
            site=Coalesce(site_of(Room, "room_id"), site_of(Desk, "desk_id")),
            first_name=lookup(User, "person_id", F("first_name")),
            last_name=lookup(User, "person_id", F("last_name")),
            email=lookup(User, "person_id", F("email")),
        )
        .order_by("created_at", "pk")
        .values_list(*PendingRow._fields)
    )


def pending_rows(user) -> list[PendingRow]:
    """``selectors.pending_bookings(user)`` as plain rows, oldest request first (the inbox, the dashboard
    and the inbox badge of every page of an office manager): one query, compiled once per process."""
    if not is_office_manager(user):
        return []
    return [PendingRow(*row) for row in _pending_rows.rows(now=timezone.now())]


@prepared(start=dt.date, end=dt.date)
def _checks_due_between(p, *, limit: int):
    return (
        CheckItem.objects.filter(is_active=True, site__is_active=True, due_date__gte=p.start, due_date__lte=p.end)
        .order_by("due_date")
        .values_list("pk", "name", "kind", "due_date", "site__name")[:limit]
    )


def checks_due_between(start: dt.date, end: dt.date, *, limit: int) -> list[tuple]:
    """Active checks of active sites due in [start, end], soonest first, as ``(pk, name, kind, due_date,
    site name)`` rows (the agenda of who keeps the register); compiled once per process."""
    return _checks_due_between.rows(start=start, end=end, limit=limit)


# ------------------------------------------------------------------------------------------------
# Register


def register_items(user, site) -> list[CheckItem]:
    """The register of one site: every active check with its last check; one query."""
    return list(check_items_visible_to(user).filter(site=site))


class RegisterRow(NamedTuple):
    """A check of the register with what its row shows, and its status on the day asked."""

    pk: int
    kind: str
    name: str
    interval_months: int
    supplier: str
    legal_reference: str
    due_date: dt.date
    last_done_on: dt.date | None
    last_result: str | None
    status: str  # CheckStatus, as CheckItem.status_on()

    @property
    def display_name(self) -> str:
        return self.name or str(CheckKind(self.kind).label)  # CheckItem.display_name


@prepared(site=int)
def _register_rows(p):
    items = with_last_check(CheckItem.objects.filter(is_active=True, site_id=p.site))
    return items.order_by("due_date", "site__name", "kind").values_list(
        "pk",
        "kind",
        "name",
        "interval_months",
        "supplier",
        "legal_reference",
        "due_date",
        "last_done_on",
        "last_result",
    )


def register_rows(user, site, today: dt.date) -> list[RegisterRow]:
    """``register_items`` as plain rows with their status on ``today`` (the register's page): one
    query, compiled once per process."""
    if not may_see_register(user):
        return []
    rows = _register_rows.rows(site=site.pk)
    return [RegisterRow(*row, status=check_status(row[6], today)) for row in rows]


# ------------------------------------------------------------------------------------------------
# Tickets


def my_reported_tickets(user) -> QuerySet[Ticket]:
    return Ticket.objects.filter(reporter=user).select_related("site", "room").order_by("-created_at")


def my_assigned_tickets(user) -> QuerySet[Ticket]:
    return (
        Ticket.objects.filter(assignee=user, status__in=OPEN_STATUSES)
        .select_related("site", "room", "reporter")
        .order_by("-created_at")
    )


@prepared(today=dt.date, soon=dt.date, day_start=dt.datetime, day_end=dt.datetime)
def _office_figures(p):
    checks = (
        CheckItem.objects.filter(is_active=True, due_date__lte=p.soon)
        .annotate(key=Case(When(due_date__lt=p.today, then=Value("overdue")), default=Value("due_soon")))
        .order_by()
        .values("key")
        .annotate(n=Count("pk"))
        .values_list("key", "n")
    )
    tickets = (
        Ticket.objects.filter(status__in=OPEN_STATUSES)
        .annotate(key=Concat(Value("ticket_"), "urgency", output_field=CharField()))
        .order_by()
        .values("key")
        .annotate(n=Count("pk"))
        .values_list("key", "n")
    )
    bookings = (
        Booking.objects.filter(
            room__isnull=False,
            status__in=(BookingStatus.CONFIRMED, BookingStatus.PENDING),
            start__lt=p.day_end,
            end__gt=p.day_start,
        )
        .annotate(key=Value("bookings_today", output_field=CharField()))
        .order_by()
        .values("key")
        .annotate(n=Count("pk"))
        .values_list("key", "n")
    )
    return checks.union(tickets, bookings, all=True)


def office_figures(today: dt.date) -> dict[str, int]:
    """The office manager's dashboard figures in one query (a UNION of three small GROUP BYs), compiled
    once per process: checks overdue and due within 30 days, open tickets per urgency, room bookings today."""
    day_start = dt.datetime.combine(today, dt.time.min, timezone.get_current_timezone())
    figures = dict.fromkeys(
        ("overdue", "due_soon", "bookings_today", *(f"ticket_{u}" for u in TicketUrgency.values)), 0
    )
    rows = _office_figures.rows(
        today=today,
        soon=today + dt.timedelta(days=DUE_SOON_DAYS),
        day_start=day_start,
        day_end=day_start + dt.timedelta(days=1),
    )
    figures.update(dict(rows))
    return figures


def allowed_transitions(ticket: Ticket, user) -> list[tuple[str, str]]:
    """The status buttons ``user`` may press on ``ticket`` (mirrors the service's rule)."""
    allowed = TRANSITIONS.get(ticket.status, frozenset())
    handles = is_office_manager(user) or (ticket.assignee_id and ticket.assignee_id == user.pk)
    # The reporter confirms a fix (close) or says it is not fixed (reopen).
    confirms = ticket.reporter_id == user.pk and ticket.status == TicketStatus.RESOLVED
    statuses = allowed if handles or confirms else frozenset()
    return [(value, label) for value, label in TicketStatus.choices if value in statuses]


def all_check_items_visible_to(user) -> QuerySet[CheckItem]:
    """Every check item, inactive ones too (their page keeps the history), for who may see the register."""
    if not may_see_register(user):
        return CheckItem.objects.none()
    return CheckItem.objects.select_related("site")


def check_records_visible_to(user) -> QuerySet[CheckRecord]:
    if not may_see_register(user):
        return CheckRecord.objects.none()
    return CheckRecord.objects.select_related("item__site")
