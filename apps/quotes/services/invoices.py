"""Invoices to clients: made from an accepted quote, changed while a draft, issued with a gap-free
number, sent.

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
- ``invoice_send``: the Factur-X PDF e-mailed to the client through the outbox;
- ``invoice_delete``: drafts only (an issued invoice is never deleted: a credit note corrects it).

Credit notes are made in ``credit_notes.py``, payments recorded in ``payments.py``; what they all share
(locks, checks, the amounts left to credit and still due) is in ``invoicing.py``, and what an invoice
prints beside its lines (details, legal mentions) in ``apps/quotes/mentions.py``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.accounts.models import Company
from apps.core.money import CENT, HUNDRED, ZERO, to_cent
from apps.core.numbering import formatted, next_number
from apps.notifications.services import email_queue_external
from apps.quotes.facturx import facturx_pdf
from apps.quotes.mentions import due_days, snapshot
from apps.quotes.models import (
    CREDIT_NOTE_PREFIX,
    INVOICE_PREFIX,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    LineKind,
    Quote,
    QuoteStatus,
)
from apps.quotes.services.credit_notes import check_credit_amount, settle_credited
from apps.quotes.services.invoicing import (
    CREDITABLE_STATUSES,
    DOCUMENT_LANGUAGE,
    LIVE_STATUSES,
    NOTES_MAX_LENGTH,
    SUBJECT_MAX_LENGTH,
    TERMS_MAX_LENGTH,
    check_deposit_not_deducted,
    check_draft,
    check_office,
    clean_text,
    copy_line,
    left_to_credit,
    lock_quote_of_deposit,
    locked_invoice,
    made_by_token,
    priced_lines,
    recompute_totals,
    save_new,
)
from apps.quotes.totals import totals_of

# --- who, what, which row -------------------------------------------------------------------------


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


# --- from a quote ---------------------------------------------------------------------------------


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
    left = left_to_credit(deposit)
    per_rate: dict[Decimal, Decimal] = defaultdict(lambda: ZERO)
    for line in priced_lines(deposit.lines.all()):
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
    check_office(by)
    existing = made_by_token(by, token, quote=quote)
    if existing is not None:
        return existing
    quote = _locked_quote(quote)
    existing = made_by_token(by, token, quote=quote)  # committed while this one waited
    if existing is not None:
        return existing
    _check_no_final_invoice(quote)
    deposits = list(deposits_of(quote).prefetch_related("lines"))
    if any(deposit.status == InvoiceStatus.DRAFT for deposit in deposits):
        raise ValidationError(_("A deposit invoice of this quote is still a draft: issue it or delete it first."))
    source_lines = list(quote.lines.order_by("position", "pk"))
    if not priced_lines(source_lines):
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
    invoice, created = save_new(invoice, by, token)
    if not created:
        return invoice
    lines = [copy_line(source, position) for position, source in enumerate(source_lines, start=1)]
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
    check_office(by)
    existing = made_by_token(by, token, quote=quote)
    if existing is not None:
        return existing
    try:
        percent = Decimal(percent).quantize(CENT)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({"percent": _("Enter a percentage.")}) from None
    if not ZERO < percent <= HUNDRED:
        raise ValidationError({"percent": _("A deposit is between 0 and 100 % of the quote.")})
    quote = _locked_quote(quote)
    existing = made_by_token(by, token, quote=quote)  # committed while this one waited
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
    invoice, created = save_new(invoice, by, token)
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
    check_office(by)
    invoice = locked_invoice(invoice)
    check_draft(invoice)
    if contact is not None and contact.client_id != invoice.client_id:
        raise ValidationError({"contact": _("This contact is not one of the client's.")})
    subject = clean_text(subject, field="subject", limit=SUBJECT_MAX_LENGTH)
    if not subject:
        raise ValidationError({"subject": _("Give the invoice a subject.")})
    invoice.subject = subject
    invoice.notes = clean_text(notes, field="notes", limit=NOTES_MAX_LENGTH)
    invoice.payment_terms = clean_text(payment_terms, field="payment_terms", limit=TERMS_MAX_LENGTH)
    invoice.contact = contact
    invoice.save(update_fields=["subject", "notes", "payment_terms", "contact"])
    return invoice


@transaction.atomic
def invoice_delete(*, invoice: Invoice, by) -> None:
    """Delete a draft (an issued invoice or credit note is kept for ever)."""
    check_office(by)
    invoice = locked_invoice(invoice)
    if invoice.status != InvoiceStatus.DRAFT:
        raise ValidationError(_("An issued invoice is never deleted: issue a credit note to cancel it."))
    invoice.delete()


# --- issuing --------------------------------------------------------------------------------------


def _check_issuable(invoice: Invoice, lines: list) -> None:
    if not priced_lines(lines):
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
        lock_quote_of_deposit(invoice.credited_invoice)
        credited = Invoice.objects.select_for_update(of=("self",)).get(pk=invoice.credited_invoice_id)
        if credited.status not in CREDITABLE_STATUSES:
            raise ValidationError(_("The invoice this credit note corrects is already cancelled in full."))
        check_deposit_not_deducted(credited)
        left = left_to_credit(credited, exclude=invoice)
        for line in priced_lines(lines):
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
    check_office(by)
    invoice = locked_invoice(invoice)
    if invoice.status != InvoiceStatus.DRAFT:
        raise ValidationError(_("%(number)s is already issued.") % {"number": invoice.number or invoice.pk})
    lines = list(invoice.lines.all())
    _check_issuable(invoice, lines)
    invoice = recompute_totals(invoice)
    if invoice.total_incl_vat <= 0 and invoice.is_credit_note:
        raise ValidationError(_("A credit note must credit a positive amount."))
    if invoice.is_credit_note:
        left = left_to_credit(invoice.credited_invoice, exclude=invoice)
        taken: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for line in priced_lines(lines):
            taken[line.position] += line.quantity
        closes = all(taken[position] == quantity for position, quantity in left.items())
        check_credit_amount(invoice, invoice.credited_invoice, drafts=False, closes=closes)
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
        settle_credited(invoice.credited_invoice)
    return invoice


# --- credit notes ---------------------------------------------------------------------------------


# --- payments -------------------------------------------------------------------------------------


# --- sending --------------------------------------------------------------------------------------


def recipient_of(invoice: Invoice) -> str:
    if invoice.contact is not None and invoice.contact.email:
        return invoice.contact.email
    return invoice.client.email


@transaction.atomic
def invoice_send(*, invoice: Invoice, by) -> Invoice:
    """E-mail the issued invoice's Factur-X PDF to the client (its contact, else the client's address)
    through the outbox; sending again sends it again."""
    check_office(by)
    invoice = locked_invoice(invoice)
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
