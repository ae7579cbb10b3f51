"""Sending an outbox e-mail: claimed first so it goes out once; transient errors retried; never lost."""

import smtplib
import socket

import pytest

from apps.notifications import outbox, services, tasks
from apps.notifications.models import EmailOutbox

from .factories import EmailOutboxFactory

pytestmark = pytest.mark.django_db

Status = EmailOutbox.Status


def test_sending_twice_sends_one_email(mailoutbox):
    row = EmailOutboxFactory(body_html="<p>Hello.</p>")
    assert outbox.email_outbox_send(outbox_id=row.pk) == Status.SENT
    assert outbox.email_outbox_send(outbox_id=row.pk) is None
    assert len(mailoutbox) == 1
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (Status.SENT, 1, "")
    assert row.sent_at is not None and row.claimed_at is not None
    assert mailoutbox[0].alternatives[0][0] == "<p>Hello.</p>"


def test_the_task_delivered_twice_sends_one_email(mailoutbox):
    row = EmailOutboxFactory()
    tasks.email_send.apply(args=[row.pk])
    tasks.email_send.apply(args=[row.pk])
    assert len(mailoutbox) == 1


def test_a_row_claimed_by_another_worker_is_left_alone(mailoutbox):
    row = EmailOutboxFactory(status=Status.SENDING, attempts=1)
    assert outbox.email_outbox_send(outbox_id=row.pk) is None
    assert mailoutbox == []
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.SENDING, 1)


def test_task_exits_quietly_when_the_row_is_gone(mailoutbox):
    result = tasks.email_send.apply(args=[987654])
    assert result.successful()
    assert result.result is None
    assert mailoutbox == []


def test_sending_task_is_declared_for_at_least_once_delivery_and_bounded_retries():
    assert tasks.email_send.acks_late is True
    assert tasks.email_send.autoretry_for == outbox.TRANSIENT_EMAIL_ERRORS
    assert tasks.email_send.max_retries == 5
    assert tasks.email_send.retry_backoff is True
    assert tasks.email_send.retry_backoff_max == 600
    assert tasks.email_send.max_retries + 1 == outbox.EMAIL_MAX_ATTEMPTS


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
        smtplib.SMTPConnectError(421, b"Too many connections"),
        ConnectionRefusedError(111, "Connection refused"),
        TimeoutError("timed out"),
        socket.gaierror(-3, "Temporary failure in name resolution"),
    ],
    ids=["disconnected", "connect", "refused", "timeout", "dns"],
)
def test_transient_error_puts_the_row_back_to_pending_and_raises_for_a_retry(smtp_fails, mailoutbox, error):
    smtp_fails(error)
    row = EmailOutboxFactory()
    with pytest.raises(outbox.TRANSIENT_EMAIL_ERRORS):
        outbox.email_outbox_send(outbox_id=row.pk)
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.PENDING, 1)
    assert error.__class__.__name__ in row.last_error
    assert mailoutbox == []


def test_a_4xx_smtp_answer_is_retried(smtp_fails):
    smtp_fails(smtplib.SMTPDataError(451, b"4.3.0 Mail server temporarily rejected message"))
    row = EmailOutboxFactory()
    with pytest.raises(outbox.TransientSMTPError) as caught:
        outbox.email_outbox_send(outbox_id=row.pk)
    assert caught.value.smtp_code == 451
    row.refresh_from_db()
    assert row.status == Status.PENDING
    assert "451" in row.last_error


def test_greylisting_recipient_refusal_is_retried(smtp_fails):
    smtp_fails(smtplib.SMTPRecipientsRefused({"a@example.com": (450, b"4.7.1 Greylisted, try again later")}))
    row = EmailOutboxFactory()
    with pytest.raises(outbox.TransientSMTPError):
        outbox.email_outbox_send(outbox_id=row.pk)
    row.refresh_from_db()
    assert row.status == Status.PENDING


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPRecipientsRefused({"nobody@example.com": (550, b"5.1.1 User unknown")}),
        smtplib.SMTPDataError(554, b"5.7.1 Message rejected as spam"),
        smtplib.SMTPAuthenticationError(535, b"5.7.8 Bad credentials"),
    ],
    ids=["unknown-user", "rejected", "bad-credentials"],
)
def test_permanent_error_marks_the_row_failed_at_once(smtp_fails, error):
    smtp_fails(error)
    row = EmailOutboxFactory()
    assert outbox.email_outbox_send(outbox_id=row.pk) == Status.FAILED
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.FAILED, 1)
    assert error.__class__.__name__ in row.last_error


def test_task_retries_a_transient_error_then_sends(eager_retries, smtp_fails, mailoutbox, disconnected):
    smtp_fails(disconnected, times=2)
    row = EmailOutboxFactory()
    result = tasks.email_send.apply(args=[row.pk])  # eager: the retries run at once
    assert result.successful()
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.SENT, 3)
    assert len(mailoutbox) == 1


def test_after_the_last_retry_the_row_is_failed_not_lost(eager_retries, smtp_fails, mailoutbox, disconnected):
    smtp_fails(disconnected)
    row = EmailOutboxFactory()
    result = tasks.email_send.apply(args=[row.pk])
    assert result.successful()  # the row records the failure; nothing left to retry
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.FAILED, outbox.EMAIL_MAX_ATTEMPTS)
    assert "SMTPServerDisconnected" in row.last_error
    assert mailoutbox == []


def test_retry_sends_a_failed_email_again(django_capture_on_commit_callbacks, mailoutbox):
    row = EmailOutboxFactory(status=Status.FAILED, attempts=6, last_error="SMTPServerDisconnected")
    with django_capture_on_commit_callbacks(execute=True):
        services.email_outbox_retry(outbox=row)
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.SENT, 1)
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("status", [Status.PENDING, Status.SENDING, Status.SENT])
def test_only_a_failed_email_can_be_retried(status):
    row = EmailOutboxFactory(status=status, sent_at="2026-01-05T10:00:00Z" if status == Status.SENT else None)
    with pytest.raises(services.ValidationError, match="Only a failed e-mail"):
        services.email_outbox_retry(outbox=row)
    row.refresh_from_db()
    assert row.status == status


def test_the_task_asks_celery_for_a_retry_on_a_transient_error(smtp_fails, disconnected):
    from celery.exceptions import Retry

    smtp_fails(disconnected)
    row = EmailOutboxFactory()
    with pytest.raises(Retry):
        tasks.email_send.apply(args=[row.pk])  # eager mode propagates the retry request
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.PENDING, 1)
