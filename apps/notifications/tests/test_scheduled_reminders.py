"""Scheduled reminders: the due time lives in a row, the beat job sends what is due, each once."""

import datetime as dt

import pytest
from django.utils import timezone

from apps.accounts.tests.factories import SiteFactory, UserFactory
from apps.notifications import services, tasks
from apps.notifications.models import Notification, ReminderLedger, ScheduledReminder

pytestmark = pytest.mark.django_db

CONTEXT = {"title": "Fire extinguisher check due", "body": "The yearly check is due today."}


def _schedule(recipient, *, due_at, obj=None, **kwargs):
    return services.reminder_schedule(
        kind="message", recipient=recipient, due_at=due_at, obj=obj, context=CONTEXT, url="/premises/", **kwargs
    )


def test_dispatching_twice_sends_each_due_reminder_once(django_capture_on_commit_callbacks, mailoutbox):
    now = timezone.now()
    people = [UserFactory() for _ in range(3)]
    reminders = [_schedule(person, due_at=now - dt.timedelta(minutes=5)) for person in people]
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.reminders_dispatch.delay().get() == 3
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.reminders_dispatch.delay().get() == 0
    for reminder in reminders:
        reminder.refresh_from_db()
        assert reminder.sent_at is not None
    for person in people:
        assert Notification.objects.filter(recipient=person, title=CONTEXT["title"]).count() == 1
    assert ReminderLedger.objects.count() == 3
    assert len(mailoutbox) == 3


def test_a_reminder_not_yet_due_is_left_untouched(django_capture_on_commit_callbacks):
    reminder = _schedule(UserFactory(), due_at=timezone.now() + dt.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.reminders_dispatch.delay().get() == 0
    reminder.refresh_from_db()
    assert (reminder.queued_at, reminder.sent_at) == (None, None)
    assert not Notification.objects.exists()


def test_a_reminder_delivered_twice_is_sent_once(mailoutbox):
    reminder = _schedule(UserFactory(), due_at=timezone.now())
    assert services.reminder_deliver(reminder_id=reminder.pk) is True
    assert services.reminder_deliver(reminder_id=reminder.pk) is None
    # A worker that died after sending but before marking the row: the ledger still says "sent".
    ScheduledReminder.objects.filter(pk=reminder.pk).update(sent_at=None)
    assert services.reminder_deliver(reminder_id=reminder.pk) is False
    assert Notification.objects.count() == 1
    assert ScheduledReminder.objects.get().sent_at is not None


def test_a_reminder_the_broker_lost_is_dispatched_again_later(django_capture_on_commit_callbacks):
    reminder = _schedule(UserFactory(), due_at=timezone.now() - dt.timedelta(hours=1))
    # Handed to the broker, never delivered: the enqueue below is not run.
    assert services.reminders_dispatch(enqueue=tasks.reminder_deliver.delay) == 1
    assert services.reminders_dispatch(enqueue=tasks.reminder_deliver.delay) == 0
    later = timezone.now() + services.REMINDER_REQUEUE_AFTER + dt.timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_dispatch(enqueue=tasks.reminder_deliver.delay, now=later) == 1
    reminder.refresh_from_db()
    assert reminder.sent_at is not None


def test_reminder_about_an_object_uses_the_ledger_key_of_that_object():
    site, person = SiteFactory(), UserFactory()
    noon = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(12)))
    first = _schedule(person, due_at=noon, obj=site)
    # The same reminder scheduled at another time of the same day is the same reminder.
    second = _schedule(person, due_at=noon - dt.timedelta(hours=1), obj=site)
    assert services.reminder_deliver(reminder_id=first.pk) is True
    assert services.reminder_deliver(reminder_id=second.pk) is False
    assert ReminderLedger.objects.get().content_object == site
    assert Notification.objects.count() == 1


def test_scheduling_the_same_reminder_twice_keeps_one_row():
    person, due_at = UserFactory(), timezone.now() + dt.timedelta(days=1)
    assert _schedule(person, due_at=due_at) == _schedule(person, due_at=due_at)
    assert ScheduledReminder.objects.count() == 1


def test_reminder_about_a_deleted_object_is_dropped():
    site = SiteFactory()
    reminder = _schedule(UserFactory(), due_at=timezone.now(), obj=site)
    site.delete()
    assert services.reminder_deliver(reminder_id=reminder.pk) is None
    assert not ScheduledReminder.objects.exists()
    assert not Notification.objects.exists()


def test_an_in_app_only_reminder_sends_no_email(mailoutbox):
    reminder = _schedule(UserFactory(), due_at=timezone.now(), email=False)
    services.reminder_deliver(reminder_id=reminder.pk)
    assert Notification.objects.count() == 1
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"due_at": dt.datetime(2026, 1, 1, 9, 0)}, "timezone-aware"),
        ({"kind": "../secret"}, "Invalid notification kind"),
        ({"url": "https://evil.example.com/"}, "local path"),
    ],
)
def test_bad_reminders_are_refused(kwargs, message):
    arguments = {"kind": "message", "due_at": timezone.now(), "context": CONTEXT, **kwargs}
    with pytest.raises(ValueError, match=message):
        services.reminder_schedule(recipient=UserFactory(), **arguments)


def test_a_deleted_reminder_task_exits_quietly():
    assert tasks.reminder_deliver.delay(123456).get() is None


def test_the_dispatch_runs_on_the_beat_schedule(settings):
    entry = next(
        e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "apps.notifications.tasks.reminders_dispatch"
    )
    assert entry["options"]["expires"] > 0
