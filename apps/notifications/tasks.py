"""Celery tasks of the notifications app: ids in, call a service, return."""

from __future__ import annotations

from celery import shared_task

from . import services
from .outbox import email_send

__all__ = ["email_outbox_flush", "email_send", "reminder_deliver", "reminders_dispatch"]


@shared_task(acks_late=True)
def email_outbox_flush() -> int:
    """Beat job: re-enqueue e-mails the broker lost (see ``services.email_outbox_flush``)."""
    return services.email_outbox_flush()


@shared_task(acks_late=True)
def reminders_dispatch() -> int:
    """Beat job: hand every due, unsent scheduled reminder to ``reminder_deliver`` (see the service)."""
    return services.reminders_dispatch(enqueue=reminder_deliver.delay)


@shared_task(acks_late=True)
def reminder_deliver(reminder_id: int) -> bool | None:
    """Send one scheduled reminder, once (the ledger's unique key); quiet if the row is gone or sent."""
    return services.reminder_deliver(reminder_id=reminder_id)
