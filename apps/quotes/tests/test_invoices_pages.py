"""The invoice pages: the list (tabs, client filter, search, robust pages, the unpaid totals), an
invoice's page (lines, totals per rate, mentions, payments, credit notes both ways, actions), invoicing a
quote from its page, editing a draft, issuing, sending, the PDF, payments, credit notes, deleting a
draft; what each role gets; bad input answered with a message, never a 500."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from apps.quotes.models import Invoice, InvoiceStatus, Payment
from apps.quotes.selectors.invoices import quote_invoices_panel
from apps.quotes.services import credit_notes, payments
from apps.quotes.services import invoices as services
from apps.quotes.tests.factories_invoices import accepted_quote, blank_pdf, company

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(autouse=True)
def seller(monkeypatch):
    monkeypatch.setattr("apps.quotes.facturx.base_pdf", blank_pdf)
    monkeypatch.setattr("apps.quotes.views.invoices.base_pdf", blank_pdf)
    return company()


def draft(org, **fields):
    return services.invoice_from_quote(quote=accepted_quote(**fields), by=org.office_manager)


def issued(org, **fields):
    return services.invoice_issue(invoice=draft(org, **fields), by=org.office_manager)


# --- roles ----------------------------------------------------------------------------------------


def test_staff_and_managers_get_403_and_unknown_ids_404(org, client_for):
    invoice = issued(org)
    for person in (org.staff, org.manager):
        client = client_for(person)
        assert client.get(reverse("quotes:invoice_list")).status_code == 403
        assert client.get(invoice.get_absolute_url()).status_code == 403
        assert client.get(reverse("quotes:invoice_pdf", args=[invoice.pk])).status_code == 403
    client = client_for(org.office_manager)
    for name in ("invoice_detail", "invoice_pdf", "invoice_edit", "credit_note_create"):
        assert client.get(reverse(f"quotes:{name}", args=[invoice.pk + 999])).status_code == 404
    for name in ("invoice_issue", "invoice_send", "invoice_payment", "invoice_delete", "invoice_create_from_quote"):
        assert client.post(reverse(f"quotes:{name}", args=[invoice.pk + 999])).status_code == 404


def test_the_director_reads_and_downloads_but_writes_nothing(org, client_for):
    invoice = issued(org)
    client = client_for(org.director)
    assert client.get(reverse("quotes:invoice_list")).status_code == 200
    page = client.get(invoice.get_absolute_url())
    assert page.status_code == 200 and invoice.number in page.content.decode()
    assert b'data-testid="payment-form"' not in page.content and b'data-testid="send-form"' not in page.content
    pdf = client.get(reverse("quotes:invoice_pdf", args=[invoice.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF-")
    for name in ("invoice_issue", "invoice_send", "invoice_payment", "invoice_delete", "credit_note_create"):
        assert client.post(reverse(f"quotes:{name}", args=[invoice.pk])).status_code == 403
    assert client.post(reverse("quotes:invoice_create_from_quote", args=[invoice.quote_id])).status_code == 403


# --- the list -------------------------------------------------------------------------------------


def test_list_tabs_filter_search_and_unpaid_totals(org, client_for):
    paid = issued(org)
    payments.payment_record(
        invoice=paid, by=org.office_manager, paid_on=timezone.localdate(), amount=paid.total_incl_vat
    )
    unpaid = issued(org)
    late = issued(org, subject="Toiture")
    Invoice.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - dt.timedelta(days=3))
    still_draft = draft(org)
    note = credit_notes.credit_note_create(invoice=unpaid, by=org.office_manager, full=True)
    client = client_for(org.office_manager)

    def numbers(**params):
        response = client.get(reverse("quotes:invoice_list"), params)
        assert response.status_code == 200
        return response, {i.pk for i in response.context["listing"].page.object_list}

    response, everything = numbers()
    assert everything == {paid.pk, unpaid.pk, late.pk, still_draft.pk, note.pk}
    assert response.context["listing"].unpaid_total == unpaid.total_incl_vat + late.total_incl_vat
    assert response.context["listing"].overdue_total == late.total_incl_vat
    assert numbers(tab="drafts")[1] == {still_draft.pk, note.pk}
    assert numbers(tab="unpaid")[1] == {unpaid.pk, late.pk}
    assert numbers(tab="overdue")[1] == {late.pk}
    assert numbers(tab="credit")[1] == {note.pk}
    assert numbers(client=late.client_id)[1] == {late.pk}
    assert numbers(q="Toiture")[1] == {late.pk}
    assert numbers(q=late.number)[1] == {late.pk}
    assert b'data-status="overdue"' in response.content


@pytest.mark.parametrize(
    "params",
    [
        {"page": "999999999999999999999"},
        {"page": "-1"},
        {"page": "abc"},
        {"tab": "<script>"},
        {"client": "x"},
        {"q": "x" * 500},
        {"q": "\x00"},
    ],
)
def test_list_survives_bad_parameters(org, client_for, params):
    issued(org)
    assert client_for(org.office_manager).get(reverse("quotes:invoice_list"), params).status_code == 200


def test_list_costs_a_fixed_number_of_queries(org, client_for, django_assert_max_num_queries):
    for _ in range(6):
        issued(org)
    client = client_for(org.office_manager)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("quotes:invoice_list")).status_code == 200


# --- one invoice ----------------------------------------------------------------------------------


def test_detail_shows_lines_rates_mentions_payments_and_credit_notes_both_ways(org, client_for):
    invoice = issued(org, lines=((D("10"), D("80.00"), D("20.00")), (D("2"), D("50.00"), D("5.50"))))
    payments.payment_record(invoice=invoice, by=org.office_manager, paid_on=timezone.localdate(), amount=D("100"))
    line = next(line for line in invoice.lines.all() if line.is_priced)
    note = credit_notes.credit_note_create(invoice=invoice, by=org.office_manager, lines={line.pk: "1"})
    client = client_for(org.office_manager)
    page = client.get(invoice.get_absolute_url()).content.decode()
    assert "Prestation" in page and "Lot 1" in page
    assert 'data-testid="mentions"' in page and "40" in page
    assert 'data-testid="payments"' in page and 'data-testid="payment-form"' in page
    assert reverse("quotes:invoice_detail", args=[note.pk]) in page
    note_page = client.get(note.get_absolute_url()).content.decode()
    assert 'data-testid="credited-invoice"' in note_page and invoice.number in note_page


def test_detail_costs_a_fixed_number_of_queries(org, client_for, django_assert_max_num_queries):
    invoice = issued(org, lines=tuple((D("1"), D("10.00"), D("20.00")) for _ in range(30)))
    client = client_for(org.office_manager)
    with django_assert_max_num_queries(22):
        assert client.get(invoice.get_absolute_url()).status_code == 200


# --- from the quote -------------------------------------------------------------------------------


def test_quote_panel_offers_invoice_and_deposit_on_an_accepted_quote(org, rf):
    quote = accepted_quote()
    request = rf.get("/")
    request.user = org.office_manager
    panel = quote_invoices_panel(org.office_manager, quote)
    html = render_to_string(
        "quotes/invoices/_quote_panel.html", {"quote": quote, "invoices_panel": panel}, request=request
    )
    assert 'data-testid="invoice-quote-form"' in html and 'data-testid="deposit-form"' in html
    assert quote_invoices_panel(org.staff, quote) == {}
    director = quote_invoices_panel(org.director, quote)
    assert not director["may_invoice"] and not director["may_deposit"]


def test_invoice_and_deposit_from_the_quote_page_once_per_form(org, client_for):
    quote = accepted_quote()
    client = client_for(org.office_manager)
    url = reverse("quotes:invoice_create_from_quote", args=[quote.pk])
    token = str(uuid.uuid4())
    deposit_data = {"kind": "deposit", "percent": "30", "token": token}
    first = client.post(url, deposit_data)
    again = client.post(url, deposit_data)
    deposit = quote.invoices.get()
    assert first.url == again.url == deposit.get_absolute_url() and deposit.deposit_percent == 30
    too_much = client.post(url, {"kind": "deposit", "percent": "71", "token": str(uuid.uuid4())}, follow=True)
    assert b"70" in too_much.content and quote.invoices.count() == 1
    for bad in ("0", "-5", "abc", "1e9", ""):
        response = client.post(url, {"kind": "deposit", "percent": bad, "token": str(uuid.uuid4())})
        assert response.status_code == 302 and quote.invoices.count() == 1


# --- writes ---------------------------------------------------------------------------------------


def test_edit_a_draft_and_refuse_an_issued_one(org, client_for):
    invoice = draft(org)
    client = client_for(org.office_manager)
    url = reverse("quotes:invoice_edit", args=[invoice.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"subject": ""}).status_code == 400
    assert client.post(url, {"subject": "Travaux", "notes": "<b>merci</b>"}).status_code == 302
    invoice.refresh_from_db()
    assert invoice.subject == "Travaux"
    services.invoice_issue(invoice=invoice, by=org.office_manager)
    refused = client.post(url, {"subject": "Autre"}, follow=True)
    assert b"credit note instead" in refused.content
    invoice.refresh_from_db()
    assert invoice.subject == "Travaux"


def test_issue_twice_gives_a_clear_message_and_one_number(org, client_for):
    invoice = draft(org)
    client = client_for(org.office_manager)
    url = reverse("quotes:invoice_issue", args=[invoice.pk])
    client.post(url)
    second = client.post(url, follow=True)
    assert b"already issued" in second.content
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.ISSUED and Invoice.objects.exclude(number="").count() == 1


def test_draft_pdf_is_a_preview_and_issued_pdf_the_stored_file(org, client_for):
    invoice = draft(org)
    client = client_for(org.office_manager)
    preview = client.get(reverse("quotes:invoice_pdf", args=[invoice.pk]))
    assert preview.status_code == 200 and preview.content.startswith(b"%PDF-")
    services.invoice_issue(invoice=invoice, by=org.office_manager)
    stored = client.get(reverse("quotes:invoice_pdf", args=[invoice.pk]))
    assert (
        stored["Content-Disposition"].endswith(f'"{invoice.number}.pdf"')
        or invoice.number in stored["Content-Disposition"]
    )


@pytest.mark.parametrize(
    "data",
    [
        {"amount": "0"},
        {"amount": "-10"},
        {"amount": "960.01"},
        {"amount": "abc"},
        {"paid_on": "0001-01-01"},
        {"paid_on": "9999-12-31"},
        {"method": "bitcoin"},
        {"reference": "x" * 101},
    ],
)
def test_bad_payments_come_back_with_field_errors(org, client_for, data):
    invoice = issued(org)
    post = {
        "paid_on": timezone.localdate().isoformat(),
        "amount": "100",
        "method": "transfer",
        "token": str(uuid.uuid4()),
    }
    response = client_for(org.office_manager).post(reverse("quotes:invoice_payment", args=[invoice.pk]), post | data)
    assert response.status_code == 400 and response.context["payment_form"].errors
    assert not Payment.objects.exists()


def test_a_payment_posted_twice_is_recorded_once(org, client_for):
    invoice = issued(org)
    client = client_for(org.office_manager)
    post = {
        "paid_on": timezone.localdate().isoformat(),
        "amount": "960",
        "method": "transfer",
        "token": str(uuid.uuid4()),
    }
    assert client.post(reverse("quotes:invoice_payment", args=[invoice.pk]), post).status_code == 302
    again = client.post(reverse("quotes:invoice_payment", args=[invoice.pk]), post)
    assert again.status_code == 302 and Payment.objects.count() == 1
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID


def test_credit_note_page_full_or_lines_and_never_more(org, client_for):
    invoice = issued(org)
    line = next(line for line in invoice.lines.all() if line.is_priced)
    client = client_for(org.office_manager)
    url = reverse("quotes:credit_note_create", args=[invoice.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"token": str(uuid.uuid4())}).status_code == 400
    assert client.post(url, {"token": str(uuid.uuid4()), f"qty_{line.pk}": "11"}).status_code == 400
    assert client.post(url, {"token": str(uuid.uuid4()), f"qty_{line.pk}": "-1"}).status_code == 400
    made = client.post(url, {"token": str(uuid.uuid4()), f"qty_{line.pk}": "4"})
    note = Invoice.objects.get(credited_invoice=invoice)
    assert made.url == note.get_absolute_url() and note.lines.get().quantity == 4
    rest = client.post(url, {"token": str(uuid.uuid4()), "full": "on"})
    assert rest.status_code == 302 and invoice.credit_notes.count() == 2


def test_delete_a_draft_only(org, client_for):
    invoice = draft(org)
    done = issued(org)
    client = client_for(org.office_manager)
    assert client.post(reverse("quotes:invoice_delete", args=[invoice.pk])).status_code == 302
    assert not Invoice.objects.filter(pk=invoice.pk).exists()
    refused = client.post(reverse("quotes:invoice_delete", args=[done.pk]), follow=True)
    assert b"never deleted" in refused.content and Invoice.objects.filter(pk=done.pk).exists()


def test_send_from_the_page(org, client_for):
    invoice = issued(org)
    response = client_for(org.office_manager).post(reverse("quotes:invoice_send", args=[invoice.pk]), follow=True)
    assert invoice.client.email.encode() in response.content
    invoice.refresh_from_db()
    assert invoice.sent_at is not None


def test_write_endpoints_refuse_get(org, client_for):
    invoice = draft(org)
    client = client_for(org.office_manager)
    for name in ("invoice_issue", "invoice_send", "invoice_payment", "invoice_delete"):
        assert client.get(reverse(f"quotes:{name}", args=[invoice.pk])).status_code == 405
    assert client.get(reverse("quotes:invoice_create_from_quote", args=[invoice.quote_id])).status_code == 405
