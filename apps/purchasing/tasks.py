"""Celery tasks of the purchasing app: thin wrappers around services."""

from __future__ import annotations

from celery import shared_task

from apps.purchasing.services import invoices


@shared_task(acks_late=True)
def invoice_due_reminders() -> int:
    """Daily beat job: tell the office managers once about each unpaid invoice due within 7 days, and
    drop the invoice uploads staged but never saved.

    Safe to run twice: each reminder is recorded in the notifications ledger before it is sent."""
    invoices.staged_files_purge()
    return invoices.invoice_due_reminders()
