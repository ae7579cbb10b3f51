"""Leave beat jobs: thin wrappers around services, each safe to run twice."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from apps.leave import services

RETRY = {"autoretry_for": (OperationalError,), "retry_backoff": True, "retry_backoff_max": 300, "max_retries": 3}


@shared_task(**RETRY)
def leave_accrue_previous_month() -> int:
    """On the 1st: credit the paid-leave days earned during the month that just ended."""
    first = timezone.localdate().replace(day=1)
    last_month = first - dt.timedelta(days=1)
    return services.leave_accrue_month(year=last_month.year, month=last_month.month)


@shared_task(**RETRY)
def leave_period_rollover() -> dict:
    """Daily: carry-over and expiry at the reference period start, RTT allocation on 1 January."""
    result = services.leave_period_rollover()
    return {"carried": result.carried, "expired": result.expired, "allocated": result.allocated}


@shared_task(**RETRY)
def leave_pending_reminders() -> int:
    """Daily: remind approvers of requests pending for 2 working days."""
    return services.leave_send_pending_reminders()


@shared_task(**RETRY)
def leave_tomorrow_absences() -> int:
    """Daily: tell office managers who is absent tomorrow."""
    return services.leave_send_tomorrow_absences()


@shared_task(**RETRY)
def leave_documents_purge() -> int:
    """Daily: delete the supporting documents kept past their retention period."""
    return services.leave_documents_purge()
