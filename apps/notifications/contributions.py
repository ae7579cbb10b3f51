"""The notifications app in the cross-app registries (see apps/core/registry.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.core import roles
from apps.core.registry import BenchPage, Card
from apps.core.templatetags.layout import fixed_url

from . import selectors


def _unread_card(user, count: int) -> Card:
    return Card(
        title=_("Unread notifications"),
        value=count,
        url=fixed_url("notifications:list"),
        severity="info" if count else "secondary",
        icon="bell",
        order=90,
    )


def dashboard_cards(user) -> list[Card]:
    """The person's unread notifications, and, for the office manager, e-mails that could not be sent."""
    office_manager = user.has_role(roles.OFFICE_MANAGER)
    if office_manager:
        unread, failed = selectors.unread_and_failed_email_counts(user)
    else:
        unread, failed = selectors.unread_count(user), 0
    cards = []
    if unread:
        cards.append(_unread_card(user, unread))
    if failed:
        cards.append(
            Card(
                title=_("E-mails not delivered"),
                value=failed,
                url=fixed_url("notifications:outbox"),
                severity="danger",
                icon="envelope-exclamation",
                detail=_("Check the address, then send them again."),
                order=10,
            )
        )
    return cards


def my_space_cards(user) -> list[Card]:
    return [_unread_card(user, selectors.unread_count(user))]


def benchmark_pages() -> list[BenchPage]:
    return [BenchPage(name="Notifications", path="/notifications/", role=roles.STAFF)]
