"""Celery tasks of the quotes app: thin wrappers around services."""

from __future__ import annotations

from celery import shared_task

from apps.quotes.services import lifecycle


@shared_task(acks_late=True)
def quotes_daily() -> dict:
    """Daily beat job: expire the quotes past their validity (telling each author once), and suggest a
    follow-up to the authors of quotes expiring within a week (once, through the reminder ledger).

    Safe to run twice: an expired quote is no longer a candidate, and every message goes through the
    notifications ledger before it is sent."""
    return {"expired": lifecycle.quotes_expire(), "reminded": lifecycle.quotes_expiry_reminders()}
