"""The background-work figure: 10,000 due reminders sent through a real Celery worker, none twice.

Runs in the bench process (Django already set up on the bench database and the bench's Redis
database index). The reminders are ``ScheduledReminder`` rows for random people, in-app only
(``email=False``: the figure is the worker's scan-and-send path, not an SMTP server). The beat job
``reminders_dispatch`` is then run twice at once, as two overlapping beats would, by a worker
process started here; the figure is the time until every row is marked sent, and the proof is
one notification and one ledger row per reminder.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import benchdb
from amqp.exceptions import ChannelError

BASE_DIR = Path(__file__).resolve().parent.parent
KIND = "message"  # a kind every install has templates for (title and body come from the context)
TITLE_PREFIX = "Benchmark reminder #"
WAIT_SECONDS = 900
WORKER_CONCURRENCY = 2


class ReminderBenchError(RuntimeError):
    """The worker did not start, died, or left reminders unsent."""


def skipped(reason: str) -> dict:
    return {"count": None, "seconds": None, "duplicates": None, "skipped": reason}


def _create_reminders(count: int, title_prefix: str) -> list[int]:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from apps.notifications.models import ScheduledReminder

    people = list(get_user_model().objects.filter(is_active=True).values_list("pk", flat=True))
    rng = random.Random(2025)
    now = timezone.now()
    # A fixed marker in every title lets the duplicate check find exactly these notifications.
    rows = [
        ScheduledReminder(
            kind=KIND,
            recipient_id=rng.choice(people),
            due_at=now - dt.timedelta(seconds=rng.randint(1, 86_400)),
            url="/me/",
            context={"title": f"{title_prefix}{n}", "body": "Sent by bench/run.py."},
            email=False,
        )
        for n in range(count)
    ]
    created = ScheduledReminder.objects.bulk_create(rows, batch_size=1000)
    return [row.pk for row in created]


def _start_worker(env: dict[str, str], log_path: Path) -> tuple[subprocess.Popen, object]:
    log = open(log_path, "wb")  # noqa: SIM115 - closed by _stop_worker
    celery = Path(sys.executable).with_name("celery")
    command = [
        str(celery) if celery.exists() else "celery",
        "-A",
        "officemgr",
        "worker",
        "--pool",
        "prefork",
        "--concurrency",
        str(WORKER_CONCURRENCY),
        "-Q",
        "celery",
        "--loglevel",
        "WARNING",
        "--without-gossip",
        "--without-mingle",
        "--hostname",
        f"bench-{os.getpid()}@%h",
    ]
    process = subprocess.Popen(
        command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    return process, log


def _wait_worker_ready(process: subprocess.Popen, log_path: Path, timeout: float = 60) -> None:
    from officemgr.celery import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log_path.read_text(errors="replace")[-3000:]
            raise ReminderBenchError(f"the Celery worker exited with code {process.returncode}:\n{tail}")
        if app.control.ping(timeout=1.0):
            return
    raise ReminderBenchError(f"the Celery worker did not answer a ping within {timeout:.0f} s")


def _stop_worker(process: subprocess.Popen, log) -> None:
    if process.poll() is None:
        # Warm shutdown: the worker finishes the tasks it holds; the process group catches the children.
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
    log.close()


def _duplicates(reminder_ids: list[int], title_prefix: str) -> tuple[int, int, int]:
    """(duplicates, notifications, ledger rows) for the bench's reminders."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Count

    from apps.notifications.models import Notification, ReminderLedger, ScheduledReminder

    notifications = Notification.objects.filter(kind=KIND, title__startswith=title_prefix)
    # The title carries the reminder's number, so one title is one (kind, object, recipient, due).
    extra_notifications = sum(
        row["n"] - 1 for row in notifications.values("recipient", "title").annotate(n=Count("pk")).filter(n__gt=1)
    )
    ledger = ReminderLedger.objects.filter(
        kind=KIND,
        content_type=ContentType.objects.get_for_model(ScheduledReminder),
        object_id__in=reminder_ids,
    )
    ledger_rows = ledger.count()
    extra_ledger = max(0, ledger_rows - len(reminder_ids))
    return extra_notifications + extra_ledger, notifications.count(), ledger_rows


def measure(*, env: dict[str, str], count: int, redis_url: str, say: Callable[[str], None]) -> dict:
    if not redis_url:
        say("Reminders: skipped, REDIS_URL is unset (the figure needs a real worker on Redis).")
        return skipped("REDIS_URL unset")
    try:
        from apps.notifications import tasks
        from apps.notifications.models import ScheduledReminder
    except ImportError as exc:
        say(f"Reminders: skipped, the notifications app has no scheduled reminders ({exc}).")
        return skipped(f"no ScheduledReminder: {exc}")
    from django.db import connections

    say(f"Reminders: creating {count} due reminders for random people (in-app only, no e-mail) ...")
    # The run's own marker: a database kept from an earlier run (--keep-db) holds that run's reminders too.
    title_prefix = f"{TITLE_PREFIX}{secrets.token_hex(4)}-"
    reminder_ids = _create_reminders(count, title_prefix)
    connections.close_all()
    # The queue may hold tasks enqueued while seeding: the worker must start on an empty one.
    benchdb.flush_redis(redis_url)

    with tempfile.TemporaryDirectory(prefix="officemgr-bench-worker-") as tmp:
        log_path = Path(tmp) / "worker.log"
        process, log = _start_worker(env, log_path)
        try:
            _wait_worker_ready(process, log_path)
            say(f"Reminders: worker ready ({WORKER_CONCURRENCY} prefork processes); dispatching twice ...")
            started = time.monotonic()
            tasks.reminders_dispatch.delay()
            tasks.reminders_dispatch.delay()
            # One bulk insert: the ids are one range, and a range scan keeps the polling cheap.
            pending = ScheduledReminder.objects.filter(
                pk__gte=min(reminder_ids), pk__lte=max(reminder_ids), sent_at__isnull=True
            )
            while (left := pending.count()) and time.monotonic() - started < WAIT_SECONDS:
                if process.poll() is not None:
                    raise ReminderBenchError(f"the Celery worker died:\n{log_path.read_text(errors='replace')[-3000:]}")
                time.sleep(0.5)
            seconds = time.monotonic() - started
            if left:
                raise ReminderBenchError(f"{left} of {count} reminders were still unsent after {WAIT_SECONDS} s")
            # Let any duplicate task still queued run before counting, so the proof covers it.
            _drain(process)
        finally:
            _stop_worker(process, log)

    duplicates, notifications, ledger_rows = _duplicates(reminder_ids, title_prefix)
    unsent = ScheduledReminder.objects.filter(pk__in=reminder_ids, sent_at__isnull=True).count()
    if unsent or notifications < count or ledger_rows < count:
        raise ReminderBenchError(
            f"reminders marked sent without being sent: {unsent} unsent rows, {notifications} notifications and "
            f"{ledger_rows} ledger rows for {count} reminders"
        )
    say(
        f"Reminders: {count} sent in {seconds:.1f} s; {notifications} notifications, {ledger_rows} ledger rows, "
        f"{duplicates} duplicates."
    )
    return {
        "count": count,
        "seconds": round(seconds, 2),
        "duplicates": duplicates,
        "notifications": notifications,
        "ledger_rows": ledger_rows,
        "worker_concurrency": WORKER_CONCURRENCY,
        "dispatch_runs": 2,
    }


def _drain(process: subprocess.Popen, timeout: float = 60) -> None:
    """Wait until the worker holds no task and the queue is empty."""
    from officemgr.celery import app

    deadline = time.monotonic() + timeout
    inspect = app.control.inspect(timeout=1.0)
    while time.monotonic() < deadline and process.poll() is None:
        with app.connection_for_read() as conn:
            try:
                queued = conn.default_channel.queue_declare(queue="celery", passive=True).message_count
            except ChannelError:  # Redis drops an empty queue's key
                queued = 0
        active = inspect.active() or {}
        reserved = inspect.reserved() or {}
        if not queued and not any(active.values()) and not any(reserved.values()):
            return
        time.sleep(0.5)
