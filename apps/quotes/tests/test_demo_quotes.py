"""seed_demo's quotes and invoices: believable clients whose identifiers pass their checksums, every
status, gap-free numbers that the counters continue, totals from totals_of, the 40-line quote the
benchmark opens, and nothing added by a second run."""

import itertools
import re
from collections import defaultdict
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from stdnum.eu import vat as eu_vat
from stdnum.fr import siren, siret

from apps.accounts.models import Company
from apps.core.models import DocumentCounter
from apps.core.numbering import next_number
from apps.quotes import contributions
from apps.quotes.models import (
    CatalogueEntry,
    Client,
    ClientContact,
    ClientKind,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    LineKind,
    Payment,
    Quote,
    QuoteLine,
    QuoteSettings,
    QuoteStatus,
)
from apps.quotes.totals import totals_of

pytestmark = pytest.mark.django_db
MODELS = (Client, ClientContact, CatalogueEntry, Quote, QuoteLine, Invoice, InvoiceLine, Payment, DocumentCounter)


@pytest.fixture
def seeded():
    call_command("seed_demo", scale=0.25, years=2, stdout=StringIO())


def test_the_seller_can_issue_quotes_and_invoices(seeded):
    company = Company.objects.get(pk=1)
    for field in ("legal_name", "legal_form", "address", "postal_code", "city", "siren", "siret", "rcs_city"):
        assert getattr(company, field), field
    assert company.share_capital and company.vat_number
    settings = QuoteSettings.current()
    assert settings.iban.startswith("FR") and settings.bic and settings.payment_terms


def test_clients_are_companies_with_valid_identifiers_and_some_private_persons(seeded):
    companies = Client.objects.filter(kind=ClientKind.COMPANY)
    assert companies.count() >= 25
    assert Client.objects.filter(kind=ClientKind.PERSON).count() >= 4
    for client in companies:
        client.full_clean()
        assert eu_vat.is_valid(client.vat_number), client
        if client.country == "FR":
            assert siren.is_valid(client.siren) and siret.is_valid(client.siret), client
            assert client.siret.startswith(client.siren) and client.vat_number.endswith(client.siren)
    for person in Client.objects.filter(kind=ClientKind.PERSON):
        assert not (person.siren or person.siret or person.vat_number)
        assert person.has_address
    assert ClientContact.objects.filter(is_primary=True).count() == companies.count()
    assert CatalogueEntry.objects.filter(is_active=True).count() >= 20


def test_quotes_have_every_status_drafts_without_numbers_and_revisions(seeded):
    statuses = set(Quote.objects.values_list("status", flat=True))
    assert statuses == set(QuoteStatus.values)
    assert not Quote.objects.filter(status=QuoteStatus.DRAFT).exclude(number="").exists()
    assert not Quote.objects.exclude(status=QuoteStatus.DRAFT).filter(number="").exists()
    revisions = Quote.objects.filter(version=2).select_related("revision_of")
    assert revisions.exists()
    for revision in revisions:
        assert revision.revision_of.status == QuoteStatus.SUPERSEDED
        assert revision.revision_of.number == revision.number and revision.revision_of.version == 1
        assert revision.issued_at >= revision.revision_of.issued_at
    assert not Quote.objects.filter(status=QuoteStatus.SUPERSEDED, revised_by__isnull=True).exists()
    today = timezone.localdate()
    assert not Quote.objects.filter(status__in=["issued", "sent"], valid_until__lt=today).exists()
    assert not Quote.objects.filter(status="expired", valid_until__gte=today).exists()


def _numbers_are_gap_free(numbers: list[str], prefix: str) -> dict[int, int]:
    by_year: dict[int, list[int]] = defaultdict(list)
    for number in numbers:
        match = re.fullmatch(rf"{prefix}-(\d{{4}})-(\d{{4}})", number)
        assert match, number
        by_year[int(match[1])].append(int(match[2]))
    for year, values in by_year.items():
        assert sorted(values) == list(range(1, len(values) + 1)), year
    return {year: len(values) for year, values in by_year.items()}


def test_quote_and_invoice_numbers_have_no_gap_and_the_counters_continue_them(seeded):
    firsts = list(Quote.objects.filter(version=1).exclude(number="").values_list("number", flat=True))
    for series, numbers in (
        ("DEV", firsts),
        ("FAC", list(Invoice.objects.exclude(kind=InvoiceKind.CREDIT_NOTE).values_list("number", flat=True))),
        ("AV", list(Invoice.objects.filter(kind=InvoiceKind.CREDIT_NOTE).values_list("number", flat=True))),
    ):
        last = _numbers_are_gap_free(numbers, series)
        counters = dict(DocumentCounter.objects.filter(series=series).values_list("year", "last"))
        assert counters == last, series
    # The next quote issued for real continues the year's sequence.
    year = timezone.localdate().year
    with transaction.atomic():
        assert next_number("DEV", year) == len([n for n in firsts if n.startswith(f"DEV-{year}-")]) + 1


def test_numbers_follow_the_issue_dates(seeded):
    quotes = Quote.objects.filter(version=1).exclude(number="").order_by("year", "number")
    dates = list(quotes.values_list("year", "issue_date"))
    for (year, day), (next_year, next_day) in itertools.pairwise(dates):
        if year == next_year:
            assert day <= next_day


def test_stored_totals_are_those_of_totals_of(seeded):
    lines = defaultdict(list)
    for line in QuoteLine.objects.all():
        lines[line.quote_id].append(line)
    for quote in Quote.objects.all():
        totals = totals_of(lines[quote.pk], quote.discount_percent)
        assert (quote.total_excl_vat, quote.total_vat, quote.total_incl_vat) == (
            totals.excl_vat,
            totals.vat,
            totals.incl_vat,
        ), quote
    invoice_lines = defaultdict(list)
    for line in InvoiceLine.objects.all():
        invoice_lines[line.invoice_id].append(line)
    for invoice in Invoice.objects.all():
        totals = totals_of(invoice_lines[invoice.pk], invoice.discount_percent)
        assert (invoice.total_excl_vat, invoice.total_incl_vat) == (totals.excl_vat, totals.incl_vat), invoice


def test_invoices_come_from_accepted_quotes_with_deposits_credit_notes_and_payments(seeded):
    assert not Invoice.objects.exclude(quote__status=QuoteStatus.ACCEPTED).exclude(quote=None).exists()
    assert Invoice.objects.filter(kind=InvoiceKind.DEPOSIT).exists()
    deducted = InvoiceLine.objects.filter(kind=LineKind.DEPOSIT).select_related("deposit_invoice")
    assert deducted.exists()
    for line in deducted:
        assert line.unit_price < 0 and line.deposit_invoice.kind == InvoiceKind.DEPOSIT
        assert line.deposit_invoice.number in line.description
    credit_notes = Invoice.objects.filter(kind=InvoiceKind.CREDIT_NOTE).select_related("credited_invoice")
    assert credit_notes.count() == 2
    assert {note.credited_invoice.status for note in credit_notes} >= {InvoiceStatus.CREDITED}
    today = timezone.localdate()
    for invoice in Invoice.objects.prefetch_related("payments"):
        paid = sum((p.amount for p in invoice.payments.all()), Decimal("0"))
        assert invoice.amount_paid == paid, invoice
        if invoice.status == InvoiceStatus.PAID:
            assert paid == invoice.total_incl_vat and invoice.paid_on
    unpaid = Invoice.objects.filter(status=InvoiceStatus.ISSUED).exclude(kind=InvoiceKind.CREDIT_NOTE)
    assert unpaid.filter(due_date__lt=today).exists()  # a few overdue
    assert unpaid.filter(due_date__gte=today).exists()
    assert unpaid.filter(amount_paid__gt=0).exists()  # one paid in part


def test_the_benchmark_finds_a_40_line_quote_with_sections(seeded):
    quote = contributions.bench_quote()
    lines = list(quote.lines.all())
    assert len(lines) == 40
    assert sum(line.kind == LineKind.SECTION for line in lines) == 5
    assert quote.status in (QuoteStatus.ISSUED, QuoteStatus.SENT)


def test_every_dashboard_card_has_something_to_show(seeded):
    from apps.accounts.models import User

    office = User.objects.get(email="office@example.com")
    cards = {str(card.title): card.value for card in contributions.dashboard_cards(office)}
    assert all(cards.values()), cards


def test_seeding_twice_adds_nothing(seeded):
    before = {model.__name__: model.objects.count() for model in MODELS}
    call_command("seed_demo", scale=0.25, years=2, stdout=StringIO())
    assert {model.__name__: model.objects.count() for model in MODELS} == before
