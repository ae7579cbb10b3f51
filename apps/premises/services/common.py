"""Helpers shared by the premises services: roles, formatting, notifications."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.selectors import office_managers  # noqa: F401  (used by the premises services)
from apps.notifications.services import notify, notify_many


def is_office_manager(user) -> bool:
    # The group names are cached on the user: one query per request at most.
    return bool(getattr(user, "is_authenticated", False)) and user.is_active and user.is_office_manager


def is_ticket_handler(user) -> bool:
    """May be put in charge of repair tickets and open the queue: an office manager or a marked handler."""
    return bool(getattr(user, "is_authenticated", False)) and user.is_ticket_handler


def require_office_manager(user) -> None:
    if not is_office_manager(user):
        raise PermissionDenied(_("Only an office manager may do this."))


def send_many(*, recipients, kind: str, context: dict[str, Any], url: str = "") -> None:
    """Notify several people in a bounded number of queries."""
    notify_many(recipients, kind=kind, context=context, url=url)


def local(value: dt.datetime) -> dt.datetime:
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return timezone.localtime(value)


def fmt_date(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        value = local(value).date()
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def fmt_time(value: dt.datetime) -> str:
    return formats.time_format(local(value), "H:i")


def send(*, recipient, kind: str, context: dict[str, Any], url: str = "") -> None:
    """Notify one person (in-app and e-mail) through the notifications app."""
    notify(recipient=recipient, kind=kind, context=context, url=url)


# URL names the pages of this app are expected to define (apps/premises/urls.py, app_name "premises").
# Until a page exists, links are left out of notifications rather than failing the service.
def page_url(name: str, *args: Any) -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(f"premises:{name}", args=args)
    except NoReverseMatch:
        return ""
