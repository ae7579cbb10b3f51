"""The team calendar: a FullCalendar month view fed by a JSON endpoint built from team_calendar()."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from apps.accounts.models import Site, Team
from apps.core import cache as read_cache
from apps.core import permissions as perms
from apps.core.reversing import pk_url, url_scope
from apps.leave import selectors
from apps.leave.forms import parse_iso_day
from apps.leave.models import Half
from apps.leave.services._common import holiday_names, is_office_manager

# Pending leave: dark text on a light box, the type's colour on its dashed border
# (static/css/leave.css): 15.8:1, where white italics on stripes of the type's colour were unreadable.
PENDING_BACKGROUND = "#f8f9fa"
PENDING_TEXT = "#212529"
MAX_RANGE_DAYS = 100  # a month grid is 42 days; a little more for the list views
ONE_DAY = dt.timedelta(days=1)


def _sees_everyone(user) -> bool:
    return is_office_manager(user) or user.is_director


@require_GET
@perms.login_required
def calendar(request: HttpRequest) -> HttpResponse:
    everyone = _sees_everyone(request.user)
    context = {
        "teams": list(Team.objects.order_by("name")) if everyone else [],
        "sites": list(Site.objects.filter(is_active=True).order_by("name")) if everyone else [],
    }
    return render(request, "leave/calendar.html", context)


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _event_builder(viewer):
    """A function (person, absence) -> FullCalendar event dict, with what is the same for every
    event worked out once: the translated words, the viewer's rights, the request URL pattern."""
    from_afternoon, until_noon, pending_word = _("from the afternoon"), _("until noon"), _("pending")
    everyone = _sees_everyone(viewer)
    managed = set(viewer.managed_team_ids)
    detail_url = pk_url("leave:request_detail")
    viewer_id = viewer.pk  # read once: request.user is a lazy object

    def build(person, absence) -> dict:
        full_name = person.get_full_name()
        name = full_name or person.email
        classes = ["leave-event"]
        notes = []
        if absence.pending:
            classes.append("leave-pending")
        if absence.start_half == Half.AFTERNOON:
            classes.append("leave-starts-afternoon")
            notes.append(from_afternoon)
        if absence.end_half == Half.MORNING:
            classes.append("leave-ends-morning")
            notes.append(until_noon)
        if absence.pending:
            notes.append(pending_word)
        title = f"{name} — {absence.label}"
        event = {
            "title": f"{title} ({', '.join(notes)})" if notes else title,
            "start": absence.start.isoformat(),
            "end": (absence.end + ONE_DAY).isoformat(),  # FullCalendar's end is exclusive
            "allDay": True,
            "classNames": classes,
            "extendedProps": {"person": full_name, "pending": absence.pending},
        }
        if absence.pending:
            event |= {"backgroundColor": PENDING_BACKGROUND, "borderColor": absence.colour, "textColor": PENDING_TEXT}
        else:
            event["color"] = absence.colour
        # Only those who may open the request get a link to it.
        if everyone or person.pk == viewer_id or person.team_id in managed:
            event["url"] = detail_url(absence.request_id)
        return event

    return build


@require_GET
@perms.login_required
def calendar_events(request: HttpRequest) -> HttpResponse:
    """JSON events for FullCalendar: absences (approved solid, pending striped, half days named) and
    the public holidays of the people's sites as background events. ``team``/``site`` filter for
    those who see everyone."""
    start, end = parse_iso_day(request.GET.get("start")), parse_iso_day(request.GET.get("end"))
    if start is None or end is None or end < start or (end - start).days > MAX_RANGE_DAYS:
        return HttpResponseBadRequest(
            ngettext(
                "Give a start and an end date, at most %(days)d day apart.",
                "Give a start and an end date, at most %(days)d days apart.",
                MAX_RANGE_DAYS,
            )
            % {"days": MAX_RANGE_DAYS}
        )
    user = request.user
    team_id = site_id = None
    if _sees_everyone(user):
        team_id, site_id = _int_or_none(request.GET.get("team")), _int_or_none(request.GET.get("site"))
    # The calendar is reopened all day and its absences rarely change: the events are kept until a
    # table they were read from is written to (apps/core/cache.py). They hold links: url_scope().
    key = ("leave.calendar_events", read_cache.viewer_key(user), start, end, team_id, site_id, url_scope())
    events = read_cache.cached(key, lambda: _events(user, start, end, team_id, site_id))
    return JsonResponse(events, safe=False)


def _events(user, start: dt.date, end: dt.date, team_id: int | None, site_id: int | None) -> list[dict]:
    # FullCalendar's end is exclusive; the selector's is inclusive.
    cal = selectors.team_calendar(user, start, end - dt.timedelta(days=1))
    people = cal.people
    if team_id:
        people = [p for p in people if p.team_id == team_id]
    if site_id:
        people = [p for p in people if p.site_id == site_id]
    by_id = {p.pk: p for p in people}
    build = _event_builder(user)
    events = [build(by_id[a.person_id], a) for a in cal.absences if a.person_id in by_id]
    holiday_sites: dict[dt.date, tuple[str, set[str]]] = {}
    sites = {p.site_id: p.site for p in people}
    site_names = {site_id: (site.name if site else "") for site_id, site in sites.items()}
    language = get_language() or "fr"
    for site_id, days in cal.holidays.items():
        if site_id not in sites:
            continue
        # The holiday names in the reader's language (the selector gives the package's default).
        site = sites[site_id]
        subdivision = site.holiday_subdivision if site else ""
        names = holiday_names(subdivision, start.year, end.year, language)
        for day, name in days.items():
            holiday_sites.setdefault(day, (names.get(day, name), set()))[1].add(site_names[site_id])
    multi_site = len(site_names) > 1
    for day, (name, sites) in sorted(holiday_sites.items()):
        title = name
        if multi_site and len(sites) < len(site_names):
            title = f"{name} ({', '.join(sorted(s for s in sites if s))})"
        events.append(
            {
                "title": title,
                "start": day.isoformat(),
                "allDay": True,
                "display": "background",
                "classNames": ["leave-holiday"],
            }
        )
    return events
