"""PostgreSQL: quotes issued at the same moment get DEV numbers in sequence with no gap and no duplicate
(the year's counter row is locked in the issuing transaction), one quote issued twice at once is issued
once, and a failed issue among others leaves no gap."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.core.tests.races import run_at_once
from apps.notifications.models import EmailOutbox
from apps.quotes.models import Quote
from apps.quotes.services import issue as issuing
from apps.quotes.services import lifecycle
from apps.quotes.tests.factories_issue import ready_quote

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def fast_pdf(monkeypatch):
    # The PDF is not what is tested here; a small one keeps the threads' transactions short.
    monkeypatch.setattr(issuing, "quote_pdf_bytes", lambda quote: b"%PDF-1.7 test")


def _issue(pk, by):
    return issuing.quote_issue(quote=Quote.objects.get(pk=pk), by=by)


def test_quotes_issued_at_once_are_numbered_in_sequence_without_gaps(org, fast_pdf):
    quotes = [ready_quote(by=org.office_manager) for _ in range(8)]
    outcomes = run_at_once(len(quotes), lambda i: _issue(quotes[i].pk, org.office_manager))
    assert all(isinstance(outcome, Quote) for outcome in outcomes), outcomes
    year = Quote.objects.exclude(year=None).first().year
    numbers = sorted(Quote.objects.values_list("number", flat=True))
    assert numbers == [f"DEV-{year}-{n:04d}" for n in range(1, 9)]


def test_a_failed_issue_among_others_leaves_no_gap(org, monkeypatch):
    quotes = [ready_quote(by=org.office_manager) for _ in range(5)]
    failing = quotes[2].pk

    def pdf(quote):
        if quote.pk == failing:
            raise RuntimeError("the PDF engine failed")
        return b"%PDF-1.7 test"

    monkeypatch.setattr(issuing, "quote_pdf_bytes", pdf)
    outcomes = run_at_once(len(quotes), lambda i: _issue(quotes[i].pk, org.office_manager))
    assert sum(isinstance(outcome, RuntimeError) for outcome in outcomes) == 1
    year = Quote.objects.exclude(year=None).first().year
    numbers = sorted(Quote.objects.exclude(number="").values_list("number", flat=True))
    assert numbers == [f"DEV-{year}-{n:04d}" for n in range(1, 5)]
    assert Quote.objects.get(pk=failing).number == ""


def test_one_quote_issued_twice_at_once_gets_one_number(org, fast_pdf):
    quote = ready_quote(by=org.office_manager)
    outcomes = run_at_once(3, lambda i: _issue(quote.pk, org.office_manager))
    issued = [outcome for outcome in outcomes if isinstance(outcome, Quote)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert len(issued) == 1 and len(refused) == 2, outcomes
    assert all("already been issued" in error.messages[0] for error in refused)
    quote.refresh_from_db()
    assert quote.number.endswith("-0001")
    assert Quote.objects.exclude(number="").count() == 1


def test_the_send_button_pressed_three_times_at_once_sends_one_e_mail(org, fast_pdf):
    quote = issuing.quote_issue(quote=ready_quote(by=org.office_manager), by=org.office_manager)
    outcomes = run_at_once(
        3, lambda i: lifecycle.quote_send(quote=Quote.objects.get(pk=quote.pk), by=org.office_manager)
    )
    assert all(isinstance(outcome, tuple) for outcome in outcomes), outcomes
    assert EmailOutbox.objects.filter(kind="quotes_quote_client").count() == 1
