"""The beat job re-enqueues e-mails the broker lost, and rescues rows a dead worker left "sending"."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from apps.notifications import outbox, services, tasks
from apps.notifications.models import EmailOutbox

from .factories import EmailOutboxFactory

pytestmark = pytest.mark.django_db

Status = EmailOutbox.Status
NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)


def _ago(**kwargs) -> dt.datetime:
    return NOW - dt.timedelta(**kwargs)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_pending_row_left_by_a_broker_outage_is_sent(django_capture_on_commit_callbacks, mailoutbox):
    stale = EmailOutboxFactory(created_at=_ago(minutes=10), queued_at=_ago(minutes=10))
    fresh = EmailOutboxFactory(queued_at=_ago(seconds=30))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.email_outbox_flush.apply().result == 1
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == Status.SENT
    assert fresh.status == Status.PENDING  # its own task is still on its way
    assert [m.to for m in mailoutbox] == [[stale.to]]


def test_a_row_waiting_for_its_retry_backoff_is_left_to_celery(django_capture_on_commit_callbacks):
    waiting = EmailOutboxFactory(attempts=3, queued_at=_ago(minutes=9))
    lost = EmailOutboxFactory(attempts=3, queued_at=_ago(minutes=13))
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.email_outbox_flush() == 1
    assert len(callbacks) == 1
    waiting.refresh_from_db()
    lost.refresh_from_db()
    assert waiting.queued_at == _ago(minutes=9)
    assert lost.queued_at == NOW


def test_running_the_flush_twice_enqueues_each_row_once(django_capture_on_commit_callbacks):
    EmailOutboxFactory.create_batch(3, queued_at=_ago(minutes=5))
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.email_outbox_flush() == 3
        assert services.email_outbox_flush() == 0
    assert len(callbacks) == 3


def test_row_stuck_sending_after_a_worker_died_is_sent_again(django_capture_on_commit_callbacks, mailoutbox):
    stuck = EmailOutboxFactory(status=Status.SENDING, attempts=1, claimed_at=_ago(minutes=10))
    busy = EmailOutboxFactory(status=Status.SENDING, attempts=1, claimed_at=_ago(seconds=20))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.email_outbox_flush() == 1
    stuck.refresh_from_db()
    busy.refresh_from_db()
    assert (stuck.status, stuck.attempts) == (Status.SENT, 2)
    assert busy.status == Status.SENDING
    assert len(mailoutbox) == 1


def test_row_stuck_on_its_last_attempt_is_marked_failed(django_capture_on_commit_callbacks, mailoutbox):
    stuck = EmailOutboxFactory(status=Status.SENDING, attempts=outbox.EMAIL_MAX_ATTEMPTS, claimed_at=_ago(minutes=10))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.email_outbox_flush() == 0
    stuck.refresh_from_db()
    assert stuck.status == Status.FAILED
    assert "worker stopped" in stuck.last_error
    assert mailoutbox == []


def test_sent_and_failed_rows_are_never_touched(django_capture_on_commit_callbacks):
    EmailOutboxFactory(status=Status.SENT, sent_at=_ago(hours=1), queued_at=_ago(hours=1))
    EmailOutboxFactory(status=Status.FAILED, queued_at=_ago(hours=1))
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.email_outbox_flush() == 0
    assert callbacks == []


def test_flush_costs_the_same_queries_for_one_row_or_many(django_assert_max_num_queries):
    EmailOutboxFactory.create_batch(20, queued_at=_ago(minutes=5))
    EmailOutboxFactory.create_batch(5, status=Status.SENDING, attempts=1, claimed_at=_ago(minutes=10))
    with django_assert_max_num_queries(6):
        assert services.email_outbox_flush() == 25
    assert timezone.now() == NOW
