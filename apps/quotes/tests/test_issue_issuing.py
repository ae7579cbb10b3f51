"""Issuing a quote: the number (DEV-YYYY-NNNN, none on a draft, gap-free), the dates, the frozen
details and PDF; refused twice, refused with the problems, nothing kept when the PDF fails; revisions keep
the number and replace the older version, which stays read-only."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts.models import Company
from apps.core.models import DocumentCounter
from apps.quotes.models import Quote, QuoteStatus
from apps.quotes.services import issue as issuing
from apps.quotes.services import lifecycle
from apps.quotes.tests.factories_issue import ready_quote
from apps.quotes.tests.issue_helpers import issued_quote

pytestmark = pytest.mark.django_db


def test_a_draft_has_no_number_and_issuing_gives_the_first_of_the_year(org):
    quote = ready_quote(by=org.office_manager)
    assert quote.number == "" and quote.reference == ""
    with time_machine.travel(dt.datetime(2026, 3, 10, 10, tzinfo=dt.UTC), tick=False):
        quote = issuing.quote_issue(quote=quote, by=org.office_manager)
    assert quote.number == "DEV-2026-0001"
    assert quote.reference == "DEV-2026-0001"
    assert quote.status == QuoteStatus.ISSUED
    assert quote.issue_date == dt.date(2026, 3, 10)
    assert quote.valid_until == dt.date(2026, 4, 9)  # 30 days
    assert quote.year == 2026


def test_numbers_follow_each_other_and_restart_each_year(org):
    with time_machine.travel(dt.datetime(2026, 12, 31, 10, tzinfo=dt.UTC), tick=False):
        first = issued_quote(org.office_manager)
        second = issued_quote(org.office_manager)
    with time_machine.travel(dt.datetime(2027, 1, 2, 10, tzinfo=dt.UTC), tick=False):
        third = issued_quote(org.office_manager)
    assert [first.number, second.number, third.number] == ["DEV-2026-0001", "DEV-2026-0002", "DEV-2027-0001"]


def test_issuing_freezes_the_seller_and_the_client_and_stores_the_pdf(org):
    quote = issued_quote(org.office_manager)
    Company.objects.filter(pk=1).update(legal_name="Renamed SAS")
    quote.client.name = "Renamed client"
    quote.client.save()
    quote.refresh_from_db()
    assert quote.issued_details["seller"]["legal_name"] == "Atelier Rhône SAS"
    assert quote.issued_details["client"]["name"].startswith("Client ")
    assert quote.issued_details["client"]["contact"]["name"] == "Claire Martin"
    assert quote.pdf.name.endswith(".pdf")
    with quote.pdf.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_issuing_stores_the_totals_of_the_lines(org):
    quote = issued_quote(org.office_manager)
    # 2 × 100 at 20 % + 2 × 50 at 10 %
    assert quote.total_excl_vat == Decimal("300.00")
    assert quote.total_vat == Decimal("50.00")
    assert quote.total_incl_vat == Decimal("350.00")


def test_a_quote_with_problems_is_refused_with_the_list_and_takes_no_number(org):
    quote = ready_quote(by=org.office_manager, payment_terms="")
    Company.objects.filter(pk=1).update(siret="")
    with pytest.raises(ValidationError) as caught:
        issuing.quote_issue(quote=quote, by=org.office_manager)
    assert caught.value.messages == ["The company's SIRET number is missing.", "The payment terms are missing."]
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.DRAFT and quote.number == ""
    assert not DocumentCounter.objects.filter(series="DEV").exists()


def test_issuing_twice_is_refused_with_a_clear_message_and_no_second_number(org):
    quote = issued_quote(org.office_manager)
    with pytest.raises(ValidationError) as caught:
        issuing.quote_issue(quote=quote, by=org.office_manager)
    assert caught.value.messages == [f"This quote has already been issued as {quote.reference}."]
    assert DocumentCounter.objects.get(series="DEV").last == 1


def test_a_failed_pdf_keeps_nothing_and_loses_no_number(org, monkeypatch):
    quote = ready_quote(by=org.office_manager)

    def broken(quote):
        raise RuntimeError("the PDF engine failed")

    monkeypatch.setattr(issuing, "quote_pdf_bytes", broken)
    with pytest.raises(RuntimeError):
        issuing.quote_issue(quote=quote, by=org.office_manager)
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.DRAFT and quote.number == "" and not quote.pdf
    assert quote.issued_details == {}
    monkeypatch.undo()
    assert issued_quote(org.office_manager).number.endswith("-0001")


def test_only_an_office_manager_issues(org):
    quote = ready_quote(by=org.office_manager)
    with pytest.raises(PermissionDenied):
        issuing.quote_issue(quote=quote, by=org.director)


# --- revisions ------------------------------------------------------------------------------------


def test_a_revision_is_a_draft_with_the_same_number_the_next_version_and_the_lines_copied(org):
    quote = issued_quote(org.office_manager, deposit_percent=Decimal("30"))
    revision, created = lifecycle.quote_revise(quote=quote, by=org.office_manager)
    assert created
    assert revision.status == QuoteStatus.DRAFT
    assert (revision.number, revision.version, revision.revision_of) == (quote.number, 2, quote)
    assert revision.reference == f"{quote.number}-v2"
    assert revision.deposit_percent == Decimal("30")
    old_lines = list(quote.lines.values_list("description", "quantity", "unit_price", "vat_rate", "position"))
    new_lines = list(revision.lines.values_list("description", "quantity", "unit_price", "vat_rate", "position"))
    assert new_lines == old_lines
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.ISSUED  # until the revision is issued
    assert quote.revised_by == revision


def test_revising_twice_gives_back_the_open_draft(org):
    quote = issued_quote(org.office_manager)
    first, _ = lifecycle.quote_revise(quote=quote, by=org.office_manager)
    again, created = lifecycle.quote_revise(quote=quote, by=org.office_manager)
    assert (again, created) == (first, False)
    assert Quote.objects.filter(number=quote.number).count() == 2


def test_issuing_the_revision_keeps_the_number_and_supersedes_the_older_version(org):
    quote = issued_quote(org.office_manager)
    revision, _ = lifecycle.quote_revise(quote=quote, by=org.office_manager)
    revision = issuing.quote_issue(quote=revision, by=org.office_manager)
    assert revision.reference == "DEV-%d-0001-v2" % revision.year
    assert revision.status == QuoteStatus.ISSUED
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.SUPERSEDED and quote.superseded_at is not None
    assert DocumentCounter.objects.get(series="DEV").last == 1  # no new number taken
    # The replaced version is read-only: not editable, not issuable, not revisable again.
    assert not quote.is_editable
    with pytest.raises(ValidationError):
        issuing.quote_issue(quote=quote, by=org.office_manager)
    with pytest.raises(ValidationError):
        lifecycle.quote_revise(quote=quote, by=org.office_manager)
    # and v3 revises v2
    third, _ = lifecycle.quote_revise(quote=revision, by=org.office_manager)
    assert third.version == 3 and third.number == quote.number


@pytest.mark.parametrize("status", [QuoteStatus.DECLINED, QuoteStatus.EXPIRED, QuoteStatus.SENT])
def test_a_declined_expired_or_sent_quote_can_be_revised(org, status):
    quote = issued_quote(org.office_manager)
    Quote.objects.filter(pk=quote.pk).update(status=status)
    revision, created = lifecycle.quote_revise(quote=quote, by=org.office_manager)
    assert created and revision.version == 2


@pytest.mark.parametrize("status", [QuoteStatus.DRAFT, QuoteStatus.ACCEPTED])
def test_a_draft_or_an_accepted_quote_is_not_revised(org, status):
    quote = issued_quote(org.office_manager)
    Quote.objects.filter(pk=quote.pk).update(status=status)
    with pytest.raises(ValidationError):
        lifecycle.quote_revise(quote=quote, by=org.office_manager)


def test_a_revision_is_not_issued_once_the_client_accepted_the_older_version(org):
    quote = issued_quote(org.office_manager)
    revision, _ = lifecycle.quote_revise(quote=quote, by=org.office_manager)
    lifecycle.quote_accept(quote=quote, by=org.office_manager)
    with pytest.raises(ValidationError, match="accepted version 1 meanwhile"):
        issuing.quote_issue(quote=revision, by=org.office_manager)
