"""The vigilance rule and the flags the directory shows (selectors/compliance.py)."""

import datetime as dt
from decimal import Decimal

import pytest

from apps.purchasing.models import InvoiceKind, OrderStatus, PurchaseOrder, SupplierInvoice
from apps.suppliers.models import DocumentKind
from apps.suppliers.selectors.compliance import (
    FLAG_LABELS,
    compliance_flags,
    compliance_states,
    effective_expiry,
    overview_rows,
)
from apps.suppliers.tests.factories import ComplianceDocumentFactory, ContractFactory, SupplierFactory

TODAY = dt.date(2026, 3, 2)
pytestmark = pytest.mark.django_db


def _invoice(org, supplier, amount, issued_on, kind=InvoiceKind.INVOICE, number=None):
    amount = Decimal(amount)
    return SupplierInvoice.objects.create(
        created_by=org.office_manager,
        supplier=supplier,
        kind=kind,
        number=number or f"F-{issued_on}-{amount}-{kind}",
        issued_on=issued_on,
        due_on=issued_on + dt.timedelta(days=30),
        total_excl_vat=amount,
        total_vat=Decimal("0"),
        total_incl_vat=amount,
    )


def test_a_small_supplier_needs_nothing():
    supplier = SupplierFactory()
    ContractFactory(supplier=supplier, amount_per_year=Decimal("4999.99"))
    assert compliance_flags([supplier.pk], TODAY) == {supplier.pk: []}


def test_a_contract_of_5000_a_year_requires_the_certificate_and_the_kbis():
    supplier = SupplierFactory()
    ContractFactory(supplier=supplier, amount_per_year=Decimal("5000.00"))
    assert compliance_flags([supplier.pk], TODAY)[supplier.pk] == ["vigilance_missing", "kbis_missing"]


def test_several_contracts_add_up_and_ended_ones_do_not_count():
    supplier = SupplierFactory()
    ContractFactory(supplier=supplier, amount_per_year=Decimal("3000"), subject="Nettoyage")
    ContractFactory(supplier=supplier, amount_per_year=Decimal("2000"), subject="Vitres")
    ContractFactory(
        supplier=supplier,
        amount_per_year=Decimal("90000"),
        subject="Ancien",
        tacit_renewal=False,
        ends_on=TODAY - dt.timedelta(days=1),
    )
    state = compliance_states([supplier.pk], TODAY)[supplier.pk]
    assert state.contracts_per_year == Decimal("5000")
    assert state.vigilance_required


def test_invoices_over_twelve_months_count_credit_notes_deducted(org):
    supplier = SupplierFactory()
    _invoice(org, supplier, "4000", TODAY - dt.timedelta(days=10))
    _invoice(org, supplier, "1500", TODAY - dt.timedelta(days=364))
    _invoice(org, supplier, "9000", TODAY - dt.timedelta(days=365))  # older than a year
    state = compliance_states([supplier.pk], TODAY)[supplier.pk]
    assert state.invoiced_12_months == Decimal("5500") and state.vigilance_required
    _invoice(org, supplier, "600", TODAY, kind=InvoiceKind.CREDIT_NOTE)
    assert not compliance_states([supplier.pk], TODAY)[supplier.pk].vigilance_required


def test_orders_sent_count_drafts_and_cancelled_do_not(org):
    from django.utils import timezone

    supplier = SupplierFactory()
    sent_at = timezone.make_aware(dt.datetime(2026, 2, 1, 10))
    fields = {
        "supplier": supplier,
        "total_vat": Decimal("0"),
        "sent_at": sent_at,
        "site": org.site,
        "created_by": org.office_manager,
    }
    PurchaseOrder.objects.create(
        number="BC-2026-0001",
        year=2026,
        status=OrderStatus.RECEIVED,
        total_excl_vat=Decimal("5200"),
        total_incl_vat=Decimal("5200"),
        **fields,
    )
    PurchaseOrder.objects.create(
        status=OrderStatus.CANCELLED, total_excl_vat=Decimal("8000"), total_incl_vat=Decimal("8000"), **fields
    )
    state = compliance_states([supplier.pk], TODAY)[supplier.pk]
    assert state.ordered_12_months == Decimal("5200") and state.vigilance_required


def test_documents_valid_expiring_expired():
    supplier = SupplierFactory()
    ContractFactory(supplier=supplier, amount_per_year=Decimal("12000"))
    ComplianceDocumentFactory(
        supplier=supplier, kind=DocumentKind.VIGILANCE, issued_on=dt.date(2026, 1, 1), expires_on=dt.date(2026, 3, 20)
    )
    ComplianceDocumentFactory(
        supplier=supplier, kind=DocumentKind.KBIS, issued_on=dt.date(2025, 10, 1), expires_on=dt.date(2026, 1, 1)
    )
    ComplianceDocumentFactory(
        supplier=supplier, kind=DocumentKind.INSURANCE, issued_on=dt.date(2026, 1, 1), expires_on=dt.date(2026, 12, 31)
    )
    assert compliance_flags([supplier.pk], TODAY)[supplier.pk] == ["vigilance_expiring", "kbis_expired"]
    # A newer Kbis supersedes the expired one.
    ComplianceDocumentFactory(
        supplier=supplier, kind=DocumentKind.KBIS, issued_on=dt.date(2026, 2, 20), expires_on=dt.date(2026, 5, 19)
    )
    assert compliance_flags([supplier.pk], TODAY)[supplier.pk] == ["vigilance_expiring"]


def test_a_certificate_of_vigilance_counts_six_months_at_most():
    assert effective_expiry(DocumentKind.VIGILANCE, dt.date(2025, 8, 31), dt.date(2026, 12, 31)) == dt.date(2026, 2, 27)
    assert effective_expiry(DocumentKind.KBIS, dt.date(2025, 8, 31), dt.date(2026, 12, 31)) == dt.date(2026, 12, 31)
    supplier = SupplierFactory()
    ContractFactory(supplier=supplier, amount_per_year=Decimal("12000"))
    ComplianceDocumentFactory(
        supplier=supplier, kind=DocumentKind.VIGILANCE, issued_on=dt.date(2025, 8, 31), expires_on=dt.date(2026, 12, 31)
    )
    assert "vigilance_expired" in compliance_flags([supplier.pk], TODAY)[supplier.pk]


def test_insurance_is_flagged_for_any_supplier_that_recorded_one():
    supplier = SupplierFactory()
    ComplianceDocumentFactory(
        supplier=supplier, kind=DocumentKind.INSURANCE, issued_on=dt.date(2025, 1, 1), expires_on=dt.date(2026, 3, 10)
    )
    assert compliance_flags([supplier.pk], TODAY)[supplier.pk] == ["insurance_expiring"]


def test_every_code_has_a_label():
    supplier = SupplierFactory()
    ContractFactory(supplier=supplier, amount_per_year=Decimal("12000"))
    for code in compliance_flags([supplier.pk], TODAY)[supplier.pk]:
        assert code in FLAG_LABELS


def test_a_fixed_number_of_queries(django_assert_max_num_queries):
    ids = []
    for n in range(15):
        supplier = SupplierFactory()
        ContractFactory(supplier=supplier, amount_per_year=Decimal("6000"))
        ComplianceDocumentFactory(supplier=supplier, issued_on=dt.date(2026, 1, n + 1), expires_on=dt.date(2026, 6, 30))
        ids.append(supplier.pk)
    with django_assert_max_num_queries(1):
        flags = compliance_flags(ids, TODAY)
    assert set(flags) == set(ids)
    with django_assert_max_num_queries(0):
        assert compliance_flags([], TODAY) == {}


def test_unknown_ids_get_an_empty_list():
    assert compliance_flags([987654], TODAY) == {987654: []}


def test_the_overview_lists_active_flagged_suppliers_only():
    flagged = SupplierFactory(name="Bâtiment Net")
    ContractFactory(supplier=flagged, amount_per_year=Decimal("12000"))
    archived = SupplierFactory(name="Ancien", is_active=False)
    ContractFactory(supplier=archived, amount_per_year=Decimal("12000"))
    SupplierFactory(name="Petit")
    assert [row.supplier.name for row in overview_rows(TODAY)] == ["Bâtiment Net"]


def test_the_badges_macro_renders_each_flag():
    from django.template.loader import get_template

    template = get_template("suppliers/compliance/_macros.html")
    module = template.template.make_module({})
    html = str(module.flags(["vigilance_missing", "kbis_expiring"], FLAG_LABELS))
    assert 'data-flag="vigilance_missing"' in html and "text-bg-danger" in html
    assert 'data-flag="kbis_expiring"' in html and "text-bg-warning" in html
    assert str(module.flags([], FLAG_LABELS)).strip() == ""
