"""Every write of the notifications app: tell people, send e-mails once, retry them, issue reminders once.

Other apps call three functions:

- ``notify(recipient=..., kind=..., context={...}, url=...)``: one person, in their language;
- ``notify_many(recipients, kind=..., context={...}, url=...)``: many people in a bounded number of
  queries;
- ``reminder_send_once(kind=..., obj=..., recipient=..., due_date=..., context={...}, url=...)``:
  a reminder that a beat job may try to send any number of times but is sent once.

Each ``kind`` is a set of templates, rendered in the recipient's language:

- ``templates/emails/<kind>_subject.txt`` (one line) and ``templates/emails/<kind>.txt`` (the text
  body), and optionally ``templates/emails/<kind>.html`` (an HTML alternative);
- optionally ``templates/notifications/kinds/<kind>.txt`` (the in-app title; the subject otherwise)
  and ``templates/notifications/kinds/<kind>_body.txt`` (a short in-app text).

Text templates are rendered without HTML escaping (they are plain text; the pages escape them when
they display them). Besides the caller's context, every template gets ``recipient`` (the user),
``link`` (``url`` made absolute with SITE_URL, or "") and ``site_url``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Model, Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .models import EmailOutbox, Notification, ReminderLedger, ScheduledReminder
from .outbox import EMAIL_MAX_ATTEMPTS, EMAIL_RETRY_BACKOFF_MAX, EMAIL_STALE_AFTER, enqueue_on_commit

logger = logging.getLogger(__name__)

FLUSH_BATCH_SIZE = 500
_KIND_RE = re.compile(r"^[a-z][a-z0-9_]*$")


# ---------------------------------------------------------------------------------------------
# Rendering


@dataclass(frozen=True)
class _Rendered:
    title: str
    body: str
    subject: str
    text: str
    html: str
    # The in-app title and body in every language of the site: the page shows the reader's language
    # when it is displayed, not the one the recipient had when it was written.
    texts: dict[str, dict[str, str]]


def _check_kind(kind: str) -> None:
    # The kind names template files: refuse anything that could climb out of the template folders.
    if not _KIND_RE.match(kind or ""):
        raise ValueError(f"Invalid notification kind {kind!r}: use lower-case letters, digits and underscores.")


def _check_url(url: str) -> None:
    if url and (not url.startswith("/") or url.startswith("//")):
        raise ValueError(f"A notification links to a local path such as '/leave/12/', not {url!r}.")


def _render_text(template_name: str, context: dict[str, Any]) -> str:
    """Render a plain-text template, surrounding blank lines removed.

    The Jinja2 environment never escapes ``.txt`` templates (officemgr/jinja2.py): "O'Brien & Co"
    reaches the mailbox as it was typed, not as "O&#x27;Brien &amp; Co".
    """
    return render_to_string(template_name, context).strip()


def _render_optional_text(template_name: str, context: dict[str, Any]) -> str:
    try:
        return _render_text(template_name, context)
    except TemplateDoesNotExist:
        return ""


def _one_line(text: str, limit: int) -> str:
    # A subject with a line break would be refused by the mail API (header injection guard).
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _render(*, recipient, kind: str, context: dict[str, Any], url: str, email: bool) -> _Rendered:
    site_url = settings.SITE_URL.rstrip("/")
    full_context = {"recipient": recipient, "link": f"{site_url}{url}" if url else "", "site_url": site_url, **context}
    language = getattr(recipient, "language", "") or settings.LANGUAGE_CODE
    texts = {code: _in_app_text(kind, full_context, code) for code, _name in settings.LANGUAGES}
    with translation.override(language):
        subject = _one_line(_render_text(f"emails/{kind}_subject.txt", full_context), 255)
        title, body = texts.get(language) or _in_app_text(kind, full_context, language)
        text = html = ""
        if email:
            text = _render_text(f"emails/{kind}.txt", full_context) + "\n"
            try:
                html = render_to_string(f"emails/{kind}.html", full_context)
            except TemplateDoesNotExist:
                html = ""
    return _Rendered(
        title=title,
        body=body,
        subject=subject,
        text=text,
        html=html,
        texts={code: {"title": title, "body": body} for code, (title, body) in texts.items()},
    )


def _in_app_text(kind: str, context: dict[str, Any], language: str) -> tuple[str, str]:
    """The in-app (title, body) of ``kind`` in ``language``: its kind templates, or the e-mail's subject."""
    with translation.override(language):
        title = _render_optional_text(f"notifications/kinds/{kind}.txt", context)
        if not title:
            title = _render_text(f"emails/{kind}_subject.txt", context)
        body = _render_optional_text(f"notifications/kinds/{kind}_body.txt", context)
    return _one_line(title, 255), body


def _build(*, recipient, kind: str, context: dict[str, Any], url: str, email: bool):
    """The unsaved Notification and, when an e-mail is wanted and possible, the unsaved EmailOutbox row."""
    _check_kind(kind)
    _check_url(url)
    # An inactive account cannot sign in: its links would lead nowhere, so it gets no e-mail.
    send_email = email and bool(recipient.email) and recipient.is_active
    rendered = _render(recipient=recipient, kind=kind, context=context, url=url, email=send_email)
    notification = Notification(
        recipient=recipient,
        kind=kind,
        title=rendered.title,
        body=rendered.body,
        texts=rendered.texts,
        url=url,
        created_at=timezone.now(),
    )
    # The recipient is a saved user; validating the foreign key would cost a query per row.
    notification.full_clean(exclude=["recipient"], validate_constraints=False)
    outbox = None
    if send_email:
        outbox = EmailOutbox(
            kind=kind,
            recipient=recipient,
            to=recipient.email,
            subject=rendered.subject,
            body_text=rendered.text,
            body_html=rendered.html,
        )
        outbox.full_clean(exclude=["recipient"], validate_constraints=False)
    return notification, outbox


# ---------------------------------------------------------------------------------------------
# Notifying people


@transaction.atomic
def notify(*, recipient, kind: str, context: dict[str, Any], url: str = "", email: bool = True) -> Notification:
    """Tell ``recipient`` something: an in-app notification and, if ``email``, an e-mail.

    Everything is rendered in the recipient's ``language`` and written in the caller's transaction;
    the e-mail is an ``EmailOutbox`` row handed to a worker once that transaction commits (if it
    rolls back, nothing was said). ``url`` is a local path ("/leave/12/") the notification opens;
    e-mail templates get it absolute as ``link``. Inactive accounts get no e-mail.

    Kinds shipped here, with the context keys their templates use:

    - ``"welcome"`` (an account was opened): ``set_password_url`` (absolute link to choose a
      password), ``company_name`` (shown in the subject and the text);
    - ``"message"`` (anything else, written by the caller): ``title`` (subject and in-app title),
      ``body`` (plain text, several lines allowed).

    Raises ``ValueError`` for an invalid kind or a non-local url, ``TemplateDoesNotExist`` for a
    kind without templates, ``ValidationError`` if the rendered rows are invalid.
    """
    notification, outbox = _build(recipient=recipient, kind=kind, context=context, url=url, email=email)
    notification.save()
    if outbox is not None:
        outbox.save()
        enqueue_on_commit([outbox.pk])
    return notification


@transaction.atomic
def email_queue(*, recipient, kind: str, context: dict[str, Any], to: str = "") -> EmailOutbox | None:
    """Queue an e-mail of ``kind`` for ``recipient`` through the outbox, with no in-app notification.

    For what must reach a mailbox only: a password-reset link (the person cannot sign in), or the
    notice sent to an account's previous address when it changes (``to``, instead of the account's
    current address). Rendered in the recipient's language; handed to a worker once the caller's
    transaction commits, so no SMTP server is talked to during the request. Returns None for an
    inactive account (it gets no e-mail).
    """
    _check_kind(kind)
    if not recipient.is_active:
        return None
    rendered = _render(recipient=recipient, kind=kind, context=context, url="", email=True)
    outbox = EmailOutbox(
        kind=kind,
        recipient=recipient,
        to=to or recipient.email,
        subject=rendered.subject,
        body_text=rendered.text,
        body_html=rendered.html,
    )
    outbox.full_clean(exclude=["recipient"], validate_constraints=False)
    outbox.save()
    enqueue_on_commit([outbox.pk])
    return outbox


@transaction.atomic
def email_queue_external(
    *,
    to: str,
    kind: str,
    context: dict[str, Any],
    language: str = "",
    attachment: bytes | None = None,
    attachment_name: str = "",
) -> EmailOutbox:
    """Queue an e-mail of ``kind`` to an address outside the company (a supplier), through the outbox.

    No account, no in-app notification: rendered in ``language`` (the site's default when empty),
    with ``attachment`` (bytes, e.g. a PDF) stored with the row as ``attachment_name``, so that a
    retry sends the same file. Handed to a worker once the caller's transaction commits.
    """
    _check_kind(kind)
    site_url = settings.SITE_URL.rstrip("/")
    full_context = {"recipient": None, "link": "", "site_url": site_url, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = _one_line(_render_text(f"emails/{kind}_subject.txt", full_context), 255)
        text = _render_text(f"emails/{kind}.txt", full_context) + "\n"
    outbox = EmailOutbox(kind=kind, to=to, subject=subject, body_text=text, attachment_name=attachment_name[:150])
    outbox.full_clean(exclude=["recipient", "attachment"], validate_constraints=False)
    if attachment is not None:
        outbox.attachment.save(attachment_name or "attachment.bin", ContentFile(attachment), save=False)
    outbox.save()
    enqueue_on_commit([outbox.pk])
    return outbox


@transaction.atomic
def notify_many(
    recipients: Iterable, *, kind: str, context: dict[str, Any], url: str = "", email: bool = True
) -> list[Notification]:
    """``notify`` each of ``recipients`` (users, duplicates ignored) in a bounded number of queries.

    Each person still gets the templates in their own language. Costs the query that lists the
    recipients (if a queryset is given) and two bulk inserts, whatever their number.
    """
    seen: set[int] = set()
    notifications: list[Notification] = []
    outboxes: list[EmailOutbox] = []
    for recipient in recipients:
        if recipient.pk in seen:
            continue
        seen.add(recipient.pk)
        notification, outbox = _build(recipient=recipient, kind=kind, context=context, url=url, email=email)
        notifications.append(notification)
        if outbox is not None:
            outboxes.append(outbox)
    Notification.objects.bulk_create(notifications, batch_size=FLUSH_BATCH_SIZE)
    EmailOutbox.objects.bulk_create(outboxes, batch_size=FLUSH_BATCH_SIZE)
    enqueue_on_commit([outbox.pk for outbox in outboxes])
    return notifications


@transaction.atomic
def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark one notification read (a no-op if it already is)."""
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


@transaction.atomic
def notification_mark_all_read(*, user) -> int:
    """Mark every unread notification of ``user`` read; returns how many were."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


# ---------------------------------------------------------------------------------------------
# Reminders


@transaction.atomic
def reminder_send_once(
    *,
    kind: str,
    obj: Model,
    recipient,
    due_date: dt.date,
    context: dict[str, Any],
    url: str = "",
    email: bool = True,
) -> bool:
    """Send the reminder ``kind`` about ``obj`` to ``recipient`` for ``due_date``, once ever.

    The ledger row (kind, obj, recipient, due_date) is inserted first, under a unique constraint; the
    reminder (``notify`` with the same ``kind``, ``context``, ``url`` and ``email``) goes out only if
    this call inserted it. So a beat job that runs twice, or two workers running it at once, send
    one reminder; returns True when this call sent it, False when it had already been sent.

    ``due_date`` is the date the reminder is about (the day a leave starts, a contract ends, a
    check is due): a new due date (a postponed deadline) is a new reminder. Call it from a job that
    selects what is due, inside or outside a transaction; if the caller's transaction rolls back, the
    ledger row goes with the reminder and a later run sends it.

    Example (a beat job of the leave app)::

        for leave in leave_requests_starting(on=tomorrow):
            reminder_send_once(
                kind="leave_starts", obj=leave, recipient=leave.person, due_date=leave.start_date,
                context={"leave": leave}, url=leave.get_absolute_url(),
            )
    """
    if obj.pk is None:
        raise ValueError("A reminder is about a saved object.")
    if isinstance(due_date, dt.datetime):
        due_date = timezone.localdate(due_date) if timezone.is_aware(due_date) else due_date.date()
    _check_kind(kind)
    try:
        # A savepoint, so a duplicate leaves the caller's transaction usable.
        with transaction.atomic():
            ReminderLedger.objects.create(
                kind=kind,
                content_type=ContentType.objects.get_for_model(obj),
                object_id=obj.pk,
                recipient=recipient,
                due_date=due_date,
                sent_at=timezone.now(),
            )
    except IntegrityError:
        return False
    notify(recipient=recipient, kind=kind, context=context, url=url, email=email)
    return True


# ---------------------------------------------------------------------------------------------
# Sending e-mails


@transaction.atomic
def email_outbox_retry(*, outbox: EmailOutbox) -> EmailOutbox:
    """Send a failed e-mail again (the office manager's "retry"): back to pending, attempts reset."""
    updated = EmailOutbox.objects.filter(pk=outbox.pk, status=EmailOutbox.Status.FAILED).update(
        status=EmailOutbox.Status.PENDING, attempts=0, claimed_at=None, queued_at=timezone.now()
    )
    if updated != 1:
        outbox.refresh_from_db(fields=["status"])
        raise ValidationError(
            _("Only a failed e-mail can be sent again; this one is %(status)s."),
            params={"status": outbox.get_status_display().lower()},
            code="not_failed",
        )
    enqueue_on_commit([outbox.pk])
    outbox.refresh_from_db()
    return outbox


def _stuck_after() -> dt.timedelta:
    # A worker holds a row "sending" at most for the task's hard time limit; past it, the worker died.
    return dt.timedelta(seconds=getattr(settings, "CELERY_TASK_TIME_LIMIT", None) or 300) + dt.timedelta(minutes=1)


@transaction.atomic
def email_outbox_flush() -> int:
    """Hand the broker again the e-mails it lost; returns how many were re-enqueued. Safe to run twice.

    - pending rows never picked up ``EMAIL_STALE_AFTER`` after they were queued (the broker was
      down when their transaction committed), or, for rows waiting for a retry, after the longest
      retry backoff too (the retry message was lost);
    - rows "sending" for longer than the task time limit (the worker died mid-send): back to
      pending, or "failed" once they used every attempt. Such an e-mail may have gone out just
      before the worker died: sending it again is the price of never losing one.

    Rows are locked with ``select_for_update(skip_locked=True)`` and stamped (``queued_at``), so two
    flushes at once or one after the other do not enqueue a row twice.
    """
    now = timezone.now()
    Status = EmailOutbox.Status
    locked = EmailOutbox.objects.select_for_update(skip_locked=True)

    stuck = list(
        locked.filter(status=Status.SENDING, claimed_at__lt=now - _stuck_after()).values_list("pk", "attempts")[
            :FLUSH_BATCH_SIZE
        ]
    )
    exhausted = [pk for pk, attempts in stuck if attempts >= EMAIL_MAX_ATTEMPTS]
    revived = [pk for pk, attempts in stuck if attempts < EMAIL_MAX_ATTEMPTS]
    if exhausted:
        EmailOutbox.objects.filter(pk__in=exhausted, status=Status.SENDING).update(
            status=Status.FAILED, last_error="The worker stopped while sending, on the last allowed attempt."
        )
    if revived:
        EmailOutbox.objects.filter(pk__in=revived, status=Status.SENDING).update(
            status=Status.PENDING, queued_at=now, last_error="The worker stopped while sending; sending again."
        )

    # A row put back after a transient error waits for its Celery retry, up to the longest backoff.
    retry_wait = EMAIL_STALE_AFTER + dt.timedelta(seconds=EMAIL_RETRY_BACKOFF_MAX)
    stale = list(
        locked.filter(status=Status.PENDING)
        .filter(
            Q(attempts=0, queued_at__lt=now - EMAIL_STALE_AFTER) | Q(attempts__gt=0, queued_at__lt=now - retry_wait)
        )
        .order_by("queued_at")
        .values_list("pk", flat=True)[:FLUSH_BATCH_SIZE]
    )
    if stale:
        EmailOutbox.objects.filter(pk__in=stale, status=Status.PENDING).update(queued_at=now)

    if exhausted:
        logger.error("Outbox e-mails %s failed: their worker stopped on the last attempt.", exhausted)
    enqueued = revived + stale
    enqueue_on_commit(enqueued)
    if enqueued:
        logger.info("Re-enqueued %s outbox e-mail(s) the broker had lost.", len(enqueued))
    return len(enqueued)


# ---------------------------------------------------------------------------------------------
# Scheduled reminders: the due time is stored in a row, a beat job sends what is due

DISPATCH_BATCH_SIZE = 500
# One dispatch run hands at most this many reminders to the broker; the next run takes the rest.
DISPATCH_MAX_PER_RUN = 50_000
# A row handed to the broker and still unsent after this long was lost (Redis restarted): re-send.
REMINDER_REQUEUE_AFTER = dt.timedelta(minutes=15)


@transaction.atomic
def reminder_schedule(
    *,
    kind: str,
    recipient,
    due_at: dt.datetime,
    obj: Model | None = None,
    context: dict[str, Any] | None = None,
    url: str = "",
    email: bool = True,
) -> ScheduledReminder:
    """Schedule the reminder ``kind`` for ``recipient`` at ``due_at``; returns its row.

    Nothing is enqueued now (a Celery ``eta`` longer than the broker's visibility timeout runs
    again and again): the beat job ``reminders_dispatch`` sends it once it is due, through
    ``reminder_send_once`` (so at most once per kind, object, recipient and due date). ``obj`` is
    what the reminder is about (optional); ``context`` must be JSON (ids, strings, numbers): the
    templates of ``kind`` get it when the reminder is sent. Scheduling the same reminder twice
    (same kind, object, recipient and due time, not yet sent) returns the existing row.
    """
    _check_kind(kind)
    _check_url(url)
    if timezone.is_naive(due_at):
        raise ValueError("A reminder's due time must be timezone-aware.")
    content_type = ContentType.objects.get_for_model(obj) if obj is not None else None
    if obj is not None and obj.pk is None:
        raise ValueError("A reminder is about a saved object.")
    object_id = obj.pk if obj is not None else None
    existing = ScheduledReminder.objects.filter(
        kind=kind,
        content_type=content_type,
        object_id=object_id,
        recipient=recipient,
        due_at=due_at,
        sent_at__isnull=True,
    ).first()
    if existing is not None:
        return existing
    reminder = ScheduledReminder(
        kind=kind,
        content_type=content_type,
        object_id=object_id,
        recipient=recipient,
        due_at=due_at,
        context=context or {},
        url=url,
        email=email,
    )
    reminder.full_clean(exclude=["recipient", "content_type"])
    reminder.save()
    return reminder


def reminders_dispatch(
    *, enqueue: Callable[[int], Any], now: dt.datetime | None = None, limit: int = DISPATCH_MAX_PER_RUN
) -> int:
    """Hand every due, unsent reminder to ``enqueue`` (the ``reminder_deliver`` task's ``delay``, given
    by the beat task: this module does not import the tasks, which import it); returns how many. Safe
    to run twice.

    Rows are taken in batches, locked with ``select_for_update(skip_locked=True)`` and stamped
    (``queued_at``) in the batch's transaction, so two dispatches at once split the work instead of
    enqueueing a row twice; a row queued more than ``REMINDER_REQUEUE_AFTER`` ago and still unsent
    is handed over again (the broker lost it). Should a row still be delivered twice, the ledger
    sends it once.
    """
    now = now or timezone.now()
    due = ScheduledReminder.objects.filter(sent_at__isnull=True, due_at__lte=now).filter(
        Q(queued_at__isnull=True) | Q(queued_at__lt=now - REMINDER_REQUEUE_AFTER)
    )
    dispatched = 0
    while dispatched < limit:
        with transaction.atomic():
            batch = list(
                due.select_for_update(skip_locked=True)
                .order_by("due_at", "pk")
                .values_list("pk", flat=True)[: min(DISPATCH_BATCH_SIZE, limit - dispatched)]
            )
            if not batch:
                break
            ScheduledReminder.objects.filter(pk__in=batch).update(queued_at=now)
            for reminder_id in batch:
                transaction.on_commit(partial(enqueue, reminder_id))
        dispatched += len(batch)
    if dispatched:
        logger.info("Dispatched %s due reminder(s).", dispatched)
    return dispatched


@transaction.atomic
def reminder_deliver(*, reminder_id: int) -> bool | None:
    """Send the scheduled reminder ``reminder_id`` and mark it sent; safe to run twice.

    Returns True when this call sent it, False when the ledger says it was already sent (the row
    is marked sent all the same), None when there is nothing to do: the row is gone or already
    sent. A reminder about an object deleted since is dropped.
    """
    reminder = (
        # of=self: the object type is a nullable join, which PostgreSQL cannot lock.
        ScheduledReminder.objects.select_for_update(of=("self",))
        .select_related("recipient", "content_type")
        .filter(pk=reminder_id, sent_at__isnull=True)
        .first()
    )
    if reminder is None:
        return None
    if reminder.content_type_id is not None:
        obj = reminder.content_object
        if obj is None:
            logger.info("Scheduled reminder %s is about a deleted object; dropped.", reminder_id)
            reminder.delete()
            return None
    else:
        obj = reminder
    sent = reminder_send_once(
        kind=reminder.kind,
        obj=obj,
        recipient=reminder.recipient,
        due_date=timezone.localdate(reminder.due_at),
        context=reminder.context,
        url=reminder.url,
        email=reminder.email,
    )
    reminder.sent_at = timezone.now()
    reminder.save(update_fields=["sent_at"])
    return sent
