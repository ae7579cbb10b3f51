"""Helpers the leave services share: holidays, roles, notifications and links."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import lru_cache

import holidays
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from apps.accounts.models import DIRECTOR_GROUP, OFFICE_MANAGER_GROUP, Site
from apps.leave import wording
from apps.leave.models import LeaveRequest
from apps.notifications.services import notify

CENT = Decimal("0.01")


def round_days(value: Decimal | Fraction | int) -> Decimal:
    """Days are stored with 2 decimals, rounded half up."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@lru_cache(maxsize=64)
def holidays_for_subdivision(subdivision: str, first_year: int, last_year: int) -> holidays.HolidayBase:
    """French public holidays of a site subdivision ("" = national, "57" = Moselle…), cached."""
    return holidays.France(subdiv=subdivision or None, years=range(first_year, last_year + 1))


@lru_cache(maxsize=256)
def _holidays_between(subdivision: str, start: dt.date, end: dt.date) -> tuple[tuple[dt.date, str], ...]:
    calendar = holidays_for_subdivision(subdivision, start.year, end.year)
    return tuple((day, name) for day, name in sorted(calendar.items()) if start <= day <= end)


def holidays_between(subdivision: str, start: dt.date, end: dt.date) -> dict[dt.date, str]:
    """The public holidays of a subdivision from ``start`` to ``end`` (inclusive), by date, in the
    package's default language (French): a fresh dict from a per-process cache."""
    return dict(_holidays_between(subdivision, start, end))


@lru_cache(maxsize=256)
def _holiday_names(subdivision: str, first_year: int, last_year: int, language: str) -> tuple[tuple[dt.date, str], ...]:
    # An unsaved Site carries the subdivision: Site.public_holidays knows how the package names
    # each language; building a holidays.France costs milliseconds, hence the cache.
    names = Site(holiday_subdivision=subdivision).public_holidays(range(first_year, last_year + 1), language=language)
    return tuple(sorted(names.items()))


def holiday_names(subdivision: str, first_year: int, last_year: int, language: str) -> dict[dt.date, str]:
    """The public holidays of a subdivision over the years, named in ``language`` ("fr", "en"…)."""
    return dict(_holiday_names(subdivision, first_year, last_year, language))


def person_holidays(person, start: dt.date, end: dt.date) -> holidays.HolidayBase:
    """The public holidays of the person's site around [start, end] (one year more for returns)."""
    site = person.site if person.site_id else None
    subdivision = site.holiday_subdivision if site else ""
    return holidays_for_subdivision(subdivision, start.year, end.year + 1)


def is_office_manager(user) -> bool:
    return bool(user and user.is_active and (user.is_office_manager or user.is_superuser))


def first_in_group(group: str, *, exclude: set[int]):
    """The first active member of a role group (lowest id), leaving out ``exclude`` ids."""
    return (
        get_user_model()
        .objects.filter(groups__name=group, is_active=True)
        .exclude(pk__in=exclude)
        .order_by("pk")
        .first()
    )


def office_manager(*, exclude: set[int]):
    return first_in_group(OFFICE_MANAGER_GROUP, exclude=exclude)


def director(*, exclude: set[int]):
    return first_in_group(DIRECTOR_GROUP, exclude=exclude)


def request_path(leave_request: LeaveRequest) -> str:
    """The request's page; the UI names it ``leave:request_detail`` (falls back to /leave/)."""
    try:
        return reverse("leave:request_detail", kwargs={"pk": leave_request.pk})
    except NoReverseMatch:
        return "/leave/"


def sees_details(viewer, leave_request: LeaveRequest) -> bool:
    """Whether ``viewer`` may know the request's kind of leave, its comment and its document: for a
    private type (health or family data, models.Privacy) the person and the office managers only."""
    if viewer.pk == leave_request.person_id or is_office_manager(viewer):
        return True
    return not leave_request.leave_type.is_private


def request_context(leave_request: LeaveRequest, *, recipient) -> dict:
    """What a leave e-mail (and its in-app notification) may show ``recipient``, as JSON-safe
    values: a private type is “Absence” without its comment for anyone but the person and the office
    managers, since mailboxes keep what they receive for ever. The dates and days are worded in the
    recipient's language (apps/leave/wording.py), as notify() renders the whole message."""
    details = sees_details(recipient, leave_request)
    with translation.override(getattr(recipient, "language", "") or settings.LANGUAGE_CODE):
        leave_type = leave_request.leave_type.name if details else str(_("Absence"))
        period = wording.request_period(leave_request)
        span = wording.short_span(leave_request.start_date, leave_request.end_date)
        days = wording.days_text(leave_request.days)
    return {
        "request_id": leave_request.pk,
        "person": leave_request.person.get_full_name() or leave_request.person.email,
        "leave_type": leave_type,
        "period": period,
        "span": span,
        "days": days,
        "comment": leave_request.comment if details else "",
    }


def format_days(days: Decimal) -> str:
    """French style: 2,5 and 8 (no trailing zeros)."""
    text = f"{days.normalize():f}" if days == days.to_integral() else f"{days:f}".rstrip("0")
    return text.replace(".", ",")


def send(*, recipient, kind: str, context: dict, url: str = "") -> None:
    """Notify through apps.notifications (in-app + e-mail, enqueued on commit)."""
    if recipient is None or not recipient.is_active:
        return
    notify(recipient=recipient, kind=kind, context=context, url=url)
