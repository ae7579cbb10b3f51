"""The notifications app in the cross-app registries (see apps/core/registry.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.core import cache as read_cache
from apps.core import roles
from apps.core.registry import NOTIFICATIONS_BADGE, BadgeCount, BenchPage, Card
from apps.core.reversing import fixed_url

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
    unread = selectors.unread_count(user)
    failed = selectors.failed_email_count() if user.has_role(roles.OFFICE_MANAGER) else 0
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


def badge_counts(user) -> list[BadgeCount]:
    """The bell: with the read cache on, the count is kept per person until a notification changes;
    without it, it is counted with the other badges in one statement."""
    unread = selectors.unread_notifications(user)
    if read_cache.enabled():
        return [
            BadgeCount(
                NOTIFICATIONS_BADGE,
                read_cache.cached(("notifications.unread", read_cache.viewer_key(user)), unread.count),
            )
        ]
    return [BadgeCount(NOTIFICATIONS_BADGE, unread)]


def benchmark_pages() -> list[BenchPage]:
    return [BenchPage(name="Notifications", path="/notifications/", role=roles.STAFF)]
