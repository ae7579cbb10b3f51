"""Payments of client invoices: recorded under the invoice's lock, never more than is due, once per
form (its token); the invoice is PAID once nothing is due."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.money import CENT
from apps.quotes.models import (
    Invoice,
    InvoiceStatus,
    Payment,
    PaymentMethod,
)
from apps.quotes.services.invoicing import (
    PAYABLE_STATUSES,
    REFERENCE_MAX_LENGTH,
    amount_due,
    check_office,
    clean_text,
    locked_invoice,
)


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
    check_office(by)
    if token is not None:
        existing = Payment.objects.filter(token=token).select_related("invoice").first()
        if existing is not None:
            if existing.invoice_id != invoice.pk:
                raise ValidationError(_("This form was already used for another invoice: reload the page."))
            return existing
    invoice = locked_invoice(invoice)
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
        reference=clean_text(reference, field="reference", limit=REFERENCE_MAX_LENGTH),
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
