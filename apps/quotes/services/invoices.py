"""Invoices to clients: made from an accepted quote, issued with a gap-free number, corrected by credit
notes, paid, sent.

- ``invoice_from_quote``: the final invoice of an accepted quote (its lines, positions, discounts, client
  and contact copied); each deposit invoice issued for that quote is deducted by one DEPOSIT line per VAT
  rate (a negative amount naming the deposit invoice), so the final invoice asks for the remainder and
  its VAT is the VAT still owed (French practice, EN 16931 negative lines);
- ``deposit_invoice_from_quote``: a deposit invoice (acompte) of ``percent`` of the quote, one line per
  VAT rate of the quote (that rate's base × percent); the deposits of a quote never exceed 100 %;
- ``invoice_update``: a draft's header (subject, notes, payment terms, contact);
- ``invoice_issue``: the row locked, the checks, the dates, the seller's and the client's details frozen,
  the number taken last (FAC for invoices and deposit invoices, AV for credit notes), the Factur-X PDF
  made and stored; anything failing keeps nothing, the number neither;
- ``credit_note_create``: a draft credit note of an issued invoice, in full or chosen lines and
  quantities, never more than what is left uncredited;
- ``payment_record``: a payment under the invoice's lock; the invoice is paid once nothing is due;
- ``invoice_send``: the Factur-X PDF e-mailed to the client through the outbox;
- ``invoice_delete``: drafts only (an issued invoice is never deleted: a credit note corrects it).

A credit-note line keeps the ``position`` of the invoice line it credits: invoice lines are numbered
1, 2, 3… by these services, so what is left to credit of a line is its quantity less the quantities of
the credit-note lines at its position.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.accounts.models import Company
from apps.core.money import CENT, HUNDRED, ZERO, to_cent
from apps.core.numbering import formatted, next_number
from apps.notifications.services import email_queue_external
from apps.quotes.models import (
    CREDIT_NOTE_PREFIX,
    INVOICE_PREFIX,
    PRICED_KINDS,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    LineKind,
    Payment,
    PaymentMethod,
    Quote,
    QuoteSettings,
    QuoteStatus,
)
from apps.quotes.pdf import issued_details_of
from apps.quotes.totals import stored_totals, totals_of

DOCUMENT_LANGUAGE = "fr"  # an invoice to a French client is written in French, whoever issues it
NOTES_MAX_LENGTH = 4000
SUBJECT_MAX_LENGTH = 200
TERMS_MAX_LENGTH = 255
REFERENCE_MAX_LENGTH = 100
MAX_AMOUNT = Decimal("9999999999.99")
# An invoice a payment can be recorded against, and one a credit note can correct.
PAYABLE_STATUSES = frozenset({InvoiceStatus.ISSUED})
CREDITABLE_STATUSES = frozenset({InvoiceStatus.ISSUED, InvoiceStatus.PAID})
# A deposit invoice still counts (in the 100 % and in the final invoice's deduction) unless credited.
LIVE_STATUSES = frozenset({InvoiceStatus.DRAFT, InvoiceStatus.ISSUED, InvoiceStatus.PAID})


# --- who, what, which row -------------------------------------------------------------------------


def _check_office(by) -> None:
    if not (by.is_active and by.is_office_manager):
        raise PermissionDenied(_("Only an office manager manages invoices."))


def _locked(invoice: Invoice) -> Invoice:
    return (
        Invoice.objects.select_for_update(of=("self",))
        .select_related("client", "contact", "quote", "credited_invoice")
        .get(pk=invoice.pk)
    )


def _clean_text(value: str, *, field: str, limit: int) -> str:
    value = (value or "").strip()
    if "\x00" in value:  # PostgreSQL refuses it in text
        raise ValidationError({field: _("Null characters are not allowed.")})
    if len(value) > limit:
        raise ValidationError({field: _("At most %(max)d characters.") % {"max": limit}})
    return value


def _check_draft(invoice: Invoice) -> None:
    if invoice.status != InvoiceStatus.DRAFT:
        raise ValidationError(
            _("%(number)s is issued and can no longer be changed: issue a credit note instead.")
            % {"number": invoice.number}
        )


def _priced(lines) -> list:
    return [line for line in lines if line.kind in PRICED_KINDS]


def recompute_totals(invoice: Invoice) -> Invoice:
    """Store ``totals_of`` the invoice's lines on the row (after any change of its lines)."""
    stored = stored_totals(totals_of(invoice.lines.all(), invoice.discount_percent))
    invoice.total_excl_vat = stored.total_excl_vat
    invoice.total_vat = stored.total_vat
    invoice.total_incl_vat = stored.total_incl_vat
    if invoice.total_excl_vat < 0 or invoice.total_incl_vat < 0:
        raise ValidationError(_("The total of this document would be negative: nothing was saved."))
    invoice.save(update_fields=["total_excl_vat", "total_vat", "total_incl_vat"])
    return invoice


def _existing(by, token, **source) -> Invoice | None:
    """The invoice this form's ``token`` made already; a ValidationError when it made it from another
    ``source`` (``quote=`` or ``credited_invoice=``: a form posted again to another quote's or invoice's
    URL)."""
    if token is None:
        return None
    existing = Invoice.objects.filter(created_by=by, creation_token=token).first()
    if existing is not None and source:
        field, value = next(iter(source.items()))
        if getattr(existing, f"{field}_id") != value.pk:
            raise ValidationError(_("This form was already used for another document: reload the page."))
    return existing


def _save_new(invoice: Invoice, by, token) -> tuple[Invoice, bool]:
    """Save a new invoice row; (the row made by the same token before, False) when posted twice at once."""
    try:
        with transaction.atomic():
            invoice.save()
    except IntegrityError:
        existing = _existing(by, token)
        if existing is None:
            raise
        return existing, False
    return invoice, True


def _locked_quote(quote: Quote) -> Quote:
    quote = Quote.objects.select_for_update(of=("self",)).select_related("client", "contact").get(pk=quote.pk)
    if quote.status != QuoteStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted quote can be invoiced."))
    return quote


def _check_no_final_invoice(quote: Quote) -> None:
    finals = quote.invoices.filter(kind=InvoiceKind.INVOICE, status__in=LIVE_STATUSES)
    if finals.exists():
        raise ValidationError(
            _("This quote already has its final invoice; a credit note cancels it if it must be made again.")
        )


def _lock_quote_of_deposit(invoice: Invoice) -> None:
    """Crediting a deposit invoice takes its quote's lock first, the one ``invoice_from_quote`` takes: a
    final invoice made at the same moment waits for the credit note's commit (and then reads the deposit
    as credited), or the other way round. First, before the deposit's row: ``invoice_from_quote`` holds
    the quote while its DEPOSIT lines' foreign keys wait for the deposit's row (a deadlock otherwise)."""
    if invoice.kind == InvoiceKind.DEPOSIT and invoice.quote_id is not None:
        Quote.objects.select_for_update(of=("self",)).filter(pk=invoice.quote_id).first()


def deposit_deducted(invoice: Invoice) -> bool:
    """Whether ``invoice`` is a deposit invoice that a live final invoice of its quote deducts."""
    if invoice.kind != InvoiceKind.DEPOSIT or invoice.quote_id is None:
        return False
    finals = Invoice.objects.filter(quote_id=invoice.quote_id, kind=InvoiceKind.INVOICE, status__in=LIVE_STATUSES)
    return finals.exists()


def check_deposit_not_deducted(invoice: Invoice) -> None:
    """A deposit invoice is credited only while no live final invoice of its quote deducts it: the
    final invoice's DEPOSIT lines were computed from it, and would otherwise deduct money the client
    gets back (delete the final draft, or credit the final invoice first)."""
    if deposit_deducted(invoice):
        raise ValidationError(
            _(
                "The final invoice of this quote deducts this deposit: delete its draft or credit it "
                "before crediting the deposit."
            )
        )


# --- from a quote ---------------------------------------------------------------------------------


def _copy_line(source, position: int) -> InvoiceLine:
    return InvoiceLine(
        kind=source.kind,
        position=position,
        description=source.description,
        unit=source.unit,
        quantity=source.quantity,
        unit_price=source.unit_price,
        vat_rate=source.vat_rate,
        discount_percent=source.discount_percent,
    )


def deposits_of(quote: Quote):
    """The deposit invoices of ``quote`` that still count (drafts, issued, paid: not cancelled)."""
    return quote.invoices.filter(kind=InvoiceKind.DEPOSIT, status__in=LIVE_STATUSES).order_by("issue_date", "pk")


def deposit_percent_left(quote: Quote) -> Decimal:
    """What can still be asked as deposits: 100 % less the deposits invoiced (cancelled ones excepted)."""
    used = deposits_of(quote).aggregate(total=Sum("deposit_percent"))["total"] or ZERO
    return max(HUNDRED - used, ZERO)


def _deduction_lines(
    deposit: Invoice, discount_percent: Decimal, first_position: int
) -> list[tuple[InvoiceLine, Decimal]]:
    """One DEPOSIT line per VAT rate of ``deposit`` (what is left of it once its credit notes are taken
    off), a negative amount. The final invoice's global discount applies to every line, this one too:
    its unit price is grossed up so that, once discounted, it deducts exactly the deposit's base."""
    left = _left_to_credit(deposit)
    per_rate: dict[Decimal, Decimal] = defaultdict(lambda: ZERO)
    for line in _priced(deposit.lines.all()):
        quantity = left.get(line.position, ZERO)
        if quantity > 0:
            per_rate[line.vat_rate] += to_cent(quantity * line.unit_price)
    keep = HUNDRED - Decimal(discount_percent)
    params = {
        "number": deposit.number,
        "date": deposit.issue_date.strftime("%d/%m/%Y") if deposit.issue_date else "",
    }
    lines = []
    for index, (rate, base) in enumerate(sorted(per_rate.items(), reverse=True)):
        if base <= 0:
            continue
        gross = to_cent(base * HUNDRED / keep) if keep > 0 else base
        with translation.override(DOCUMENT_LANGUAGE):
            if gross == base:
                description = _("Deposit invoiced on %(number)s of %(date)s, deducted") % params
            else:
                # The global discount applies to this line too: say what it deducts once discounted.
                description = _(
                    "Deposit invoiced on %(number)s of %(date)s, deducted: %(base)s € excl. VAT after the discount"
                ) % {**params, "base": f"{base:.2f}".replace(".", ",")}
        line = InvoiceLine(
            kind=LineKind.DEPOSIT,
            position=first_position + index,
            description=description,
            quantity=Decimal("1"),
            unit_price=-gross,
            vat_rate=rate,
            deposit_invoice=deposit,
        )
        lines.append((line, base))
    return lines


def _settle_deductions(lines: list[InvoiceLine], targets: dict[Decimal, Decimal], discount: Decimal) -> None:
    """Adjust the deduction lines' cents (rounding of the discount) so that each VAT rate's base is the
    quote's base less the deposits' bases, as near as the cent allows."""
    deductions = [line for line in lines if line.kind == LineKind.DEPOSIT]
    if not deductions or not discount:
        return
    for _round in range(6):
        totals = totals_of(lines, discount)
        bases = {row.rate: row.base for row in totals.by_rate}
        moved = False
        for rate, target in targets.items():
            gap = bases.get(rate, ZERO) - target
            at_rate = [line for line in deductions if Decimal(line.vat_rate).quantize(CENT) == rate]
            if gap and at_rate:
                at_rate[-1].unit_price -= gap
                moved = True
        if not moved:
            return


@transaction.atomic
def invoice_from_quote(*, quote: Quote, by, token: uuid.UUID | None = None) -> Invoice:
    """The final invoice (a draft) of the accepted ``quote``, deducting its deposit invoices.

    ``token`` is the form's one-time token: posted twice, one invoice (the second post gets it back)."""
    _check_office(by)
    existing = _existing(by, token, quote=quote)
    if existing is not None:
        return existing
    quote = _locked_quote(quote)
    existing = _existing(by, token, quote=quote)  # committed while this one waited
    if existing is not None:
        return existing
    _check_no_final_invoice(quote)
    deposits = list(deposits_of(quote).prefetch_related("lines"))
    if any(deposit.status == InvoiceStatus.DRAFT for deposit in deposits):
        raise ValidationError(_("A deposit invoice of this quote is still a draft: issue it or delete it first."))
    source_lines = list(quote.lines.order_by("position", "pk"))
    if not _priced(source_lines):
        raise ValidationError(_("This quote has no priced line to invoice."))
    invoice = Invoice(
        kind=InvoiceKind.INVOICE,
        client=quote.client,
        contact=quote.contact,
        quote=quote,
        subject=quote.subject,
        discount_percent=quote.discount_percent,
        payment_terms=quote.payment_terms,
        created_by=by,
        creation_token=token,
    )
    invoice, created = _save_new(invoice, by, token)
    if not created:
        return invoice
    lines = [_copy_line(source, position) for position, source in enumerate(source_lines, start=1)]
    quote_bases = {row.rate: row.base for row in totals_of(source_lines, quote.discount_percent).by_rate}
    deposit_bases: dict[Decimal, Decimal] = defaultdict(lambda: ZERO)
    for deposit in deposits:
        for line, base in _deduction_lines(deposit, quote.discount_percent, len(lines) + 1):
            deposit_bases[Decimal(line.vat_rate).quantize(CENT)] += base
            lines.append(line)
    targets = {rate: base - deposit_bases.get(rate, ZERO) for rate, base in quote_bases.items()}
    _settle_deductions(lines, targets, quote.discount_percent)
    for line in lines:
        line.invoice = invoice
    InvoiceLine.objects.bulk_create(lines)
    return recompute_totals(invoice)


@transaction.atomic
def deposit_invoice_from_quote(*, quote: Quote, by, percent: Decimal, token: uuid.UUID | None = None) -> Invoice:
    """A deposit invoice (a draft) asking ``percent`` % of the accepted ``quote``: one line per VAT rate,
    that rate's base (after the quote's global discount) × percent."""
    _check_office(by)
    existing = _existing(by, token, quote=quote)
    if existing is not None:
        return existing
    try:
        percent = Decimal(percent).quantize(CENT)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({"percent": _("Enter a percentage.")}) from None
    if not ZERO < percent <= HUNDRED:
        raise ValidationError({"percent": _("A deposit is between 0 and 100 % of the quote.")})
    quote = _locked_quote(quote)
    existing = _existing(by, token, quote=quote)  # committed while this one waited
    if existing is not None:
        return existing
    _check_no_final_invoice(quote)
    left = deposit_percent_left(quote)
    if percent > left:
        raise ValidationError(
            {
                "percent": _("The deposits of a quote cannot exceed 100 %%: %(left)s %% is left to ask.")
                % {"left": f"{left.normalize():f}"}
            }
        )
    totals = totals_of(quote.lines.all(), quote.discount_percent)
    if totals.excl_vat <= 0:
        raise ValidationError(_("This quote's total is zero: there is nothing to ask a deposit on."))
    invoice = Invoice(
        kind=InvoiceKind.DEPOSIT,
        client=quote.client,
        contact=quote.contact,
        quote=quote,
        subject=quote.subject,
        deposit_percent=percent,
        payment_terms=quote.payment_terms,
        created_by=by,
        creation_token=token,
    )
    invoice, created = _save_new(invoice, by, token)
    if not created:
        return invoice
    with translation.override(DOCUMENT_LANGUAGE):
        description = _("Deposit of %(percent)s %% on quote %(quote)s") % {
            "percent": f"{percent.normalize():f}".replace(".", ","),
            "quote": quote.reference,
        }
    lines = []
    for position, row in enumerate(totals.by_rate, start=1):
        amount = to_cent(row.base * percent / HUNDRED)
        if amount <= 0:
            continue
        lines.append(
            InvoiceLine(
                invoice=invoice,
                kind=LineKind.ITEM,
                position=position,
                description=description,
                quantity=Decimal("1"),
                unit_price=amount,
                vat_rate=row.rate,
            )
        )
    if not lines:
        raise ValidationError({"percent": _("This deposit rounds to nothing: ask a larger percentage.")})
    InvoiceLine.objects.bulk_create(lines)
    return recompute_totals(invoice)


# --- the header of a draft ------------------------------------------------------------------------


@transaction.atomic
def invoice_update(
    *, invoice: Invoice, by, subject: str, notes: str = "", payment_terms: str = "", contact=None
) -> Invoice:
    """Change a draft's header; an issued invoice is refused (a credit note corrects it)."""
    _check_office(by)
    invoice = _locked(invoice)
    _check_draft(invoice)
    if contact is not None and contact.client_id != invoice.client_id:
        raise ValidationError({"contact": _("This contact is not one of the client's.")})
    subject = _clean_text(subject, field="subject", limit=SUBJECT_MAX_LENGTH)
    if not subject:
        raise ValidationError({"subject": _("Give the invoice a subject.")})
    invoice.subject = subject
    invoice.notes = _clean_text(notes, field="notes", limit=NOTES_MAX_LENGTH)
    invoice.payment_terms = _clean_text(payment_terms, field="payment_terms", limit=TERMS_MAX_LENGTH)
    invoice.contact = contact
    invoice.save(update_fields=["subject", "notes", "payment_terms", "contact"])
    return invoice


@transaction.atomic
def invoice_delete(*, invoice: Invoice, by) -> None:
    """Delete a draft (an issued invoice or credit note is kept for ever)."""
    _check_office(by)
    invoice = _locked(invoice)
    if invoice.status != InvoiceStatus.DRAFT:
        raise ValidationError(_("An issued invoice is never deleted: issue a credit note to cancel it."))
    invoice.delete()


# --- issuing --------------------------------------------------------------------------------------


def invoice_details(invoice: Invoice) -> dict:
    """The seller's and the client's details and the payment terms (IBAN, penalty rate): as frozen at
    issue, or as they are now for a draft. ``apps.quotes.pdf.issued_details_of``'s snapshot (what the
    printed invoice reads), with the client's address in parts as the Factur-X XML needs them."""
    if invoice.issued_details:
        return invoice.issued_details
    return snapshot(invoice.client, invoice.contact)


def snapshot(client, contact=None) -> dict:
    details = issued_details_of(client=client, contact=contact)
    details["seller"]["country"] = "FR"
    details["client"].update(
        {
            "address": client.address,
            "address_extra": client.address_extra,
            "postal_code": client.postal_code,
            "city": client.city,
            "country": client.country or "FR",
        }
    )
    return details


def legal_mentions(invoice: Invoice, details: dict | None = None) -> list[tuple[str, str]]:
    """The mentions French law asks of an invoice, as (UNTDID 4451 subject code, text), in the active
    language (the PDF and the XML render them in French): late-payment penalties, the €40 recovery
    indemnity (a business client), no discount for early payment, and the VAT exemption if any."""
    details = details or invoice_details(invoice)
    seller, client = details.get("seller") or {}, details.get("client") or {}
    mentions = []
    if not invoice.is_credit_note:
        rate = (details.get("terms") or {}).get("late_penalty_rate") or QuoteSettings.current().late_penalty_rate
        mentions.append(("PMD", _("Late payment: penalties at %(rate)s.") % {"rate": rate}))
        if client.get("is_business", True):
            mentions.append(("PMT", _("Fixed indemnity for recovery costs in case of late payment: €40.")))
        mentions.append(("AAB", _("No discount for early payment.")))
    if seller.get("vat_exempt"):
        mentions.append(("TXD", "TVA non applicable, art. 293 B du CGI"))
    return mentions


def due_days(client) -> int:
    days = getattr(client, "payment_terms_days", None)
    return QuoteSettings.current().invoice_due_days if days is None else int(days)


def _check_issuable(invoice: Invoice, lines: list) -> None:
    if not _priced(lines):
        raise ValidationError(_("This invoice has no priced line."))
    if not invoice.client.has_address:
        raise ValidationError(
            _("%(client)s has no full billing address (street, postal code, city): complete it before issuing.")
            % {"client": invoice.client.name}
        )
    seller = Company.objects.filter(pk=1).first()
    if seller is None or not seller.siren or not seller.legal_name:
        raise ValidationError(_("The company's legal details (name, SIREN) are missing: fill them in first."))
    if invoice.is_credit_note:
        _lock_quote_of_deposit(invoice.credited_invoice)
        credited = Invoice.objects.select_for_update(of=("self",)).get(pk=invoice.credited_invoice_id)
        if credited.status not in CREDITABLE_STATUSES:
            raise ValidationError(_("The invoice this credit note corrects is already cancelled in full."))
        check_deposit_not_deducted(credited)
        left = _left_to_credit(credited, exclude=invoice)
        for line in _priced(lines):
            if line.quantity > left.get(line.position, ZERO):
                raise ValidationError(
                    _("The credit note credits more than is left of “%(line)s” on %(number)s.")
                    % {"line": line.description[:60], "number": credited.number}
                )


@transaction.atomic
def invoice_issue(*, invoice: Invoice, by) -> Invoice:
    """Issue a draft invoice, deposit invoice or credit note (see the module docstring).

    The number is taken last, once every check has passed; the PDF is made after it, in the same
    transaction: if it fails, nothing is kept and the number is not used."""
    from apps.quotes.facturx import facturx_pdf

    _check_office(by)
    invoice = _locked(invoice)
    if invoice.status != InvoiceStatus.DRAFT:
        raise ValidationError(_("%(number)s is already issued.") % {"number": invoice.number or invoice.pk})
    lines = list(invoice.lines.all())
    _check_issuable(invoice, lines)
    invoice = recompute_totals(invoice)
    if invoice.total_incl_vat <= 0 and invoice.is_credit_note:
        raise ValidationError(_("A credit note must credit a positive amount."))
    if invoice.is_credit_note:
        left = _left_to_credit(invoice.credited_invoice, exclude=invoice)
        taken: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for line in _priced(lines):
            taken[line.position] += line.quantity
        closes = all(taken[position] == quantity for position, quantity in left.items())
        _check_credit_amount(invoice, invoice.credited_invoice, drafts=False, closes=closes)
    today = timezone.localdate()
    invoice.issue_date = today
    invoice.due_date = today if invoice.is_credit_note else today + dt.timedelta(days=due_days(invoice.client))
    invoice.issued_details = snapshot(invoice.client, invoice.contact)
    invoice.issued_at = timezone.now()
    invoice.year = today.year
    prefix = CREDIT_NOTE_PREFIX if invoice.is_credit_note else INVOICE_PREFIX
    invoice.number = formatted(prefix, today.year, next_number(prefix, today.year))
    invoice.status = InvoiceStatus.ISSUED
    if not invoice.is_credit_note and invoice.total_incl_vat == 0:
        invoice.status, invoice.paid_on = InvoiceStatus.PAID, today  # deposits covered everything
    invoice.pdf.save(f"{invoice.number}.pdf", ContentFile(facturx_pdf(invoice)), save=False)
    invoice.save()
    if invoice.is_credit_note:
        _settle_credited(invoice.credited_invoice)
    return invoice


# --- credit notes ---------------------------------------------------------------------------------


def _left_to_credit(invoice: Invoice, *, exclude: Invoice | None = None, drafts: bool = False) -> dict[int, Decimal]:
    """{position: quantity left to credit} of ``invoice``'s priced lines, its issued credit notes (and,
    with ``drafts``, its draft ones) taken off."""
    statuses = CREDITABLE_STATUSES | {InvoiceStatus.CREDITED} | ({InvoiceStatus.DRAFT} if drafts else set())
    credited = InvoiceLine.objects.filter(
        invoice__credited_invoice=invoice, invoice__status__in=statuses, kind__in=PRICED_KINDS
    )
    if exclude is not None:
        credited = credited.exclude(invoice=exclude)
    taken: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for position, quantity in credited.values_list("position", "quantity"):
        taken[position] += quantity
    return {
        line.position: max(line.quantity - taken[line.position], ZERO)
        for line in invoice.lines.all()
        if line.kind in PRICED_KINDS
    }


def _amount_left_to_credit(invoice: Invoice, *, exclude: Invoice | None = None, drafts: bool = False) -> Decimal:
    """The invoice's total incl. VAT less its credit notes' (issued ones, and with ``drafts`` the draft
    ones): what a credit note may still credit, whichever lines it picks."""
    notes = invoice.credit_notes.exclude(status=InvoiceStatus.DRAFT) if not drafts else invoice.credit_notes.all()
    if exclude is not None:
        notes = notes.exclude(pk=exclude.pk)
    credited = notes.aggregate(total=Sum("total_incl_vat"))["total"] or ZERO
    return invoice.total_incl_vat - credited


def _check_credit_amount(note: Invoice, credited: Invoice, *, drafts: bool, closes: bool) -> None:
    """Picking the priced lines of a final invoice but not its (negative) deposit deductions would credit
    more than the invoice asked for: refused. A note that ``closes`` the invoice (takes every quantity
    left) credits the remainder by definition: the cents of partial notes' rounding do not block it."""
    if closes:
        return
    left = _amount_left_to_credit(credited, exclude=note, drafts=drafts)
    if note.total_incl_vat > left:
        raise ValidationError(
            _(
                "A credit note cannot credit more than is left of %(number)s (%(left)s € incl. VAT): "
                "credit its deposit deductions with its lines."
            )
            % {"number": credited.number, "left": f"{max(left, ZERO):.2f}"}
        )


def credit_left(invoice: Invoice) -> dict[int, Decimal]:
    """What is left to credit of each priced line (by position), draft credit notes counted."""
    return _left_to_credit(invoice, drafts=True)


def _settle_credited(invoice: Invoice) -> None:
    """An invoice whose every line is credited by issued credit notes is CREDITED (cancelled)."""
    invoice = Invoice.objects.select_for_update(of=("self",)).get(pk=invoice.pk)
    left = _left_to_credit(invoice)
    if not any(quantity > 0 for quantity in left.values()):
        invoice.status = InvoiceStatus.CREDITED
        invoice.save(update_fields=["status"])
    elif invoice.status == InvoiceStatus.ISSUED and amount_due(invoice) == 0:
        invoice.status, invoice.paid_on = InvoiceStatus.PAID, timezone.localdate()
        invoice.save(update_fields=["status", "paid_on"])


@transaction.atomic
def credit_note_create(
    *,
    invoice: Invoice,
    by,
    lines: dict[int, Decimal] | None = None,
    full: bool = False,
    token: uuid.UUID | None = None,
) -> Invoice:
    """A draft credit note of the issued ``invoice``: every line left (``full``) or ``lines``
    ({invoice line id: quantity}), never more than is left to credit of a line."""
    _check_office(by)
    existing = _existing(by, token, credited_invoice=invoice)
    if existing is not None:
        return existing
    _lock_quote_of_deposit(invoice)
    invoice = _locked(invoice)
    existing = _existing(by, token, credited_invoice=invoice)  # committed while this one waited
    if existing is not None:
        return existing
    if invoice.is_credit_note:
        raise ValidationError(_("A credit note cannot itself be credited."))
    if invoice.status not in CREDITABLE_STATUSES:
        raise ValidationError(_("Only an issued invoice that is not already cancelled can be credited."))
    check_deposit_not_deducted(invoice)
    left = credit_left(invoice)
    source = {line.pk: line for line in invoice.lines.all() if line.kind in PRICED_KINDS}
    wanted: dict[int, Decimal] = {}
    if full:
        wanted = {pk: left.get(line.position, ZERO) for pk, line in source.items()}
    else:
        for line_id, quantity in (lines or {}).items():
            try:
                line_id, quantity = int(line_id), Decimal(quantity)
            except (InvalidOperation, TypeError, ValueError):
                raise ValidationError(_("Enter quantities as numbers.")) from None
            if line_id not in source:
                raise ValidationError(_("This line is not one of the invoice's."))
            if not quantity.is_finite() or quantity < 0:
                raise ValidationError(_("A quantity to credit cannot be negative."))
            if quantity > left.get(source[line_id].position, ZERO):
                raise ValidationError(
                    _("You cannot credit more than is left of “%(line)s”: %(left)s.")
                    % {
                        "line": source[line_id].description[:60],
                        "left": f"{left.get(source[line_id].position, ZERO).normalize():f}",
                    }
                )
            wanted[line_id] = quantity.quantize(Decimal("0.001"))
    wanted = {pk: quantity for pk, quantity in wanted.items() if quantity > 0}
    if not wanted:
        raise ValidationError(_("Nothing is left to credit: choose at least one line and a quantity."))
    note = Invoice(
        kind=InvoiceKind.CREDIT_NOTE,
        client=invoice.client,
        contact=invoice.contact,
        quote=invoice.quote,
        credited_invoice=invoice,
        subject=invoice.subject,
        discount_percent=invoice.discount_percent,
        created_by=by,
        creation_token=token,
    )
    note, created = _save_new(note, by, token)
    if not created:
        return note
    new_lines = []
    for pk, quantity in wanted.items():
        line = _copy_line(source[pk], source[pk].position)
        line.invoice, line.quantity = note, quantity
        line.deposit_invoice = source[pk].deposit_invoice
        new_lines.append(line)
    InvoiceLine.objects.bulk_create(new_lines)
    note = recompute_totals(note)
    if note.total_incl_vat <= 0:
        raise ValidationError(_("A credit note must credit a positive amount: add a priced line."))
    closes = all(wanted.get(pk, ZERO) == left.get(line.position, ZERO) for pk, line in source.items())
    _check_credit_amount(note, invoice, drafts=True, closes=closes)
    return note


# --- payments -------------------------------------------------------------------------------------


def credited_total(invoice: Invoice) -> Decimal:
    """The total incl. VAT of the issued credit notes of ``invoice``."""
    return invoice.credit_notes.exclude(status=InvoiceStatus.DRAFT).aggregate(total=Sum("total_incl_vat"))[
        "total"
    ] or Decimal("0.00")


def amount_due(invoice: Invoice) -> Decimal:
    """What the client still owes: the total less the payments and the issued credit notes."""
    if invoice.status == InvoiceStatus.DRAFT or invoice.is_credit_note:
        return Decimal("0.00")
    return max(invoice.total_incl_vat - invoice.amount_paid - credited_total(invoice), Decimal("0.00"))


@transaction.atomic
def payment_record(
    *,
    invoice: Invoice,
    by,
    paid_on: dt.date,
    amount: Decimal,
    method: str = PaymentMethod.TRANSFER,
    reference: str = "",
    token: uuid.UUID | None = None,
) -> Payment:
    """Record a payment of ``amount`` on ``paid_on``; ``token`` makes a double submit record it once."""
    _check_office(by)
    if token is not None:
        existing = Payment.objects.filter(token=token).select_related("invoice").first()
        if existing is not None:
            if existing.invoice_id != invoice.pk:
                raise ValidationError(_("This form was already used for another invoice: reload the page."))
            return existing
    invoice = _locked(invoice)
    if token is not None:  # the first submit may have committed while this one waited for the lock
        existing = Payment.objects.filter(token=token).first()
        if existing is not None:
            return existing
    if invoice.is_credit_note or invoice.status not in PAYABLE_STATUSES:
        raise ValidationError(_("A payment can only be recorded on an issued invoice that is not paid yet."))
    try:
        amount = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({"amount": _("Enter an amount.")}) from None
    if not amount.is_finite() or amount <= 0:
        raise ValidationError({"amount": _("The amount must be more than zero.")})
    if amount != amount.quantize(CENT):
        raise ValidationError({"amount": _("Enter the amount to the cent.")})
    due = amount_due(invoice)
    if amount > due:
        raise ValidationError({"amount": _("The amount is more than what is due (%(due)s €).") % {"due": f"{due:.2f}"}})
    today = timezone.localdate()
    if not isinstance(paid_on, dt.date) or paid_on > today:
        raise ValidationError({"paid_on": _("A payment cannot be dated in the future.")})
    if invoice.issue_date and paid_on < invoice.issue_date:
        raise ValidationError({"paid_on": _("A payment cannot be dated before the invoice date.")})
    if method not in PaymentMethod.values:
        raise ValidationError({"method": _("Choose a payment method.")})
    payment = Payment(
        invoice=invoice,
        paid_on=paid_on,
        amount=amount,
        method=method,
        reference=_clean_text(reference, field="reference", limit=REFERENCE_MAX_LENGTH),
        recorded_by=by,
        token=token or uuid.uuid4(),
    )
    payment.save()
    invoice.amount_paid += amount
    fields = ["amount_paid"]
    if amount_due(invoice) == 0:
        invoice.status = InvoiceStatus.PAID
        invoice.paid_on = max(invoice.payments.values_list("paid_on", flat=True))
        fields += ["status", "paid_on"]
    invoice.save(update_fields=fields)
    return payment


# --- sending --------------------------------------------------------------------------------------


def recipient_of(invoice: Invoice) -> str:
    if invoice.contact is not None and invoice.contact.email:
        return invoice.contact.email
    return invoice.client.email


@transaction.atomic
def invoice_send(*, invoice: Invoice, by) -> Invoice:
    """E-mail the issued invoice's Factur-X PDF to the client (its contact, else the client's address)
    through the outbox; sending again sends it again."""
    _check_office(by)
    invoice = _locked(invoice)
    if invoice.status == InvoiceStatus.DRAFT or not invoice.pdf:
        raise ValidationError(_("Issue the invoice before sending it."))
    to = recipient_of(invoice)
    if not to:
        raise ValidationError(_("Neither the client nor its contact has an e-mail address: add one to send it."))
    with invoice.pdf.open("rb") as handle:
        data = handle.read()
    company = Company.objects.filter(pk=1).first()
    email_queue_external(
        to=to,
        kind="quotes_invoice_client",
        context={
            "invoice": invoice,
            "contact": invoice.contact,
            "by": by,
            "company_name": (company.trade_name or company.legal_name) if company else "",
            "is_credit_note": invoice.is_credit_note,
        },
        language=DOCUMENT_LANGUAGE,
        attachment=data,
        attachment_name=f"{invoice.number}.pdf",
    )
    invoice.sent_at = timezone.now()
    invoice.save(update_fields=["sent_at"])
    return invoice
