import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from apps.core import permissions as perms
from apps.core import registry
from apps.core.ranges import parse_day

APPROVALS_SHOWN = 5


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@require_GET
@perms.role_required(perms.DIRECTOR, perms.OFFICE_MANAGER)
def index(request: HttpRequest) -> HttpResponse:
    """The director's agenda: one week (Monday to Sunday) of what the installed apps put on the
    calendar (absences, bookings, checks due, public holidays), the viewer's own approvals waiting,
    and the key figures a director reads (``registry.director_figures``)."""
    this_week = _monday(timezone.localdate())
    start = _monday(parse_day(request.GET.get("start"), this_week))
    end = start + dt.timedelta(days=6)
    approvals = registry.pending_approvals(request.user)
    return render(
        request,
        "agenda/index.html",
        {
            "start": start,
            "end": end,
            "previous_start": start - dt.timedelta(weeks=1),
            "next_start": start + dt.timedelta(weeks=1),
            "this_week": this_week,
            "is_this_week": start == this_week,
            "days": registry.agenda_by_day(registry.agenda_items(request.user, start, end), start, end),
            "approvals": approvals[:APPROVALS_SHOWN],
            "approvals_count": len(approvals),
            "figures": registry.director_figures(request.user),
        },
    )
