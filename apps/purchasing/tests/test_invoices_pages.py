"""The office manager's supplier invoice pages: upload (Factur-X read, plain PDF, refused files), the
form and its checks, the list, the page with its comparison, the PDF, paid; and who may see them."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.accounts.tests.factories import UserFactory
from apps.purchasing.models import InvoiceVatLine, OrderStatus, Receipt, ReceiptLine, SupplierInvoice
from apps.purchasing.tests.factories import OrderLineFactory, PurchaseOrderFactory, SupplierInvoiceFactory
from apps.purchasing.tests.invoices_helpers import facturx_pdf, pdf_with_attachment, plain_pdf
from apps.suppliers.tests.factories import VALID_SIREN, VALID_VAT, SupplierFactory

CREATE = reverse("purchasing:invoice_create")
LIST = reverse("purchasing:invoice_list")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def supplier(db):
    return SupplierFactory(name="Fournitures Rhône", siren=VALID_SIREN, vat_number=VALID_VAT, payment_days=45)


@pytest.fixture
def order(org, supplier):
    """A sent order: 10 × 10 € at 20 % and 4 × 10 € at 5.5 %; 8 of the first line received."""
    order = PurchaseOrderFactory(
        supplier=supplier,
        site=org.site,
        status=OrderStatus.SENT,
        number="BC-2026-0007",
        year=2026,
        created_by=org.office_manager,
    )
    first = OrderLineFactory(order=order, quantity=10, unit_price=Decimal("10.00"), vat_rate=Decimal("20.00"))
    OrderLineFactory(order=order, quantity=4, unit_price=Decimal("10.00"), vat_rate=Decimal("5.50"))
    receipt = Receipt.objects.create(order=order, by=org.office_manager)
    ReceiptLine.objects.create(receipt=receipt, order_line=first, quantity=8)
    return order


@pytest.fixture
def office(org, client_for):
    return client_for(org.office_manager)


def _upload(client, data: bytes, name="facture.pdf"):
    return client.post(CREATE, {"step": "upload", "file": SimpleUploadedFile(name, data, "application/pdf")})


def _form_data(supplier, **overrides):
    data = {
        "step": "save",
        "token": str(uuid.uuid4()),
        "supplier": supplier.pk,
        "kind": "invoice",
        "number": "FA-001",
        "issued_on": "2026-03-02",
        "due_on": "",
        "total_excl_vat": "140.00",
        "total_vat": "22.20",
        "total_incl_vat": "162.20",
        "category": "supplies",
        "notes": "",
        "vat-TOTAL_FORMS": "3",
        "vat-INITIAL_FORMS": "0",
        "vat-MIN_NUM_FORMS": "0",
        "vat-MAX_NUM_FORMS": "10",
        "vat-0-rate": "20",
        "vat-0-base": "100.00",
        "vat-0-vat": "20.00",
        "vat-1-rate": "5.5",
        "vat-1-base": "40.00",
        "vat-1-vat": "2.20",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_a_facturx_upload_prefills_the_form_and_saving_keeps_the_file(org, office, supplier, order):
    response = _upload(office, facturx_pdf(siren=VALID_SIREN, order_ref="BC-2026-0007"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="facturx-found"' in page
    assert 'data-testid="matched-supplier"' in page and "Fournitures Rhône" in page
    form = response.context["form"]
    assert form.initial["supplier"] == supplier
    assert form.initial["number"] == "FA-2026-0042"
    assert form.initial["issued_on"] == dt.date(2026, 3, 2)
    assert form.initial["orders"] == [order]
    # Against the order: 100 € at 20 % invoiced and ordered, 80 € received; 40 € at 5.5 % each.
    comparison = response.context["comparison"]
    assert comparison.differs
    row_20 = next(row for row in comparison.rows if row.rate == Decimal("20.00"))
    assert (row_20.invoiced, row_20.ordered, row_20.received) == (
        Decimal("100.00"),
        Decimal("100.00"),
        Decimal("80.00"),
    )
    assert 'data-testid="differs"' in page

    staged = form.initial["staged"]
    data = _form_data(supplier, number="FA-2026-0042", due_on="2026-04-01", staged=staged, orders=[order.pk])
    response = office.post(CREATE, data)
    invoice = SupplierInvoice.objects.get()
    assert response.status_code == 302 and response.url == invoice.get_absolute_url()
    assert invoice.file and invoice.file.read().startswith(b"%PDF-")
    assert invoice.facturx["number"] == "FA-2026-0042"
    assert list(invoice.orders.all()) == [order]
    assert sorted((line.rate, line.base, line.vat) for line in invoice.vat_lines.all()) == [
        (Decimal("5.50"), Decimal("40.00"), Decimal("2.20")),
        (Decimal("20.00"), Decimal("100.00"), Decimal("20.00")),
    ]
    page = office.get(invoice.get_absolute_url()).content.decode()
    assert 'data-testid="comparison"' in page and 'data-testid="differs"' in page
    assert 'data-testid="facturx-read"' in page


def test_the_staged_file_is_read_again_on_save_not_taken_from_the_browser(org, office, supplier, client_for):
    response = _upload(office, facturx_pdf())
    staged = response.context["form"].initial["staged"]
    # Another office manager cannot use it.
    other = UserFactory(email="office2@test.fr")
    other.groups.add(*org.office_manager.groups.all())
    response = client_for(other).post(CREATE, _form_data(supplier, staged=staged))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["The uploaded file has expired: upload it again."]
    assert not SupplierInvoice.objects.exists()


@pytest.mark.parametrize("staged", ["../../../etc/passwd", "0" * 32, "x" * 32, "a" * 33])
def test_a_made_up_staged_token_saves_nothing(office, supplier, staged):
    response = office.post(CREATE, _form_data(supplier, staged=staged))
    assert response.status_code == 200
    assert not SupplierInvoice.objects.exists()


def test_a_plain_pdf_is_entered_by_hand(office, supplier):
    response = _upload(office, plain_pdf())
    assert 'data-testid="plain-pdf"' in response.content.decode()
    staged = response.context["form"].initial["staged"]
    response = office.post(CREATE, _form_data(supplier, staged=staged))
    invoice = SupplierInvoice.objects.get()
    assert invoice.file and invoice.facturx == {}
    # The due date from the supplier's payment terms (45 days).
    assert invoice.due_on == dt.date(2026, 4, 16)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"GIF89a not a pdf", "not a PDF"),
        (b"%PDF-1.4 broken", "not a readable PDF"),
        (pdf_with_attachment(b"<broken"), "cannot be read"),
    ],
    ids=["not-pdf", "broken-pdf", "corrupt-facturx"],
)
def test_a_refused_file_gets_a_clear_message_and_nothing_is_kept(office, data, message, settings, tmp_path):
    response = _upload(office, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SupplierInvoice.objects.exists()
    staged_dir = tmp_path / "media" / "purchasing" / "staged"
    assert not staged_dir.exists() or not any(staged_dir.rglob("*.pdf"))


def test_manual_entry_with_a_pdf_in_the_form(office, supplier):
    data = _form_data(supplier)
    data["file"] = SimpleUploadedFile("f.pdf", facturx_pdf(), "application/pdf")
    response = office.post(CREATE, data)
    assert response.status_code == 302
    invoice = SupplierInvoice.objects.get()
    assert invoice.facturx["number"] == "FA-2026-0042"


def test_manual_entry_with_a_file_that_is_not_a_pdf_saves_nothing(office, supplier):
    data = _form_data(supplier)
    data["file"] = SimpleUploadedFile("f.pdf", b"<html>hello</html>", "application/pdf")
    response = office.post(CREATE, data)
    assert response.status_code == 200 and "not a PDF" in response.content.decode()
    assert not SupplierInvoice.objects.exists()


def test_the_same_form_sent_twice_gives_one_invoice(office, supplier):
    data = _form_data(supplier)
    first = office.post(CREATE, data)
    second = office.post(CREATE, data)
    assert SupplierInvoice.objects.count() == 1
    assert first.url == second.url


def test_the_same_supplier_number_once(office, supplier):
    SupplierInvoiceFactory(supplier=supplier, number="FA-001")
    response = office.post(CREATE, _form_data(supplier))
    assert response.status_code == 200
    assert "already been entered" in response.content.decode()
    assert SupplierInvoice.objects.count() == 1


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"total_incl_vat": "170.00"}, "plus the VAT"),
        ({"total_excl_vat": "150.00", "total_incl_vat": "172.20"}, "bases of the VAT lines"),
        ({"total_vat": "20.00", "total_incl_vat": "160.00"}, "VAT of the VAT lines"),
        ({"total_excl_vat": "-140.00", "total_incl_vat": "-117.80"}, ""),
        ({"vat-0-base": "-100.00"}, ""),
        ({"due_on": "2026-03-01"}, "before the invoice date"),
        ({"issued_on": "0001-01-01"}, ""),
        ({"issued_on": "9999-12-31"}, ""),
        ({"issued_on": "2200-12-31", "due_on": "2200-12-31"}, "cannot be in the future"),  # the year mistyped
        ({"vat-1-rate": "20"}, "Each VAT rate once"),
        (
            {"vat-0-rate": "", "vat-0-base": "", "vat-0-vat": "", "vat-1-rate": "", "vat-1-base": "", "vat-1-vat": ""},
            "at least one line",
        ),
        ({"vat-0-vat": ""}, "rate, the base and the VAT"),
        ({"total_vat": "abc"}, ""),
        ({"number": "<script>alert(1)</script>" * 10}, ""),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(office, supplier, overrides, message):
    response = office.post(CREATE, _form_data(supplier, **overrides))
    assert response.status_code == 200
    if message:
        assert message in response.content.decode()
    assert not SupplierInvoice.objects.exists()
    assert not InvoiceVatLine.objects.exists()


def test_an_unknown_supplier_is_refused(office, supplier):
    response = office.post(CREATE, {**_form_data(supplier), "supplier": "999999"})
    assert response.status_code == 200
    assert not SupplierInvoice.objects.exists()


def test_a_credit_note_keeps_its_amounts_positive(office, supplier):
    response = office.post(CREATE, _form_data(supplier, kind="credit", number="AV-1"))
    assert response.status_code == 302
    assert SupplierInvoice.objects.get().sign == -1


def test_an_order_of_another_supplier_cannot_be_linked(org, office, supplier, order):
    other = SupplierFactory()
    response = office.post(CREATE, _form_data(other, orders=[order.pk]))
    assert response.status_code == 200
    assert not SupplierInvoice.objects.exists()


def test_the_list_filters_and_costs_the_same_for_many_rows(org, office, supplier, django_assert_max_num_queries):
    today = dt.date(2026, 3, 10)
    overdue = SupplierInvoiceFactory(
        supplier=supplier, number="LATE", issued_on=today - dt.timedelta(days=40), due_on=today - dt.timedelta(days=1)
    )
    soon = SupplierInvoiceFactory(
        supplier=supplier, number="SOON", issued_on=today, due_on=today + dt.timedelta(days=7)
    )
    later = SupplierInvoiceFactory(number="LATER", issued_on=today, due_on=today + dt.timedelta(days=30))
    paid = SupplierInvoiceFactory(number="PAID", issued_on=today, due_on=today, paid_on=today)
    for status, expected in [
        ("unpaid", {overdue, soon, later}),
        ("due_soon", {soon}),
        ("overdue", {overdue}),
        ("paid", {paid}),
        ("all", {overdue, soon, later, paid}),
    ]:
        response = office.get(LIST, {"status": status})
        assert set(response.context["page"].object_list) == expected, status
    assert set(office.get(LIST, {"status": "all", "supplier": supplier.pk}).context["page"].object_list) == {
        overdue,
        soon,
    }
    assert list(office.get(LIST, {"status": "all", "q": "soo"}).context["page"].object_list) == [soon]
    for index in range(30):
        SupplierInvoiceFactory(number=f"N{index}", issued_on=today, due_on=today)
    with django_assert_max_num_queries(9):
        response = office.get(LIST, {"status": "all"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "query",
    [{"page": "99999999999999999999"}, {"page": "-1"}, {"status": "nope"}, {"supplier": "abc"}, {"q": "x" * 500}],
)
def test_the_list_survives_odd_queries(office, query):
    assert office.get(LIST, query).status_code == 200


def test_the_list_answers_htmx_with_its_rows_only(office, supplier):
    SupplierInvoiceFactory(supplier=supplier, number="HX-1", due_on=dt.date(2026, 3, 12))
    response = office.get(LIST, {"q": "HX"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "HX-1" in page and "<html" not in page


def test_the_pdf_is_served_with_safe_headers(office, supplier):
    response = _upload(office, plain_pdf())
    office.post(CREATE, _form_data(supplier, number='F"1;\r\nX', staged=response.context["form"].initial["staged"]))
    invoice = SupplierInvoice.objects.get()
    response = office.get(reverse("purchasing:invoice_file", args=[invoice.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["Content-Disposition"] == 'inline; filename="F-1-X.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_an_invoice_without_a_file_has_no_pdf(office):
    invoice = SupplierInvoiceFactory()
    assert office.get(reverse("purchasing:invoice_file", args=[invoice.pk])).status_code == 404


def test_edit_changes_the_figures_and_replaces_the_pdf(office, supplier):
    invoice = SupplierInvoiceFactory(
        supplier=supplier, number="E-1", issued_on=dt.date(2026, 3, 1), due_on=dt.date(2026, 3, 31)
    )
    InvoiceVatLine.objects.create(invoice=invoice, rate=Decimal("20"), base=Decimal("100"), vat=Decimal("20"))
    url = reverse("purchasing:invoice_edit", args=[invoice.pk])
    assert office.get(url).status_code == 200
    data = _form_data(supplier, number="E-1b", due_on="2026-04-15")
    data["file"] = SimpleUploadedFile("f.pdf", plain_pdf(), "application/pdf")
    response = office.post(url, data)
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.number == "E-1b" and invoice.total_incl_vat == Decimal("162.20") and invoice.file
    assert invoice.vat_lines.count() == 2


def test_paid_records_the_day_and_refuses_odd_days(office, supplier):
    invoice = SupplierInvoiceFactory(supplier=supplier, issued_on=dt.date(2026, 3, 1), due_on=dt.date(2026, 3, 31))
    url = reverse("purchasing:invoice_paid", args=[invoice.pk])
    assert office.get(url).status_code == 405
    for bad in ["2026-02-01", "2027-01-01", "9999-12-31", "nope"]:
        office.post(url, {"paid_on": bad})
        invoice.refresh_from_db()
        assert invoice.paid_on is None, bad
    office.post(url, {"paid_on": "2026-03-09"})
    invoice.refresh_from_db()
    assert invoice.paid_on == dt.date(2026, 3, 9)
    office.post(url, {"clear": "1"})
    invoice.refresh_from_db()
    assert invoice.paid_on is None


@pytest.mark.parametrize("role", ["staff", "manager", "director", "outsider"])
def test_other_roles_get_403(org, client_for, role):
    invoice = SupplierInvoiceFactory()
    client = client_for(getattr(org, role))
    for url in [
        LIST,
        CREATE,
        reverse("purchasing:invoice_detail", args=[invoice.pk]),
        reverse("purchasing:invoice_edit", args=[invoice.pk]),
        reverse("purchasing:invoice_file", args=[invoice.pk]),
    ]:
        assert client.get(url).status_code == 403, url
    assert (
        client.post(reverse("purchasing:invoice_paid", args=[invoice.pk]), {"paid_on": "2026-03-09"}).status_code == 403
    )
    invoice.refresh_from_db()
    assert invoice.paid_on is None


def test_unknown_ids_are_404(office):
    for name in ["invoice_detail", "invoice_edit", "invoice_file"]:
        assert office.get(reverse(f"purchasing:{name}", args=[987654])).status_code == 404


def test_anonymous_goes_to_login(client):
    response = client.get(LIST)
    assert response.status_code == 302 and "login" in response.url


def test_each_vat_rows_fields_are_labelled_with_their_row(office):
    # Read aloud, the second row's fields are "VAT rate (%) (2)", "Base excl. VAT (€) (2)", "VAT (€) (2)".
    page = office.get(CREATE, {"manual": "1"}).content.decode()
    assert '<label class="visually-hidden" for="id_vat-1-rate">VAT rate (%) (2)</label>' in page
    assert '<label class="visually-hidden" for="id_vat-1-vat">VAT (€) (2)</label>' in page
