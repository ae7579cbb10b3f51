"""Every read of the leave app, scoped to what the user may see, in a few queries whatever the
number of people or requests. Import from here: ``from apps.leave import selectors``.

Balances (``balances.py``)
    ``balances_for(person, *, on=None) -> list[Balance]`` (two queries) and
    ``balances_bulk(people, *, on=None) -> dict[person_id, list[Balance]]`` (four queries whatever
    the number of people). A Balance per balance type: ``acquired`` (takeable: CP earned in the
    previous period, carried-over days included; other types: this year's credits),
    ``being_acquired`` (CP earned in the current period), ``taken`` (days used from those
    buckets), ``pending`` (days of pending requests), ``balance`` (sum of every entry) and
    ``balance_after_pending``. ``ledger_entries_for(person, leave_type=None)``: the entries behind
    a balance. ``my_paid_leave_summary(person)``: the home card's figures in one query.

Requests (``requests.py``)
    ``leave_requests_visible_to(user)``: own requests; a manager's team; everyone's for office
    managers and the director. ``leave_requests_of(person)``: one person's.
    ``my_requests(person)`` and ``split_upcoming(rows, today)``: a person's own list.
    ``sees_details(user, request)`` and ``type_label(user, request)``: the type, or “Absence” for a
    private type. ``date_span(start, end)``: “4–8 May”.

Approvals (``approvals.py``)
    ``leave_requests_pending_for(user)`` / ``leave_requests_pending_count_for(user)`` /
    ``pending_steps_for(user)`` (the badge's queryset): what the user must decide now (as approver,
    deputy, absent approver or office-manager fallback). ``can_decide(user, request) -> bool``.
    ``also_away(requests)``: the team-mates away over the same dates. ``deputies_of(person)``,
    ``deputies_visible_to(user)``.

Calendar (``calendar.py``) and agenda (``agenda.py``)
    ``team_calendar(user, start, end) -> Calendar``: people the user may see, their absences
    (approved, and pending flagged) with half days, sick leave shown as "absent" except to the
    person and office managers, staff see "absent" for colleagues; public holidays per site.
    ``calendar_people(user)``. ``agenda_absences(user, start, end)``: the same absences and
    privacy, as the few columns an agenda line shows.

The office manager (``office.py``)
    ``dashboard_summary(day)``, ``people_away_between(start, end)``, ``people_for_balances(q=, team=)``,
    ``people_visible_for_ledger(user)``, ``active_leave_types()``, ``all_leave_types()``.

A person's own pages (``pages.py``)
    ``my_leave_page(user, today, past_shown=) -> MyLeavePage`` (balances, requests upcoming and
    past, deputies) and ``request_form_choices(with_people=) -> RequestFormChoices``: what “my leave”
    and the request form read, as plain data for the read cache.

Payroll: see apps/leave/payroll.py.
"""

from apps.leave.selectors.agenda import AgendaAbsence, agenda_absences
from apps.leave.selectors.approvals import (
    also_away,
    can_decide,
    deputies_of,
    deputies_visible_to,
    leave_requests_pending_count_for,
    leave_requests_pending_for,
    pending_steps_for,
)
from apps.leave.selectors.balances import (
    Balance,
    balance_types,
    balances_bulk,
    balances_for,
    ledger_entries_for,
    my_paid_leave_summary,
)
from apps.leave.selectors.calendar import (
    NEUTRAL_COLOUR,
    Absence,
    Calendar,
    CalendarPerson,
    calendar_people,
    team_calendar,
)
from apps.leave.selectors.office import (
    active_leave_types,
    all_leave_types,
    dashboard_summary,
    people_away_between,
    people_for_balances,
    people_visible_for_ledger,
)
from apps.leave.selectors.pages import (
    DeputyRow,
    MyLeavePage,
    RequestFormChoices,
    my_leave_page,
    request_form_choices,
)
from apps.leave.selectors.requests import (
    RequestRow,
    TypeLabel,
    date_span,
    leave_requests_of,
    leave_requests_visible_to,
    my_requests,
    sees_details,
    split_upcoming,
    type_label,
)

__all__ = [
    "NEUTRAL_COLOUR",
    "Absence",
    "AgendaAbsence",
    "Balance",
    "Calendar",
    "CalendarPerson",
    "DeputyRow",
    "MyLeavePage",
    "RequestFormChoices",
    "RequestRow",
    "TypeLabel",
    "active_leave_types",
    "agenda_absences",
    "all_leave_types",
    "also_away",
    "balance_types",
    "balances_bulk",
    "balances_for",
    "calendar_people",
    "can_decide",
    "dashboard_summary",
    "date_span",
    "deputies_of",
    "deputies_visible_to",
    "leave_requests_of",
    "leave_requests_pending_count_for",
    "leave_requests_pending_for",
    "leave_requests_visible_to",
    "ledger_entries_for",
    "my_leave_page",
    "my_paid_leave_summary",
    "my_requests",
    "pending_steps_for",
    "people_away_between",
    "people_for_balances",
    "people_visible_for_ledger",
    "request_form_choices",
    "sees_details",
    "split_upcoming",
    "team_calendar",
    "type_label",
]
