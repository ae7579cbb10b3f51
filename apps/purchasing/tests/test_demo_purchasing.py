"""seed_demo's suppliers and purchasing: believable, consistent figures, every status, gap-free numbers, once."""

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal
from io import StringIO

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from stdnum import iban
from stdnum.fr import siren, siret, tva

from apps.core.models import DocumentCounter
from apps.core.money import LineInput, document_totals
from apps.core.numbering import formatted, next_number
from apps.purchasing import contributions
from apps.purchasing.models import (
    ORDER_PREFIX,
    AccountMapping,
    Budget,
    InvoiceKind,
    OrderLine,
    OrderStatus,
    PurchaseOrder,
    Receipt,
    ReceiptLine,
    SupplierInvoice,
)
from apps.suppliers.demo_data import SUPPLIERS
from apps.suppliers.models import (
    CONTRACT_NOTICE_WARNING_DAYS,
    DOCUMENT_NOTICE_DAYS,
    VIGILANCE_THRESHOLD,
    ComplianceDocument,
    Contact,
    Contract,
    DocumentKind,
    Interaction,
    Rating,
    Supplier,
    SupplierCategoryTag,
)
from apps.supplies.models import CatalogueItem, StockMove

pytestmark = pytest.mark.django_db

MODELS = (
    Supplier,
    SupplierCategoryTag,
    Contact,
    ComplianceDocument,
    Contract,
    Interaction,
    Rating,
    PurchaseOrder,
    OrderLine,
    Receipt,
    ReceiptLine,
    SupplierInvoice,
    SupplierInvoice.orders.through,
    Budget,
    AccountMapping,
    DocumentCounter,
)


def _seed(scale: float = 0.25, years: int = 2) -> str:
    out = StringIO()
    call_command("seed_demo", scale=scale, years=years, stdout=out)
    return out.getvalue()


def _snapshot() -> dict[str, list[dict]]:
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def test_running_twice_changes_no_supplier_or_purchasing_row():
    _seed()
    before = _snapshot()
    _seed()
    assert _snapshot() == before


def test_suppliers_have_valid_made_up_identifiers_and_one_orders_contact_each():
    _seed()
    suppliers = list(Supplier.objects.all())
    assert len(suppliers) >= 20
    for supplier in suppliers:
        supplier.full_clean()
        assert siren.is_valid(supplier.siren) and siret.is_valid(supplier.siret), supplier
        assert supplier.siret.startswith(supplier.siren)
        assert tva.is_valid(supplier.vat_number) and supplier.vat_number.endswith(supplier.siren)
        assert iban.is_valid(supplier.iban) and supplier.iban.startswith("FR")
        assert supplier.contacts.filter(is_orders_contact=True).count() == 1
        assert supplier.category_tags.exists()
    emails = Contact.objects.values_list("email", flat=True)
    assert all(email.endswith(".example.com") for email in emails)
    # The catalogue's suppliers (created by name by the supplies demo) are the same rows, filled in.
    catalogue = set(CatalogueItem.objects.exclude(supplier=None).values_list("supplier__name", flat=True))
    assert catalogue and catalogue <= {spec.name for spec in SUPPLIERS}
    assert not CatalogueItem.objects.filter(supplier__siren="").exists()
    assert Supplier.objects.count() == len({s.name.lower() for s in suppliers})  # no name twice


def test_the_dashboard_has_a_document_expiring_one_missing_a_notice_deadline_and_a_follow_up():
    _seed()
    today = timezone.localdate()
    soon = today + dt.timedelta(days=DOCUMENT_NOTICE_DAYS)
    latest = defaultdict(lambda: None)
    for doc in ComplianceDocument.objects.filter(kind=DocumentKind.VIGILANCE).order_by("expires_on"):
        latest[doc.supplier_id] = doc
    expiring = [doc for doc in latest.values() if today <= doc.expires_on <= soon]
    assert len(expiring) == 1
    big = Contract.objects.filter(amount_per_year__gte=VIGILANCE_THRESHOLD, terminated_on=None)
    missing = [c.supplier for c in big if c.supplier_id not in latest]
    assert [s.name for s in missing] == ["Vigie Sécurité Rhône"]
    # Nor does anyone the office paid €5,000 in the last twelve months lack it, but that one.
    year_ago = today - dt.timedelta(days=365)
    paid = SupplierInvoice.objects.filter(issued_on__gt=year_ago, kind=InvoiceKind.INVOICE).values("supplier")
    big_spend = paid.annotate(total=Sum("total_excl_vat")).filter(total__gte=VIGILANCE_THRESHOLD)
    assert {row["supplier"] for row in big_spend} - set(latest) <= {missing[0].pk}
    assert all(doc.expires_on >= doc.issued_on for doc in ComplianceDocument.objects.all())

    deadlines = [c.ends_on - relativedelta(months=c.notice_months) for c in Contract.objects.filter(terminated_on=None)]
    assert any(today <= d <= today + dt.timedelta(days=CONTRACT_NOTICE_WARNING_DAYS) for d in deadlines)
    assert Interaction.objects.filter(follow_up_on__gte=today, follow_up_done_at=None).exists()
    assert Rating.objects.filter(quality__range=(1, 5)).count() >= 10


def test_every_status_this_year_and_orders_in_every_year_of_the_history():
    _seed(years=2)
    today = timezone.localdate()
    this_year = PurchaseOrder.objects.filter(created_at__year=today.year)
    assert set(this_year.values_list("status", flat=True)) == set(OrderStatus.values)
    years = set(PurchaseOrder.objects.values_list("created_at__year", flat=True))
    assert {today.year - 1, today.year} <= years
    # From the start of the history: two years back, give or take a month of draws.
    first = timezone.localtime(PurchaseOrder.objects.earliest("created_at").created_at).date()
    assert first <= today - dt.timedelta(days=730 - 45)
    months = {(d.year, d.month) for d in PurchaseOrder.objects.values_list("created_at", flat=True)}
    assert len(months) >= 20
    count = PurchaseOrder.objects.count()
    assert 40 <= count <= 120, count  # about 2.25 a month at scale 0.25, over two years, plus the showcase
    assert not PurchaseOrder.objects.filter(created_at__gt=timezone.now()).exists()
    for order in PurchaseOrder.objects.select_related("contact"):
        assert order.contact.supplier_id == order.supplier_id and order.contact.is_orders_contact
    awaiting = PurchaseOrder.objects.get(status=OrderStatus.AWAITING_DIRECTOR)
    assert awaiting.needs_director and awaiting.total_incl_vat > Decimal("500")


def test_order_and_invoice_totals_add_up():
    _seed()
    lines = defaultdict(list)
    for line in OrderLine.objects.all():
        lines[line.order_id].append(LineInput(line.quantity, line.unit_price, line.vat_rate))
    for order in PurchaseOrder.objects.all():
        totals = document_totals(lines[order.pk])
        assert (order.total_excl_vat, order.total_vat, order.total_incl_vat) == (
            totals.excl_vat,
            totals.vat,
            totals.incl_vat,
        ), order
    for invoice in SupplierInvoice.objects.prefetch_related("vat_lines", "orders"):
        assert invoice.total_incl_vat == invoice.total_excl_vat + invoice.total_vat
        assert sum(v.base for v in invoice.vat_lines.all()) == invoice.total_excl_vat
        assert sum(v.vat for v in invoice.vat_lines.all()) == invoice.total_vat
        assert invoice.due_on >= invoice.issued_on
        assert invoice.paid_on is None or invoice.issued_on <= invoice.paid_on < timezone.localdate()
        for order in invoice.orders.all():
            assert order.status == OrderStatus.CLOSED
            assert order.total_incl_vat == invoice.total_incl_vat and order.supplier_id == invoice.supplier_id
    closed = PurchaseOrder.objects.filter(status=OrderStatus.CLOSED)
    assert not closed.filter(invoices=None).exists()
    assert not PurchaseOrder.objects.exclude(status=OrderStatus.CLOSED).filter(invoices__isnull=False).exists()
    assert SupplierInvoice.objects.filter(kind=InvoiceKind.CREDIT_NOTE).exists()


def test_an_invoice_due_in_a_few_days_one_overdue_and_older_ones_paid():
    _seed()
    today = timezone.localdate()
    unpaid = SupplierInvoice.objects.filter(paid_on=None)
    assert unpaid.filter(due_on__range=(today, today + dt.timedelta(days=7))).exists()
    overdue = unpaid.filter(due_on__lt=today)
    assert overdue.count() == 1
    assert SupplierInvoice.objects.filter(paid_on__isnull=False).count() > 10


def test_numbers_run_without_gap_per_year_in_sending_order_and_the_counter_ends_there():
    _seed(years=2)
    assert not PurchaseOrder.objects.filter(status=OrderStatus.DRAFT).exclude(number="").exists()
    by_year = defaultdict(list)
    for order in PurchaseOrder.objects.exclude(number="").order_by("sent_at", "pk"):
        match = re.fullmatch(r"BC-(\d{4})-(\d{4,})", order.number)
        assert match and int(match[1]) == order.year == timezone.localtime(order.sent_at).year
        by_year[order.year].append(int(match[2]))
    assert len(by_year) >= 2
    for year, numbers in by_year.items():
        assert numbers == list(range(1, len(numbers) + 1)), year
        assert DocumentCounter.objects.get(series=ORDER_PREFIX, year=year).last == len(numbers)
    sent = PurchaseOrder.objects.exclude(status__in=["draft", "awaiting", "approved", "cancelled"])
    assert not sent.filter(number="").exists()
    # The next order the office manager sends takes the next number, as the orders service would.
    year = timezone.localdate().year
    with transaction.atomic():
        following = formatted(ORDER_PREFIX, year, next_number(ORDER_PREFIX, year))
    assert following == formatted(ORDER_PREFIX, year, len(by_year[year]) + 1)
    assert not PurchaseOrder.objects.filter(number=following).exists()


def test_deliveries_match_what_was_received_and_leave_the_stock_to_the_supplies_ledger():
    _seed()
    received = defaultdict(int)
    for line in ReceiptLine.objects.all():
        received[line.order_line_id] += line.quantity
    for line in OrderLine.objects.all():
        assert line.received_quantity == received.get(line.pk, 0) <= line.quantity
    assert not ReceiptLine.objects.filter(stock_move__isnull=False).exists()
    assert not StockMove.objects.filter(receipt_line__isnull=False).exists()
    for status in (OrderStatus.RECEIVED, OrderStatus.CLOSED):
        for order in PurchaseOrder.objects.filter(status=status).prefetch_related("lines"):
            assert all(line.received_quantity == line.quantity for line in order.lines.all())
    partly = PurchaseOrder.objects.filter(status=OrderStatus.PARTLY_RECEIVED).prefetch_related("lines")
    assert partly and all(any(line.outstanding for line in o.lines.all()) for o in partly)
    assert not Receipt.objects.filter(received_on__gt=timezone.localdate()).exists()


def test_budgets_per_category_and_the_account_mapping():
    _seed()
    year = timezone.localdate().year
    budgets = Budget.objects.filter(year=year)
    assert budgets.count() >= 5
    assert AccountMapping.objects.count() == 10
    spent = SupplierInvoice.objects.filter(issued_on__year=year, kind=InvoiceKind.INVOICE)
    total = spent.aggregate(total=Sum("total_excl_vat"))["total"]
    assert budgets.aggregate(total=Sum("amount"))["total"] > total


def test_the_benchmark_finds_a_partly_received_order():
    _seed(years=1)
    page = next(p for p in contributions.benchmark_pages() if p.resolve is not None)
    url = page.url()
    order = PurchaseOrder.objects.get(pk=int(url.rstrip("/").rsplit("/", 1)[1]))
    assert order.status == OrderStatus.PARTLY_RECEIVED
    assert url == order.get_absolute_url()


def test_no_orders_before_a_demo_seed_means_no_benchmark_order():
    page = next(p for p in contributions.benchmark_pages() if p.resolve is not None)
    with pytest.raises(LookupError, match="seed_demo"):
        page.url()
