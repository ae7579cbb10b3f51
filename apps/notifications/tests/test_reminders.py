"""reminder_send_once: the ledger's unique key makes a reminder job that runs twice send one reminder."""

import datetime as dt

import pytest
from django.db import transaction

from apps.accounts.tests.factories import SiteFactory, UserFactory
from apps.notifications import services
from apps.notifications.models import EmailOutbox, Notification, ReminderLedger

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 5, 4)
CONTEXT = {"title": "Fire extinguisher check due", "body": "The yearly check is due on 4 May."}


def _remind(obj, recipient, due_date=DUE):
    return services.reminder_send_once(
        kind="message", obj=obj, recipient=recipient, due_date=due_date, context=CONTEXT, url="/premises/"
    )


def test_a_reminder_is_sent_once_however_often_the_job_runs(django_capture_on_commit_callbacks, mailoutbox):
    site, person = SiteFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert _remind(site, person) is True
        assert _remind(site, person) is False
    with django_capture_on_commit_callbacks(execute=True):
        assert _remind(site, person) is False
    assert Notification.objects.filter(recipient=person).count() == 1
    assert len(mailoutbox) == 1
    ledger = ReminderLedger.objects.get()
    assert (ledger.content_object, ledger.recipient, ledger.due_date, ledger.kind) == (site, person, DUE, "message")


def test_another_due_date_recipient_or_object_is_another_reminder():
    site, other_site = SiteFactory(), SiteFactory()
    person, colleague = UserFactory(), UserFactory()
    assert _remind(site, person)
    assert _remind(site, person, due_date=DUE + dt.timedelta(days=7))
    assert _remind(site, colleague)
    assert _remind(other_site, person)
    assert ReminderLedger.objects.count() == 4
    assert EmailOutbox.objects.count() == 4


def test_a_duplicate_leaves_the_callers_transaction_usable():
    site, person, colleague = SiteFactory(), UserFactory(), UserFactory()
    _remind(site, person)
    with transaction.atomic():
        assert _remind(site, person) is False
        assert _remind(site, colleague) is True  # the transaction goes on after the duplicate
    assert Notification.objects.count() == 2


def test_a_rolled_back_reminder_is_sent_by_the_next_run():
    site, person = SiteFactory(), UserFactory()

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        assert _remind(site, person) is True
        raise Abort
    assert not ReminderLedger.objects.exists()
    assert _remind(site, person) is True


def test_a_reminder_needs_a_saved_object():
    with pytest.raises(ValueError, match="saved object"):
        _remind(SiteFactory.build(), UserFactory())
