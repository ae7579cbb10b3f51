"""What the office must hold about its suppliers (obligation de vigilance, FRENCH_RULES.md) and what it
holds: compliance documents, the contracts and their deadlines, the relationship log's follow-ups.

Which suppliers need the URSSAF certificate and the Kbis (``VIGILANCE_THRESHOLD``, €5,000 excl. VAT a
year, one contract or the sum over a year): a supplier reaches it when either

- the contracts in force add up to it (``amount_per_year`` of every contract not yet over: its current
  term has not ended, or it renews tacitly and nobody gave notice), or
- what it was paid over the last twelve months does: the larger of its invoices (excl. VAT, credit
  notes deducted; issued in the 365 days up to today) and its purchase orders sent in those days
  (excl. VAT, cancelled and draft orders aside). The larger, not the sum: an order and its invoice are
  the same money.

A certificate of vigilance counts for 6 months from its issue date at most (the law asks for a new one
every 6 months), whatever validity was entered. Only the most recent document of each kind counts (the
latest issued).

Each function costs a fixed number of queries whatever the number of suppliers and documents
(the flags: one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Case, DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.purchasing.models import InvoiceKind, OrderStatus, PurchaseOrder, SupplierInvoice
from apps.suppliers.models import (
    DOCUMENT_NOTICE_DAYS,
    VIGILANCE_THRESHOLD,
    ComplianceDocument,
    Contract,
    DocumentKind,
    Interaction,
    Supplier,
    default_validity,
)
from apps.suppliers.services.notice import Deadline, contract_deadline, contract_deadlines_between

# Kinds the law asks for once a supplier reaches the threshold; the insurance certificate is flagged
# only when one was recorded and runs out.
REQUIRED_KINDS = (DocumentKind.VIGILANCE, DocumentKind.KBIS)
KIND_ORDER = (DocumentKind.VIGILANCE, DocumentKind.KBIS, DocumentKind.INSURANCE)
# Orders that went to the supplier: money promised to it.
SPENT_ORDER_STATUSES = (OrderStatus.SENT, OrderStatus.PARTLY_RECEIVED, OrderStatus.RECEIVED, OrderStatus.CLOSED)

FLAG_LABELS: dict[str, str] = {
    "vigilance_missing": _("Certificate of vigilance missing"),
    "vigilance_expired": _("Certificate of vigilance expired"),
    "vigilance_expiring": _("Certificate of vigilance expiring"),
    "kbis_missing": _("Kbis missing"),
    "kbis_expired": _("Kbis expired"),
    "kbis_expiring": _("Kbis expiring"),
    "insurance_expired": _("Insurance certificate expired"),
    "insurance_expiring": _("Insurance certificate expiring"),
}
# Bootstrap tones of the badges (templates/suppliers/compliance/_macros.html).
FLAG_TONES: dict[str, str] = {
    "missing": "danger",
    "expired": "danger",
    "expiring": "warning",
}


def flag_tone(code: str) -> str:
    return FLAG_TONES.get(code.rsplit("_", 1)[-1], "secondary")


def effective_expiry(kind: str, issued_on: dt.date, expires_on: dt.date) -> dt.date:
    """The last day a document counts: a certificate of vigilance 6 months after its issue at most
    (``default_validity``: issued on 15 January, it counts until 14 July)."""
    if kind == DocumentKind.VIGILANCE:
        try:
            limit = default_validity(kind, issued_on)
        except (OverflowError, ValueError):
            return expires_on
        return min(expires_on, limit)
    return expires_on


@dataclass
class DocumentState:
    kind: str
    document_id: int
    issued_on: dt.date
    expires_on: dt.date  # effective
    state: str  # "valid", "expiring", "expired"


@dataclass
class SupplierCompliance:
    supplier_id: int
    contracts_per_year: Decimal = Decimal("0")
    invoiced_12_months: Decimal = Decimal("0")
    ordered_12_months: Decimal = Decimal("0")
    documents: dict[str, DocumentState] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)

    @property
    def spend_12_months(self) -> Decimal:
        return max(self.invoiced_12_months, self.ordered_12_months)

    @property
    def vigilance_required(self) -> bool:
        return self.contracts_per_year >= VIGILANCE_THRESHOLD or self.spend_12_months >= VIGILANCE_THRESHOLD


def _state(expires_on: dt.date, today: dt.date) -> str:
    if expires_on < today:
        return "expired"
    if expires_on <= today + dt.timedelta(days=DOCUMENT_NOTICE_DAYS):
        return "expiring"
    return "valid"


def in_force_contracts(today: dt.date) -> QuerySet[Contract]:
    """Contracts not over: the current term runs on, or it renews tacitly and no notice was given."""
    return Contract.objects.filter(Q(ends_on__gte=today) | Q(tacit_renewal=True, terminated_on__isnull=True))


MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(Decimal("0"), output_field=MONEY)


def _sum_per_supplier(queryset, expression) -> Coalesce:
    """``SUM(expression)`` over ``queryset``'s rows of the outer supplier, 0 when none (a subquery)."""
    total = (
        queryset.filter(supplier_id=OuterRef("pk"))
        .order_by()
        .values("supplier_id")
        .annotate(total=Sum(expression, output_field=MONEY))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=MONEY), ZERO)


def with_yearly_amounts(suppliers: QuerySet[Supplier], today: dt.date) -> QuerySet[Supplier]:
    """``suppliers`` annotated with ``contracts_per_year``, ``invoiced_12_months`` and
    ``ordered_12_months`` (excl. VAT), as subqueries: one query whatever the number of suppliers."""
    year_ago = today - dt.timedelta(days=365)
    signed = Case(
        When(kind=InvoiceKind.CREDIT_NOTE, then=-F("total_excl_vat")),
        default=F("total_excl_vat"),
        output_field=MONEY,
    )
    start = timezone.make_aware(dt.datetime.combine(year_ago + dt.timedelta(days=1), dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min))
    orders = PurchaseOrder.objects.filter(status__in=SPENT_ORDER_STATUSES, sent_at__gte=start, sent_at__lt=end)
    invoices = SupplierInvoice.objects.filter(issued_on__gt=year_ago, issued_on__lte=today)
    return suppliers.annotate(
        contracts_per_year=_sum_per_supplier(in_force_contracts(today), F("amount_per_year")),
        invoiced_12_months=_sum_per_supplier(invoices, signed),
        ordered_12_months=_sum_per_supplier(orders, F("total_excl_vat")),
    )


def _latest_document(kind: str, field: str) -> Subquery:
    """A field of the supplier's most recent document of ``kind`` (latest issue, then validity)."""
    return Subquery(
        ComplianceDocument.objects.filter(supplier_id=OuterRef("pk"), kind=kind)
        .order_by("-issued_on", "-expires_on", "-pk")
        .values(field)[:1]
    )


def with_latest_documents(suppliers: QuerySet[Supplier]) -> QuerySet[Supplier]:
    """``suppliers`` annotated with ``<kind>_id``, ``<kind>_issued`` and ``<kind>_expires`` of their most
    recent document of each kind (subqueries of the same statement)."""
    annotations = {}
    for kind in KIND_ORDER:
        annotations[f"{kind}_doc_id"] = _latest_document(kind, "pk")
        annotations[f"{kind}_doc_issued"] = _latest_document(kind, "issued_on")
        annotations[f"{kind}_doc_expires"] = _latest_document(kind, "expires_on")
    return suppliers.annotate(**annotations)


def _states(suppliers: QuerySet[Supplier], today: dt.date, keep: list[int] | None = None):
    """(states by supplier id, suppliers by id): one query."""
    states, found = {}, {}
    for supplier in with_latest_documents(with_yearly_amounts(suppliers, today)):
        found[supplier.pk] = supplier
        state = SupplierCompliance(
            supplier_id=supplier.pk,
            contracts_per_year=supplier.contracts_per_year or Decimal("0"),
            invoiced_12_months=supplier.invoiced_12_months or Decimal("0"),
            ordered_12_months=supplier.ordered_12_months or Decimal("0"),
        )
        for kind in KIND_ORDER:
            pk = getattr(supplier, f"{kind}_doc_id")
            if pk is None:
                continue
            issued_on = getattr(supplier, f"{kind}_doc_issued")
            until = effective_expiry(kind, issued_on, getattr(supplier, f"{kind}_doc_expires"))
            state.documents[kind] = DocumentState(kind, pk, issued_on, until, _state(until, today))
        state.flags = _flags(state)
        states[supplier.pk] = state
    for pk in keep or ():
        states.setdefault(pk, SupplierCompliance(supplier_id=pk))
    return states, found


def compliance_states(supplier_ids: list[int], today: dt.date | None = None) -> dict[int, SupplierCompliance]:
    """Per supplier: the yearly amounts, the latest document of each kind and the flags (one query)."""
    today = today or timezone.localdate()
    ids = sorted({int(pk) for pk in supplier_ids})
    if not ids:
        return {}
    states, _found = _states(Supplier.objects.filter(pk__in=ids).only("pk"), today, keep=ids)
    return {pk: states[pk] for pk in ids}


def active_states(today: dt.date) -> tuple[dict[int, SupplierCompliance], dict[int, Supplier]]:
    """Every active supplier's compliance, and the suppliers (one query)."""
    return _states(Supplier.objects.filter(is_active=True).only("pk", "name", "city", "is_active"), today)


def _flags(state: SupplierCompliance) -> list[str]:
    flags = []
    required = state.vigilance_required
    for kind in KIND_ORDER:
        document = state.documents.get(kind)
        if kind in REQUIRED_KINDS and not required:
            continue
        if document is None:
            if kind in REQUIRED_KINDS:
                flags.append(f"{kind}_missing")
        elif document.state != "valid":
            flags.append(f"{kind}_{document.state}")
    return flags


def compliance_flags(supplier_ids: list[int], today: date | None = None) -> dict[int, list[str]]:
    """Flag codes per supplier (every id given is a key; [] when all is in order).

    One query. Codes: ``vigilance_missing|expired|expiring`` and ``kbis_…`` for suppliers at the vigilance
    threshold, ``insurance_expired|expiring`` for any supplier whose insurance certificate was recorded.
    Labels in ``FLAG_LABELS``; the badges: ``flags(flags, labels)`` in suppliers/compliance/_macros.html.
    """
    return {pk: state.flags for pk, state in compliance_states(supplier_ids, today).items()}


def flags_of(supplier_id: int, today: dt.date | None = None) -> list[str]:
    return compliance_flags([supplier_id], today)[supplier_id]


# --- pages ---------------------------------------------------------------------------------------


def suppliers_visible_to(user) -> QuerySet[Supplier]:
    """The office manager sees every supplier, archived ones too (the views check the role)."""
    return Supplier.objects.all()


def documents_of(supplier: Supplier) -> list[ComplianceDocument]:
    return list(supplier.documents.select_related("uploaded_by").order_by("kind", "-issued_on", "-pk"))


def document_of(supplier: Supplier, document_pk) -> ComplianceDocument:
    return supplier.documents.get(pk=document_pk)


@dataclass
class OverviewRow:
    supplier: Supplier
    state: SupplierCompliance


def overview_rows(today: dt.date | None = None) -> list[OverviewRow]:
    """Every active supplier with a flag, the most urgent first (one query)."""
    today = today or timezone.localdate()
    states, suppliers = active_states(today)
    rows = [OverviewRow(suppliers[pk], state) for pk, state in states.items() if state.flags]

    def urgency(row: OverviewRow):
        missing_or_expired = sum(1 for code in row.state.flags if not code.endswith("_expiring"))
        return (-missing_or_expired, row.supplier.name.lower(), row.supplier.pk)

    return sorted(rows, key=urgency)


def flagged_suppliers_count(today: dt.date | None = None) -> tuple[int, int]:
    """(suppliers with a document missing or expired, suppliers with one only expiring)."""
    urgent = expiring = 0
    for row in overview_rows(today):
        if any(not code.endswith("_expiring") for code in row.state.flags):
            urgent += 1
        else:
            expiring += 1
    return urgent, expiring


# --- contracts -----------------------------------------------------------------------------------


@dataclass
class ContractRow:
    contract: Contract
    deadline: Deadline | None


def _far(row: ContractRow):
    return (row.deadline is None, row.deadline.date if row.deadline else dt.date.max, row.contract.pk)


def contracts_of(supplier: Supplier, today: dt.date | None = None) -> list[ContractRow]:
    today = today or timezone.localdate()
    rows = [ContractRow(c, contract_deadline(c, today)) for c in supplier.contracts.order_by("ends_on", "pk")]
    return sorted(rows, key=_far)


def contract_of(supplier: Supplier, contract_pk) -> Contract:
    return supplier.contracts.get(pk=contract_pk)


def contract_rows(today: dt.date | None = None, *, include_over: bool = False) -> list[ContractRow]:
    """Every contract with its next deadline, the nearest first (one query); those over at the end."""
    today = today or timezone.localdate()
    rows = [
        ContractRow(c, contract_deadline(c, today))
        for c in Contract.objects.select_related("supplier").order_by("ends_on", "pk")
    ]
    if not include_over:
        rows = [row for row in rows if row.deadline is not None]
    return sorted(rows, key=_far)


def notice_deadlines_soon(today: dt.date | None = None) -> list[ContractRow]:
    """Contracts whose deadline (notice or end) falls in the warning window: from today to 30 days on."""
    today = today or timezone.localdate()
    return [
        row
        for row in contract_rows(today)
        if row.deadline.kind in ("notice", "ends") and row.deadline.warn_on and row.deadline.warn_on <= today
    ]


def notice_deadlines_between(start: dt.date, end: dt.date) -> list[tuple[Contract, Deadline]]:
    """Contract deadlines from ``start`` to ``end`` (included), for the agenda (one query)."""
    found = []
    for contract in (
        Contract.objects.filter(Q(ends_on__gte=start) | Q(tacit_renewal=True, terminated_on__isnull=True))
        .select_related("supplier")
        .order_by("ends_on", "pk")
    ):
        for deadline in contract_deadlines_between(contract, start, end):
            if deadline.kind in ("notice", "ends"):
                found.append((contract, deadline))
    return sorted(found, key=lambda pair: (pair[1].date, pair[0].pk))


# --- follow-ups ----------------------------------------------------------------------------------


def follow_ups_open() -> QuerySet[Interaction]:
    return Interaction.objects.filter(follow_up_on__isnull=False, follow_up_done_at__isnull=True)


def follow_ups_due(today: dt.date | None = None) -> QuerySet[Interaction]:
    today = today or timezone.localdate()
    return follow_ups_open().filter(follow_up_on__lte=today).select_related("supplier").order_by("follow_up_on", "pk")


def follow_ups_between(start: dt.date, end: dt.date) -> QuerySet[Interaction]:
    return (
        follow_ups_open()
        .filter(follow_up_on__range=(start, end))
        .select_related("supplier")
        .order_by("follow_up_on", "pk")
    )
