"""The retention of supporting documents (medical certificates, death certificates…): kept while
they may justify the leave, then deleted by a beat job, which records that it did."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.leave.models import LeaveRequest

logger = logging.getLogger(__name__)


def _expired(today: dt.date):
    cutoff = today - dt.timedelta(days=settings.LEAVE_DOCUMENT_RETENTION_DAYS)
    return LeaveRequest.objects.filter(end_date__lt=cutoff, document_deleted_at__isnull=True).exclude(document="")


@transaction.atomic
def _purge_one(pk: int, *, today: dt.date) -> bool:
    # Locked, skipping a row another run holds: two runs at once delete each file once. The file
    # goes before the row is updated: if the update never commits, the next run finds the row
    # again and deleting a missing file is harmless, whereas the opposite order could record a
    # deletion that never happened.
    leave_request = _expired(today).select_for_update(skip_locked=True).filter(pk=pk).first()
    if leave_request is None:
        return False
    name = leave_request.document.name
    leave_request.document.storage.delete(name)
    leave_request.document = ""
    leave_request.document_deleted_at = timezone.now()
    leave_request.save(update_fields=["document", "document_deleted_at"])
    logger.info("Leave request %s: supporting document deleted (retention period)", pk)
    return True


def leave_documents_purge(*, today: dt.date | None = None) -> int:
    """Delete the supporting documents of the requests that ended more than
    ``settings.LEAVE_DOCUMENT_RETENTION_DAYS`` days ago, and record the date on each request.

    Safe to run twice or on two workers at once: a request whose document is gone is not selected
    again, and each one is locked while its file is deleted. Returns how many documents this run
    deleted."""
    today = today or timezone.localdate()
    ids = list(_expired(today).order_by("pk").values_list("pk", flat=True))
    return sum(_purge_one(pk, today=today) for pk in ids)
