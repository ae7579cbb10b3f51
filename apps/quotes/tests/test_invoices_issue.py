"""Issuing an invoice: gap-free numbers taken last, dates, the frozen details, the Factur-X PDF stored;
refused twice, without an address, or once issued for any change; drafts only are deleted; sending."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.core.models import DocumentCounter
from apps.notifications.models import EmailOutbox
from apps.quotes import mentions as invoice_mentions
from apps.quotes.models import Invoice, InvoiceStatus, QuoteSettings
from apps.quotes.services import credit_notes
from apps.quotes.services import invoices as services
from apps.quotes.tests.factories_invoices import InvoiceContactFactory, accepted_quote, blank_pdf, company

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(autouse=True)
def seller(monkeypatch):
    monkeypatch.setattr("apps.quotes.facturx.base_pdf", blank_pdf)
    return company()


def draft(org, **quote_fields):
    return services.invoice_from_quote(quote=accepted_quote(**quote_fields), by=org.office_manager)


def test_issue_numbers_dates_freezes_details_and_stores_the_facturx_pdf(org):
    invoice = draft(org)
    invoice.client.payment_terms_days = 45
    invoice.client.save()
    issued = services.invoice_issue(invoice=invoice, by=org.office_manager)
    today = timezone.localdate()
    assert issued.status == InvoiceStatus.ISSUED
    assert issued.number == f"FAC-{today.year}-0001"
    assert (issued.issue_date, issued.due_date) == (today, today + dt.timedelta(days=45))
    assert issued.issued_details["client"]["name"] == invoice.client.name
    assert issued.issued_details["seller"]["siren"] == "732829320"
    with issued.pdf.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_numbers_follow_each_other_and_credit_notes_have_their_own_series(org):
    first = services.invoice_issue(invoice=draft(org), by=org.office_manager)
    second = services.invoice_issue(invoice=draft(org), by=org.office_manager)
    note = services.invoice_issue(
        invoice=credit_notes.credit_note_create(invoice=first, by=org.office_manager, full=True),
        by=org.office_manager,
    )
    year = timezone.localdate().year
    assert [first.number, second.number, note.number] == [f"FAC-{year}-0001", f"FAC-{year}-0002", f"AV-{year}-0001"]


def test_due_days_fall_back_to_the_settings():
    settings = QuoteSettings.current()
    settings.invoice_due_days = 10
    settings.save()
    assert invoice_mentions.due_days(SimpleNamespace(payment_terms_days=None)) == 10
    assert invoice_mentions.due_days(SimpleNamespace(payment_terms_days=0)) == 0


def test_a_second_click_on_issue_is_refused_with_a_clear_message(org):
    invoice = draft(org)
    services.invoice_issue(invoice=invoice, by=org.office_manager)
    with pytest.raises(ValidationError, match="already issued"):
        services.invoice_issue(invoice=invoice, by=org.office_manager)
    assert DocumentCounter.objects.get(series="FAC").last == 1


def test_a_client_without_address_cannot_be_invoiced(org):
    invoice = draft(org)
    invoice.client.postal_code = ""
    invoice.client.save()
    with pytest.raises(ValidationError, match="billing address"):
        services.invoice_issue(invoice=invoice, by=org.office_manager)
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.DRAFT and not invoice.number
    assert not DocumentCounter.objects.filter(series="FAC").exists()


def test_a_failing_pdf_keeps_nothing_and_loses_no_number(org, monkeypatch):
    invoice = draft(org)

    def broken(invoice):
        raise RuntimeError("the printer caught fire")

    monkeypatch.setattr("apps.quotes.facturx.base_pdf", broken)
    with pytest.raises(RuntimeError):
        services.invoice_issue(invoice=invoice, by=org.office_manager)
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.DRAFT and not invoice.number
    assert not DocumentCounter.objects.filter(series="FAC", last__gt=0).exists()


def test_an_issued_invoice_is_not_edited_issue_a_credit_note_instead(org):
    invoice = services.invoice_issue(invoice=draft(org), by=org.office_manager)
    with pytest.raises(ValidationError, match="credit note instead"):
        services.invoice_update(invoice=invoice, by=org.office_manager, subject="Autre chose")


def test_a_draft_header_is_edited_and_a_contact_of_another_client_refused(org):
    invoice = draft(org)
    services.invoice_update(
        invoice=invoice, by=org.office_manager, subject="Travaux", notes="Merci", payment_terms="À réception"
    )
    invoice.refresh_from_db()
    assert (invoice.subject, invoice.notes, invoice.payment_terms) == ("Travaux", "Merci", "À réception")
    with pytest.raises(ValidationError) as caught:
        services.invoice_update(invoice=invoice, by=org.office_manager, subject="x", contact=InvoiceContactFactory())
    assert "contact" in caught.value.error_dict
    with pytest.raises(ValidationError):
        services.invoice_update(invoice=invoice, by=org.office_manager, subject="  ")


def test_only_drafts_are_deleted(org):
    invoice = draft(org)
    issued = services.invoice_issue(invoice=draft(org), by=org.office_manager)
    services.invoice_delete(invoice=invoice, by=org.office_manager)
    assert not Invoice.objects.filter(pk=invoice.pk).exists()
    with pytest.raises(ValidationError, match="never deleted"):
        services.invoice_delete(invoice=issued, by=org.office_manager)


def test_send_emails_the_facturx_pdf_to_the_contact(org):
    invoice = draft(org)
    contact = InvoiceContactFactory(client=invoice.client)
    invoice.contact = contact
    invoice.save()
    with pytest.raises(ValidationError, match="Issue"):
        services.invoice_send(invoice=invoice, by=org.office_manager)
    issued = services.invoice_issue(invoice=invoice, by=org.office_manager)
    sent = services.invoice_send(invoice=issued, by=org.office_manager)
    mail = EmailOutbox.objects.get()
    assert mail.to == contact.email and issued.number in mail.subject
    assert mail.attachment_name == f"{issued.number}.pdf" and sent.sent_at is not None
    with mail.attachment.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_send_without_any_address_is_refused(org):
    invoice = draft(org)
    invoice.client.email = ""
    invoice.client.save()
    issued = services.invoice_issue(invoice=invoice, by=org.office_manager)
    with pytest.raises(ValidationError, match="e-mail"):
        services.invoice_send(invoice=issued, by=org.office_manager)
