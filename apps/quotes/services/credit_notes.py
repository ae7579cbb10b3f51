"""Credit notes (avoirs): a draft credit note of an issued invoice, in full or chosen lines and
quantities, never more than is left to credit; the checks its issue repeats, and the invoice cancelled
(CREDITED) once every line is credited. Issuing a credit note is ``invoices.invoice_issue`` (AV series).
"""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.money import ZERO
from apps.quotes.models import (
    PRICED_KINDS,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
)
from apps.quotes.services.invoicing import (
    CREDITABLE_STATUSES,
    amount_due,
    amount_left_to_credit,
    check_deposit_not_deducted,
    check_office,
    copy_line,
    credit_left,
    left_to_credit,
    lock_quote_of_deposit,
    locked_invoice,
    made_by_token,
    recompute_totals,
    save_new,
)


def check_credit_amount(note: Invoice, credited: Invoice, *, drafts: bool, closes: bool) -> None:
    """Picking the priced lines of a final invoice but not its (negative) deposit deductions would credit
    more than the invoice asked for: refused. A note that ``closes`` the invoice (takes every quantity
    left) credits the remainder by definition: the cents of partial notes' rounding do not block it."""
    if closes:
        return
    left = amount_left_to_credit(credited, exclude=note, drafts=drafts)
    if note.total_incl_vat > left:
        raise ValidationError(
            _(
                "A credit note cannot credit more than is left of %(number)s (%(left)s € incl. VAT): "
                "credit its deposit deductions with its lines."
            )
            % {"number": credited.number, "left": f"{max(left, ZERO):.2f}"}
        )


def settle_credited(invoice: Invoice) -> None:
    """An invoice whose every line is credited by issued credit notes is CREDITED (cancelled)."""
    invoice = Invoice.objects.select_for_update(of=("self",)).get(pk=invoice.pk)
    left = left_to_credit(invoice)
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
    check_office(by)
    existing = made_by_token(by, token, credited_invoice=invoice)
    if existing is not None:
        return existing
    lock_quote_of_deposit(invoice)
    invoice = locked_invoice(invoice)
    existing = made_by_token(by, token, credited_invoice=invoice)  # committed while this one waited
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
    note, created = save_new(note, by, token)
    if not created:
        return note
    new_lines = []
    for pk, quantity in wanted.items():
        line = copy_line(source[pk], source[pk].position)
        line.invoice, line.quantity = note, quantity
        line.deposit_invoice = source[pk].deposit_invoice
        new_lines.append(line)
    InvoiceLine.objects.bulk_create(new_lines)
    note = recompute_totals(note)
    if note.total_incl_vat <= 0:
        raise ValidationError(_("A credit note must credit a positive amount: add a priced line."))
    closes = all(wanted.get(pk, ZERO) == left.get(line.position, ZERO) for pk, line in source.items())
    check_credit_amount(note, invoice, drafts=True, closes=closes)
    return note
