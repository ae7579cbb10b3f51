"""Every write on people and the organisation: company details, sites, teams and accounts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from apps.core.uniqueness import unique_or
from apps.notifications.services import email_queue, notify

from .models import DIRECTOR_GROUP, OFFICE_MANAGER_GROUP, TICKET_HANDLER_GROUP, Company, Language, Site, Team, User
from .selectors import account_is_protected, company_display_name

ROLE_GROUPS = (OFFICE_MANAGER_GROUP, DIRECTOR_GROUP, TICKET_HANDLER_GROUP)

# The editable fields of each model, one list for the service and the form that feeds it (forms.py).
SITE_FIELDS = ("name", "address", "postal_code", "city", "holiday_subdivision", "is_head_office", "is_active")
TEAM_FIELDS = ("name", "manager", "site")
USER_FIELDS = ("email", "first_name", "last_name", "phone", "language", "team", "site", "is_active")
PROFILE_FIELDS = ("first_name", "last_name", "phone", "language")
COMPANY_FIELDS = (
    "legal_name",
    "trade_name",
    "legal_form",
    "address",
    "postal_code",
    "city",
    "siren",
    "siret",
    "rcs_city",
    "share_capital",
    "vat_number",
    "vat_exempt",
    "email",
    "phone",
)


# --- Company -------------------------------------------------------------------------------------


@transaction.atomic
def company_update(*, data: dict[str, Any], logo: File | None = None, remove_logo: bool = False) -> Company:
    """Save the company's details on its single row (pk 1), creating the row on first save.

    ``logo`` replaces the current logo; ``remove_logo`` clears it. The old file is deleted only
    once the new details are committed, so a failed save never loses it.
    """
    company = Company.objects.select_for_update().filter(pk=1).first() or Company(pk=1)
    for name in COMPANY_FIELDS:
        if name in data:
            value = data[name]
            setattr(company, name, "" if value is None and name != "share_capital" else value)
    old_logo_name = company.logo.name if company.logo else ""
    if logo is not None:
        company.logo = logo
    elif remove_logo:
        company.logo = ""
    company.full_clean()
    company.save()
    new_logo_name = company.logo.name if company.logo else ""
    if old_logo_name and old_logo_name != new_logo_name:
        storage = company.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo_name))
    return company


# --- Sites ---------------------------------------------------------------------------------------


def _site_check_can_deactivate(site: Site) -> None:
    people = site.people.filter(is_active=True).count()
    if people:
        raise ValidationError(
            {
                "is_active": _(
                    "%(count)d active people work at %(site)s: move them to another site before deactivating it."
                )
                % {"count": people, "site": site.name}
            }
        )
    teams = list(site.teams.values_list("name", flat=True))
    if teams:
        raise ValidationError(
            {
                "is_active": _("%(site)s is the main site of the team(s) %(teams)s: change their site first.")
                % {"site": site.name, "teams": ", ".join(teams)}
            }
        )


def _site_save(site: Site) -> Site:
    site.full_clean()
    with unique_or(site.full_clean):
        site.save()
    if site.is_head_office:
        # A company has one head office: naming a new one moves the title.
        Site.objects.filter(is_head_office=True).exclude(pk=site.pk).update(is_head_office=False)
    return site


@transaction.atomic
def site_create(
    *,
    name: str,
    address: str,
    postal_code: str,
    city: str,
    holiday_subdivision: str = "",
    is_head_office: bool = False,
    is_active: bool = True,
) -> Site:
    """Create a site. Naming it head office takes the title from the previous head office."""
    site = Site(
        name=name,
        address=address,
        postal_code=postal_code,
        city=city,
        holiday_subdivision=holiday_subdivision,
        is_head_office=is_head_office,
        is_active=is_active,
    )
    return _site_save(site)


@transaction.atomic
def site_update(
    *,
    site: Site,
    name: str,
    address: str,
    postal_code: str,
    city: str,
    holiday_subdivision: str = "",
    is_head_office: bool = False,
    is_active: bool = True,
) -> Site:
    """Update a site. Sites are deactivated, never deleted; a site still in use cannot be deactivated."""
    site = Site.objects.select_for_update().get(pk=site.pk)
    if site.is_active and not is_active:
        _site_check_can_deactivate(site)
    site.name = name
    site.address = address
    site.postal_code = postal_code
    site.city = city
    site.holiday_subdivision = holiday_subdivision
    site.is_head_office = is_head_office
    site.is_active = is_active
    return _site_save(site)


# --- Teams ---------------------------------------------------------------------------------------


def _team_check_manager(manager: User | None) -> None:
    if manager is not None and not manager.is_active:
        raise ValidationError(
            {"manager": _("%(name)s's account is deactivated: choose an active person.") % {"name": manager}}
        )


@transaction.atomic
def team_create(*, name: str, manager: User | None = None, site: Site | None = None) -> Team:
    """Create a team; its manager, when given, must be an active account."""
    _team_check_manager(manager)
    team = Team(name=name, manager=manager, site=site)
    team.full_clean()
    with unique_or(team.full_clean):
        team.save()
    return team


@transaction.atomic
def team_update(*, team: Team, name: str, manager: User | None, site: Site | None) -> Team:
    """Rename a team, change its main site or its manager (who must be an active account)."""
    team = Team.objects.select_for_update().get(pk=team.pk)
    if manager is not None and manager.pk != team.manager_id:
        _team_check_manager(manager)
    team.name = name
    team.manager = manager
    team.site = site
    team.full_clean()
    with unique_or(team.full_clean):
        team.save()
    return team


# --- Accounts ------------------------------------------------------------------------------------


def _normalise_email(email: str) -> str:
    return User.objects.normalize_email((email or "").strip()).lower()


def _check_email_free(email: str, *, exclude_pk: int | None = None) -> None:
    others = User.objects.filter(email__iexact=email)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise ValidationError(
            {"email": _("An account with the e-mail address “%(email)s” already exists.") % {"email": email}}
        )


def _check_roles(roles: Iterable[str]) -> set[str]:
    roles = set(roles)
    unknown = roles - set(ROLE_GROUPS)
    if unknown:
        raise ValidationError({"roles": _("Unknown role: %(roles)s.") % {"roles": ", ".join(sorted(unknown))}})
    return roles


def _set_roles(user: User, roles: set[str]) -> None:
    """Make the user's role groups exactly ``roles``, leaving any other group alone."""
    groups = {group.name: group for group in Group.objects.filter(name__in=ROLE_GROUPS)}
    missing = roles - set(groups)
    if missing:
        # The groups come from migration 0002; a database without them is misconfigured.
        raise ValidationError(_("The role groups are missing: run the migrations."))
    user.groups.remove(*(groups[name] for name in ROLE_GROUPS if name not in roles))
    user.groups.add(*(groups[name] for name in roles))
    user.__dict__.pop("group_names", None)


def set_password_url(user: User) -> str:
    """An absolute link to choose a password (the password-reset link: valid once, for a few days)."""
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


@transaction.atomic
def user_create(
    *,
    email: str,
    first_name: str,
    last_name: str,
    phone: str = "",
    language: str = Language.FRENCH,
    team: Team | None = None,
    site: Site | None = None,
    roles: Iterable[str] = (),
    is_active: bool = True,
) -> User:
    """Open an account and send its owner a welcome e-mail with a link to choose a password.

    The account has no usable password until then. E-mail addresses are unique whatever their case.
    """
    email = _normalise_email(email)
    _check_email_free(email)
    roles = _check_roles(roles)
    user = User(
        email=email,
        first_name=first_name,
        last_name=last_name,
        phone=phone,
        language=language,
        team=team,
        site=site,
        is_active=is_active,
    )
    user.set_unusable_password()
    user.full_clean()
    with unique_or(lambda: _check_email_free(email), user.full_clean):
        user.save()
    _set_roles(user, roles)
    if user.is_active:
        notify(
            recipient=user,
            kind="welcome",
            context={"set_password_url": set_password_url(user), "company_name": company_display_name()},
        )
    return user


@transaction.atomic
def user_update(
    *,
    actor: User,
    user: User,
    email: str,
    first_name: str,
    last_name: str,
    phone: str = "",
    language: str = Language.FRENCH,
    team: Team | None = None,
    site: Site | None = None,
    roles: Iterable[str] = (),
    is_active: bool = True,
) -> User:
    """Update an account, its roles and whether it is active.

    An office manager cannot take away their own office-manager role nor deactivate themselves (the
    company would be left without one); a person who manages a team cannot be deactivated until the
    team has another manager. Only a superuser may change the e-mail of a protected account (a
    director, a superuser, an ``is_staff`` account): a new address plus "forgotten password" would
    hand it over. When the e-mail changes, the previous address is told.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    email = _normalise_email(email)
    old_email = user.email
    if email != old_email and account_is_protected(user) and not actor.is_superuser:
        raise ValidationError(
            {"email": _("Only an administrator can change the e-mail address of a director or an administrator.")}
        )
    _check_email_free(email, exclude_pk=user.pk)
    roles = _check_roles(roles)
    current_roles = set(user.groups.filter(name__in=ROLE_GROUPS).values_list("name", flat=True))
    errors: dict[str, Any] = {}
    if DIRECTOR_GROUP in current_roles and DIRECTOR_GROUP not in roles and not actor.is_superuser:
        # Or the protection above is lifted in three saves: take the role away, change the e-mail,
        # give the role back.
        errors["roles"] = _("Only an administrator can take the director role away.")
    if user.pk == actor.pk:
        if OFFICE_MANAGER_GROUP in current_roles and OFFICE_MANAGER_GROUP not in roles:
            errors["roles"] = _("You cannot remove your own office manager role: ask another office manager.")
        if not is_active:
            errors["is_active"] = _("You cannot deactivate your own account.")
    if user.is_active and not is_active and "is_active" not in errors:
        managed = list(Team.objects.filter(manager=user).values_list("name", flat=True))
        if managed:
            errors["is_active"] = _(
                "%(name)s manages the team(s) %(teams)s: choose another manager before deactivating the account."
            ) % {"name": user, "teams": ", ".join(managed)}
    if errors:
        raise ValidationError(errors)
    user.email = email
    user.first_name = first_name
    user.last_name = last_name
    user.phone = phone
    user.language = language
    user.team = team
    user.site = site
    user.is_active = is_active
    user.full_clean()
    with unique_or(lambda: _check_email_free(email, exclude_pk=user.pk), user.full_clean):
        user.save()
    if roles != current_roles:
        _set_roles(user, roles)
    if email != old_email:
        email_queue(
            recipient=user,
            kind="email_changed",
            to=old_email,
            context={"old_email": old_email, "new_email": email, "company_name": company_display_name()},
        )
    return user


@transaction.atomic
def user_update_profile(*, user: User, first_name: str, last_name: str, phone: str = "", language: str) -> User:
    """A person edits their own name, phone and preferred language (nothing that changes their rights)."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    locked.first_name = first_name
    locked.last_name = last_name
    locked.phone = phone
    locked.language = language
    locked.full_clean()
    locked.save(update_fields=PROFILE_FIELDS)
    return locked


@transaction.atomic
def user_set_language(*, user: User, language: str) -> User:
    """Store a person's preferred language; the middleware serves every later page in it."""
    if language not in Language.values:
        raise ValidationError({"language": _("“%(language)s” is not an available language.") % {"language": language}})
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user


# --- Sign-in security ----------------------------------------------------------------------------


@transaction.atomic
def user_password_reset_request(*, email: str) -> int:
    """Queue a "choose a new password" e-mail for the active account with this address, if any.

    The e-mail goes through the outbox (sent by a worker after the commit): the request costs the
    same for a known and an unknown address, and nothing tells them apart. Returns how many were
    queued (0 or 1), for the tests; callers must not show it.
    """
    queued = 0
    for user in User.objects.filter(email__iexact=(email or "").strip(), is_active=True):
        email_queue(
            recipient=user,
            kind="password_reset",
            context={
                "user": user,
                "uid": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        queued += 1
    return queued


@transaction.atomic
def user_unlock(*, user: User) -> int:
    """Lift the sign-in lockouts of an account (every IP address) and forget its failed attempts.

    Returns how many attempt records were removed.
    """
    deleted, _details = AccessAttempt.objects.filter(username=user.email.lower()).delete()
    return deleted
