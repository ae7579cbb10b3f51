"""Reading invoices: who may see them (the office manager and the director; nobody else), the list's
page with its tabs and the total still unpaid, one invoice's page, and the invoices panel of a quote's
page. Each costs a fixed number of queries whatever the number of invoices, lines and payments."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, DecimalField, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from apps.core.permissions import get_visible_or_404
from apps.quotes import mentions as invoice_mentions
from apps.quotes.models import (
    Client,
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    QuoteSettings,
    QuoteStatus,
)
from apps.quotes.services import invoices as services
from apps.quotes.services import invoicing
from apps.quotes.totals import net_of, totals_of

PAGE_SIZE = 25
SEARCH_MAX_LENGTH = 100
ALL, DRAFTS, UNPAID, OVERDUE, CREDIT_NOTES = "", "drafts", "unpaid", "overdue", "credit"
TABS = (ALL, DRAFTS, UNPAID, OVERDUE, CREDIT_NOTES)
ZERO = Decimal("0.00")


def may_see_invoices(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and (user.is_office_manager or user.is_director))


def invoices_visible_to(user) -> QuerySet[Invoice]:
    if not may_see_invoices(user):
        return Invoice.objects.none()
    return Invoice.objects.all()


def invoice_for_page(user, pk) -> Invoice:
    """The invoice ``pk`` if ``user`` may see it (404 otherwise), with what its header shows."""
    queryset = invoices_visible_to(user).select_related("client", "contact", "quote", "credited_invoice", "created_by")
    return get_visible_or_404(queryset, pk=pk)


def client_choices(user) -> list[tuple[int, str]]:
    if not may_see_invoices(user):
        return []
    return list(
        Client.objects.filter(invoices__isnull=False).distinct().order_by("name", "pk").values_list("pk", "name")
    )


def _credited_sum() -> Subquery:
    """The total of an invoice's issued credit notes (a subquery on the invoice row)."""
    notes = (
        Invoice.objects.filter(credited_invoice=OuterRef("pk"))
        .exclude(status=InvoiceStatus.DRAFT)
        .order_by()
        .values("credited_invoice")
        .annotate(total=Sum("total_incl_vat"))
        .values("total")
    )
    return Coalesce(Subquery(notes), Value(ZERO), output_field=DecimalField(max_digits=12, decimal_places=2))


def _unpaid(queryset: QuerySet[Invoice]) -> QuerySet[Invoice]:
    return queryset.filter(status=InvoiceStatus.ISSUED).exclude(kind=InvoiceKind.CREDIT_NOTE)


def _tab(queryset: QuerySet[Invoice], tab: str, today) -> QuerySet[Invoice]:
    if tab == DRAFTS:
        return queryset.filter(status=InvoiceStatus.DRAFT)
    if tab == UNPAID:
        return _unpaid(queryset)
    if tab == OVERDUE:
        return _unpaid(queryset).filter(due_date__lt=today)
    if tab == CREDIT_NOTES:
        return queryset.filter(kind=InvoiceKind.CREDIT_NOTE)
    return queryset


@dataclass(frozen=True)
class Listing:
    page: Page
    counts: dict[str, int]
    unpaid_total: Decimal
    overdue_total: Decimal
    today: object


def invoice_list_page(
    user, *, tab: str = ALL, client_id: int | None = None, search: str = "", page: int = 1
) -> Listing:
    today = timezone.localdate()
    base = invoices_visible_to(user)
    if client_id:
        base = base.filter(client_id=client_id)
    search = (search or "").strip()[:SEARCH_MAX_LENGTH]
    if search:
        base = base.filter(
            Q(number__icontains=search)
            | Q(subject__icontains=search)
            | Q(client__name__icontains=search)
            | Q(quote__number__icontains=search)
        )
    counts = base.aggregate(
        drafts=_count(Q(status=InvoiceStatus.DRAFT)),
        unpaid=_count(Q(status=InvoiceStatus.ISSUED) & ~Q(kind=InvoiceKind.CREDIT_NOTE)),
        overdue=_count(Q(status=InvoiceStatus.ISSUED, due_date__lt=today) & ~Q(kind=InvoiceKind.CREDIT_NOTE)),
        credit=_count(Q(kind=InvoiceKind.CREDIT_NOTE)),
        all=_count(Q()),
    )
    counts[ALL] = counts.pop("all")
    due = (
        _unpaid(base)
        .annotate(credited=_credited_sum())
        .annotate(due=F("total_incl_vat") - F("amount_paid") - F("credited"))
    )
    sums = due.aggregate(unpaid=Sum("due"), overdue=Sum("due", filter=Q(due_date__lt=today)))
    rows = (
        _tab(base, tab if tab in TABS else ALL, today)
        .select_related("client", "quote", "credited_invoice")
        .annotate(credited=_credited_sum())
        .order_by(F("issue_date").desc(nulls_first=True), "-pk")
    )
    paginator = Paginator(rows, PAGE_SIZE)
    return Listing(
        page=paginator.get_page(page),
        counts=counts,
        unpaid_total=sums["unpaid"] or ZERO,
        overdue_total=sums["overdue"] or ZERO,
        today=today,
    )


def _count(condition: Q) -> Count:
    return Count("pk", filter=condition)


def invoice_page(invoice: Invoice) -> dict:
    """What an invoice's page shows: its lines with their net amounts, the totals per VAT rate, the
    payments, the credit notes (both ways), the deposits deducted, what is left to credit of each line,
    what is due, and the legal mentions printed on it."""
    lines = list(invoice.lines.select_related("deposit_invoice").order_by("position", "pk"))
    totals = totals_of(lines, invoice.discount_percent)
    credit_notes = list(invoice.credit_notes.order_by("pk"))
    left = invoicing.credit_left(invoice) if invoice.status in invoicing.CREDITABLE_STATUSES else {}
    credit_rows = [(line, left.get(line.position, ZERO)) for line in lines if line.is_priced]
    credited = sum((note.total_incl_vat for note in credit_notes if note.status != "draft"), ZERO)
    # Paid, then credited (an avoir after the payment): the difference is owed back to the client.
    owed_back = ZERO
    if not invoice.is_credit_note and invoice.status != "draft":
        owed_back = max(invoice.amount_paid + credited - invoice.total_incl_vat, ZERO)
    return {
        "rows": [(line, net_of(line)) for line in lines],
        "totals": totals,
        "payments": list(invoice.payments.select_related("recorded_by").order_by("-paid_on", "-pk")),
        "credit_notes": credit_notes,
        "credited_total": credited,
        "to_refund": owed_back,
        "deducted_by": list(
            Invoice.objects.filter(lines__deposit_invoice=invoice).distinct().order_by("pk")
            if invoice.kind == InvoiceKind.DEPOSIT
            else []
        ),
        "credit_rows": credit_rows,
        "anything_to_credit": any(quantity > 0 for _line, quantity in credit_rows),
        "amount_due": invoicing.amount_due(invoice),
        "mentions": invoice_mentions.legal_mentions(invoice),
        "recipient": services.recipient_of(invoice),
    }


def quote_invoices_panel(user, quote) -> dict:
    """The invoices panel of a quote's page: its invoices, and for an accepted quote what the office
    manager may make of it (its final invoice; a deposit invoice while less than 100 % is asked)."""
    if not may_see_invoices(user) or quote is None or not quote.pk:
        return {}
    invoices = list(
        quote.invoices.exclude(kind=InvoiceKind.CREDIT_NOTE)
        .prefetch_related(Prefetch("credit_notes", queryset=Invoice.objects.order_by("pk")))
        .order_by("created_at", "pk")
    )
    live = [invoice for invoice in invoices if invoice.status in invoicing.LIVE_STATUSES]
    accepted = quote.status == QuoteStatus.ACCEPTED
    has_final = any(invoice.kind == InvoiceKind.INVOICE for invoice in live)
    draft_deposit = any(invoice.kind == InvoiceKind.DEPOSIT and invoice.status == "draft" for invoice in live)
    used = sum((invoice.deposit_percent for invoice in live if invoice.kind == InvoiceKind.DEPOSIT), Decimal("0"))
    deposit_left = max(Decimal("100") - used, Decimal("0"))
    office = bool(user.is_office_manager)
    suggested = quote.deposit_percent or QuoteSettings.current().default_deposit_percent or Decimal("30")
    return {
        "invoices": invoices,
        "accepted": accepted,
        "may_invoice": office and accepted and not has_final and not draft_deposit,
        "may_deposit": office and accepted and not has_final and deposit_left > 0,
        "draft_deposit": draft_deposit,
        "deposit_left": deposit_left,
        "suggested_percent": min(suggested, deposit_left),
        # One token per form: the final invoice and a deposit invoice are two different things to make.
        "final_token": uuid.uuid4(),
        "deposit_token": uuid.uuid4(),
        "today": timezone.localdate(),
    }
