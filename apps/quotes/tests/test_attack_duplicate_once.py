"""The duplicate button carries a one-time token: pressed twice, one copy (found by the #15 attack
review: every press made another draft)."""

import re
import uuid

import pytest

from apps.quotes.models import Quote
from apps.quotes.services import quotes as services
from apps.quotes.tests.issue_helpers import issued_quote

pytestmark = pytest.mark.django_db


def test_duplicating_twice_with_the_same_token_makes_one_copy(org):
    quote = issued_quote(org.office_manager)
    token = uuid.uuid4()
    first = services.quote_duplicate(quote=quote, by=org.office_manager, token=token)
    second = services.quote_duplicate(quote=quote, by=org.office_manager, token=token)
    assert first.pk == second.pk
    assert first.lines.count() == quote.lines.count()
    assert Quote.objects.filter(status="draft").count() == 1


def test_the_duplicate_button_posted_twice_makes_one_copy(client, org):
    quote = issued_quote(org.office_manager)
    client.force_login(org.office_manager)
    html = client.get(f"/quotes/{quote.pk}/").content.decode()
    pattern = rf'action="/quotes/{quote.pk}/duplicate/".*?name="token" value="([0-9a-f-]{{36}})"'
    form = re.search(pattern, html, re.S)
    assert form is not None
    responses = [client.post(f"/quotes/{quote.pk}/duplicate/", {"token": form.group(1)}) for _ in range(2)]
    assert responses[0]["Location"] == responses[1]["Location"]
    assert Quote.objects.filter(status="draft").count() == 1


def test_a_post_without_a_token_still_duplicates(client, org):
    quote = issued_quote(org.office_manager)
    client.force_login(org.office_manager)
    assert client.post(f"/quotes/{quote.pk}/duplicate/", {"token": "nonsense"}).status_code == 302
    assert Quote.objects.filter(status="draft").count() == 1
