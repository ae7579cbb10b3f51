"""Reads of the notifications app, scoped to what the asking user may see."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import get_language

from apps.core import cache as read_cache
from apps.core import registry, roles
from apps.core.reversing import pk_url

from .display import DateTexts
from .models import EmailOutbox, Notification, text_in


def notifications_for(user) -> QuerySet[Notification]:
    """A person's own notifications, newest first; nobody sees anyone else's."""
    return notifications_for_id(user.pk)


@dataclass(frozen=True, slots=True)
class NotificationRow:
    """One line of the notifications list (the ``notification_row`` macro of notifications/_macros.html),
    its texts computed once."""

    pk: int
    title: str
    body: str  # plain text, several lines allowed (the template escapes it and writes the line breaks)
    has_link: bool
    is_read: bool
    created_iso: str
    created_text: str
    created_ago: str  # "2 hours ago" (the ``naturaltime`` filter)
    open_url: str
    read_url: str


_ROW_COLUMNS = ("pk", "title", "body", "texts", "url", "read_at", "created_at")


def notification_rows(rows: Iterable[tuple]) -> list[NotificationRow]:
    """Display rows from ``(pk, title, body, texts, url, read_at, created_at)`` tuples, in the reader's
    active language (``Notification.texts``): one reverse() per kind of link."""
    open_url, read_url = pk_url("notifications:open"), pk_url("notifications:mark_read")
    dates = DateTexts()
    language = get_language()
    shown = []
    for pk, title, body, texts, url, read_at, created_at in rows:
        title_shown, body_shown = text_in(texts, language, title, body)
        shown.append(
            NotificationRow(
                pk=pk,
                title=title_shown,
                body=body_shown,
                has_link=bool(url),
                is_read=read_at is not None,
                created_iso=dates.iso(created_at),
                created_text=dates.text(created_at),
                created_ago=dates.ago(created_at),
                open_url=open_url(pk),
                read_url=read_url(pk),
            )
        )
    return shown


def notification_row(notification: Notification) -> NotificationRow:
    n = notification
    return notification_rows([(n.pk, n.title, n.body, n.texts, n.url, n.read_at, n.created_at)])[0]


def notifications_for_id(user_id: int) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient_id=user_id).order_by("-created_at", "-pk")


def _read_notification_page(user_id: int, per_page: int, page: Any) -> tuple[int, int, list[tuple]]:
    paginator = Paginator(notifications_for_id(user_id).values_list(*_ROW_COLUMNS), per_page)
    found = paginator.get_page(page)
    return paginator.count, found.number, list(found.object_list)


def my_notification_page(user, *, per_page: int, page: Any = None) -> Page:
    """The page ``page`` of ``notifications_for(user)`` as display rows (``NotificationRow``): a count
    and the page. What is read is kept in the read cache per person and page until a notification is
    written; the rows' texts ("2 hours ago") are worked out at each request, as time goes by."""
    count, number, rows = read_cache.cached(
        # Everyone's own notifications, whatever their roles: the person is the key.
        ("notifications.page", user.pk, per_page, page),
        lambda: _read_notification_page(user.pk, per_page, page),
    )
    # The count is known: a paginator over a range of that length pages without a query.
    return Page(notification_rows(rows), number, Paginator(range(count), per_page))


def unread_notifications(user) -> QuerySet[Notification]:
    """The bell's badge (badge_counts in contributions.py, counted with the other badges in one query)."""
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)


def unread_count(user) -> int:
    """Unread notifications: the bell's number, counted once per request with the other badges
    (apps.core.registry.badges); the dashboard card and the bell share it."""
    return registry.unread_notifications_count(user)


def failed_email_count() -> int:
    """E-mails that could not be sent (the office manager's dashboard)."""
    return EmailOutbox.objects.filter(status=EmailOutbox.Status.FAILED).count()


def _sees_outbox(user) -> bool:
    return user.has_role(roles.OFFICE_MANAGER) or user.has_role(roles.ADMIN)


def outbox_visible_to(user) -> QuerySet[EmailOutbox]:
    """Every outgoing e-mail for the office manager (and admins); nothing for anyone else."""
    if not _sees_outbox(user):
        return EmailOutbox.objects.none()
    return EmailOutbox.objects.all()


UNDELIVERED = (EmailOutbox.Status.FAILED, EmailOutbox.Status.PENDING, EmailOutbox.Status.SENDING)


def outbox_undelivered(user) -> QuerySet[EmailOutbox]:
    """The e-mails not delivered yet: failed ones first (they need someone), then the newest."""
    failed_first = Case(
        When(status=EmailOutbox.Status.FAILED, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        outbox_visible_to(user)
        .filter(status__in=UNDELIVERED)
        .select_related("recipient")
        .order_by(failed_first, "-created_at", "-pk")
    )


def outbox_counts(user) -> dict[str, int]:
    """How many e-mails are failed, pending and sending, in one query."""
    counts = outbox_visible_to(user).aggregate(
        **{status.value: Count("pk", filter=Q(status=status)) for status in UNDELIVERED}
    )
    return {key: value or 0 for key, value in counts.items()}
