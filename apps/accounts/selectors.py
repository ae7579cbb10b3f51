"""Reads for people and the organisation, scoped to what the asking user may see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.utils import timezone, translation

from apps.core import roles
from apps.core.memo import request_memo
from apps.core.paging import CountAll, PagedRows, page_start
from apps.core.prepared import prepared
from apps.core.reversing import pk_url

from .models import DIRECTOR_GROUP, OFFICE_MANAGER_GROUP, Company, Site, Team, User

USER_STATUSES = ("active", "inactive")


def _sees_everyone(user: User) -> bool:
    return user.has_role(roles.OFFICE_MANAGER) or user.has_role(roles.ADMIN)


def users_visible_to(user: User) -> QuerySet[User]:
    """Everyone for the office manager; a manager sees their teams' members; anyone else only themselves."""
    qs = User.objects.select_related("team", "site")
    if _sees_everyone(user):
        # An office manager must not edit a superuser (change its e-mail, then reset its password).
        return qs if user.is_superuser else qs.filter(Q(is_superuser=False) | Q(pk=user.pk))
    if user.has_role(roles.MANAGER):
        return qs.filter(Q(pk=user.pk) | Q(team_id__in=user.managed_team_ids))
    return qs.filter(pk=user.pk)


def account_is_protected(user: User) -> bool:
    """A director, a superuser or an ``is_staff`` account: only a superuser may change its e-mail."""
    return user.is_superuser or user.is_staff or user.groups.filter(name=DIRECTOR_GROUP).exists()


def user_is_locked_out(user: User) -> bool:
    """Is this account locked out of signing in from some address (django-axes) right now?"""
    attempts = AccessAttempt.objects.filter(
        username=user.email.lower(), failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    )
    if settings.AXES_COOLOFF_TIME:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    return attempts.exists()


def sites_for(user: User) -> QuerySet[Site]:
    """Every site for the office manager (inactive ones too, to reactivate them); active ones for others."""
    qs = Site.objects.all()
    return qs if _sees_everyone(user) else qs.filter(is_active=True)


def teams_for(user: User) -> QuerySet[Team]:
    """Every team for the office manager; a manager sees the teams they manage and their own; anyone else their own.

    Today's callers (the teams list and edit pages) are office-manager-only, so for them this is all
    teams; the scoping keeps any other caller from leaking the organisation chart, like ``users_visible_to``.
    """
    qs = Team.objects.select_related("manager", "site")
    if _sees_everyone(user):
        return qs
    if user.has_role(roles.MANAGER):
        return qs.filter(Q(pk=user.team_id) | Q(pk__in=user.managed_team_ids))
    return qs.filter(pk=user.team_id)


def company_get() -> Company | None:
    """The company row (pk 1), or None before the office manager first saves it."""
    return Company.objects.filter(pk=1).first()


def company_display_name() -> str:
    company = Company.objects.filter(pk=1).only("legal_name", "trade_name").first()
    if company is None:
        return "officemgr"
    return company.trade_name or company.legal_name


# The dashboard and the director's agenda show the head count on every visit.
@prepared()
def _active_people(p, *, with_siren: bool):
    active = User.objects.filter(is_active=True).order_by()
    if not with_siren:
        return active.values_list(CountAll())
    # The company's SIREN rides along with the count (a one-row subquery, NULL without a company).
    return active.values_list(CountAll(), Subquery(Company.objects.filter(pk=1).values("siren")[:1]))


def active_people_count() -> int:
    return _active_people.first(with_siren=False)[0]


def active_people_count_and_siren() -> tuple[int, str | None]:
    """The head count and the company's SIREN (None without a company row), in one query."""
    people, siren = _active_people.first(with_siren=True)
    return people, siren


def user_with_roles(qs: QuerySet[User]) -> QuerySet[User]:
    """Annotate each person with their roles in the same query (no query per row for badges)."""
    memberships = User.groups.through.objects.filter(user_id=OuterRef("pk"))
    return qs.annotate(
        has_office_manager_role=Exists(memberships.filter(group__name=OFFICE_MANAGER_GROUP)),
        has_director_role=Exists(memberships.filter(group__name=DIRECTOR_GROUP)),
        manages_a_team=Exists(Team.objects.filter(manager_id=OuterRef("pk"))),
    )


def user_list(
    *,
    viewer: User,
    q: str = "",
    team: Team | None = None,
    site: Site | None = None,
    status: str = "",
) -> QuerySet[User]:
    """The accounts list: search by name or e-mail (every word must match), filters by team, site, status."""
    qs = user_with_roles(users_visible_to(viewer))
    for term in q.split()[:5]:
        qs = qs.filter(Q(first_name__icontains=term) | Q(last_name__icontains=term) | Q(email__icontains=term))
    if team is not None:
        qs = qs.filter(team=team)
    if site is not None:
        qs = qs.filter(site=site)
    if status in USER_STATUSES:
        qs = qs.filter(is_active=status == "active")
    return qs.order_by("last_name", "first_name", "pk")


@dataclass(frozen=True, slots=True)
class UserRow:
    """One line of the accounts list: what the template prints, nothing to look up per row."""

    pk: int
    name: str  # the full name, or the e-mail address when there is none (as str(user))
    email: str
    is_active: bool
    team: str  # the team's name, "—" without a team
    site: str
    has_director_role: bool
    has_office_manager_role: bool
    manages_a_team: bool
    edit_url: str


_USER_ROW_COLUMNS = (
    "pk",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "team__name",
    "site__name",
    "has_director_role",
    "has_office_manager_role",
    "manages_a_team",
)


def _user_rows(rows: Iterable[tuple]) -> list[UserRow]:
    edit_url = pk_url("accounts:user_edit")
    return [
        UserRow(
            pk=pk,
            name=f"{first_name} {last_name}".strip() or email,
            email=email,
            is_active=is_active,
            team="—" if team is None else team,
            site="—" if site is None else site,
            has_director_role=director,
            has_office_manager_role=office_manager,
            manages_a_team=manager,
            edit_url=edit_url(pk),
        )
        for pk, first_name, last_name, email, is_active, team, site, director, office_manager, manager in rows
    ]


# The office manager opens the unfiltered list far more often than anything else: its query is
# compiled once per process (and per page offset, LIMIT and OFFSET being part of the SQL text, for
# the first PREPARED_PAGES pages; later ones go through the ORM).
PREPARED_PAGES = 10


@prepared(viewer=int)
def _everyone_but_superusers(p):
    return User.objects.filter(Q(is_superuser=False) | Q(pk=p.viewer)).values_list("pk")


@prepared(viewer=int)
def _everyone_but_superusers_page(p, *, offset: int, limit: int):
    # Planning the query costs PostgreSQL more than running it: the roles come as request.user gets
    # them (two comma lists, not three EXISTS), the team and site names from the filter bar's list.
    visible = Q(is_superuser=False) | Q(pk=p.viewer)
    total = User.objects.filter(visible).order_by().values(n=CountAll())
    qs = User.objects.with_roles().filter(visible).annotate(total=Subquery(total))
    columns = ("pk", "first_name", "last_name", "email", "is_active", "team_id", "site_id")
    columns += ("_role_groups", "_role_team_ids", "total")
    return qs.order_by("last_name", "first_name", "pk").values_list(*columns)[offset : offset + limit]


def _named_with_role_flags(rows: Iterable[tuple], viewer: User) -> list[tuple]:
    """(…, team id, site id, group names, managed team ids) → the columns of ``_USER_ROW_COLUMNS``."""
    teams, sites = (dict(names) for names in team_and_site_choices(viewer=viewer))
    named = []
    for *person, team_id, site_id, group_names, team_ids in rows:
        groups = (group_names or "").split(",")
        flags = (DIRECTOR_GROUP in groups, OFFICE_MANAGER_GROUP in groups, bool(team_ids))
        named.append((*person, teams.get(team_id), sites.get(site_id), *flags))
    return named


def user_rows(
    *,
    viewer: User,
    q: str = "",
    team: Team | None = None,
    site: Site | None = None,
    status: str = "",
    per_page: int = 25,
    page: Any = None,
) -> PagedRows:
    """``user_list`` as display rows (``UserRow``), for a ``Paginator`` of ``per_page`` rows asked for ``page``."""
    start = page_start(page, per_page)
    unfiltered = not (q.split() or team is not None or site is not None or status in USER_STATUSES)
    if unfiltered and _sees_everyone(viewer) and not viewer.is_superuser:

        def fetch(start: int, stop: int) -> tuple[list[UserRow], int | None]:
            if start >= PREPARED_PAGES * per_page:
                return _user_rows(user_list(viewer=viewer).values_list(*_USER_ROW_COLUMNS)[start:stop]), None
            # Always a full page in the SQL (one compiled query per offset); a last page's slice is shorter.
            limit = max(per_page, stop - start)
            rows = _everyone_but_superusers_page.rows(viewer=viewer.pk, offset=start, limit=limit)
            total = rows[0][-1] if rows else None
            return _user_rows(_named_with_role_flags((row[:-1] for row in rows[: stop - start]), viewer)), total

        count = partial(_everyone_but_superusers.count, viewer=viewer.pk)
        return PagedRows(count=count, fetch=fetch, per_page=per_page, start=start)
    qs = user_list(viewer=viewer, q=q, team=team, site=site, status=status).values_list(*_USER_ROW_COLUMNS)
    return PagedRows(
        count=qs.count, fetch=lambda start, stop: (_user_rows(qs[start:stop]), None), per_page=per_page, start=start
    )


# The accounts filter bar lists every team and every site on each visit: one query for both.
@prepared()
def _team_and_site_names(p):
    teams = Team.objects.annotate(kind=Value(0), head=Value(False)).values_list("kind", "head", "pk", "name")
    sites = Site.objects.annotate(kind=Value(1)).values_list("kind", "is_head_office", "pk", "name")
    # Each in its own model's order: teams by name, sites head office first, then by name.
    return teams.order_by().union(sites.order_by(), all=True).order_by("kind", "-head", "name")


def team_and_site_choices(*, viewer: User | None = None) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Every team and every site as (pk, name), each in its usual order; once per request given its user."""

    def split() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
        teams, sites = [], []
        for kind, _head, pk, name in _team_and_site_names.rows():
            (sites if kind else teams).append((pk, name))
        return teams, sites

    return split() if viewer is None else request_memo(viewer, "team_and_site_choices", split)


def site_list(*, viewer: User) -> QuerySet[Site]:
    return sites_for(viewer).annotate(people_count=Count("people", filter=Q(people__is_active=True)))


def team_list(*, viewer: User) -> QuerySet[Team]:
    return teams_for(viewer).annotate(member_count=Count("members", filter=Q(members__is_active=True)))


def next_public_holidays(
    sites: Iterable[Site], *, today: dt.date | None = None, count: int = 3
) -> dict[int, list[tuple[dt.date, str]]]:
    """The next ``count`` public holidays of each site, by site id (computed, no query).

    Sites sharing a subdivision share one calendar, so the work depends on the subdivisions, not the sites.
    """
    today = today or timezone.localdate()
    language = translation.get_language() or "fr"
    by_subdivision: dict[str, list[tuple[dt.date, str]]] = {}
    result = {}
    for site in sites:
        key = site.holiday_subdivision
        if key not in by_subdivision:
            calendar = site.public_holidays([today.year, today.year + 1], language=language)
            by_subdivision[key] = sorted((day, name) for day, name in calendar.items() if day >= today)[:count]
        result[site.pk] = by_subdivision[key]
    return result
