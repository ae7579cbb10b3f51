"""The leave app in the cross-app registries (see apps/core/registry.py): the menu, the home cards,
the office manager's dashboard, the agenda, the approvals inbox and the benchmarked pages."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core import roles
from apps.core.registry import AgendaItem, Approval, BenchPage, Card, MenuEntry
from apps.leave import selectors, ui_selectors
from apps.leave.models import LeaveRequest, StepPurpose
from apps.leave.services._common import format_days, is_office_manager

INBOX = "/inbox/"
AWAY_NAMES_SHOWN = 5


def menu_entries(user) -> list[MenuEntry]:
    entries = [
        MenuEntry(title=gettext_lazy("Leave"), url=reverse("leave:my_leave"), url_prefix="/leave/", order=20),
        MenuEntry(
            title=gettext_lazy("Team calendar"),
            url=reverse("leave:calendar"),
            url_prefix="/leave/calendar/",
            order=21,
        ),
    ]
    return entries


def my_space_cards(user) -> list[Card]:
    """My paid-leave balance and my requests waiting for a decision: two queries."""
    balance, pending_days, pending = ui_selectors.my_paid_leave_summary(user)
    after = balance - pending_days
    return [
        Card(
            title=_("My paid leave"),
            value=format_days(balance),
            url=reverse("leave:my_leave"),
            severity="info" if after >= 0 else "warning",
            detail=_("days (%(after)s after pending requests)") % {"after": format_days(after)},
            icon="sun",
            order=20,
        ),
        Card(
            title=_("My pending leave requests"),
            value=pending,
            url=reverse("leave:my_leave"),
            severity="warning" if pending else "secondary",
            detail=_("waiting for a decision"),
            icon="hourglass-split",
            order=21,
        ),
    ]


def dashboard_cards(user) -> list[Card]:
    """For the office manager: leave requests waiting for a decision, and who is away today."""
    if not is_office_manager(user):
        return []
    today = timezone.localdate()
    pending, away = ui_selectors.dashboard_summary(today)
    detail = ", ".join(away[:AWAY_NAMES_SHOWN]) + ("…" if len(away) > AWAY_NAMES_SHOWN else "")
    return [
        Card(
            title=_("Leave requests pending"),
            value=pending,
            url=reverse("core:inbox"),
            severity="warning" if pending else "success",
            detail=_("waiting for a manager or you"),
            icon="calendar-check",
            order=30,
        ),
        Card(
            title=_("Away today"),
            value=len(away),
            url=reverse("leave:calendar"),
            severity="info",
            detail=detail or _("Everyone is in."),
            icon="person-walking",
            order=31,
        ),
    ]


def agenda_items(user, start: dt.date, end: dt.date) -> list[AgendaItem]:
    """Absences of the people the user may see (team_calendar's privacy: sick leave stays “Absent”)."""
    calendar = selectors.team_calendar(user, start, end)
    people = {p.pk: p for p in calendar.people}
    items = []
    for absence in calendar.absences:
        person = people[absence.person_id]
        name = person.get_full_name() or person.email
        if absence.person_id == user.pk:
            title = _("My leave: %(label)s") % {"label": absence.label}
        else:
            title = _("Absent: %(name)s (%(label)s)") % {"name": name, "label": absence.label}
            if absence.leave_type is None:
                title = _("Absent: %(name)s") % {"name": name}
        if absence.pending:
            title = _("%(title)s — pending") % {"title": title}
        mine = absence.person_id == user.pk or person.team_id in user.managed_team_ids or is_office_manager(user)
        items.append(
            AgendaItem(
                title=title,
                start=absence.start,
                end=absence.end,
                all_day=True,
                kind="leave",
                url=reverse("leave:request_detail", kwargs={"pk": absence.request_id})
                if mine or user.is_director
                else "",
                privacy="private" if absence.leave_type is None else "public",
                colour=absence.colour,
            )
        )
    return items


def _approval(user, leave_request: LeaveRequest, context: list[str]) -> Approval:
    step = leave_request.current_step
    pk = leave_request.pk
    detail_url = reverse("leave:request_detail", kwargs={"pk": pk})
    name = leave_request.person.get_full_name() or leave_request.person.email
    label = ui_selectors.type_label(user, leave_request)
    if step.purpose == StepPurpose.CANCELLATION:
        title = _("Cancellation of leave: %(name)s") % {"name": name}
        approve_url = reverse("leave:cancellation_confirm", kwargs={"pk": pk})
        refuse_url = reverse("leave:cancellation_decline", kwargs={"pk": pk})
    else:
        title = _("Leave request: %(name)s") % {"name": name}
        if step.step > 1:
            title = _("Leave request (second approval): %(name)s") % {"name": name}
        approve_url = reverse("leave:request_approve", kwargs={"pk": pk})
        refuse_url = reverse("leave:request_refuse", kwargs={"pk": pk})
    detail = _("%(span)s · %(days)s days · %(type)s") % {
        "span": _describe_dates(leave_request),
        "days": format_days(leave_request.days),
        "type": label,
    }
    return Approval(
        kind="leave",
        title=title,
        requester=leave_request.person,
        submitted_at=leave_request.created_at,
        url=detail_url,
        approve_url=f"{approve_url}?next={INBOX}",
        refuse_url=f"{refuse_url}?next={INBOX}",
        detail=detail,
        on_behalf_of=step.on_behalf_of,
        context=[_("Also away: %(who)s") % {"who": line} for line in context],
    )


def _describe_dates(leave_request: LeaveRequest) -> str:
    span = ui_selectors.date_span(leave_request.start_date, leave_request.end_date)
    halves = []
    if leave_request.start_half == "afternoon":
        halves.append(_("from the afternoon"))
    if leave_request.end_half == "morning":
        halves.append(_("until noon"))
    return f"{span} ({', '.join(str(h) for h in halves)})" if halves else span


def pending_approvals(user) -> list[Approval]:
    """Requests the user must decide (as approver, deputy or office manager), with the team's other
    absences over the same dates: three queries whatever the number of requests."""
    requests = selectors.leave_requests_pending_for(user)
    away = ui_selectors.also_away(requests)
    return [_approval(user, r, away.get(r.pk, [])) for r in requests]


def pending_approvals_count(user) -> int:
    return selectors.leave_requests_pending_count_for(user)


def _month_grid(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The six weeks FullCalendar shows for a month (Monday first), end exclusive."""
    first = dt.date(year, month, 1)
    start = first - dt.timedelta(days=first.weekday())
    return start, start + dt.timedelta(days=42)


def benchmark_pages() -> list[BenchPage]:
    # A fixed month of the current year, so the feed covers the seeded history and upcoming leave.
    start, end = _month_grid(timezone.localdate().year, 5)
    return [
        BenchPage(name="my leave", path="/leave/", role=roles.STAFF),
        BenchPage(name="leave request form", path="/leave/new/", role=roles.STAFF),
        BenchPage(
            name="team calendar feed (everyone)",
            path=f"/leave/calendar/events/?start={start.isoformat()}&end={end.isoformat()}",
            role=roles.OFFICE_MANAGER,
        ),
        BenchPage(name="team calendar", path="/leave/calendar/", role=roles.MANAGER),
    ]
