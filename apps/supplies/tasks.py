"""Celery tasks of the supplies app: thin wrappers around services."""

from __future__ import annotations

from celery import shared_task

from apps.supplies.services import equipment


@shared_task(acks_late=True)
def equipment_warranty_reminders() -> int:
    """Daily beat job: tell the office managers once about each warranty ending within 60 days.

    Safe to run twice: each notice is recorded in the notifications ledger before it is sent.
    """
    return equipment.equipment_warranty_reminders()
