"""The compliance pages: documents with checked uploads served to the office manager only, contracts
added, edited and cancelled, the overview and the contract list (query caps, hostile input)."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.suppliers.models import ComplianceDocument, Contract, DocumentKind
from apps.suppliers.services import compliance as services
from apps.suppliers.tests.compliance_helpers import (
    fake_pdf_upload,
    html_upload,
    pdf_upload,
    png_upload,
)
from apps.suppliers.tests.factories import ComplianceDocumentFactory, ContractFactory, SupplierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as traveller:
        yield traveller


@pytest.fixture
def office(org, client_for):
    return client_for(org.office_manager)


def _post_document(client, supplier, upload, **fields):
    data = {"kind": DocumentKind.VIGILANCE, "issued_on": "2026-02-15", "expires_on": "", "file": upload, **fields}
    return client.post(reverse("suppliers:documents", args=[supplier.pk]), data)


def test_a_pdf_is_recorded_and_served_with_safe_headers(office):
    supplier = SupplierFactory()
    response = _post_document(office, supplier, pdf_upload())
    assert response.status_code == 302
    document = ComplianceDocument.objects.get(supplier=supplier)
    assert document.expires_on == dt.date(2026, 8, 14)  # 6 months by default
    assert document.file.name.endswith(".pdf") and "attestation" not in document.file.name
    served = office.get(reverse("suppliers:document_file", args=[supplier.pk, document.pk]))
    assert served.status_code == 200
    assert served["Content-Type"] == "application/pdf"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Disposition"].startswith("inline")
    assert "no-store" in served["Cache-Control"] and "private" in served["Cache-Control"]
    assert b"".join(served.streaming_content).startswith(b"%PDF")


def test_an_image_is_accepted_and_named_after_its_content(office):
    supplier = SupplierFactory()
    assert _post_document(office, supplier, png_upload("scan.pdf.exe"), kind=DocumentKind.KBIS).status_code == 302
    document = ComplianceDocument.objects.get(supplier=supplier)
    assert document.file.name.endswith(".png")
    served = office.get(reverse("suppliers:document_file", args=[supplier.pk, document.pk]))
    assert served["Content-Type"] == "image/png"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (html_upload, "Upload a PDF file or a PNG, JPEG or WebP image."),
        (fake_pdf_upload, "The file is not a readable PDF."),
        (lambda: SimpleUploadedFile("x.pdf", b"", "application/pdf"), "The submitted file is empty."),
    ],
)
def test_a_file_that_is_not_a_pdf_or_an_image_is_refused(office, upload, message):
    supplier = SupplierFactory()
    response = _post_document(office, supplier, upload())
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ComplianceDocument.objects.exists()


def test_a_file_over_10_mb_is_refused(office, monkeypatch):
    supplier = SupplierFactory()
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1), "application/pdf")
    response = _post_document(office, supplier, big)
    assert "The file is too large" in response.content.decode()
    assert not ComplianceDocument.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"issued_on": "2026-03-03"}, "A document cannot be issued after today."),
        ({"issued_on": "2026-02-15", "expires_on": "2026-02-14"}, "The document cannot expire before it was issued."),
        ({"issued_on": "0001-01-01"}, "Enter a date between"),
        ({"expires_on": "9999-12-31"}, "Enter a date between"),
        ({"kind": "passport"}, "Select a valid choice"),
        ({"issued_on": "<script>"}, "Enter a valid date."),
    ],
)
def test_bad_dates_and_kinds_are_field_errors(office, fields, message):
    supplier = SupplierFactory()
    response = _post_document(office, supplier, pdf_upload(), **fields)
    assert response.status_code == 200 and message in response.content.decode()
    assert not ComplianceDocument.objects.exists()


def test_the_same_document_sent_twice_is_recorded_once(office):
    supplier = SupplierFactory()
    assert _post_document(office, supplier, pdf_upload()).status_code == 302
    response = _post_document(office, supplier, pdf_upload())
    assert "This document is already recorded." in response.content.decode()
    assert ComplianceDocument.objects.count() == 1


def test_another_suppliers_document_is_a_404(office):
    supplier, other = SupplierFactory(), SupplierFactory()
    document = ComplianceDocumentFactory(supplier=other)
    assert office.get(reverse("suppliers:document_file", args=[supplier.pk, document.pk])).status_code == 404
    assert office.get(reverse("suppliers:document_file", args=[other.pk, document.pk])).status_code == 404  # no file
    assert office.get(reverse("suppliers:documents", args=[999999])).status_code == 404


@pytest.mark.parametrize("role", ["staff", "manager", "director"])
def test_only_the_office_manager(org, client_for, role):
    supplier = SupplierFactory()
    document = ComplianceDocumentFactory(supplier=supplier)
    client = client_for(getattr(org, role))
    for url in (
        reverse("suppliers:documents", args=[supplier.pk]),
        reverse("suppliers:document_file", args=[supplier.pk, document.pk]),
        reverse("suppliers:compliance"),
        reverse("suppliers:contract_list"),
        reverse("suppliers:contracts", args=[supplier.pk]),
    ):
        assert client.get(url).status_code == 403
    response = _post_document(client, supplier, pdf_upload())
    assert response.status_code == 403
    assert ComplianceDocument.objects.count() == 1


def _contract_data(**fields):
    data = {
        "subject": "Nettoyage des bureaux",
        "starts_on": "2025-06-01",
        "ends_on": "2026-05-31",
        "tacit_renewal": "on",
        "renewal_months": "12",
        "notice_months": "3",
        "notice_days": "0",
        "amount_per_year": "7200.00",
        "notes": "",
    }
    data.update(fields)
    return data


def test_a_contract_is_added_with_its_deadline(office):
    supplier = SupplierFactory()
    response = office.post(reverse("suppliers:contracts", args=[supplier.pk]), _contract_data(file=pdf_upload()))
    assert response.status_code == 302
    contract = Contract.objects.get(supplier=supplier)
    assert contract.file.name.endswith(".pdf")
    page = office.get(reverse("suppliers:contracts", args=[supplier.pk])).content.decode()
    assert "Give notice by 28/02/2026" not in page  # passed: the next term's deadline is shown
    assert "Give notice by 28/02/2027" in page
    served = office.get(reverse("suppliers:contracts", args=[supplier.pk]) + f"?file={contract.pk}")
    assert served.status_code == 200 and served["Content-Type"] == "application/pdf"
    assert office.get(reverse("suppliers:contracts", args=[supplier.pk]) + "?file=abc").status_code == 404


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"ends_on": "2025-05-31"}, "The contract cannot end before it starts."),
        ({"amount_per_year": "-1"}, "The amount cannot be negative."),
        ({"notice_months": "99"}, "Ensure this value is less than or equal to 36."),
        ({"starts_on": "0001-01-01"}, "Enter a date between"),
        ({"subject": ""}, "This field is required."),
        ({"file": html_upload()}, "Upload a PDF file or a PNG, JPEG or WebP image."),
    ],
)
def test_bad_contracts_are_refused(office, fields, message):
    supplier = SupplierFactory()
    response = office.post(reverse("suppliers:contracts", args=[supplier.pk]), _contract_data(**fields))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Contract.objects.exists()


def test_the_same_contract_sent_twice_is_recorded_once(office):
    supplier = SupplierFactory()
    url = reverse("suppliers:contracts", args=[supplier.pk])
    assert office.post(url, _contract_data()).status_code == 302
    assert "This contract is already recorded." in office.post(url, _contract_data()).content.decode()
    assert Contract.objects.count() == 1


def test_a_contract_is_edited(office):
    contract = ContractFactory()
    url = reverse("suppliers:contract_edit", args=[contract.supplier_id, contract.pk])
    assert office.get(url).status_code == 200
    response = office.post(url, _contract_data(subject="Ménage", amount_per_year="100"))
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.subject == "Ménage" and contract.amount_per_year == Decimal("100")
    other = SupplierFactory()
    assert office.get(reverse("suppliers:contract_edit", args=[other.pk, contract.pk])).status_code == 404


def test_notice_is_recorded_once_and_the_end_follows_the_deadline(office):
    contract = ContractFactory(ends_on=dt.date(2026, 5, 31), notice_months=3)
    url = reverse("suppliers:contract_terminate", args=[contract.supplier_id, contract.pk])
    assert office.get(url).status_code == 200
    response = office.post(url, {"on": "2026-03-02"}, follow=True)
    assert "the contract ends on 31/05/2027" in response.content.decode()  # after 28 Feb: the next term
    contract.refresh_from_db()
    assert contract.terminated_on == dt.date(2026, 3, 2)
    again = office.post(url, {"on": "2026-03-01"})
    assert "Notice was already recorded for this contract." in again.content.decode()
    contract.refresh_from_db()
    assert contract.terminated_on == dt.date(2026, 3, 2)


def test_notice_in_the_future_is_refused(office):
    contract = ContractFactory()
    url = reverse("suppliers:contract_terminate", args=[contract.supplier_id, contract.pk])
    response = office.post(url, {"on": "2026-04-01"})
    assert "Record the notice once it is given" in response.content.decode()


def test_the_overview_and_the_contract_list_cost_a_fixed_number_of_queries(office, django_assert_max_num_queries):
    for n in range(12):
        supplier = SupplierFactory(name=f"Fournisseur {n:02d}")
        ContractFactory(supplier=supplier, amount_per_year=Decimal("6000"), ends_on=dt.date(2026, 6 + n % 6, 30))
    with django_assert_max_num_queries(4):  # session, user, roles/badges, suppliers with amounts and documents
        overview = office.get(reverse("suppliers:compliance"))
    assert overview.status_code == 200
    assert overview.content.decode().count('data-flag="vigilance_missing"') == 12
    with django_assert_max_num_queries(4):  # the layout's three, the contracts with their suppliers
        listing = office.get(reverse("suppliers:contract_list"))
    page = listing.content.decode()
    assert page.count("Nettoyage des locaux") == 12
    # Sorted by the next deadline: 30 June's (31 Mar) before 31 July's (30 Apr)...
    assert page.index("31/03/2026") < page.index("30/04/2026")


def test_hostile_text_is_escaped(office):
    supplier = SupplierFactory(name="<script>alert(1)</script>")
    ContractFactory(supplier=supplier, subject="<img src=x onerror=alert(1)>", amount_per_year=Decimal("9000"))
    for url in (
        reverse("suppliers:compliance"),
        reverse("suppliers:contract_list"),
        reverse("suppliers:contracts", args=[supplier.pk]),
        reverse("suppliers:documents", args=[supplier.pk]),
    ):
        page = office.get(url).content.decode()
        assert "<script>alert(1)</script>" not in page and "<img src=x" not in page


def test_services_refuse_bad_input_directly(org):
    supplier = SupplierFactory()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.document_add(
            supplier=supplier, kind="nope", issued_on=dt.date(2026, 1, 1), expires_on=None, file=pdf_upload(), by=None
        )
    with pytest.raises(ValidationError):
        services.document_add(
            supplier=supplier,
            kind=DocumentKind.KBIS,
            issued_on=dt.date(2026, 1, 1),
            expires_on=None,
            file=None,
            by=None,
        )
