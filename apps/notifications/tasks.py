"""Celery tasks of the notifications app: ids in, call a service, return."""

from __future__ import annotations

from celery import shared_task

from . import services
from .services import EMAIL_MAX_RETRIES, EMAIL_RETRY_BACKOFF_MAX, TRANSIENT_EMAIL_ERRORS


@shared_task(
    acks_late=True,
    autoretry_for=TRANSIENT_EMAIL_ERRORS,
    retry_backoff=True,
    retry_backoff_max=EMAIL_RETRY_BACKOFF_MAX,
    retry_jitter=True,
    max_retries=EMAIL_MAX_RETRIES,
)
def email_send(outbox_id: int) -> str | None:
    """Send one outbox e-mail; safe to deliver twice (the row is claimed first). Quiet if the row is gone.

    Transient SMTP and network errors are retried with an exponential backoff; the service marks
    the row failed on the last attempt, so an e-mail ends sent or failed, never lost.
    """
    return services.email_outbox_send(outbox_id=outbox_id)


@shared_task(acks_late=True)
def email_outbox_flush() -> int:
    """Beat job: re-enqueue e-mails the broker lost (see ``services.email_outbox_flush``)."""
    return services.email_outbox_flush()


@shared_task(acks_late=True)
def reminders_dispatch() -> int:
    """Beat job: hand every due, unsent scheduled reminder to ``reminder_deliver`` (see the service)."""
    return services.reminders_dispatch()


@shared_task(acks_late=True)
def reminder_deliver(reminder_id: int) -> bool | None:
    """Send one scheduled reminder, once (the ledger's unique key); quiet if the row is gone or sent."""
    return services.reminder_deliver(reminder_id=reminder_id)
