"""The team calendar's reads.

``team_calendar(user, start, end) -> Calendar``: people the user may see, their absences (approved,
and pending flagged) with half days, sick leave shown as "absent" except to the person and office
managers, staff see "absent" for colleagues; public holidays per site.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from apps.accounts.models import Site, Team, User
from apps.leave.models import ACTIVE_STATUSES, LeaveRequest, LeaveStatus, LeaveType
from apps.leave.services._common import holidays_between, is_office_manager


@dataclass(frozen=True, slots=True)
class Absence:
    person_id: int
    request_id: int
    start: dt.date
    start_half: str
    end: dt.date
    end_half: str
    pending: bool
    label: str
    colour: str
    leave_type: LeaveType | None  # None when the viewer may not know the type
    days: Decimal


@dataclass(frozen=True, slots=True)
class CalendarPerson:
    """A person on the calendar: the few fields shown, not a full User (the office manager's
    calendar holds everyone; building 250 users with their team and site is most of its cost).
    ``team`` and ``site`` are shared Team/Site instances with only their name (and the site's
    holiday subdivision) loaded."""

    pk: int
    first_name: str
    last_name: str
    email: str
    team_id: int | None
    site_id: int | None
    team: Team | None
    site: Site | None

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def __str__(self) -> str:
        return self.get_full_name() or self.email


@dataclass
class Calendar:
    people: list[CalendarPerson]
    absences: list[Absence]
    holidays: dict[int | None, dict[dt.date, str]] = field(default_factory=dict)  # site id → date → name

    def absences_of(self, person_id: int) -> list[Absence]:
        return [a for a in self.absences if a.person_id == person_id]


NEUTRAL_COLOUR = "#6c757d"


def _sees_everyone(user) -> bool:
    return is_office_manager(user) or user.is_director


# A person without a team passes this as their team: no team has it (a None would match everyone
# without a team).
NO_TEAM = 0


def _visible(user_id, team_id, *, everyone: bool, prefix: str = "") -> Q:
    """Active people, all of them or (as in user.managed_team_ids) the user's managed teams, their
    own team (``team_id``, NO_TEAM for none) and themselves; ``prefix`` reaches the person from
    another model (``person__``)."""
    scope = Q(**{f"{prefix}is_active": True})
    if not everyone:
        managed = Q(**{f"{prefix}team__manager_id": user_id})
        scope &= managed | Q(**{f"{prefix}team_id": team_id}) | Q(**{f"{prefix}pk": user_id})
    return scope


def calendar_people(user) -> QuerySet:
    """People whose absences the user may see: everyone (office manager, director), their teams
    (manager: managed teams and their own), their own team (staff)."""
    scope = _visible(user.pk, user.team_id or NO_TEAM, everyone=_sees_everyone(user))
    return User.objects.filter(scope).order_by("last_name", "first_name")


_PERSON_FIELDS = (
    "pk",
    "first_name",
    "last_name",
    "email",
    "team_id",
    "team__name",
    "site_id",
    "site__name",
    "site__holiday_subdivision",
)
_ABSENCE_FIELDS = (
    "pk",
    "person_id",
    "leave_type_id",
    "start_date",
    "start_half",
    "end_date",
    "end_half",
    "status",
    "days",
)


def _absences_of(people: QuerySet, start: dt.date, end: dt.date) -> QuerySet:
    # A subquery, not the ids: a list of 250 parameters costs more to bind than to run.
    return (
        LeaveRequest.objects.filter(person_id__in=people.order_by().values("pk"))
        .filter(status__in=ACTIVE_STATUSES, start_date__lte=end, end_date__gte=start)
        .order_by("start_date", "pk")
        .values_list(*_ABSENCE_FIELDS)
    )


def _calendar_people_light(rows) -> list[CalendarPerson]:
    """Light people from _PERSON_FIELDS rows, sharing one Team/Site instance per team and site."""
    teams: dict[int, Team] = {}
    sites: dict[int, Site] = {}
    people = []
    for pk, first, last, email, team_id, team_name, site_id, site_name, subdivision in rows:
        team = None
        if team_id is not None:
            team = teams.get(team_id)
            if team is None:
                team = teams[team_id] = Team.from_db(None, ["id", "name"], [team_id, team_name])
        site = None
        if site_id is not None:
            site = sites.get(site_id)
            if site is None:
                site = sites[site_id] = Site.from_db(
                    None, ["id", "name", "holiday_subdivision"], [site_id, site_name, subdivision]
                )
        people.append(CalendarPerson(pk, first, last, email, team_id, site_id, team, site))
    return people


def team_calendar(user, start: dt.date, end: dt.date) -> Calendar:
    """Absences between ``start`` and ``end`` (inclusive) of the people ``user`` may see, plus the
    public holidays of their sites. Three queries for any number of people, the people and
    absences read as plain rows: the types are the only model instances (a dozen). (The agenda reads its
    own columns: apps/leave/selectors/agenda.py.)"""
    people_rows = calendar_people(user)
    rows = _absences_of(people_rows, start, end)
    people = _calendar_people_light(people_rows.values_list(*_PERSON_FIELDS))
    types = LeaveType.objects.in_bulk()
    team_of = {p.pk: p.team_id for p in people}
    # Who sees the type: the person and office managers always; the director and the team's
    # manager unless the type is private (models.Privacy); colleagues never. Decided per viewer once.
    office = is_office_manager(user)
    director = user.is_director
    managed = set(user.managed_team_ids)
    viewer_id = user.pk  # read once: request.user is a lazy object
    absent = str(_("Absent"))
    absences = []
    for pk, person_id, type_id, start_date, start_half, end_date, end_half, status, days in rows:
        leave_type = types[type_id]
        visible = (
            person_id == viewer_id
            or office
            or (not leave_type.is_private and (director or team_of[person_id] in managed))
        )
        absences.append(
            Absence(
                person_id=person_id,
                request_id=pk,
                start=start_date,
                start_half=start_half,
                end=end_date,
                end_half=end_half,
                pending=status == LeaveStatus.PENDING,
                label=leave_type.name if visible else absent,
                colour=leave_type.colour if visible else NEUTRAL_COLOUR,
                leave_type=leave_type if visible else None,
                days=days,
            )
        )
    holidays: dict[int | None, dict[dt.date, str]] = {}
    sites = {p.site_id: p.site for p in people}
    for site_id, site in sites.items():
        subdivision = site.holiday_subdivision if site else ""
        holidays[site_id] = holidays_between(subdivision, start, end)
    return Calendar(people=people, absences=absences, holidays=holidays)
