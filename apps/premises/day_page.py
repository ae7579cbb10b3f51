"""The day page of one site and day (the rooms' grid), rendered again only when it changed.

The grid is the page staff open all day, and a busy day of a big site is some 40 rooms and 250
bookings: reading them, masking them for the viewer, placing them and writing the markup is most of
the page's time. The result only changes with the premises data (a booking, a room, the site's
hours) or the people's names, so it is kept per process until one of them changes
(``apps.core.stamps``):

- the site's day (floors, rooms, every booking with its person) is kept once for every viewer;
- the page's content (the grid, its menus, the legend) is kept per *view* of it: the office
  managers' (every detail), the view of anyone with no booking that day (every booking "busy"), and
  the view of each person with one (theirs highlighted, an office manager's too). A person's own
  bookings are found in the kept rows, so telling which view is theirs costs no query. The content
  holds no form token.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from apps.core import roles, stamps
from apps.core.reversing import pk_url, url_scope
from apps.premises import selectors, ui_selectors
from apps.premises.selectors import DayFloor, DayRoom
from apps.premises.services.common import is_office_manager
from apps.premises.templatetags.premises_ui import day_grid_rows

# The people's names show on the office managers' grid; everything else is premises data.
DEPENDS_ON = ("premises", "accounts")
_PERSON, _CREATED_BY = 7, 8  # in selectors.day_bookings' rows


@dataclass(frozen=True)
class SiteDay:
    floors: tuple[DayFloor, ...]
    rooms: tuple[DayRoom, ...]
    bookings: tuple[tuple, ...] | None  # None: not read, day_view reads the viewer's own
    involved: frozenset[int]  # the people with a booking that day, or who made one


def _site_day(site, day: dt.date) -> SiteDay:
    floors, rooms = selectors.day_spaces(site)
    bookings = tuple(selectors.day_bookings(site, day)) if rooms else ()
    involved = frozenset(row[i] for row in bookings for i in (_PERSON, _CREATED_BY) if row[i] is not None)
    return SiteDay(tuple(floors), tuple(rooms), bookings, involved)


def day_content(request: HttpRequest, *, site, sites: list, day: dt.date) -> SafeString:
    """The day page's content (the grid, its menus and its legend) for ``site`` on ``day``, as the
    request's user sees it. ``sites`` must have been read after ``stamps.snapshot(request.user)``."""
    viewer = request.user
    office = is_office_manager(viewer)
    director = viewer.has_role(roles.DIRECTOR)  # the register's tab in the premises menu
    if not stamps.enabled():
        # Nothing is kept: the viewer's own read of the bookings, which joins the people's names
        # only where the viewer may see them (selectors.day_view).
        floors, rooms = selectors.day_spaces(site)
        site_day = SiteDay(tuple(floors), tuple(rooms), None, frozenset())
        return _render(request, site=site, sites=sites, day=day, site_day=site_day, office=office, director=director)
    site_day = stamps.cached_read(viewer, DEPENDS_ON, ("premises.site_day", site.pk, day), lambda: _site_day(site, day))
    if viewer.pk in site_day.involved:
        view = stamps.user_key(viewer)  # their own bookings highlighted (an office manager's too)
    elif office:
        view = "office manager"
    else:
        view = "anyone else"
    today = timezone.localdate()
    url_name = getattr(request.resolver_match, "url_name", None)
    sites_shown = tuple((other.pk, other.is_active) for other in sites)

    def render() -> SafeString:
        return _render(request, site=site, sites=sites, day=day, site_day=site_day, office=office, director=director)

    key = ("premises.day", site.pk, day, view, today, url_name, office, director, sites_shown, url_scope())
    return stamps.cached_read(viewer, DEPENDS_ON, key, render)


def _render(request, *, site, sites, day, site_day: SiteDay, office: bool, director: bool) -> SafeString:
    """The content; the viewer's own read of the bookings when ``site_day`` has none (nothing kept)."""
    rules = ui_selectors.site_rules(site)
    closed = day.weekday() not in rules.open_days
    hours = ui_selectors.grid_hours(rules.opens_at, rules.closes_at)
    # The grid's one click handler (static/js/premises.js) adds the room and the hour clicked.
    book_url = reverse("premises:booking_new") + "?" + urlencode({"site": site.pk, "date": day.isoformat()})
    kept = None if site_day.bookings is None else list(site_day.bookings)
    room_days = selectors.day_view(site=site, day=day, viewer=request.user, rooms=list(site_day.rooms), rows=kept)
    rows = ui_selectors.day_grid(room_days, day, rules.opens_at, rules.closes_at)
    site_day_url, floor_plan_url = pk_url("premises:site_day"), pk_url("premises:floor_plan")
    context = {
        "request": request,  # the premises menu's active tab
        "roles": {roles.OFFICE_MANAGER: office, roles.DIRECTOR: director},
        "site": site,
        "sites": sites,
        "day": day,
        "day_iso": day.isoformat(),
        "today": timezone.localdate(),
        "previous_day": day - dt.timedelta(days=1),
        "next_day": day + dt.timedelta(days=1),
        "rules": rules,
        "closed": closed,
        "hours": hours,
        "hour_labels": [f"{hour:02d}:00" for hour in hours],
        "has_rooms": bool(site_day.rooms),
        "grid_rows": day_grid_rows(rows, book_url, closed),
        "book_url": book_url,
        "site_links": [(other, site_day_url(other.pk)) for other in sites if other.is_active],
        "floor_links": [(floor, floor_plan_url(floor.pk)) for floor in site_day.floors],
        "is_office_manager": office,
    }
    return mark_safe(render_to_string("premises/_day_content.html", context))  # a template's output


def no_site_content(request: HttpRequest) -> SafeString:
    """The day page when no site has been set up yet."""
    office = is_office_manager(request.user)
    context = {"request": request, "roles": {roles.OFFICE_MANAGER: office}, "site": None}
    return mark_safe(render_to_string("premises/_day_content.html", context))  # a template's output
