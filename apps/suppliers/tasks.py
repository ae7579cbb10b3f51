"""Celery tasks of the suppliers app: thin wrappers around services."""

from __future__ import annotations

from celery import shared_task

from apps.suppliers.services import compliance


@shared_task(acks_late=True)
def compliance_reminders() -> int:
    """Daily beat job: tell the office managers once about documents missing or running out, contract
    notice deadlines within 30 days, and the relationship log's follow-ups that are due.

    Safe to run twice: each notice is recorded in the notifications ledger before it is sent.
    """
    return compliance.compliance_reminders()
