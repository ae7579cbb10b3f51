"""An e-mail to an outside address (a supplier) with one attachment: queued through the outbox, sent
once by the worker with its file, and a retry after a failure sends the same file."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from apps.notifications import outbox, services
from apps.notifications.models import EmailOutbox

pytestmark = pytest.mark.django_db


def _queue(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return services.email_queue_external(
            to="commandes@fournisseur.example",
            kind="message",
            context={"title": "Bon de commande", "body": "Ci-joint."},
            attachment=b"%PDF-1.7 test",
            attachment_name="BC-2026-0001.pdf",
            **kwargs,
        )


def test_the_attachment_goes_with_the_email_once(mailoutbox, django_capture_on_commit_callbacks):
    row = _queue(django_capture_on_commit_callbacks)
    assert row.recipient is None and row.attachment.name.endswith("BC-2026-0001.pdf")
    assert len(mailoutbox) == 1  # sent by the (eager) task once the transaction committed
    (message,) = mailoutbox
    assert message.to == ["commandes@fournisseur.example"] and message.subject == "Bon de commande"
    assert message.attachments == [("BC-2026-0001.pdf", b"%PDF-1.7 test", "application/pdf")]
    assert outbox.email_outbox_send(outbox_id=row.pk) is None  # delivered twice: sent once
    assert len(mailoutbox) == 1


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_a_retried_email_sends_the_same_file(mailoutbox):
    row = services.email_queue_external(
        to="x@fournisseur.example",
        kind="message",
        context={"title": "T", "body": "B"},
        attachment=b"%PDF-1.7 same",
        attachment_name="BC.pdf",
    )
    EmailOutbox.objects.filter(pk=row.pk).update(status=EmailOutbox.Status.FAILED)
    services.email_outbox_retry(outbox=EmailOutbox.objects.get(pk=row.pk))
    outbox.email_outbox_send(outbox_id=row.pk)
    assert mailoutbox[-1].attachments == [("BC.pdf", b"%PDF-1.7 same", "application/pdf")]


def test_a_bad_address_is_refused(db):
    with pytest.raises(ValidationError):
        services.email_queue_external(to="not an address", kind="message", context={"title": "T", "body": "B"})
