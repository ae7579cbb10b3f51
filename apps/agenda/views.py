import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from apps.core import permissions as perms
from apps.core import registry
from apps.core.ranges import parse_day

WEEKS_SHOWN = 2


def _week_start(request: HttpRequest) -> dt.date:
    """Monday of the week asked for in ?start=YYYY-MM-DD (this week when absent or malformed)."""
    day = parse_day(request.GET.get("start"), timezone.localdate())
    return day - dt.timedelta(days=day.weekday())


@require_GET
@perms.role_required(perms.DIRECTOR, perms.OFFICE_MANAGER)
def index(request: HttpRequest) -> HttpResponse:
    """The director's agenda: what the installed apps put on the calendar, and the key figures."""
    start = _week_start(request)
    end = start + dt.timedelta(weeks=WEEKS_SHOWN) - dt.timedelta(days=1)
    return render(
        request,
        "agenda/index.html",
        {
            "start": start,
            "end": end,
            "previous_start": start - dt.timedelta(weeks=WEEKS_SHOWN),
            "next_start": end + dt.timedelta(days=1),
            "this_week": timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday()),
            "days": registry.agenda_by_day(registry.agenda_items(request.user, start, end), start, end),
            "cards": registry.dashboard_cards(request.user),
        },
    )
