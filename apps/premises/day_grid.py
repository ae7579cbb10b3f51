"""What the rooms' day grid of one site and day shows, read for each request.

The grid is the page staff open all day, and a busy day of a big site is some 40 rooms and 250
bookings. Its DATA only changes with the premises data (a booking, a room, the site's hours) or the
people's names, so the site's day (floors, rooms, every booking with its person) is kept once for
every viewer until one of them changes (``apps.core.stamps``). What each viewer may see of it (their
own bookings, "busy" for others', every detail for an office manager) is worked out from the kept
rows on every request, and the page is rendered from its template every time: nothing rendered for
one viewer is served to another.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode

from apps.core import stamps
from apps.premises import selectors, ui_selectors
from apps.premises.models import SitePremisesSettings
from apps.premises.selectors import DayFloor, DayRoom
from apps.premises.ui_selectors import GridRow

# The people's names show on the office managers' grid; everything else is premises data.
DEPENDS_ON = ("premises", "accounts")


@dataclass(frozen=True)
class SiteDay:
    floors: tuple[DayFloor, ...]
    rooms: tuple[DayRoom, ...]
    bookings: tuple[tuple, ...] | None  # None: not read, day_view reads the viewer's own


@dataclass(frozen=True)
class DayGrid:
    """The day grid of one site and day as one viewer sees it."""

    rules: SitePremisesSettings
    closed: bool  # the site is closed on that day of the week
    hours: list[int]  # the whole hours the grid shows
    rows: list[GridRow]  # one per active room, its bookings placed and masked for the viewer
    floors: tuple[DayFloor, ...]
    book_url: str  # the booking form for that site and day; premises.js adds the room and the hour


def _site_day(site, day: dt.date) -> SiteDay:
    floors, rooms = selectors.day_spaces(site)
    bookings = tuple(selectors.day_bookings(site, day)) if rooms else ()
    return SiteDay(tuple(floors), tuple(rooms), bookings)


def day_grid(viewer, *, site, day: dt.date) -> DayGrid:
    """The grid of ``site`` on ``day`` for ``viewer``: the site's day is read once for every viewer
    while the data is unchanged (with the read cache on), then masked for ``viewer``."""
    if stamps.enabled():
        key = ("premises.site_day", site.pk, day)
        site_day = stamps.cached_read(viewer, DEPENDS_ON, key, lambda: _site_day(site, day))
    else:
        # Nothing is kept: the viewer's own read of the bookings, which joins the people's names
        # only where the viewer may see them (selectors.day_view).
        floors, rooms = selectors.day_spaces(site)
        site_day = SiteDay(tuple(floors), tuple(rooms), None)
    rules = ui_selectors.site_rules(site)
    kept = None if site_day.bookings is None else list(site_day.bookings)
    room_days = selectors.day_view(site=site, day=day, viewer=viewer, rooms=list(site_day.rooms), rows=kept)
    return DayGrid(
        rules=rules,
        closed=day.weekday() not in rules.open_days,
        hours=ui_selectors.grid_hours(rules.opens_at, rules.closes_at),
        rows=ui_selectors.day_grid(room_days, day, rules.opens_at, rules.closes_at),
        floors=site_day.floors,
        book_url=reverse("premises:booking_new") + "?" + urlencode({"site": site.pk, "date": day.isoformat()}),
    )
