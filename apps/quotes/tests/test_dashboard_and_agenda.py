"""The quotes app on the office manager's dashboard and in the agenda: quotes awaiting an answer (issued
or sent), accepted this month, expiring within the week, client invoices unpaid (warning when one is
overdue); each quote's expiry in its author's agenda. Each card links to the list it counts, and the
cost is a fixed number of queries whatever the volume."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from apps.core import registry
from apps.quotes import contributions
from apps.quotes.models import InvoiceKind, InvoiceStatus, QuoteStatus
from apps.quotes.tests.factories_integration import InvoiceFactory, QuoteFactory

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 3, 16)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(dt.datetime(2026, 3, 16, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def _cards(user) -> dict[str, object]:
    return {str(card.title): card for card in contributions.dashboard_cards(user)}


def _accepted_at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(11)))


def test_the_cards_count_quotes_by_answer_and_invoices_left_to_pay(org):
    author = org.office_manager
    QuoteFactory(created_by=author, total_excl_vat=Decimal("1500.00"))  # sent, valid until 1 April
    QuoteFactory(created_by=author, status=QuoteStatus.ISSUED, issue_date=D(2026, 2, 20))  # until 22 March
    QuoteFactory(created_by=author, status=QuoteStatus.DRAFT, number="", issue_date=None, valid_until=None)
    QuoteFactory(created_by=author, status=QuoteStatus.ACCEPTED, accepted_at=_accepted_at(D(2026, 3, 2)))
    QuoteFactory(
        created_by=author,
        status=QuoteStatus.ACCEPTED,
        accepted_at=_accepted_at(D(2026, 3, 12)),
        total_excl_vat=Decimal("2000.50"),
    )
    QuoteFactory(created_by=author, status=QuoteStatus.ACCEPTED, accepted_at=_accepted_at(D(2026, 2, 27)))  # last month
    QuoteFactory(created_by=author, status=QuoteStatus.SUPERSEDED)
    QuoteFactory(created_by=author, status=QuoteStatus.EXPIRED, issue_date=D(2026, 1, 5))
    InvoiceFactory(created_by=author)  # due 1 April: unpaid, not late
    InvoiceFactory(created_by=author, due_date=D(2026, 3, 10), amount_paid=Decimal("200.00"))  # late, part paid
    InvoiceFactory(created_by=author, status=InvoiceStatus.PAID, amount_paid=Decimal("1200.00"))
    InvoiceFactory(created_by=author, status=InvoiceStatus.DRAFT, number="", issue_date=None)
    credited = InvoiceFactory(created_by=author, status=InvoiceStatus.CREDITED)
    InvoiceFactory(created_by=author, kind=InvoiceKind.CREDIT_NOTE, credited_invoice=credited, due_date=None)

    cards = _cards(author)
    quotes, invoices = reverse("quotes:quote_list"), reverse("quotes:invoice_list")
    awaiting = cards["Quotes awaiting an answer"]
    assert (awaiting.value, awaiting.detail, awaiting.url) == (2, "2,500.00 € excl. VAT", f"{quotes}?status=awaiting")
    accepted = cards["Quotes accepted this month"]
    assert (accepted.value, accepted.detail, accepted.url) == (
        2,
        "3,000.50 € excl. VAT",
        f"{quotes}?status=accepted",
    )
    expiring = cards["Quotes expiring soon"]
    assert (expiring.value, expiring.severity) == (1, "warning")
    unpaid = cards["Client invoices unpaid"]
    assert (unpaid.value, unpaid.severity) == (2, "warning")
    assert unpaid.detail == "2,200.00 € due · 1 overdue"
    assert unpaid.url == f"{invoices}?tab=overdue"


def test_with_nothing_late_the_invoice_card_links_to_the_unpaid_ones_quietly(org):
    InvoiceFactory(created_by=org.office_manager)
    unpaid = _cards(org.office_manager)["Client invoices unpaid"]
    assert (unpaid.value, unpaid.severity, unpaid.detail) == (1, "info", "1,200.00 € due")
    assert unpaid.url == f"{reverse('quotes:invoice_list')}?tab=unpaid"
    assert _cards(org.office_manager)["Quotes expiring soon"].severity == "secondary"


def test_an_empty_company_shows_zeros_not_errors(org):
    cards = _cards(org.office_manager)
    assert [cards[title].value for title in sorted(cards)] == [0, 0, 0, 0]
    assert cards["Client invoices unpaid"].severity == "success"


def test_the_cards_are_the_office_managers(org):
    assert contributions.dashboard_cards(org.director) == []
    assert contributions.dashboard_cards(org.staff) == []
    assert contributions.dashboard_cards(org.manager) == []
    assert "Quotes awaiting an answer" in {str(c.title) for c in registry.dashboard_cards(org.office_manager)}


def test_the_cards_cost_two_queries_whatever_the_volume(org, django_assert_max_num_queries):
    for index in range(40):
        QuoteFactory(created_by=org.office_manager, status=QuoteStatus.SENT if index % 2 else QuoteStatus.ACCEPTED)
        InvoiceFactory(created_by=org.office_manager)
    assert org.office_manager.is_office_manager  # the roles are read once per user, before counting
    with django_assert_max_num_queries(2):
        cards = contributions.dashboard_cards(org.office_manager)
    assert len(cards) == 4


def test_a_quote_expiry_is_in_its_authors_agenda_while_it_awaits_an_answer(org):
    mine = QuoteFactory(created_by=org.office_manager, issue_date=D(2026, 2, 20))  # valid until 22 March
    QuoteFactory(created_by=org.office_manager, status=QuoteStatus.ISSUED, issue_date=D(2026, 2, 21))
    QuoteFactory(created_by=org.office_manager, status=QuoteStatus.ACCEPTED, issue_date=D(2026, 2, 20))
    QuoteFactory(created_by=org.director, issue_date=D(2026, 2, 20))  # not the office manager's
    QuoteFactory(created_by=org.office_manager, issue_date=D(2026, 4, 20))  # out of the range
    items = contributions.agenda_items(org.office_manager, D(2026, 3, 16), D(2026, 3, 29))
    assert [(item.start, item.kind) for item in items] == [
        (D(2026, 3, 22), "quote_expiry"),
        (D(2026, 3, 23), "quote_expiry"),
    ]
    first = items[0]
    assert first.title == f"Quote {mine.number} expires · {mine.client.name}"
    assert first.url == reverse("quotes:quote_detail", args=[mine.pk])
    # Only office managers write quotes: nobody else's agenda asks for them.
    assert contributions.agenda_items(org.director, D(2026, 3, 16), D(2026, 3, 29)) == []
    assert contributions.agenda_items(org.staff, D(2026, 3, 16), D(2026, 3, 29)) == []


def test_a_revised_quote_shows_its_version_in_the_agenda(org):
    QuoteFactory(created_by=org.office_manager, number="DEV-2026-0042", version=2, issue_date=D(2026, 2, 20))
    (item,) = contributions.agenda_items(org.office_manager, D(2026, 3, 16), D(2026, 3, 29))
    assert item.title.startswith("Quote DEV-2026-0042-v2 expires")


def test_the_agenda_items_cost_one_query(org, django_assert_max_num_queries):
    for _ in range(30):
        QuoteFactory(created_by=org.office_manager, issue_date=D(2026, 2, 25))
    assert org.office_manager.is_office_manager
    with django_assert_max_num_queries(1):
        items = contributions.agenda_items(org.office_manager, D(2026, 3, 16), D(2026, 3, 29))
    assert len(items) == 30


def test_the_menu_offers_quotes_and_invoices_to_the_office_manager_and_the_director(org):
    for user in (org.office_manager, org.director):
        (entry,) = contributions.menu_entries(user)
        assert (str(entry.title), entry.url, entry.url_prefix) == (
            "Quotes",
            reverse("quotes:quote_list"),
            "/quotes/",
        )
    assert contributions.menu_entries(org.staff) == []
    assert contributions.menu_entries(org.manager) == []
