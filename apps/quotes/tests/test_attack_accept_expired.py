"""A quote past its validity cannot be accepted nor e-mailed, even before the daily job marks it expired; an answer
dated within the validity and recorded later still is (found by the #15 attack review)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from apps.quotes.models import Quote, QuoteStatus
from apps.quotes.services import lifecycle
from apps.quotes.tests.issue_helpers import issued_quote

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC)


def _quote(org, valid_until):
    quote = issued_quote(org.office_manager)
    Quote.objects.filter(pk=quote.pk).update(issue_date=dt.date(2026, 2, 1), valid_until=valid_until)
    quote.refresh_from_db()
    return quote


def test_a_quote_past_its_validity_cannot_be_accepted_today(org):
    quote = _quote(org, dt.date(2026, 3, 19))
    with time_machine.travel(NOW, tick=False), pytest.raises(ValidationError) as caught:
        lifecycle.quote_accept(quote=quote, by=org.office_manager)
    assert "accepted_on" in caught.value.error_dict
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.ISSUED and quote.accepted_at is None


def test_an_acceptance_dated_after_the_validity_is_refused(org):
    quote = _quote(org, dt.date(2026, 3, 10))
    with time_machine.travel(NOW, tick=False), pytest.raises(ValidationError):
        lifecycle.quote_accept(quote=quote, by=org.office_manager, accepted_on=dt.date(2026, 3, 11))


def test_an_acceptance_dated_within_the_validity_is_recorded_later(org):
    quote = _quote(org, dt.date(2026, 3, 10))
    with time_machine.travel(NOW, tick=False):
        quote = lifecycle.quote_accept(quote=quote, by=org.office_manager, accepted_on=dt.date(2026, 3, 10))
    assert quote.status == QuoteStatus.ACCEPTED


def test_the_accept_page_shows_the_expiry_on_the_field(client, org):
    quote = _quote(org, dt.date(2026, 3, 19))
    client.force_login(org.office_manager)
    with time_machine.travel(NOW, tick=False):
        response = client.post(f"/quotes/{quote.pk}/accept/", {"accepted_on": ""})
    assert response.status_code in (200, 302, 400)
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.ISSUED


def test_a_quote_past_its_validity_is_not_emailed(org):
    from apps.notifications.models import EmailOutbox

    quote = _quote(org, dt.date(2026, 3, 19))
    with time_machine.travel(NOW, tick=False), pytest.raises(ValidationError, match="expired"):
        lifecycle.quote_send(quote=quote, by=org.office_manager)
    assert not EmailOutbox.objects.filter(kind=lifecycle.SEND_KIND).exists()
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.ISSUED


def test_the_status_panel_offers_no_send_for_a_quote_past_its_validity(org):
    from apps.quotes.selectors.issue import status_panel

    quote = _quote(org, dt.date(2026, 3, 19))
    with time_machine.travel(NOW, tick=False):
        assert not status_panel(org.office_manager, quote)["may_send"]
        assert status_panel(org.office_manager, quote)["may_answer"]  # an answer dated within the validity
    with time_machine.travel(dt.datetime(2026, 3, 19, 9, tzinfo=dt.UTC), tick=False):
        assert status_panel(org.office_manager, quote)["may_send"]
