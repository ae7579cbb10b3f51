"""A broker that fails when the transaction commits never fails the request: the e-mail stays pending
for the flush job, and the error is logged."""

import logging

import pytest
from django.db import transaction

from apps.notifications import outbox
from apps.notifications.models import EmailOutbox
from apps.notifications.tests.factories import EmailOutboxFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_unreachable_broker_at_commit_is_logged_not_raised(monkeypatch, caplog):
    row = EmailOutboxFactory()

    def refuse(*args, **kwargs):
        raise RuntimeError("Acquire on closed pool")

    monkeypatch.setattr(outbox.email_send, "delay", refuse)
    with caplog.at_level(logging.ERROR, logger="django.db.backends.base"), transaction.atomic():
        outbox.enqueue_on_commit([row.pk])
    assert "send_email_later" in caplog.text and "Acquire on closed pool" in caplog.text
    assert EmailOutbox.objects.get(pk=row.pk).status == EmailOutbox.Status.PENDING
