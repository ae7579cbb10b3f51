"""Reads for people and the organisation, scoped to what the asking user may see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone, translation

from apps.core import cache as read_cache
from apps.core import roles
from apps.core.reversing import pk_url, url_scope

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


def active_people_count() -> int:
    return User.objects.filter(is_active=True).count()


def company_siren() -> str | None:
    """The company's SIREN (None before the company is saved): the dashboard warns while it is missing."""
    return Company.objects.filter(pk=1).values_list("siren", flat=True).first()


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


def _read_user_page(
    viewer: User, *, q: str, team: Team | None, site: Site | None, status: str, per_page: int, page: Any
) -> tuple[int, int, list[UserRow]]:
    rows = user_list(viewer=viewer, q=q, team=team, site=site, status=status).values_list(*_USER_ROW_COLUMNS)
    paginator = Paginator(rows, per_page)
    found = paginator.get_page(page)
    return paginator.count, found.number, _user_rows(found.object_list)


def user_page(
    *,
    viewer: User,
    q: str = "",
    team: Team | None = None,
    site: Site | None = None,
    status: str = "",
    per_page: int = 25,
    page: Any = None,
) -> Page:
    """The page ``page`` of ``user_list`` as display rows (``UserRow``): a count and one query for the
    rows, kept in the read cache per viewer, filters and page until an account, team, site or role changes."""
    key = (
        "accounts.user_page",
        read_cache.viewer_key(viewer),
        q,
        None if team is None else team.pk,
        None if site is None else site.pk,
        status,
        per_page,
        page,
        url_scope(),  # the rows hold their edit links
    )
    count, number, rows = read_cache.cached(
        key,
        lambda: _read_user_page(viewer, q=q, team=team, site=site, status=status, per_page=per_page, page=page),
    )
    # The count is known: a paginator over a range of that length pages without a query.
    return Page(rows, number, Paginator(range(count), per_page))


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


@dataclass(frozen=True)
class CompanyHoliday:
    """A public holiday falling between two dates, with the active sites that observe it (all of
    them when ``everywhere``)."""

    day: dt.date
    name: str
    sites: tuple[str, ...]
    everywhere: bool


def public_holidays_between(start: dt.date, end: dt.date) -> list[CompanyHoliday]:
    """The public holidays of the company's active sites from ``start`` to ``end`` (both included),
    each named once in the active language with the sites that observe it: the agenda's company
    events. One query (the sites); the holidays are computed once per subdivision."""
    if end < start:
        return []
    sites = list(
        Site.objects.filter(is_active=True)
        .order_by("-is_head_office", "name")
        .values_list("name", "holiday_subdivision")
    )
    language = translation.get_language() or "fr"
    calendars: dict[str, dict[dt.date, str]] = {}
    observed: dict[tuple[dt.date, str], list[str]] = {}
    for name, subdivision in sites:
        if subdivision not in calendars:
            years = range(start.year, end.year + 1)
            calendars[subdivision] = dict(
                Site(holiday_subdivision=subdivision).public_holidays(years, language).items()
            )
        for day, holiday in calendars[subdivision].items():
            if start <= day <= end:
                observed.setdefault((day, holiday), []).append(name)
    return [
        CompanyHoliday(day=day, name=holiday, sites=tuple(names), everywhere=len(names) == len(sites))
        for (day, holiday), names in sorted(observed.items())
    ]


def office_managers() -> QuerySet[User]:
    """The active office managers: who is told of the office's work (low stock, requests to decide)."""
    return User.objects.filter(groups__name=OFFICE_MANAGER_GROUP, is_active=True).distinct()


def directors() -> QuerySet[User]:
    """The active directors: who approves what is above the office manager's limits."""
    return User.objects.filter(groups__name=DIRECTOR_GROUP, is_active=True).distinct()
