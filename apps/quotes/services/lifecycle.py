"""An issued quote's life: sending it, the client's answer, the signed copy, revising it, expiring.

- ``quote_send``: the PDF as issued, e-mailed to the quote's contact (or the client's address) through
  the outbox; the quote becomes "sent". Sending again is allowed (each send is an outbox row, logged).
- ``quote_mark_sent``: handed over by hand or sent from another mailbox.
- ``quote_accept`` / ``quote_decline``: the client's answer, with its date (and the reason given).
- ``quote_signed_copy_attach``: the signed copy of an accepted quote (a PDF, PNG or JPEG, read from its
  content, 10 MB at most).
- ``quote_revise``: version n+1 as a draft with the same number and copied lines; the version it
  replaces stays read-only and is marked superseded when the new one is issued (services/issue.py).
- ``quotes_expire`` / ``quotes_expiry_reminders``: the daily job (apps/quotes/tasks.py).

Each function locks the quote's row first and then checks the transition, so the same button pressed
twice at once acts once; a wrong transition is a ValidationError, a wrong person a PermissionDenied.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.ranges import EARLIEST_DAY
from apps.core.uploads import delete_replaced_file_on_commit, image_format, validate_pdf
from apps.notifications.models import EmailOutbox
from apps.notifications.services import email_queue_external, reminder_send_once
from apps.quotes.models import ANSWERABLE_STATUSES, Quote, QuoteLine, QuoteStatus
from apps.quotes.pdf import PDF_LANGUAGE
from apps.quotes.services.issue import check_office, locked

logger = logging.getLogger(__name__)

SEND_KIND = "quotes_quote_client"
EXPIRED_KIND = "quotes_quote_expired"
EXPIRING_KIND = "quotes_quote_expiring"
EXPIRY_NOTICE_DAYS = 7
# The send button pressed twice (or two tabs): a second send to the same address within this many
# seconds is the same send.
RESEND_AFTER_SECONDS = 30
REASON_MAX_LENGTH = 2000
MB = 1024 * 1024
SIGNED_COPY_MAX_MB = 10
SIGNED_COPY_IMAGES = {"PNG": "png", "JPEG": "jpg"}
SENDABLE_STATUSES = frozenset({QuoteStatus.ISSUED, QuoteStatus.SENT})
REVISABLE_STATUSES = frozenset({QuoteStatus.ISSUED, QuoteStatus.SENT, QuoteStatus.DECLINED, QuoteStatus.EXPIRED})
# What a revision copies of the version it replaces (besides its lines).
REVISION_FIELDS = (
    "number",
    "year",
    "client_id",
    "contact_id",
    "subject",
    "validity_days",
    "discount_percent",
    "deposit_percent",
    "payment_terms",
    "start_date",
    "duration",
    "notes",
    "total_excl_vat",
    "total_vat",
    "total_incl_vat",
)
LINE_FIELDS = (
    "kind",
    "position",
    "description",
    "unit",
    "quantity",
    "unit_price",
    "vat_rate",
    "discount_percent",
    "catalogue_entry_id",
)


def _company_name(quote: Quote) -> str:
    seller = (quote.issued_details or {}).get("seller") or {}
    return seller.get("trade_name") or seller.get("legal_name") or ""


def recipient_email(quote: Quote) -> str:
    """Where the quote is e-mailed: its contact's address, else the client's; "" when neither has one."""
    if quote.contact is not None and quote.contact.email:
        return quote.contact.email
    return quote.client.email or ""


def sends_of(quote: Quote):
    """The outbox rows of this quote's sends (one per send), newest first."""
    if not quote.reference:
        return EmailOutbox.objects.none()
    return EmailOutbox.objects.filter(kind=SEND_KIND, attachment_name=f"{quote.reference}.pdf").order_by(
        "-created_at", "-pk"
    )


def _answer_moment(day: dt.date | None, quote: Quote, *, field: str) -> dt.datetime:
    """The client's answer date as a moment: now for today (or no date), noon for an earlier day; never
    before the quote's issue nor in the future."""
    now = timezone.now()
    today = timezone.localdate(now)
    if day is None or day == today:
        return now
    earliest = quote.issue_date or EARLIEST_DAY
    if day > today:
        raise ValidationError({field: _("The date cannot be in the future.")})
    if day < earliest:
        raise ValidationError(
            {field: _("The date cannot be before the quote's date (%(day)s).") % {"day": earliest.strftime("%d/%m/%Y")}}
        )
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


# --- sending ------------------------------------------------------------------------------------


@transaction.atomic
def quote_send(*, quote: Quote, by) -> tuple[Quote, EmailOutbox]:
    """E-mail the issued PDF to the quote's contact (or the client's address) through the outbox; the
    quote becomes "sent" (its first send's time is kept). Sending again sends again (a new outbox row),
    except within ``RESEND_AFTER_SECONDS`` of a send to the same address (a double click: the row of the
    first send is returned)."""
    check_office(by)
    quote = locked(quote)
    if quote.status not in SENDABLE_STATUSES:
        raise ValidationError(_("Only an issued quote waiting for an answer can be sent."))
    if quote.valid_until is not None and quote.valid_until < timezone.localdate():
        # The daily job has not marked it expired yet: a lapsed offer is not e-mailed as if it stood.
        raise ValidationError(
            _("This quote expired on %(day)s: revise it to make a new offer.")
            % {"day": quote.valid_until.strftime("%d/%m/%Y")}
        )
    to = recipient_email(quote)
    if not to:
        raise ValidationError(
            _("Neither the quote's contact nor the client has an e-mail address: add one to the client first.")
        )
    recent = (
        sends_of(quote)
        .filter(to=to, created_at__gte=timezone.now() - dt.timedelta(seconds=RESEND_AFTER_SECONDS))
        .first()
    )
    if recent is not None:
        return quote, recent  # a double click: sent once (the second click waited for the first's lock)
    if not quote.pdf:
        raise ValidationError(_("The quote's PDF is missing."))
    try:
        with quote.pdf.open("rb") as handle:
            content = handle.read()
    except OSError as exc:
        raise ValidationError(_("The quote's PDF cannot be read.")) from exc
    outbox = email_queue_external(
        to=to,
        kind=SEND_KIND,
        context={
            "quote": quote,
            "contact": quote.contact,
            "client": quote.client,
            "by": by,
            "company_name": _company_name(quote),
        },
        language=PDF_LANGUAGE,
        attachment=content,
        attachment_name=f"{quote.reference}.pdf",
    )
    if quote.status != QuoteStatus.SENT:
        quote.status = QuoteStatus.SENT
    if quote.sent_at is None:
        quote.sent_at = timezone.now()
    quote.save(update_fields=["status", "sent_at"])
    logger.info("quote %s sent to %s by user %s (outbox %s)", quote.reference, to, by.pk, outbox.pk)
    return quote, outbox


@transaction.atomic
def quote_mark_sent(*, quote: Quote, by) -> Quote:
    """The quote was handed over by hand (or sent from another mailbox): it becomes "sent"."""
    check_office(by)
    quote = locked(quote)
    if quote.status == QuoteStatus.SENT:
        return quote
    if quote.status != QuoteStatus.ISSUED:
        raise ValidationError(_("Only an issued quote can be marked as sent."))
    quote.status = QuoteStatus.SENT
    quote.sent_at = timezone.now()
    quote.save(update_fields=["status", "sent_at"])
    return quote


# --- the client's answer ------------------------------------------------------------------------


@transaction.atomic
def quote_accept(*, quote: Quote, by, accepted_on: dt.date | None = None) -> Quote:
    """The client accepted the quote (on ``accepted_on``, today by default)."""
    check_office(by)
    quote = locked(quote)
    if quote.status == QuoteStatus.ACCEPTED:
        raise ValidationError(_("This quote has already been accepted."))
    if quote.status not in ANSWERABLE_STATUSES:
        raise ValidationError(_("Only an issued or sent quote can be accepted."))
    quote.accepted_at = _answer_moment(accepted_on, quote, field="accepted_on")
    # The daily job may not have marked it expired yet: an offer past its validity binds no one.
    answered = timezone.localdate(quote.accepted_at)
    if quote.valid_until is not None and answered > quote.valid_until:
        raise ValidationError(
            {
                "accepted_on": _("This quote expired on %(day)s: revise it to make a new offer.")
                % {"day": quote.valid_until.strftime("%d/%m/%Y")}
            }
        )
    quote.status = QuoteStatus.ACCEPTED
    quote.save(update_fields=["status", "accepted_at"])
    return quote


@transaction.atomic
def quote_decline(*, quote: Quote, by, reason: str, declined_on: dt.date | None = None) -> Quote:
    """The client declined the quote (on ``declined_on``, today by default), for ``reason``."""
    check_office(by)
    reason = (reason or "").strip()
    if "\x00" in reason:
        raise ValidationError({"reason": _("Null characters are not allowed.")})
    if not reason:
        raise ValidationError({"reason": _("Say why the client declined (or what they said).")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("At most %(max)d characters.") % {"max": REASON_MAX_LENGTH}})
    quote = locked(quote)
    if quote.status == QuoteStatus.DECLINED:
        raise ValidationError(_("This quote has already been declined."))
    if quote.status not in ANSWERABLE_STATUSES:
        raise ValidationError(_("Only an issued or sent quote can be declined."))
    quote.declined_at = _answer_moment(declined_on, quote, field="declined_on")
    quote.decline_reason = reason
    quote.status = QuoteStatus.DECLINED
    quote.save(update_fields=["status", "declined_at", "decline_reason"])
    return quote


# --- the signed copy ----------------------------------------------------------------------------


def checked_signed_copy(upload) -> str:
    """The extension of a signed copy read from its content: a PDF (parsed, not encrypted) or a PNG or
    JPEG image, ``SIGNED_COPY_MAX_MB`` at most; otherwise a ValidationError."""
    if upload.size is not None and upload.size > SIGNED_COPY_MAX_MB * MB:
        raise ValidationError(
            _("The file is too large (%(size).1f MB); the limit is %(limit)d MB.")
            % {"size": upload.size / MB, "limit": SIGNED_COPY_MAX_MB},
            code="file_too_large",
        )
    if not upload.size:
        raise ValidationError(_("The file is empty."), code="file_empty")
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if head.lstrip().startswith(b"%PDF-"):
        validate_pdf(upload)
        return "pdf"
    found = image_format(upload)
    if found in SIGNED_COPY_IMAGES:
        return SIGNED_COPY_IMAGES[found]
    raise ValidationError(_("Upload the signed copy as a PDF file or a PNG or JPEG image."), code="invalid_file")


@transaction.atomic
def quote_signed_copy_attach(*, quote: Quote, by, upload) -> Quote:
    """Keep the client's signed copy of an accepted quote (replacing an earlier one)."""
    check_office(by)
    extension = checked_signed_copy(upload)
    quote = locked(quote)
    if quote.status != QuoteStatus.ACCEPTED:
        raise ValidationError(_("A signed copy is attached to an accepted quote."))
    old_name = quote.signed_copy.name or ""
    # The stored name comes from the content, not from what the browser called the file.
    upload.name = f"signed.{extension}"
    quote.signed_copy.save(upload.name, upload, save=False)
    quote.save(update_fields=["signed_copy"])
    delete_replaced_file_on_commit(quote, "signed_copy", old_name)
    return quote


# --- revising -----------------------------------------------------------------------------------


@transaction.atomic
def quote_revise(*, quote: Quote, by) -> tuple[Quote, bool]:
    """Version n+1 of an issued, sent, declined or expired quote, as a draft with the same number and a
    copy of its lines: (the draft, True); (the open draft, False) when it was already revised (the
    button pressed twice). The version revised stays as it is, read-only, until the new one is issued."""
    check_office(by)
    quote = locked(quote)
    existing = Quote.objects.filter(revision_of=quote).first()
    if existing is not None:
        if existing.status == QuoteStatus.DRAFT:
            return existing, False
        raise ValidationError(
            _("This version has already been replaced by version %(version)d.") % {"version": existing.version}
        )
    if quote.status not in REVISABLE_STATUSES:
        raise ValidationError(_("Only an issued, sent, declined or expired quote can be revised."))
    revision = Quote(
        **{name: getattr(quote, name) for name in REVISION_FIELDS},
        version=quote.version + 1,
        revision_of=quote,
        status=QuoteStatus.DRAFT,
        created_by=by,
    )
    revision.save()
    QuoteLine.objects.bulk_create(
        QuoteLine(quote=revision, **{name: getattr(line, name) for name in LINE_FIELDS})
        for line in quote.lines.order_by("position", "pk")
    )
    return revision, True


# --- the daily job ------------------------------------------------------------------------------


def _tell_author(quote: Quote, *, kind: str) -> bool:
    return reminder_send_once(
        kind=kind,
        obj=quote,
        recipient=quote.created_by,
        due_date=quote.valid_until,
        context={"quote": quote, "client": quote.client},
        url=quote.get_absolute_url(),
    )


def quotes_expire(*, today: dt.date | None = None) -> int:
    """Mark expired every issued or sent quote whose validity has ended (valid until before today), and
    tell its author once; returns how many expired now. Safe to run any number of times."""
    today = today or timezone.localdate()
    expired = 0
    candidates = Quote.objects.filter(status__in=ANSWERABLE_STATUSES, valid_until__lt=today).values_list(
        "pk", flat=True
    )
    for pk in list(candidates.order_by("valid_until", "pk")):
        with transaction.atomic():
            quote = (
                Quote.objects.select_for_update(of=("self",))
                .select_related("client", "created_by")
                .filter(pk=pk, status__in=ANSWERABLE_STATUSES, valid_until__lt=today)
                .first()
            )
            if quote is None:
                continue  # answered meanwhile
            quote.status = QuoteStatus.EXPIRED
            quote.expired_at = timezone.now()
            quote.save(update_fields=["status", "expired_at"])
            _tell_author(quote, kind=EXPIRED_KIND)
            expired += 1
    return expired


def quotes_expiry_reminders(*, today: dt.date | None = None) -> int:
    """Suggest a follow-up to the author of each quote still waiting for an answer whose validity ends
    within ``EXPIRY_NOTICE_DAYS`` days, once (the reminder ledger); returns how many were sent."""
    today = today or timezone.localdate()
    quotes = (
        Quote.objects.filter(
            status__in=ANSWERABLE_STATUSES,
            valid_until__range=(today, today + dt.timedelta(days=EXPIRY_NOTICE_DAYS)),
        )
        .select_related("client", "created_by")
        .order_by("valid_until", "pk")
    )
    return sum(_tell_author(quote, kind=EXPIRING_KIND) for quote in quotes)
