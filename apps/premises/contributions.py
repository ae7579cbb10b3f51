"""The premises app in the cross-app registries (see apps/core/registry.py). Each function costs a
fixed number of queries whatever the number of rooms, bookings, checks or tickets."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core import roles
from apps.core.registry import APPROVALS_BADGE, AgendaItem, Approval, BadgeCount, BenchPage, Card, MenuEntry
from apps.core.reversing import fixed_url, pk_url
from apps.premises import selectors
from apps.premises.models import CheckKind, TicketUrgency
from apps.premises.services.common import fmt_date, fmt_time, is_office_manager

AGENDA_CHECKS_SHOWN = 200

# Kept by the registry's read cache (apps/core/registry.py): the figures and the agenda depend on the
# user, the day (never the time of day) and the database only. The approvals too: a booking stops
# waiting when it ends, which each one's ``until`` tells the registry (it drops it then, after the cache).
CACHED_HOOKS = ("dashboard_cards", "agenda_items", "pending_approvals", "director_figures")


def approves(user) -> bool:
    """The office manager decides the bookings of rooms that need approval."""
    return is_office_manager(user)


def menu_entries(user) -> list[MenuEntry]:
    """Everyone: the rooms and reporting a problem. The office manager: the rooms, the ticket queue and
    the register (reporting a problem is a button of the ticket queue; the spaces, set up once, are in
    the premises sub-navigation: the main menu has no room left at 1366 px once supplies joined it)."""
    rooms = MenuEntry(title=gettext_lazy("Rooms"), url=fixed_url("premises:day"), url_prefix="/premises/", order=30)
    if not is_office_manager(user):
        return [
            rooms,
            MenuEntry(title=gettext_lazy("Report a problem"), url=fixed_url("premises:ticket_new"), order=90),
        ]
    return [
        rooms,
        MenuEntry(
            title=gettext_lazy("Tickets"),
            url=fixed_url("premises:ticket_list"),
            url_prefix="/premises/tickets/",
            order=31,
        ),
        MenuEntry(
            title=gettext_lazy("Register"),
            url=fixed_url("premises:register"),
            url_prefix="/premises/register/",
            order=32,
        ),
    ]


def _aware_day(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, timezone.get_current_timezone())


def agenda_items(user, start: dt.date, end: dt.date) -> list[AgendaItem]:
    """My bookings between ``start`` and ``end`` (included); the checks due then for who keeps the register."""
    items = []
    detail_url = pk_url("premises:booking_detail")
    bookings = selectors.my_bookings_between(user, _aware_day(start), _aware_day(end + dt.timedelta(days=1)))
    desk = _("Desk %(label)s") if bookings else ""  # the strings once per list, not per row
    tz = timezone.get_current_timezone()
    for pk, b_start, b_end, b_title, room_name, desk_label in bookings:
        where = room_name if room_name is not None else desk % {"label": desk_label}
        items.append(
            AgendaItem(
                title=where + (f" · {b_title}" if b_title else ""),
                start=b_start.astimezone(tz),  # timezone.localtime()
                end=b_end.astimezone(tz),
                all_day=False,
                kind="booking",
                url=detail_url(pk),
                privacy="private",
            )
        )
    if selectors.may_see_register(user):
        checks = selectors.checks_due_between(start, end, limit=AGENDA_CHECKS_SHOWN)
        item_url = pk_url("premises:register_item")
        check_due = _("Check due: %(check)s (%(site)s)") if checks else ""
        kind_labels = {value: str(label) for value, label in CheckKind.choices} if checks else {}
        for pk, name, kind, due_date, site_name in checks:
            check = name or kind_labels.get(kind) or str(CheckKind(kind).label)  # CheckItem.display_name
            items.append(
                AgendaItem(
                    title=check_due % {"check": check, "site": site_name},
                    start=due_date,
                    kind="check",
                    url=item_url(pk),
                )
            )
    return items


def dashboard_cards(user) -> list[Card]:
    """Office manager: overdue checks, checks due within 30 days, open safety non-compliances (checks
    found non-compliant whose ticket is open), open tickets, rooms booked today (one query).

    The director gets the same figures as key figures; only the register is theirs to open (read-only).
    """
    office_manager = is_office_manager(user)
    if not (office_manager or user.is_director):
        return []
    today = timezone.localdate()
    figures = selectors.office_figures(today)
    tickets = {urgency: figures[f"ticket_{urgency}"] for urgency in TicketUrgency.values}
    register_url = fixed_url("premises:register")
    return [
        Card(
            title=_("Checks overdue"),
            value=figures["overdue"],
            url=register_url,
            severity="danger" if figures["overdue"] else "success",
            detail=_("safety and hygiene register"),
            icon="shield-exclamation",
            order=20,
        ),
        Card(
            title=_("Checks due within 30 days"),
            value=figures["due_soon"],
            url=register_url,
            severity="warning" if figures["due_soon"] else "success",
            detail=_("safety and hygiene register"),
            icon="clipboard-check",
            order=21,
        ),
        Card(
            title=_("Safety non-compliances to fix"),
            value=figures["non_compliances"],
            url=register_url,
            severity="danger" if figures["non_compliances"] else "success",
            detail=_("checks found non-compliant, ticket still open"),
            icon="exclamation-octagon",
            order=21,
        ),
        Card(
            title=_("Open repair tickets"),
            value=sum(tickets.values()),
            url=fixed_url("premises:ticket_list") if office_manager else "",
            severity="danger" if tickets["critical"] else "warning" if tickets["high"] else "info",
            detail=_("%(critical)d critical · %(high)d high · %(normal)d normal · %(low)d low") % tickets,
            icon="tools",
            order=22,
        ),
        Card(
            title=_("Room bookings today"),
            value=figures["bookings_today"],
            url=fixed_url("premises:day"),
            detail=fmt_date(today),
            icon="door-open",
            order=60,
        ),
    ]


def director_figures(user) -> list[Card]:
    """The director's key figures from the register: open safety non-compliances and overdue checks."""
    if not (user.is_director or is_office_manager(user)):
        return []
    figures = selectors.office_figures(timezone.localdate())  # one query; the register's own rule
    non_compliances, overdue = figures["non_compliances"], figures["overdue"]
    register_url = fixed_url("premises:register")
    return [
        Card(
            title=_("Safety non-compliances"),
            value=non_compliances,
            url=register_url,
            severity="danger" if non_compliances else "success",
            detail=_("found by a check, not yet fixed"),
            icon="shield-exclamation",
            order=30,
        ),
        Card(
            title=_("Checks overdue"),
            value=overdue,
            url=register_url,
            severity="danger" if overdue else "success",
            detail=_("safety and hygiene register"),
            icon="clipboard-x",
            order=31,
        ),
    ]


def my_space_cards(user) -> list[Card]:
    """My next booking and my open tickets."""
    booking, open_tickets = selectors.my_space_summary(user)
    if booking is not None:
        b_start, b_end, room_name, desk_label = booking
        next_booking = Card(
            title=_("My next booking"),
            value=room_name if room_name is not None else desk_label,
            url=fixed_url("premises:my_bookings"),
            detail=f"{fmt_date(b_start)} {fmt_time(b_start)}–{fmt_time(b_end)}",
            icon="door-open",
            order=40,
        )
    else:
        next_booking = Card(
            title=_("My next booking"),
            value=_("None"),
            url=fixed_url("premises:day"),
            detail=_("Book a room or a desk"),
            severity="secondary",
            icon="door-open",
            order=40,
        )
    return [
        next_booking,
        Card(
            title=_("My open tickets"),
            value=open_tickets,
            url=fixed_url("premises:my_tickets"),
            detail=_("problems reported in the premises"),
            severity="warning" if open_tickets else "secondary",
            icon="tools",
            order=41,
        ),
    ]


def pending_approvals(user) -> list[Approval]:
    """Room bookings waiting for the office manager's approval."""
    rows = selectors.pending_rows(user)
    if not rows:
        return []
    detail_url, approve_url, refuse_url = (
        pk_url(f"premises:booking_{name}") for name in ("detail", "approve", "refuse")
    )
    title, context = _("%(room)s on %(date)s, %(start)s–%(end)s"), _("%(count)d people · %(site)s")
    return [
        Approval(
            kind="room_booking",
            title=title % {"room": row.resource, "date": fmt_date(row.start), **_times(row.start, row.end)},
            requester=row.requester,
            submitted_at=row.created_at,
            url=detail_url(row.pk),
            approve_url=approve_url(row.pk),
            refuse_url=refuse_url(row.pk),
            detail=row.title,
            context=[context % {"count": row.attendees, "site": row.site}],
            until=row.end,
        )
        for row in rows
    ]


def _times(start: dt.datetime, end: dt.datetime) -> dict[str, str]:
    return {"start": fmt_time(start), "end": fmt_time(end)}


def badge_counts(user) -> list[BadgeCount]:
    """The inbox badge: the bookings waiting for the office manager's approval."""
    if not is_office_manager(user):
        return []
    return [BadgeCount(APPROVALS_BADGE, selectors.pending_bookings_to_count(user))]


def benchmark_pages() -> list[BenchPage]:
    # Paths without an id: the day view and the register default to the user's site (the Lyon head
    # office for the demo accounts), so they resolve before any database exists.
    return [
        BenchPage(name="room booking day view", path="/premises/", role=roles.STAFF),
        BenchPage(name="safety register", path="/premises/register/", role=roles.OFFICE_MANAGER),
        BenchPage(name="repair tickets", path="/premises/tickets/", role=roles.OFFICE_MANAGER),
    ]
