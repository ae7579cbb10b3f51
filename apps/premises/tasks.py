"""Celery tasks of the premises app: thin wrappers around services."""

from __future__ import annotations

from celery import shared_task

from apps.premises import services


@shared_task(acks_late=True)
def register_send_reminders() -> int:
    """Daily beat job: send the safety register's reminders due today (30 days, 7 days, the day, weekly after).

    Safe to run twice: each reminder is recorded in the notifications ledger before it is sent.
    """
    return services.register_send_reminders()
