"""A revision (version n+1, same number) keeps its quote's client: DEV-2026-0007-v2 addressed to another
client would share a number with an offer it does not revise (found by the #15 attack review)."""

import pytest
from django.core.exceptions import ValidationError

from apps.quotes.services import lifecycle
from apps.quotes.services import quotes as services
from apps.quotes.tests.factories_issue import ClientFactory
from apps.quotes.tests.issue_helpers import issued_quote

pytestmark = pytest.mark.django_db


def _header(quote, **changes):
    fields = {
        "client": quote.client,
        "subject": quote.subject,
        "contact": None,
        "validity_days": quote.validity_days,
        "payment_terms": quote.payment_terms,
    }
    return fields | changes


def test_a_revision_cannot_change_client(org):
    revision, _created = lifecycle.quote_revise(quote=issued_quote(org.office_manager), by=org.office_manager)
    with pytest.raises(ValidationError) as caught:
        services.quote_update(quote=revision, by=org.office_manager, **_header(revision, client=ClientFactory()))
    assert "client" in caught.value.error_dict
    revision.refresh_from_db()
    assert revision.client_id == revision.revision_of.client_id


def test_a_revision_keeps_its_client_and_the_rest_of_its_header_changes(org):
    revision, _created = lifecycle.quote_revise(quote=issued_quote(org.office_manager), by=org.office_manager)
    services.quote_update(quote=revision, by=org.office_manager, **_header(revision, subject="Nouvelle offre"))
    revision.refresh_from_db()
    assert revision.subject == "Nouvelle offre"


def test_the_edit_page_shows_the_refusal_on_the_client_field(client, org):
    revision, _created = lifecycle.quote_revise(quote=issued_quote(org.office_manager), by=org.office_manager)
    other = ClientFactory()
    client.force_login(org.office_manager)
    response = client.post(
        f"/quotes/{revision.pk}/edit/",
        {"client": other.pk, "subject": "X", "validity_days": 30, "discount_percent": "0", "deposit_percent": "0"},
    )
    assert response.status_code == 400
    assert "client" in response.context["form"].errors
    revision.refresh_from_db()
    assert revision.client_id != other.pk
