"""The rooms' day grid of one site and day: the page staff open all day (a busy day of a big site is
some 40 rooms and 250 bookings).

What the grid reads (floors, active rooms, every booking of the day with its person's name) is the
same for every viewer, so it is kept once per site and day in the read cache (``site_day``) until a
table it read is written to. What each viewer may see of it (their own bookings, "busy" for others',
every detail for an office manager) is worked out from that data (``day_view``) and placed on the
grid, and that result is kept per viewer (``day_grid``): the page is reopened all day. The page is
rendered from its template every time: nothing rendered for one viewer is served to another.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import FilteredRelation, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from apps.core import cache as read_cache
from apps.core.reversing import pk_url, url_scope
from apps.premises.models import ACTIVE_STATUSES, Booking, Floor, SitePremisesSettings
from apps.premises.selectors.bookings import BookingView, day_bounds, mask_labels, shown_title
from apps.premises.selectors.sites import site_rules
from apps.premises.services.common import is_office_manager


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


def day_spaces(site) -> tuple[list[DayFloor], list[DayRoom]]:
    """The floors of ``site`` (level, name: the day view's floor plans) and its active rooms (by floor
    level, then name), in one query: every floor with each of its active rooms, one row per room (a
    floor without one gets a row of NULLs)."""
    rows = (
        Floor.objects.filter(site=site)
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
    floors, rooms = {}, []
    for pk, name, level, room_id, *room in rows:
        floors[pk] = (level, name)
        if room_id is not None:
            rooms.append(DayRoom(room_id, *room, floor_name=name))
    ordered = sorted(floors.items(), key=lambda item: item[1])
    return [DayFloor(pk, name) for pk, (_level, name) in ordered], rooms


def day_bookings(site, day: dt.date) -> list[tuple]:
    """Every active booking of ``site``'s active rooms overlapping ``day``, with its person's name, as
    the rows ``day_view`` masks for each viewer: ``(pk, room_id, status, title, reason, start, end,
    person_id, created_by_id, first_name, last_name)``. One query."""
    start, end = day_bounds(day)
    bookings = Booking.objects.filter(
        room__floor__site=site, room__is_active=True, status__in=ACTIVE_STATUSES, start__lt=end, end__gt=start
    ).order_by("start", "pk")
    return list(
        bookings.values_list(
            "pk",
            "room_id",
            "status",
            "title",
            "reason",
            "start",
            "end",
            "person_id",
            "created_by_id",
            "person__first_name",
            "person__last_name",
        )
    )


@dataclass(frozen=True)
class SiteDay:
    """What the grid of one site and day reads, the same for every viewer."""

    floors: list[DayFloor]
    rooms: list[DayRoom]
    bookings: list[tuple]  # day_bookings rows


def _read_site_day(site, day: dt.date) -> SiteDay:
    floors, rooms = day_spaces(site)
    return SiteDay(floors, rooms, day_bookings(site, day) if rooms else [])


def site_day(site, day: dt.date) -> SiteDay:
    """The floors, rooms and bookings of ``site`` on ``day``: two queries, kept in the read cache until
    the premises or the people's names change. Nothing in it depends on the viewer."""
    return read_cache.cached(("premises.site_day", site.pk, day), lambda: _read_site_day(site, day))


def day_view(
    *, site, day: dt.date, viewer, rooms: list[DayRoom] | None = None, rows: list[tuple] | None = None
) -> list[RoomDay]:
    """Every active room of ``site`` with its active bookings overlapping ``day``, masked for ``viewer``.

    Two queries whatever the number of rooms and bookings; none when the caller has the rooms
    (``day_spaces``) and the bookings (``day_bookings``). Multi-day blocks show on each day.
    """
    if rooms is None:
        rooms = day_spaces(site)[1]
    by_room = {room.pk: RoomDay(room) for room in rooms}
    if not by_room:
        return []
    if rows is None:
        rows = day_bookings(site, day)
    manager = is_office_manager(viewer)
    viewer_pk = viewer.pk
    labels = mask_labels()
    for pk, room_id, status, title, reason, start, end, person_id, created_by_id, first, last in rows:
        room_day = by_room.get(room_id)
        if room_day is None:
            continue  # a room activated since the caller read the rooms
        mine = viewer_pk in (person_id, created_by_id)
        details = mine or manager
        shown = shown_title(status, title, reason, details, labels)
        person_name = f"{first} {last}".strip() if details else ""  # User.get_full_name()
        room_day.bookings.append(BookingView(pk, start, end, status, mine, details, shown, person_name))
    return list(by_room.values())


# --- Placing the bookings on the grid -------------------------------------------------------------


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


def place_bookings(room_days: list[RoomDay], day: dt.date, opens: dt.time, closes: dt.time) -> list[GridRow]:
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
    placed: dict[tuple, tuple | None] = {}
    rows = []
    for room_day in room_days:
        row = GridRow(room_day.room)
        for view in room_day.bookings:
            place = _placement(view, day, midnight, same_offset, tz, placed, first, last, span)
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


def _placement(view, day, midnight, same_offset, tz, placed, first, last, span):
    """``_place`` of one booking, worked out once per (start, end) in ``placed``."""
    if same_offset:
        start_min = (view.start - midnight).total_seconds() // 60
        end_min = (view.end - midnight).total_seconds() // 60
        if start_min >= 0 and end_min < 24 * 60:
            key = (int(start_min), int(end_min))
            if key not in placed:
                placed[key] = _place(*key, divmod(key[0], 60), divmod(key[1], 60), first, last, span)
            return placed[key]
    # From or to another day, or a day with a change of offset: in local time.
    start, end = view.start.astimezone(tz), view.end.astimezone(tz)
    start_clock, end_clock = (start.hour, start.minute), (end.hour, end.minute)
    starts_today, ends_today = start.date() == day, end.date() == day
    key = (start_clock, end_clock, starts_today, ends_today)
    if key not in placed:
        placed[key] = _place(
            start.hour * 60 + start.minute if starts_today else 0,
            end.hour * 60 + end.minute if ends_today else 24 * 60,
            start_clock,
            end_clock,
            first,
            last,
            span,
        )
    return placed[key]


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


# --- The grid as one viewer sees it -----------------------------------------------------------------


@dataclass(frozen=True)
class DayGrid:
    """The day grid of one site and day as one viewer sees it."""

    rules: SitePremisesSettings
    closed: bool  # the site is closed on that day of the week
    hours: list[int]  # the whole hours the grid shows
    rows: list[GridRow]  # one per active room, its bookings placed and masked for the viewer
    floors: list[DayFloor]
    book_url: str  # the booking form for that site and day; premises.js adds the room and the hour


def _read_grid_rows(
    viewer, site, day: dt.date, opens: dt.time, closes: dt.time
) -> tuple[list[DayFloor], list[GridRow]]:
    kept = site_day(site, day)
    room_days = day_view(site=site, day=day, viewer=viewer, rooms=kept.rooms, rows=kept.bookings)
    return kept.floors, place_bookings(room_days, day, opens, closes)


def day_grid(viewer, *, site, day: dt.date) -> DayGrid:
    """The grid of ``site`` on ``day`` for ``viewer``: the site's day (kept for every viewer) masked
    for ``viewer`` and placed in the site's opening hours. The placed rows are kept per viewer too
    (the page is reopened all day): the masking and placing cost more than the reads. The opening
    hours come from the caller's site (read outside), so they are in the key."""
    rules = site_rules(site)
    floors, rows = read_cache.cached(
        (
            "premises.day_grid",
            read_cache.viewer_key(viewer),
            site.pk,
            day,
            rules.opens_at,
            rules.closes_at,
            url_scope(),  # the blocks hold their booking's link
        ),
        lambda: _read_grid_rows(viewer, site, day, rules.opens_at, rules.closes_at),
    )
    return DayGrid(
        rules=rules,
        closed=day.weekday() not in rules.open_days,
        hours=grid_hours(rules.opens_at, rules.closes_at),
        rows=rows,
        floors=floors,
        book_url=reverse("premises:booking_new") + "?" + urlencode({"site": site.pk, "date": day.isoformat()}),
    )
