"""What every invoice service shares: who may write, the invoice's row lock, the checks of a draft's
text, the totals stored from ``totals_of``, the one-time form tokens, and the amounts: what is left to
credit of an invoice (by line and in euros) and what the client still owes.

A credit-note line keeps the ``position`` of the invoice line it credits: invoice lines are numbered
1, 2, 3… by these services, so what is left to credit of a line is its quantity less the quantities of
the credit-note lines at its position.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from apps.core.money import ZERO
from apps.quotes.models import (
    PRICED_KINDS,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    Quote,
)
from apps.quotes.totals import TOTAL_FIELDS, apply_totals

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


def check_office(by) -> None:
    if not (by.is_active and by.is_office_manager):
        raise PermissionDenied(_("Only an office manager manages invoices."))


def locked_invoice(invoice: Invoice) -> Invoice:
    return (
        Invoice.objects.select_for_update(of=("self",))
        .select_related("client", "contact", "quote", "credited_invoice")
        .get(pk=invoice.pk)
    )


def clean_text(value: str, *, field: str, limit: int) -> str:
    value = (value or "").strip()
    if "\x00" in value:  # PostgreSQL refuses it in text
        raise ValidationError({field: _("Null characters are not allowed.")})
    if len(value) > limit:
        raise ValidationError({field: _("At most %(max)d characters.") % {"max": limit}})
    return value


def check_draft(invoice: Invoice) -> None:
    if invoice.status != InvoiceStatus.DRAFT:
        raise ValidationError(
            _("%(number)s is issued and can no longer be changed: issue a credit note instead.")
            % {"number": invoice.number}
        )


def priced_lines(lines) -> list:
    return [line for line in lines if line.kind in PRICED_KINDS]


def recompute_totals(invoice: Invoice) -> Invoice:
    """Store ``totals_of`` the invoice's lines on the row (after any change of its lines)."""
    apply_totals(invoice)
    if invoice.total_excl_vat < 0 or invoice.total_incl_vat < 0:
        raise ValidationError(_("The total of this document would be negative: nothing was saved."))
    invoice.save(update_fields=TOTAL_FIELDS)
    return invoice


def made_by_token(by, token, **source) -> Invoice | None:
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


def save_new(invoice: Invoice, by, token) -> tuple[Invoice, bool]:
    """Save a new invoice row; (the row made by the same token before, False) when posted twice at once."""
    try:
        with transaction.atomic():
            invoice.save()
    except IntegrityError:
        existing = made_by_token(by, token)
        if existing is None:
            raise
        return existing, False
    return invoice, True


def copy_line(source, position: int) -> InvoiceLine:
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


def lock_quote_of_deposit(invoice: Invoice) -> None:
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


def left_to_credit(invoice: Invoice, *, exclude: Invoice | None = None, drafts: bool = False) -> dict[int, Decimal]:
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


def amount_left_to_credit(invoice: Invoice, *, exclude: Invoice | None = None, drafts: bool = False) -> Decimal:
    """The invoice's total incl. VAT less its credit notes' (issued ones, and with ``drafts`` the draft
    ones): what a credit note may still credit, whichever lines it picks."""
    notes = invoice.credit_notes.exclude(status=InvoiceStatus.DRAFT) if not drafts else invoice.credit_notes.all()
    if exclude is not None:
        notes = notes.exclude(pk=exclude.pk)
    credited = notes.aggregate(total=Sum("total_incl_vat"))["total"] or ZERO
    return invoice.total_incl_vat - credited


def credit_left(invoice: Invoice) -> dict[int, Decimal]:
    """What is left to credit of each priced line (by position), draft credit notes counted."""
    return left_to_credit(invoice, drafts=True)


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
