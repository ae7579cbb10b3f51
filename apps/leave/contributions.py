"""The leave app in the cross-app registries (see apps/core/registry.py): the menu, the home cards,
the office manager's dashboard, the agenda, the approvals inbox and the benchmarked pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from apps.core import roles
from apps.core.formatting import format_days, plural_count
from apps.core.registry import APPROVALS_BADGE, AgendaItem, Approval, BadgeCount, BenchPage, Card, MenuEntry
from apps.core.reversing import fixed_url, pk_url
from apps.leave import selectors, wording
from apps.leave.models import LeaveRequest, StepPurpose
from apps.leave.services._common import holidays_between, is_office_manager, sees_details

INBOX = "/inbox/"
AWAY_NAMES_SHOWN = 5
SATURDAY = 5

# Kept by the registry through apps/core/cache.py (see its docstring): each depends only on the
# viewer, their arguments, the day and the database (the approvals: the open steps, never the clock).
CACHED_HOOKS = ("dashboard_cards", "agenda_items", "pending_approvals", "my_space_cards", "director_figures")


def menu_entries(user) -> list[MenuEntry]:
    entries = [
        MenuEntry(title=gettext_lazy("Leave"), url=fixed_url("leave:my_leave"), url_prefix="/leave/", order=20),
        MenuEntry(
            title=gettext_lazy("Team calendar"),
            url=fixed_url("leave:calendar"),
            url_prefix="/leave/calendar/",
            order=21,
        ),
    ]
    return entries


def approves(user) -> bool:
    """Managers decide their teams' leave, the director the managers', the office manager stands in."""
    return user.is_manager or user.is_director or is_office_manager(user)


def my_space_cards(user) -> list[Card]:
    """My paid-leave balance and my requests waiting for a decision: two queries."""
    balance, pending_days, pending = selectors.my_paid_leave_summary(user)
    after = balance - pending_days
    return [
        Card(
            title=_("My paid leave"),
            value=format_days(balance),
            url=fixed_url("leave:my_leave"),
            severity="info" if after >= 0 else "warning",
            detail=ngettext(
                "day (%(after)s after pending requests)",
                "days (%(after)s after pending requests)",
                plural_count(balance),
            )
            % {"after": format_days(after)},
            icon="sun",
            order=20,
        ),
        Card(
            title=_("My pending leave requests"),
            value=pending,
            url=fixed_url("leave:my_leave"),
            severity="warning" if pending else "secondary",
            detail=_("waiting for a decision"),
            icon="hourglass-split",
            order=21,
        ),
    ]


def dashboard_cards(user) -> list[Card]:
    """For the office manager and, as key figures, the director: requests waiting, who is away today."""
    if not (is_office_manager(user) or user.is_director):
        return []
    today = timezone.localdate()
    pending, away = selectors.dashboard_summary(today)
    detail = ", ".join(away[:AWAY_NAMES_SHOWN]) + ("…" if len(away) > AWAY_NAMES_SHOWN else "")
    return [
        Card(
            title=_("Leave requests pending"),
            value=pending,
            url=fixed_url("core:inbox"),
            severity="warning" if pending else "success",
            detail=_("waiting for a manager or you"),
            icon="calendar-check",
            order=30,
        ),
        Card(
            title=_("Away today"),
            value=len(away),
            url=fixed_url("leave:calendar"),
            severity="info",
            detail=detail or _("Everyone is in."),
            icon="person-walking",
            order=31,
        ),
    ]


def director_figures(user) -> list[Card]:
    """The director's “away this week”: how many people are on leave at least one day of the current
    week (Monday to Sunday), linking to the team calendar. One query."""
    if not (user.is_director or is_office_manager(user)):
        return []
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    away = selectors.people_away_between(monday, monday + dt.timedelta(days=6))
    return [
        Card(
            title=_("Away this week"),
            value=away,
            url=fixed_url("leave:calendar"),
            severity="info",
            detail=ngettext("person on leave this week", "people on leave this week", away),
            icon="person-walking",
            order=20,
        )
    ]


def agenda_items(user, start: dt.date, end: dt.date) -> list[AgendaItem]:
    """Absences of the people the user may see (team_calendar's privacy: sick leave stays “Absent”,
    colleagues' types stay hidden).

    Staff and managers see each absence of their teams. Those who see everyone (office managers,
    the director) would get one line per absence of the whole company — dozens a day at 250
    people, which nobody reads — so they get instead:

    - one all-day line per working day, “N people away”, linking to the team calendar on that
      day (it names nobody and no type), counted from the same rows;
    - each absence of the people close to them, as for a manager: their own leave, their own
      team and the teams they manage, and the team managers (who report to the director and
      whose absence changes who approves).

    One query.
    """
    office = is_office_manager(user)
    director = user.is_director
    detail_url = pk_url("leave:request_detail")
    managed = set(user.managed_team_ids)
    viewer_id = user.pk  # read once: request.user is a lazy object
    my_leave = _("My leave: %(label)s")
    absent_as = _("Absent: %(name)s (%(label)s)")
    absent = _("Absent: %(name)s")
    pending = _("%(title)s — pending")
    absences, away = selectors.agenda_absences(user, start, end)
    items = []
    for absence in absences:
        if absence.person_id == viewer_id:
            title = my_leave % {"label": absence.label}
        elif absence.type_known:
            title = absent_as % {"name": absence.name, "label": absence.label}
        else:
            title = absent % {"name": absence.name}
        if absence.pending:
            title = pending % {"title": title}
        mine = absence.person_id == viewer_id or absence.team_id in managed or office
        items.append(
            AgendaItem(
                title=title,
                start=absence.start,
                end=absence.end,
                all_day=True,
                kind="leave",
                url=detail_url(absence.request_id) if mine or director else "",
                privacy="public" if absence.type_known else "private",
                colour=absence.colour,
            )
        )
    if away is not None:
        items.extend(_away_counts(away, start, end))
    return items


def _away_counts(away: dict[dt.date, int], start: dt.date, end: dt.date) -> list[AgendaItem]:
    """One “N people away” item per working day (Monday to Friday, not a national holiday) on which
    someone is away, linking to the team calendar opened on that day."""
    national = holidays_between("", start, end)
    calendar_url = fixed_url("leave:calendar")
    return [
        AgendaItem(
            title=ngettext("%(count)d person away", "%(count)d people away", count) % {"count": count},
            start=day,
            all_day=True,
            kind="leave",
            url=f"{calendar_url}?date={day.isoformat()}",
            colour=selectors.NEUTRAL_COLOUR,
        )
        for day, count in sorted(away.items())
        if day.weekday() < SATURDAY and day not in national
    ]


class _Links:
    """``links(url_name, pk)``: each URL pattern reversed once per list, and only when used (rows
    only differ by their key)."""

    def __init__(self) -> None:
        self._by_name: dict[str, Callable[[int], str]] = {}

    def __call__(self, url_name: str, pk: int) -> str:
        url = self._by_name.get(url_name)
        if url is None:
            url = self._by_name[url_name] = pk_url(url_name)
        return url(pk)


def _approval_builder(user, balances: dict[int, list]) -> Callable[[LeaveRequest, list[str]], Approval]:
    """A function (request, its “also away” lines) -> Approval, with what is the same for every
    request of the list worked out once: the links and the translated words. ``balances``: the
    requesters' balances (selectors.balances_bulk), for the line “Paid leave: 12 days → 7 days after
    this request”."""
    links = _Links()
    balance_line = _("%(type)s: %(before)s → %(after)s after this request")
    cancellation_title = _("Cancellation of leave: %(name)s")
    request_title = _("Leave request: %(name)s")
    second_title = _("Leave request (second approval): %(name)s")
    also_away = _("Also away: %(who)s")

    def build(leave_request: LeaveRequest, context: list[str]) -> Approval:
        step = leave_request.current_step
        pk = leave_request.pk
        person = leave_request.person
        name = person.get_full_name() or person.email
        if step.purpose == StepPurpose.CANCELLATION:
            title = cancellation_title % {"name": name}
            approve_url = links("leave:cancellation_confirm", pk)
            refuse_url = links("leave:cancellation_decline", pk)
        else:
            title = (second_title if step.step > 1 else request_title) % {"name": name}
            approve_url = links("leave:request_approve", pk)
            refuse_url = links("leave:request_refuse", pk)
        days = leave_request.days
        detail = ngettext(
            "%(span)s · %(days)s day · %(type)s", "%(span)s · %(days)s days · %(type)s", plural_count(days)
        ) % {
            "span": _describe_dates(leave_request),
            "days": format_days(days),
            "type": selectors.type_label(user, leave_request),
        }
        lines = [also_away % {"who": line} for line in context]
        balance = _balance_after(user, leave_request, balances)
        if balance is not None and step.purpose != StepPurpose.CANCELLATION:
            lines.insert(
                0,
                balance_line
                % {
                    "type": leave_request.leave_type.name,
                    "before": wording.days_text(balance + days),
                    "after": wording.days_text(balance),
                },
            )
        return Approval(
            kind="leave",
            title=title,
            requester=person,
            submitted_at=leave_request.created_at,
            url=links("leave:request_detail", pk),
            approve_url=f"{approve_url}?next={INBOX}",
            refuse_url=f"{refuse_url}?next={INBOX}",
            detail=detail,
            on_behalf_of=step.on_behalf_of,
            context=lines,
        )

    return build


def _balance_after(user, leave_request: LeaveRequest, balances: dict[int, list]):
    """What the requester may still take of the request's type once it and their other pending
    requests are granted (selectors.Balance.available_after_pending), or None: a type without a
    balance, or a private one the viewer may not know of."""
    if not leave_request.leave_type.counts_against_balance or not sees_details(user, leave_request):
        return None
    for balance in balances.get(leave_request.person_id, ()):
        if balance.leave_type.pk == leave_request.leave_type_id:
            return balance.available_after_pending
    return None


def _describe_dates(leave_request: LeaveRequest) -> str:
    span = selectors.date_span(leave_request.start_date, leave_request.end_date)
    halves = []
    if leave_request.start_half == "afternoon":
        halves.append(_("from the afternoon"))
    if leave_request.end_half == "morning":
        halves.append(_("until noon"))
    return f"{span} ({', '.join(str(h) for h in halves)})" if halves else span


def pending_approvals(user) -> list[Approval]:
    """Requests the user must decide (as approver, deputy or office manager), with the team's other
    absences over the same dates and the requesters' balances: a bounded number of queries whatever
    the number of requests."""
    requests = selectors.leave_requests_pending_for(user, history=False)
    away = selectors.also_away(requests)
    people = {r.person_id for r in requests if r.leave_type.counts_against_balance}
    build = _approval_builder(user, selectors.balances_bulk(people) if people else {})
    return [build(r, away.get(r.pk, [])) for r in requests]


def badge_counts(user) -> list[BadgeCount]:
    """The inbox badge: the open approval steps the user decides (what pending_approvals lists)."""
    return [BadgeCount(APPROVALS_BADGE, selectors.pending_steps_for(user))]


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
