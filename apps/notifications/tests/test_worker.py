"""A real Celery worker on Redis: the same e-mail task delivered twice sends one e-mail.

The worker runs in a thread of this process (``celery.contrib.testing.worker.start_worker``), so it
shares Django's settings and the locmem mail outbox; it has its own database connection, hence a
transactional test (committed rows). On SQLite the test database is the shared-cache in-memory
database (``file:memorydb_default?mode=memory&cache=shared``) every thread of the process opens;
on PostgreSQL it is the ordinary test database.
"""

import os
import threading
import uuid

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core import mail
from django.db import connections

from apps.notifications import tasks
from apps.notifications.models import EmailOutbox
from officemgr.celery import app as celery_app

from .factories import EmailOutboxFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
WAIT_SECONDS = 30


def _redis_url() -> str:
    return os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL


def _reset_broker_pools() -> None:
    # Producers are pooled per app on first use; drop them so the next .delay() uses the new broker.
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    amqp = celery_app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


@pytest.fixture
def redis_worker(settings):
    """A worker thread consuming from Redis, the app publishing there (not eager) for the test."""
    url = _redis_url()
    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        reason = f"Redis is unreachable at {url} ({exc}); start redis-server or set REDIS_URL."
        if os.environ.get("CI"):
            pytest.fail(f"{reason} CI is set: the worker test must run there, not be skipped.")
        pytest.skip(f"{reason} (CI runs this test.)")

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Every key this test creates carries its own prefix: nothing else on this Redis is touched.
    prefix = f"officemgr-test-{uuid.uuid4().hex}:"
    names = ("broker_url", "task_always_eager", "broker_transport_options", "broker_connection_retry_on_startup")
    saved = {name: celery_app.conf[name] for name in names}
    celery_app.conf.update(
        broker_url=url,
        task_always_eager=False,
        broker_transport_options={**saved["broker_transport_options"], "global_keyprefix": prefix},
        broker_connection_retry_on_startup=False,
    )
    _reset_broker_pools()

    def close_worker_db_connections(**kwargs):
        # In the worker thread: a PostgreSQL connection left open would keep the test database busy.
        connections.close_all()

    task_postrun.connect(close_worker_db_connections, weak=False)
    try:
        with start_worker(celery_app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=30):
            yield
    finally:
        task_postrun.disconnect(close_worker_db_connections)
        celery_app.conf.update(saved)
        _reset_broker_pools()
        for key in client.scan_iter(match=f"{prefix}*"):
            client.delete(key)


@pytest.fixture
def finished_tasks():
    """``finished_tasks.wait(n)``: block until the worker finished ``n`` tasks (or time out)."""

    class Finished:
        def __init__(self):
            self.count = 0
            self.threads: set[int] = set()
            self.condition = threading.Condition()

        def __call__(self, **kwargs):
            with self.condition:
                self.count += 1
                self.threads.add(threading.get_ident())
                self.condition.notify_all()

        def wait(self, n: int) -> bool:
            with self.condition:
                return self.condition.wait_for(lambda: self.count >= n, timeout=WAIT_SECONDS)

    finished = Finished()
    task_postrun.connect(finished, weak=False)
    yield finished
    task_postrun.disconnect(finished)


def test_the_same_email_task_delivered_twice_sends_one_email(redis_worker, finished_tasks):
    row = EmailOutboxFactory(to="lea@example.com", subject="Welcome")
    mail.outbox = []

    tasks.email_send.delay(row.pk)
    tasks.email_send.delay(row.pk)

    assert finished_tasks.wait(2), f"the worker did not run both tasks within {WAIT_SECONDS}s"
    assert threading.get_ident() not in finished_tasks.threads  # run by the worker, not eagerly here
    assert [m.to for m in mail.outbox] == [["lea@example.com"]]
    row.refresh_from_db()
    assert row.status == EmailOutbox.Status.SENT
    assert row.attempts == 1
    assert row.sent_at is not None
