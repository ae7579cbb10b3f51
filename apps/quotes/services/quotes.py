"""Writing quote drafts: create one (with the settings' defaults), change its header, duplicate any
quote into a new draft, delete a draft. Issuing, sending and answers live in ``issue.py``/``lifecycle.py``;
the lines in ``lines.py``. Only an office manager writes; an issued quote is never edited nor deleted."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.ranges import EARLIEST_DAY, LATEST_DAY
from apps.quotes.models import MAX_DISCOUNT, Client, ClientContact, Quote, QuoteSettings, QuoteStatus
from apps.quotes.models.quotes import MAX_VALIDITY_DAYS
from apps.quotes.services.lines import locked, require_editable, require_writer, store_totals


def _check_client(client: Client, contact: ClientContact | None, *, current: Quote | None = None) -> None:
    if client.is_archived and (current is None or current.client_id != client.pk):
        raise ValidationError({"client": _("This client is archived: restore it to write it a quote.")})
    if contact is not None and contact.client_id != client.pk:
        raise ValidationError({"contact": _("This contact is not one of the client's.")})


def _check_header(*, validity_days, discount_percent, deposit_percent, start_date) -> None:
    errors = {}
    if not 1 <= int(validity_days) <= MAX_VALIDITY_DAYS:
        errors["validity_days"] = _("Between 1 and %(max)d days.") % {"max": MAX_VALIDITY_DAYS}
    for name, value in (("discount_percent", discount_percent), ("deposit_percent", deposit_percent)):
        if not Decimal("0") <= Decimal(value) <= MAX_DISCOUNT:
            errors[name] = _("Enter a percentage from 0 to 100.")
    if start_date is not None and not EARLIEST_DAY <= start_date <= LATEST_DAY:
        errors["start_date"] = _("Enter a realistic start date.")
    if errors:
        raise ValidationError(errors)


def quote_create(
    *,
    by,
    client: Client,
    subject: str,
    contact: ClientContact | None = None,
    validity_days: int | None = None,
    payment_terms: str | None = None,
    deposit_percent: Decimal | None = None,
    discount_percent: Decimal = Decimal("0"),
    start_date: dt.date | None = None,
    duration: str = "",
    notes: str = "",
    token: uuid.UUID | None = None,
) -> Quote:
    """A draft quote to ``client``, with the settings' validity, payment terms and deposit unless given.

    ``token`` is the creating form's one-time token: the same form posted twice makes one quote (the
    second post gets the first quote back).
    """
    require_writer(by)
    _check_client(client, contact)
    if token is not None:
        existing = Quote.objects.filter(created_by=by, creation_token=token).first()
        if existing is not None:
            return existing
    defaults = QuoteSettings.current()
    quote = Quote(
        client=client,
        contact=contact,
        subject=(subject or "").strip(),
        validity_days=defaults.validity_days if validity_days is None else validity_days,
        payment_terms=defaults.payment_terms if payment_terms is None else payment_terms.strip(),
        deposit_percent=defaults.default_deposit_percent if deposit_percent is None else deposit_percent,
        discount_percent=discount_percent,
        start_date=start_date,
        duration=(duration or "").strip(),
        notes=(notes or "").strip(),
        status=QuoteStatus.DRAFT,
        created_by=by,
        creation_token=token,
    )
    _check_header(
        validity_days=quote.validity_days,
        discount_percent=quote.discount_percent,
        deposit_percent=quote.deposit_percent,
        start_date=start_date,
    )
    quote.full_clean(exclude=["client", "contact", "created_by", "revision_of"])
    try:
        with transaction.atomic():
            quote.save()
    except IntegrityError:
        existing = Quote.objects.filter(created_by=by, creation_token=token).first() if token else None
        if existing is None:
            raise
        return existing
    return quote


@transaction.atomic
def quote_update(
    *,
    quote: Quote,
    by,
    client: Client,
    subject: str,
    contact: ClientContact | None = None,
    validity_days: int,
    payment_terms: str = "",
    deposit_percent: Decimal = Decimal("0"),
    discount_percent: Decimal = Decimal("0"),
    start_date: dt.date | None = None,
    duration: str = "",
    notes: str = "",
) -> Quote:
    """Change a draft's header; a new global discount stores the totals again. An issued quote is
    refused (revise or duplicate it instead)."""
    require_writer(by)
    quote = locked(quote)
    require_editable(quote)
    _check_client(client, contact, current=quote)
    if quote.revision_of_id is not None and client.pk != quote.client_id:
        # Version n+1 of DEV-2026-0007 is the same offer to the same client (duplicate it for another).
        raise ValidationError({"client": _("A revision keeps its quote's client: duplicate the quote instead.")})
    _check_header(
        validity_days=validity_days,
        discount_percent=discount_percent,
        deposit_percent=deposit_percent,
        start_date=start_date,
    )
    quote.client = client
    quote.contact = contact
    quote.subject = (subject or "").strip()
    quote.validity_days = validity_days
    quote.payment_terms = (payment_terms or "").strip()
    quote.deposit_percent = deposit_percent
    quote.discount_percent = discount_percent
    quote.start_date = start_date
    quote.duration = (duration or "").strip()
    quote.notes = (notes or "").strip()
    quote.full_clean(exclude=["client", "contact", "created_by", "revision_of"])
    quote.save()
    store_totals(quote)
    return quote


@transaction.atomic
def quote_duplicate(*, quote: Quote, by, token: uuid.UUID | None = None) -> Quote:
    """A new draft with ``quote``'s client, subject, terms and lines: no number, no dates, today's
    validity and payment terms from the settings. Any quote may be duplicated, issued or not.

    ``token`` is the button's one-time token: pressed twice, one copy (the second press gets it back)."""
    require_writer(by)
    if token is not None:
        existing = Quote.objects.filter(created_by=by, creation_token=token).first()
        if existing is not None:
            return existing
    if quote.client.is_archived:
        raise ValidationError(_("This client is archived: restore it to write it a quote."))
    defaults = QuoteSettings.current()
    contact = quote.contact if quote.contact_id and quote.contact.client_id == quote.client_id else None
    copy = Quote(
        client=quote.client,
        contact=contact,
        subject=quote.subject,
        status=QuoteStatus.DRAFT,
        validity_days=defaults.validity_days,
        payment_terms=defaults.payment_terms,
        discount_percent=quote.discount_percent,
        deposit_percent=quote.deposit_percent,
        duration=quote.duration,
        notes=quote.notes,
        created_by=by,
        created_at=timezone.now(),
        creation_token=token,
    )
    try:
        with transaction.atomic():
            copy.save()
    except IntegrityError:  # the same button pressed twice at once: the first press's copy
        existing = Quote.objects.filter(created_by=by, creation_token=token).first() if token else None
        if existing is None:
            raise
        return existing
    lines = list(quote.lines.order_by("position", "pk"))
    manager = copy.lines
    manager.model.objects.bulk_create(
        [
            manager.model(
                quote=copy,
                kind=line.kind,
                position=position,
                description=line.description,
                unit=line.unit,
                quantity=line.quantity,
                unit_price=line.unit_price,
                vat_rate=line.vat_rate,
                discount_percent=line.discount_percent,
                catalogue_entry_id=line.catalogue_entry_id,
            )
            for position, line in enumerate(lines, start=1)
        ]
    )
    store_totals(copy)
    return copy


@transaction.atomic
def quote_delete(*, quote: Quote, by) -> None:
    """Delete a draft and its lines (a revision's draft too: the issued version stays). An issued quote
    is never deleted."""
    require_writer(by)
    quote = locked(quote)
    if quote.status != QuoteStatus.DRAFT:
        raise ValidationError(_("Only a draft can be deleted: an issued quote is kept (duplicate it instead)."))
    quote.delete()
