"""The agenda's reads (apps/leave/contributions.py ``agenda_items``): the same absences and privacy
as ``team_calendar``, read as the few columns an agenda line shows, in one query.

``agenda_absences(user, start, end)`` -> ``(absences, away)``: for staff and managers, each absence
of the people they see, and ``away`` None; for those who see everyone (office managers, the
director), only the absences of the people close to them (themselves, their own and managed
teams, the team managers, marked in SQL), and ``away`` the whole company's count of people away
per day, from the same rows (a few dozen: those of the range only).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from apps.accounts.models import Team
from apps.leave.models import ACTIVE_STATUSES, LeaveRequest, LeaveStatus, Privacy
from apps.leave.selectors.calendar import NEUTRAL_COLOUR, NO_TEAM
from apps.leave.services._common import is_office_manager


@dataclass(frozen=True, slots=True)
class AgendaAbsence:
    request_id: int
    person_id: int
    name: str  # the full name, or the e-mail address without one
    team_id: int | None
    start: dt.date
    end: dt.date
    pending: bool
    label: str  # the type's name, or “Absent” when the viewer may not know it
    colour: str
    type_known: bool  # whether the viewer may know the type (team_calendar's ``leave_type`` is set)


_COLUMNS = (
    "pk",
    "person_id",
    "person__first_name",
    "person__last_name",
    "person__email",
    "person__team_id",
    "start_date",
    "end_date",
    "status",
    "leave_type__name",
    "leave_type__colour",
    "leave_type__privacy",
)


def _in_range(requests: QuerySet, start: dt.date, end: dt.date) -> QuerySet:
    return requests.filter(status__in=ACTIVE_STATUSES, start_date__lte=end, end_date__gte=start).order_by(
        "start_date", "pk"
    )


def _managed_by(user_id: int) -> QuerySet:
    return Team.objects.filter(manager_id=user_id).values("pk")


def _team_rows(user_id: int, team_id: int, start: dt.date, end: dt.date) -> QuerySet:
    """Staff and managers: the absences of the people team_calendar shows them."""
    # team_calendar's scope (selectors.calendar._visible), the managed teams read by a subquery:
    # a join less for PostgreSQL to plan.
    scope = Q(person__team_id__in=_managed_by(user_id)) | Q(person__team_id=team_id) | Q(person_id=user_id)
    requests = LeaveRequest.objects.filter(scope, person__is_active=True)
    return _in_range(requests, start, end).values_list(*_COLUMNS)


def _everyone_rows(user_id: int, team_id: int, start: dt.date, end: dt.date) -> QuerySet:
    """Those who see everyone: the absences of every active person, each marked ``close`` when the
    person is close to the viewer (themselves, their own team, the teams they manage, every team
    manager)."""
    managers = Team.objects.filter(manager__isnull=False).values("manager_id")
    close = (
        Q(person_id=user_id)
        | Q(person__team_id=team_id)
        | Q(person__team_id__in=_managed_by(user_id))
        | Q(person_id__in=managers)
    )
    requests = LeaveRequest.objects.filter(person__is_active=True).annotate(
        close=Case(When(close, then=Value(True)), default=Value(False), output_field=BooleanField())
    )
    return _in_range(requests, start, end).values_list(*_COLUMNS, "close")


def agenda_absences(user, start: dt.date, end: dt.date) -> tuple[list[AgendaAbsence], dict[dt.date, int] | None]:
    """(the absences between ``start`` and ``end`` an agenda lists for ``user``, by start date, the
    type shown as in team_calendar; for those who see everyone, how many people are away each day
    of the range, the days with nobody away left out, else None): one query. See the module
    docstring."""
    office = is_office_manager(user)
    director = user.is_director
    everyone = office or director
    read = _everyone_rows if everyone else _team_rows
    rows = list(read(user.pk, user.team_id or NO_TEAM, start, end))
    managed = set(user.managed_team_ids)
    viewer_id = user.pk
    absent = str(_("Absent"))
    pending_status = LeaveStatus.PENDING
    absences = []
    for row in rows:
        if everyone and not row[-1]:
            continue
        pk, person_id, first, last, email, team_id, start_date, end_date, status, name, colour, privacy = row[:12]
        private = privacy == Privacy.PRIVATE
        visible = person_id == viewer_id or office or (not private and (director or team_id in managed))
        absences.append(
            AgendaAbsence(
                request_id=pk,
                person_id=person_id,
                name=f"{first} {last}".strip() or email,
                team_id=team_id,
                start=start_date,
                end=end_date,
                pending=status == pending_status,
                label=name if visible else absent,
                colour=colour if visible else NEUTRAL_COLOUR,
                type_known=visible,
            )
        )
    return absences, _away_counts(rows, start, end) if everyone else None


def _away_counts(rows, start: dt.date, end: dt.date) -> dict[dt.date, int]:
    """How many distinct people the rows (person id second, start and end dates 7th and 8th) have
    away on each day from ``start`` to ``end``, the days with nobody left out."""
    first, last = start.toordinal(), end.toordinal()
    away: dict[int, set[int]] = {}
    for row in rows:
        person_id = row[1]
        for day in range(max(row[6].toordinal(), first), min(row[7].toordinal(), last) + 1):
            who = away.get(day)
            if who is None:
                away[day] = {person_id}
            else:
                who.add(person_id)
    return {dt.date.fromordinal(day): len(who) for day, who in away.items()}
