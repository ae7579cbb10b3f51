"""Sending the outbox's e-mails: the ``email_send`` Celery task and the service it calls.

They live here rather than in services.py and tasks.py so that the services can enqueue the task
(``enqueue_on_commit``) while tasks.py imports the services, with no import cycle: this module
imports neither. tasks.py re-exports ``email_send``; its name stays ``apps.notifications.tasks.email_send``.
"""

from __future__ import annotations

import datetime as dt
import logging
import mimetypes
import smtplib
import socket
from collections.abc import Iterable

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import EmailOutbox

logger = logging.getLogger(__name__)

# The sending task retries five times with an exponential backoff capped at ten minutes, far under
# the broker's visibility timeout (settings.CELERY_BROKER_TRANSPORT_OPTIONS).
EMAIL_MAX_RETRIES = 5
EMAIL_MAX_ATTEMPTS = EMAIL_MAX_RETRIES + 1
EMAIL_RETRY_BACKOFF_MAX = 600  # seconds
# A pending row nobody picked up after this long was committed while the broker was unreachable.
EMAIL_STALE_AFTER = dt.timedelta(minutes=2)


class TransientSMTPError(smtplib.SMTPResponseException):
    """The server answered 4xx ("try again later"), whatever command it answered: worth a retry."""


# Errors after which the same e-mail may well go through later. Anything else (a 5xx answer, every
# recipient refused for good, bad credentials, a bug) marks the row failed at once.
TRANSIENT_EMAIL_ERRORS: tuple[type[BaseException], ...] = (
    TransientSMTPError,
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    ConnectionError,
    TimeoutError,  # socket.timeout is an alias
    socket.gaierror,
    socket.herror,
)


def _is_transient(exc: BaseException) -> bool:
    if isinstance(exc, TRANSIENT_EMAIL_ERRORS):
        return True
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        # Greylisting refuses with 4xx: only a refusal that is temporary for everyone is worth a retry.
        codes = [code for code, _msg in exc.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    return isinstance(exc, smtplib.SMTPResponseException) and 400 <= exc.smtp_code < 500


def _as_transient(exc: BaseException) -> BaseException:
    """The exception the task retries on: ``exc`` itself, or a TransientSMTPError for a 4xx answer."""
    if isinstance(exc, TRANSIENT_EMAIL_ERRORS):
        return exc
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, msg = next(iter(exc.recipients.values()))
        return TransientSMTPError(code, msg)
    return TransientSMTPError(exc.smtp_code, exc.smtp_error)


def _describe(exc: BaseException) -> str:
    return f"{exc.__class__.__name__}: {exc}"[:2000]


def _build_message(row: EmailOutbox) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body_text,
        to=[row.to],
        # RFC 3834: no out-of-office replies to an automatic message.
        headers={"Auto-Submitted": "auto-generated"},
    )
    if row.body_html:
        message.attach_alternative(row.body_html, "text/html")
    if row.attachment:
        with row.attachment.open("rb") as attached:
            content = attached.read()
        name = row.attachment_name or row.attachment.name.rsplit("/", 1)[-1]
        message.attach(name, content, mimetypes.guess_type(name)[0] or "application/octet-stream")
    return message


def email_outbox_send(*, outbox_id: int) -> str | None:
    """Send the outbox e-mail ``outbox_id`` if it is pending; returns its new status, or None.

    The row is first claimed by a conditional update (pending → sending, one more attempt): only
    the caller whose update changed it sends, so a task delivered twice sends one e-mail. Each step
    commits on its own (no surrounding transaction) so that other workers see the claim at once.

    - sent: the row is marked "sent";
    - a transient error (``TRANSIENT_EMAIL_ERRORS``, or any 4xx answer): the row goes back to
      "pending" with its error and the error is raised for the task to retry, unless this was the
      last allowed attempt (``EMAIL_MAX_ATTEMPTS``), then the row is marked "failed";
    - any other error (5xx, recipients refused, bad credentials): the row is marked "failed" with
      its error, for the office manager to see and retry.

    Returns None when there is nothing to do: the row is gone, or not pending (sent, failed, or
    being sent by another worker).
    """
    claimed = EmailOutbox.objects.filter(pk=outbox_id, status=EmailOutbox.Status.PENDING).update(
        status=EmailOutbox.Status.SENDING, attempts=F("attempts") + 1, claimed_at=timezone.now()
    )
    if claimed != 1:
        logger.info("Outbox e-mail %s is gone or not pending; nothing to send.", outbox_id)
        return None
    row = EmailOutbox.objects.get(pk=outbox_id)
    sending = EmailOutbox.objects.filter(pk=row.pk, status=EmailOutbox.Status.SENDING)
    try:
        _build_message(row).send()
    except Exception as exc:  # classified below: only named transient errors are retried
        error = _describe(exc)
        if _is_transient(exc) and row.attempts < EMAIL_MAX_ATTEMPTS:
            sending.update(status=EmailOutbox.Status.PENDING, last_error=error, queued_at=timezone.now())
            logger.warning("Outbox e-mail %s: attempt %s failed, will retry: %s", row.pk, row.attempts, error)
            transient = _as_transient(exc)
            if transient is exc:
                raise
            raise transient from exc
        sending.update(status=EmailOutbox.Status.FAILED, last_error=error)
        logger.error("Outbox e-mail %s to %s failed after %s attempt(s): %s", row.pk, row.to, row.attempts, error)
        return EmailOutbox.Status.FAILED
    sending.update(status=EmailOutbox.Status.SENT, sent_at=timezone.now(), last_error="")
    return EmailOutbox.Status.SENT


@shared_task(
    name="apps.notifications.tasks.email_send",
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
    return email_outbox_send(outbox_id=outbox_id)


def enqueue_on_commit(outbox_ids: Iterable[int]) -> None:
    """Hand each row to the broker once the caller's transaction commits.

    ``robust=True``: if the broker is unreachable the business transaction has already committed, so
    the error is logged rather than turned into a failed request; the row stays pending and the
    flush job (beat) sends it later.
    """
    for outbox_id in outbox_ids:
        # A function, not ``functools.partial``: Django logs a robust hook's failure by its
        # ``__qualname__``, which a partial lacks (the logging itself then raised AttributeError, and
        # the broker outage became a failed request after all).
        transaction.on_commit(_send_later(outbox_id), robust=True)


def _send_later(outbox_id: int):
    def send_email_later() -> None:
        email_send.delay(outbox_id)

    return send_email_later
