"""Reads of the notifications app, scoped to what the asking user may see."""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from apps.core import roles
from apps.core.memo import request_memo

from .models import EmailOutbox, Notification


def notifications_for(user) -> QuerySet[Notification]:
    """A person's own notifications, newest first; nobody sees anyone else's."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def unread_count(user) -> int:
    """Unread notifications; counted once per request (the bell and the dashboard card share it)."""
    return request_memo(
        user, "unread_notifications", lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    )


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


def failed_email_count() -> int:
    return EmailOutbox.objects.filter(status=EmailOutbox.Status.FAILED).count()
