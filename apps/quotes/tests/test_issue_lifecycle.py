"""An issued quote's life: sending it (one outbox row with the PDF, to the contact or the client; none
without an address; again when asked), handing it over, the client's answer with its date, the signed
copy (checked by its content), and the daily job (expiry, the reminder a week before, once each)."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.notifications.models import EmailOutbox, Notification, ReminderLedger
from apps.quotes import tasks
from apps.quotes.models import Quote, QuoteStatus
from apps.quotes.services import lifecycle
from apps.quotes.tests.issue_helpers import issued_quote
from apps.suppliers.tests.compliance_helpers import pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db

ISSUED_AT = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)


def _issued(org, **fields):
    with time_machine.travel(ISSUED_AT, tick=False):
        return issued_quote(org.office_manager, **fields)


# --- sending ------------------------------------------------------------------------------------


def test_sending_puts_one_outbox_row_with_the_pdf_to_the_contact_and_marks_the_quote_sent(org):
    quote = issued_quote(org.office_manager)
    quote, outbox = lifecycle.quote_send(quote=quote, by=org.office_manager)
    assert quote.status == QuoteStatus.SENT and quote.sent_at is not None
    [row] = EmailOutbox.objects.filter(kind="quotes_quote_client")
    assert row == outbox
    assert row.to == "claire.martin@client.example"
    assert row.attachment_name == f"{quote.reference}.pdf"
    with row.attachment.open("rb") as handle, quote.pdf.open("rb") as stored:
        assert handle.read() == stored.read()
    assert quote.reference in row.subject
    assert "Claire Martin" in row.body_text


def test_without_a_contact_the_client_address_is_used_and_without_any_address_it_is_refused(org):
    quote = issued_quote(org.office_manager, contact=False)
    _quote, outbox = lifecycle.quote_send(quote=quote, by=org.office_manager)
    assert outbox.to == quote.client.email
    other = issued_quote(org.office_manager, contact=False)
    other.client.email = ""
    other.client.save()
    with pytest.raises(ValidationError, match="Neither the quote's contact nor the client has an e-mail address"):
        lifecycle.quote_send(quote=other, by=org.office_manager)
    other.refresh_from_db()
    assert other.status == QuoteStatus.ISSUED
    assert EmailOutbox.objects.filter(kind="quotes_quote_client").count() == 1


def test_sending_again_later_sends_again_and_keeps_the_first_send_time(org):
    quote = _issued(org)
    with time_machine.travel(ISSUED_AT + dt.timedelta(hours=1), tick=False):
        quote, _ = lifecycle.quote_send(quote=quote, by=org.office_manager)
    first = quote.sent_at
    with time_machine.travel(ISSUED_AT + dt.timedelta(days=2), tick=False):
        quote, _ = lifecycle.quote_send(quote=quote, by=org.office_manager)
    assert quote.sent_at == first
    assert lifecycle.sends_of(quote).count() == 2


def test_a_double_click_on_send_sends_once(org):
    quote = issued_quote(org.office_manager)
    _quote, first = lifecycle.quote_send(quote=quote, by=org.office_manager)
    _quote, second = lifecycle.quote_send(quote=quote, by=org.office_manager)
    assert first == second
    assert lifecycle.sends_of(quote).count() == 1


def test_a_draft_is_not_sent(org):
    from apps.quotes.tests.factories_issue import ready_quote

    with pytest.raises(ValidationError):
        lifecycle.quote_send(quote=ready_quote(by=org.office_manager), by=org.office_manager)
    assert not EmailOutbox.objects.exists()


def test_the_director_sends_nothing(org):
    quote = issued_quote(org.office_manager)
    with pytest.raises(PermissionDenied):
        lifecycle.quote_send(quote=quote, by=org.director)


def test_handing_over_by_hand_marks_it_sent_once(org):
    quote = issued_quote(org.office_manager)
    quote = lifecycle.quote_mark_sent(quote=quote, by=org.office_manager)
    assert quote.status == QuoteStatus.SENT
    assert lifecycle.quote_mark_sent(quote=quote, by=org.office_manager).sent_at == quote.sent_at
    assert not EmailOutbox.objects.exists()


# --- the answer ---------------------------------------------------------------------------------


def test_accepting_keeps_the_date_given(org):
    quote = _issued(org)
    with time_machine.travel(dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC), tick=False):
        quote = lifecycle.quote_accept(quote=quote, by=org.office_manager, accepted_on=dt.date(2026, 3, 15))
    assert quote.status == QuoteStatus.ACCEPTED
    assert quote.accepted_at.date() == dt.date(2026, 3, 15)


@pytest.mark.parametrize("day", [dt.date(2026, 3, 1), dt.date(2026, 3, 21), dt.date(9999, 12, 31)])
def test_an_answer_date_before_the_quote_or_in_the_future_is_refused(org, day):
    quote = _issued(org)
    with (
        time_machine.travel(dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC), tick=False),
        pytest.raises(ValidationError) as caught,
    ):
        lifecycle.quote_accept(quote=quote, by=org.office_manager, accepted_on=day)
    assert "accepted_on" in caught.value.error_dict
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.ISSUED


def test_declining_needs_a_reason_and_keeps_it(org):
    quote = issued_quote(org.office_manager)
    with pytest.raises(ValidationError):
        lifecycle.quote_decline(quote=quote, by=org.office_manager, reason="  ")
    quote = lifecycle.quote_decline(quote=quote, by=org.office_manager, reason="Trop cher")
    assert quote.status == QuoteStatus.DECLINED and quote.decline_reason == "Trop cher"
    assert quote.declined_at is not None


@pytest.mark.parametrize("status", [QuoteStatus.DRAFT, QuoteStatus.DECLINED, QuoteStatus.EXPIRED])
def test_only_an_issued_or_sent_quote_is_answered(org, status):
    quote = issued_quote(org.office_manager)
    Quote.objects.filter(pk=quote.pk).update(status=status)
    with pytest.raises(ValidationError):
        lifecycle.quote_accept(quote=quote, by=org.office_manager)


# --- the signed copy ----------------------------------------------------------------------------


def _accepted(org):
    return lifecycle.quote_accept(quote=issued_quote(org.office_manager), by=org.office_manager)


@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [("scan.pdf", pdf_bytes(), "pdf"), ("photo.png", png_bytes(), "png"), ("photo.PNG.pdf", png_bytes(), "png")],
)
def test_a_signed_pdf_or_image_is_kept_named_by_its_content(org, name, content, extension):
    quote = _accepted(org)
    quote = lifecycle.quote_signed_copy_attach(
        quote=quote, by=org.office_manager, upload=SimpleUploadedFile(name, content)
    )
    assert quote.signed_copy.name.endswith(f".{extension}")


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("contrat.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),  # an .exe renamed
        SimpleUploadedFile("contrat.pdf", b"%PDF-1.7\n<script>alert(1)</script>\n%%EOF"),  # not a readable PDF
        SimpleUploadedFile("page.html", b"<html><script>alert(1)</script></html>"),
        SimpleUploadedFile("empty.pdf", b""),
    ],
)
def test_anything_but_a_real_pdf_or_image_is_refused(org, upload):
    quote = _accepted(org)
    with pytest.raises(ValidationError):
        lifecycle.quote_signed_copy_attach(quote=quote, by=org.office_manager, upload=upload)
    quote.refresh_from_db()
    assert not quote.signed_copy


def test_a_signed_copy_over_10_mb_is_refused(org):
    quote = _accepted(org)
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="too large"):
        lifecycle.quote_signed_copy_attach(quote=quote, by=org.office_manager, upload=big)


def test_a_signed_copy_goes_on_an_accepted_quote_only(org):
    quote = issued_quote(org.office_manager)
    with pytest.raises(ValidationError):
        lifecycle.quote_signed_copy_attach(
            quote=quote, by=org.office_manager, upload=SimpleUploadedFile("s.pdf", pdf_bytes())
        )


# --- the daily job ------------------------------------------------------------------------------


def test_the_daily_job_expires_quotes_past_their_validity_and_tells_the_author_once(org):
    quote = _issued(org)  # valid until 1 April 2026
    answered = _issued(org)
    lifecycle.quote_accept(quote=answered, by=org.office_manager, accepted_on=dt.date(2026, 3, 20))  # within validity
    with time_machine.travel(dt.datetime(2026, 4, 1, 8, tzinfo=dt.UTC), tick=False):
        assert tasks.quotes_daily()["expired"] == 0  # its last valid day
    with time_machine.travel(dt.datetime(2026, 4, 2, 8, tzinfo=dt.UTC), tick=False):
        first = tasks.quotes_daily()
        second = tasks.quotes_daily()
    assert first["expired"] == 1 and second == {"expired": 0, "reminded": 0}
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.EXPIRED and quote.expired_at is not None
    answered.refresh_from_db()
    assert answered.status == QuoteStatus.ACCEPTED
    notes = Notification.objects.filter(kind="quotes_quote_expired", recipient=org.office_manager)
    assert notes.count() == 1
    assert EmailOutbox.objects.filter(kind="quotes_quote_expired").count() == 1
    assert ReminderLedger.objects.filter(kind="quotes_quote_expired").count() == 1


def test_a_week_before_expiry_the_author_is_reminded_once(org):
    quote = _issued(org)  # valid until 1 April 2026
    lifecycle.quote_mark_sent(quote=quote, by=org.office_manager)
    with time_machine.travel(dt.datetime(2026, 3, 24, 8, tzinfo=dt.UTC), tick=False):
        assert tasks.quotes_daily()["reminded"] == 0  # 8 days before
    with time_machine.travel(dt.datetime(2026, 3, 25, 8, tzinfo=dt.UTC), tick=False):
        assert tasks.quotes_daily()["reminded"] == 1
        assert tasks.quotes_daily()["reminded"] == 0
    with time_machine.travel(dt.datetime(2026, 3, 28, 8, tzinfo=dt.UTC), tick=False):
        assert tasks.quotes_daily()["reminded"] == 0
    assert Notification.objects.filter(kind="quotes_quote_expiring").count() == 1
    note = Notification.objects.get(kind="quotes_quote_expiring")
    assert quote.reference in note.title
    assert note.url == quote.get_absolute_url()


def test_an_answered_quote_gets_no_reminder(org):
    quote = _issued(org, deposit_percent=Decimal("0"))
    lifecycle.quote_decline(quote=quote, by=org.office_manager, reason="Non")
    with time_machine.travel(dt.datetime(2026, 3, 28, 8, tzinfo=dt.UTC), tick=False):
        assert tasks.quotes_daily() == {"expired": 0, "reminded": 0}
