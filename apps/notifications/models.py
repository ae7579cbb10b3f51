"""What the application tells people: in-app notifications, the e-mail outbox and the reminder ledger.

- ``Notification``: one line in a person's bell, read or not.
- ``EmailOutbox``: an e-mail written in the business transaction and sent later by a worker that
  claims the row first, so a task delivered twice sends one e-mail; nothing is ever lost: a row
  ends "sent" or "failed" (with its error), and the office manager can retry a failed one.
- ``ReminderLedger``: one row per reminder issued; its unique key makes a reminder job that runs
  twice send one reminder.
- ``ScheduledReminder``: a reminder with its due time, sent by a beat job once due (through the ledger).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KIND_MAX_LENGTH = 50


def attachment_upload_to(instance: EmailOutbox, filename: str) -> str:
    return f"outbox/{timezone.now():%Y/%m}/{uuid.uuid4().hex}-{filename}"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=KIND_MAX_LENGTH)
    # In the recipient's language when it was written; ``texts`` holds the message in every language
    # of the site, {"fr": {"title": …, "body": …}, "en": {…}}, and the page shows the reader's
    # (``text_in``). A row without it (written before, or a language added since) shows these.
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("text"), blank=True)
    texts = models.JSONField(_("texts by language"), default=dict, blank=True)
    # A local path ("/leave/12/"), opened through notifications:open which marks the row read.
    url = models.CharField(_("link"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_idx"),
            # The bell counts unread rows on every page: a partial index keeps that COUNT small.
            models.Index(
                fields=["recipient"], condition=models.Q(read_at__isnull=True), name="notification_unread_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    def text_in(self, language: str | None) -> tuple[str, str]:
        """(title, body) in ``language``; see ``text_in``."""
        return text_in(self.texts, language, self.title, self.body)


def text_in(texts: dict, language: str | None, title: str, body: str) -> tuple[str, str]:
    """(title, body) of a notification in ``language`` ("en", "en-gb" or "fr"), from its ``texts``;
    the ``title`` and ``body`` it was written with when that language is missing."""
    language = (language or "").lower()
    found = texts.get(language) or texts.get(language.split("-")[0]) if texts else None
    if not found:
        return title, body
    return found.get("title") or title, found.get("body", body)


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class EmailOutbox(models.Model):
    Status = EmailStatus

    kind = models.CharField(_("kind"), max_length=KIND_MAX_LENGTH)
    # The address is copied: the e-mail goes where it was meant to even if the account changes.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to = models.EmailField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    # One attached file (a purchase order's PDF), kept with the row so a retry sends the same file.
    attachment = models.FileField(_("attachment"), upload_to=attachment_upload_to, blank=True, max_length=255)
    attachment_name = models.CharField(_("attachment file name"), max_length=150, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=EmailStatus, default=EmailStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # When the row was last handed to the broker: the flush job re-sends rows the broker lost.
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    # When a worker last claimed the row: a row "sending" for too long belongs to a dead worker.
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "queued_at"], name="emailoutbox_status_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=EmailStatus.values), name="emailoutbox_status_valid"),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="emailoutbox_sent_has_sent_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"


class ReminderLedger(models.Model):
    """One reminder issued: (kind, object, recipient, due date) is unique, so it is issued once."""

    kind = models.CharField(_("kind"), max_length=KIND_MAX_LENGTH)
    content_type = models.ForeignKey(ContentType, verbose_name=_("object type"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("object id"))
    content_object = GenericForeignKey("content_type", "object_id")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    due_date = models.DateField(_("due date"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "recipient", "due_date"], name="reminder_sent_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.object_id} ({self.due_date})"


class ScheduledReminder(models.Model):
    """A reminder to send at ``due_at``: the due time lives in a row, the beat job sends what is due.

    ``reminders_dispatch`` (beat) hands every due, unsent row to a ``reminder_deliver`` task, which
    sends it through ``reminder_send_once``: the ledger's unique key (kind, object, recipient, due
    date) makes a second delivery a no-op, so overlapping beats or a redelivered task send it once.
    The object is optional: a reminder about nothing in particular is its own object in the ledger.
    """

    kind = models.CharField(_("kind"), max_length=KIND_MAX_LENGTH)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    content_object = GenericForeignKey("content_type", "object_id")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+"
    )
    due_at = models.DateTimeField(_("due at"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    context = models.JSONField(_("context"), default=dict, blank=True)
    email = models.BooleanField(_("also by e-mail"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # When the row was last handed to the broker: a row queued long ago and still unsent was lost.
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled reminder")
        verbose_name_plural = _("scheduled reminders")
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["sent_at", "due_at"], name="scheduledreminder_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(content_type__isnull=True, object_id__isnull=True)
                | models.Q(content_type__isnull=False, object_id__isnull=False),
                name="scheduledreminder_object_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id} ({self.due_at:%Y-%m-%d %H:%M})"
