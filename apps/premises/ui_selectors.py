"""Reads the premises pages need on top of ``selectors.py``: which site a page shows, the day grid's
geometry, the ticket queue with its filters, the register of one site. Bounded queries, like the
domain selectors they build on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, QuerySet, Value, When
from django.db.models.functions import Concat
from django.utils import timezone

from apps.accounts.models import Site
from apps.accounts.selectors import sites_for
from apps.core import roles
from apps.core.reversing import pk_url
from apps.premises.models import (
    ACTIVE_STATUSES,
    DUE_SOON_DAYS,
    OPEN_STATUSES,
    TRANSITIONS,
    Booking,
    BookingStatus,
    CheckItem,
    CheckRecord,
    Desk,
    Floor,
    Room,
    Ticket,
    TicketStatus,
    TicketUrgency,
)
from apps.premises.selectors import (
    BookingView,
    RoomDay,
    _urgency_rank,
    check_items_visible_to,
    tickets_visible_to,
)
from apps.premises.services.common import is_office_manager

# ------------------------------------------------------------------------------------------------
# Sites


def visible_sites(user) -> list[Site]:
    """The sites the user may pick in the premises pages (active ones; all for an office manager)."""
    return list(sites_for(user))


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


@dataclass(frozen=True, slots=True)
class GridBlock:
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
    room: Room
    blocks: list[GridBlock] = field(default_factory=list)


def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


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
    detail_url = pk_url("premises:booking_detail")  # one reverse() for the whole grid
    rows = []
    for room_day in room_days:
        row = GridRow(room_day.room)
        for view in room_day.bookings:
            start, end = view.start.astimezone(tz), view.end.astimezone(tz)
            start_min = _minutes(start.time()) if start.date() == day else 0
            end_min = _minutes(end.time()) if end.date() == day else 24 * 60
            start_min, end_min = max(start_min, first), min(end_min, last)
            if end_min <= start_min:
                continue  # entirely outside the hours shown
            left = round((start_min - first) * 100 / span, 3)
            width = round((end_min - start_min) * 100 / span, 3)
            times = f"{start:%H:%M}–{end:%H:%M}"
            who = f" · {view.person_name}" if view.person_name else ""
            row.blocks.append(
                GridBlock(
                    view=view,
                    left=left,
                    width=width,
                    url=detail_url(view.pk) if view.show_details else "",
                    css=_css(view),
                    style=f"left: {left}%; width: {width}%;",
                    times=times,
                    caption=times + ("" if view.is_mine else who),
                    tooltip=f"{times} · {view.title}{who}",
                )
            )
        rows.append(row)
    return rows


# ------------------------------------------------------------------------------------------------
# Bookings


def my_bookings_between(user, start: dt.datetime, end: dt.datetime) -> list[tuple]:
    """The user's active bookings (not blocks) overlapping [start, end), soonest first, as plain rows
    ``(pk, start, end, title, room name or None, desk label or None)``: the agenda shows a few fields
    of many weeks of bookings. One query, on the (person, end) index."""
    return list(
        Booking.objects.filter(person=user, status__in=ACTIVE_STATUSES, start__lt=end, end__gt=start)
        .exclude(status=BookingStatus.BLOCKED)
        .order_by("start", "pk")
        .values_list("pk", "start", "end", "title", "room__name", "desk__label")
    )


def my_next_booking(user) -> tuple | None:
    """The user's next active booking (not ended yet) as ``(start, end, room name or None, desk label
    or None)``, or None. Ordering by (start, pk) rather than start alone makes PostgreSQL read the few
    bookings not ended yet through the (person, end) index, not the person's whole history by start."""
    return (
        Booking.objects.filter(person=user, status__in=ACTIVE_STATUSES, end__gt=timezone.now())
        .order_by("start", "pk")
        .values_list("start", "end", "room__name", "desk__label")
        .first()
    )


# ------------------------------------------------------------------------------------------------
# Register


def register_items(user, site) -> list[CheckItem]:
    """The register of one site: every active check with its last check; one query."""
    return list(check_items_visible_to(user).filter(site=site))


# ------------------------------------------------------------------------------------------------
# Tickets


def ticket_queue(user, *, status: str = "", urgency: str = "", site_id: int | None = None) -> QuerySet[Ticket]:
    """The office manager's ticket list: open tickets by default, most urgent then oldest first."""
    tickets = tickets_visible_to(user)
    if status == "all":
        pass
    elif status:
        tickets = tickets.filter(status=status)
    else:
        tickets = tickets.filter(status__in=OPEN_STATUSES)
    if urgency:
        tickets = tickets.filter(urgency=urgency)
    if site_id:
        tickets = tickets.filter(site_id=site_id)
    return tickets.annotate(urgency_rank=_urgency_rank()).order_by("-urgency_rank", "created_at")


def my_reported_tickets(user) -> QuerySet[Ticket]:
    return Ticket.objects.filter(reporter=user).select_related("site", "room").order_by("-created_at")


def my_assigned_tickets(user) -> QuerySet[Ticket]:
    return (
        Ticket.objects.filter(assignee=user, status__in=OPEN_STATUSES)
        .select_related("site", "room", "reporter")
        .order_by("-created_at")
    )


def office_figures(today: dt.date) -> dict[str, int]:
    """The office manager's dashboard figures in one query (a UNION of three small GROUP BYs):
    checks overdue and due within 30 days, open tickets per urgency, room bookings today."""
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    day_start = dt.datetime.combine(today, dt.time.min, timezone.get_current_timezone())
    checks = (
        CheckItem.objects.filter(is_active=True, due_date__lte=soon)
        .annotate(key=Case(When(due_date__lt=today, then=Value("overdue")), default=Value("due_soon")))
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
            start__lt=day_start + dt.timedelta(days=1),
            end__gt=day_start,
        )
        .annotate(key=Value("bookings_today", output_field=CharField()))
        .order_by()
        .values("key")
        .annotate(n=Count("pk"))
        .values_list("key", "n")
    )
    figures = dict.fromkeys(
        ("overdue", "due_soon", "bookings_today", *(f"ticket_{u}" for u in TicketUrgency.values)), 0
    )
    figures.update(dict(checks.union(tickets, bookings, all=True)))
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
