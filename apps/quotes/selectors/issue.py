"""Reading for issuing and the quote's life: the checklist page (what the devis lacks, with where to fix
it) and the status panel of the quote's page (its timeline, its versions, the actions allowed now).
Each costs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from apps.accounts.models import Company
from apps.quotes.compliance import CLIENT, COMPANY, LINES, QUOTE, Problem, quote_checks
from apps.quotes.models import ANSWERABLE_STATUSES, Quote, QuoteStatus
from apps.quotes.selectors.quotes import quote_for_page
from apps.quotes.services.lifecycle import (
    REVISABLE_STATUSES,
    SENDABLE_STATUSES,
    recipient_email,
    sends_of,
)

__all__ = ["issue_page", "quote_for_page", "status_panel"]


@dataclass(frozen=True)
class Check:
    message: str
    fix_url: str
    fix_label: str


def _fix(problem: Problem, quote: Quote, user) -> Check:
    office = user.is_office_manager
    if problem.where == COMPANY:
        url, label = reverse("accounts:company"), _("Company settings")
    elif problem.where == CLIENT:
        url, label = reverse("quotes:client_edit", args=[quote.client_id]), _("Edit the client")
    elif problem.where == QUOTE:
        url, label = reverse("quotes:quote_edit", args=[quote.pk]), _("Edit the quote")
    else:  # LINES
        url, label = reverse("quotes:quote_detail", args=[quote.pk]) + "#lines", _("Edit the lines")
    # The director reads the checklist but changes nothing: no link to forms they would get a 403 on.
    return Check(message=problem.message, fix_url=url if office or problem.where == LINES else "", fix_label=label)


@dataclass(frozen=True)
class IssuePage:
    quote: Quote
    checks: list[Check]
    company_missing: bool

    @property
    def ready(self) -> bool:
        return not self.checks


def issue_page(user, quote: Quote) -> IssuePage:
    """The checklist of ``quote`` (each problem with the page where it is fixed)."""
    company = Company.objects.filter(pk=1).first()
    problems = quote_checks(quote, company)
    return IssuePage(
        quote=quote,
        checks=[_fix(problem, quote, user) for problem in problems],
        company_missing=company is None,
    )


@dataclass(frozen=True)
class Event:
    label: str
    at: object  # datetime or date
    note: str = ""


def _versions(quote: Quote) -> list[Quote]:
    """Every version of the quote, oldest first (one query; a first draft has only itself)."""
    if not quote.number:
        return [quote]
    return list(
        Quote.objects.filter(number=quote.number)
        .only("pk", "number", "version", "status", "issue_date", "created_at", "revision_of_id")
        .order_by("version", "pk")
    )


def _lapsed(quote: Quote) -> bool:
    return quote.valid_until is not None and quote.valid_until < timezone.localdate()


def status_panel(user, quote: Quote) -> dict:
    """What the quote page's status panel shows: the timeline, the versions, the actions ``user`` may
    take now (the office manager only) and where the quote would be e-mailed."""
    office = user.is_office_manager
    status = quote.status
    versions = _versions(quote)
    revision = next((v for v in versions if v.revision_of_id == quote.pk), None)
    sends = list(sends_of(quote).only("pk", "to", "created_at", "status")[:20]) if quote.reference else []
    events = [Event(pgettext("quote history", "Created"), quote.created_at)]
    if quote.issued_at:
        events.append(Event(pgettext("quote history", "Issued"), quote.issued_at))
    if sends:
        for send in reversed(sends):
            events.append(Event(_("Sent by e-mail"), send.created_at, send.to))
    elif quote.sent_at:
        events.append(Event(pgettext("quote history", "Sent"), quote.sent_at))
    if quote.accepted_at:
        events.append(Event(_("Accepted by the client"), quote.accepted_at))
    if quote.declined_at:
        events.append(Event(_("Declined by the client"), quote.declined_at, quote.decline_reason))
    if quote.expired_at:
        events.append(Event(_("Expired"), quote.expired_at))
    if quote.superseded_at:
        events.append(Event(_("Replaced by a new version"), quote.superseded_at))
    recipient = recipient_email(quote)
    return {
        "events": events,
        "versions": versions if len(versions) > 1 else [],
        "revision": revision,
        "revision_of": next((v for v in versions if v.pk == quote.revision_of_id), None),
        "recipient": recipient,
        # An issued quote without its stored file (the demo data) is printed again from its snapshot.
        "has_pdf": bool(quote.pdf) or status == QuoteStatus.DRAFT or bool(quote.number),
        "has_signed_copy": bool(quote.signed_copy),
        "may_issue": office and status == QuoteStatus.DRAFT,
        # A quote past its validity that the daily job has not marked expired yet: not e-mailed again.
        "may_send": office and status in SENDABLE_STATUSES and not _lapsed(quote),
        "may_mark_sent": office and status == QuoteStatus.ISSUED,
        "may_answer": office and status in ANSWERABLE_STATUSES,
        "may_revise": office and status in REVISABLE_STATUSES and revision is None,
        "may_attach_signed_copy": office and status == QuoteStatus.ACCEPTED,
    }
