"""Issuing a quote: the moment a draft becomes a numbered devis that can no longer change.

``quote_issue(quote=..., by=...)`` in one transaction: the quote's row is locked (the button pressed twice
at once issues once; the second press is told it is already issued), the compliance check runs (a quote
that lacks a legal mention is refused with the list), the seller and the client are frozen into
``issued_details``, the dates are set (issue date today, valid until today + its validity), the number is
taken from the year's DEV counter (version 1; a revision keeps its quote's number and the version it
replaces is marked superseded), then the PDF is made from the snapshot and stored. The PDF comes after the
number because it prints it: if it fails, the transaction rolls back with the counter, so nothing is
saved and no number is lost.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Company
from apps.core.numbering import formatted, next_number
from apps.quotes.compliance import quote_problems
from apps.quotes.models import QUOTE_PREFIX, Quote, QuoteStatus
from apps.quotes.pdf import issued_details_of, quote_pdf_bytes
from apps.quotes.totals import apply_totals

logger = logging.getLogger(__name__)


def check_office(by) -> None:
    if not (by.is_active and by.is_office_manager):
        raise PermissionDenied(_("Only an office manager manages quotes."))


def locked(quote: Quote) -> Quote:
    return Quote.objects.select_for_update(of=("self",)).select_related("client", "contact").get(pk=quote.pk)


def already_issued_message(quote: Quote) -> str:
    return _("This quote has already been issued as %(reference)s.") % {"reference": quote.reference or quote.pk}


@transaction.atomic
def quote_issue(*, quote: Quote, by) -> Quote:
    """Issue a draft (see the module's docstring); ValidationError when it is not a draft or lacks
    something a devis must show."""
    check_office(by)
    quote = locked(quote)
    if quote.status != QuoteStatus.DRAFT:
        raise ValidationError(already_issued_message(quote), code="already_issued")
    company = Company.objects.filter(pk=1).first()
    problems = quote_problems(quote, company)
    if problems:
        raise ValidationError(problems, code="incomplete")
    previous = None
    if quote.revision_of_id is not None:
        previous = Quote.objects.select_for_update(of=("self",)).get(pk=quote.revision_of_id)
        if previous.status == QuoteStatus.ACCEPTED:
            raise ValidationError(
                _("The client accepted version %(version)d meanwhile: this revision can no longer be issued.")
                % {"version": previous.version},
                code="previous_accepted",
            )
    lines = list(quote.lines.order_by("position", "pk"))
    now = timezone.now()
    today = timezone.localdate(now)
    apply_totals(quote, lines)
    quote.issue_date = today
    quote.valid_until = today + dt.timedelta(days=quote.validity_days)
    quote.issued_details = issued_details_of(client=quote.client, contact=quote.contact, company=company)
    quote.issued_at = now
    quote.status = QuoteStatus.ISSUED
    if previous is not None:
        previous.status = QuoteStatus.SUPERSEDED
        previous.superseded_at = now
        previous.save(update_fields=["status", "superseded_at"])
    else:
        # Last of the checks and writes that can fail on their own: the counter row stays locked until
        # the commit, and a rollback (the PDF below failing) gives the number back.
        quote.year = today.year
        quote.number = formatted(QUOTE_PREFIX, today.year, next_number(QUOTE_PREFIX, today.year))
    content = quote_pdf_bytes(quote)
    quote.pdf.save(f"{quote.reference}.pdf", ContentFile(content), save=False)
    stored = quote.pdf.name
    try:
        quote.save()
    except Exception:
        quote.pdf.storage.delete(stored)
        raise
    logger.info("quote %s issued by user %s", quote.reference, by.pk)
    return quote
