"""The quotes app's figures for the dashboard, the director's agenda and the agenda: quotes awaiting an
answer, accepted this month, expiring soon, client invoices unpaid and overdue, quote expiries.

Every function costs one query whatever the number of quotes and invoices (an aggregate, or one
bounded list).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from apps.quotes.models import ANSWERABLE_STATUSES, Invoice, InvoiceKind, InvoiceStatus, Quote, QuoteStatus

EXPIRING_DAYS = 7  # "expiring soon": valid until today or within the next seven days
MAX_AGENDA_ITEMS = 200
ZERO = Decimal("0.00")
AWAITING = Q(status__in=ANSWERABLE_STATUSES)


def _money(expression) -> Coalesce:
    return Coalesce(expression, Value(ZERO), output_field=DecimalField(max_digits=14, decimal_places=2))


def _month_start(today: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(today.replace(day=1), dt.time.min))


def quote_figures(today: dt.date) -> dict:
    """Awaiting an answer (issued or sent: count, total excl. VAT), accepted since the 1st of the month
    (count, total excl. VAT), expiring within ``EXPIRING_DAYS`` days (count): one query."""
    accepted = Q(status=QuoteStatus.ACCEPTED, accepted_at__gte=_month_start(today))
    expiring = AWAITING & Q(valid_until__gte=today, valid_until__lte=today + dt.timedelta(days=EXPIRING_DAYS))
    return Quote.objects.aggregate(
        awaiting=Count("pk", filter=AWAITING),
        awaiting_amount=_money(Sum("total_excl_vat", filter=AWAITING)),
        accepted=Count("pk", filter=accepted),
        accepted_amount=_money(Sum("total_excl_vat", filter=accepted)),
        expiring=Count("pk", filter=expiring),
    )


def awaiting_answer() -> dict:
    """Quotes awaiting an answer: count and total excl. VAT (one query)."""
    return Quote.objects.aggregate(
        awaiting=Count("pk", filter=AWAITING), awaiting_amount=_money(Sum("total_excl_vat", filter=AWAITING))
    )


def unpaid_invoice_figures(today: dt.date) -> dict:
    """Issued invoices and deposit invoices not paid in full (credit notes aside): count, amount due
    (incl. VAT, less what was paid), and how many are past their due date: one query."""
    unpaid = Q(status=InvoiceStatus.ISSUED) & ~Q(kind=InvoiceKind.CREDIT_NOTE)
    overdue = unpaid & Q(due_date__lt=today)
    return Invoice.objects.aggregate(
        unpaid=Count("pk", filter=unpaid),
        amount_due=_money(Sum(F("total_incl_vat") - F("amount_paid"), filter=unpaid)),
        overdue=Count("pk", filter=overdue),
        overdue_amount=_money(Sum(F("total_incl_vat") - F("amount_paid"), filter=overdue)),
    )


def expiries_between(author, start: dt.date, end: dt.date) -> list[Quote]:
    """The quotes ``author`` wrote that await an answer and expire between ``start`` and ``end`` (one query)."""
    return list(
        Quote.objects.filter(AWAITING, created_by=author, valid_until__range=(start, end))
        .select_related("client")
        .only("pk", "number", "version", "subject", "valid_until", "client__name")
        .order_by("valid_until", "pk")[:MAX_AGENDA_ITEMS]
    )
