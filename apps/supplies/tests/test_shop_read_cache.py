"""The catalogue's page kept in the read cache (``selectors.shop.shop_page``): a repeat reads less, and
an item archived or repriced shows at the next request, for every viewer and filter."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import User
from apps.supplies.models import Category
from apps.supplies.services.catalogue import item_archive, item_update
from apps.supplies.tests.factories import CatalogueItemFactory

pytestmark = pytest.mark.django_db

SHOP = reverse("supplies:shop")


def _get(client, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SHOP, params or {})
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_repeat_reads_less_and_an_archived_item_leaves_at_the_next_request(org, client_for, commit):
    User.objects.update(language="en")
    with commit():
        item = CatalogueItemFactory(name="Ramette A4", category=Category.PAPER)
        CatalogueItemFactory(name="Stylo bleu", category=Category.WRITING)
    client = client_for(org.staff)
    first, first_queries = _get(client)
    again, again_queries = _get(client)
    assert again_queries < first_queries
    assert "Ramette A4" in first and "Ramette A4" in again
    assert "Ramette A4" in _get(client, {"category": "paper"})[0]
    with commit():
        item_archive(item=item, by=org.office_manager)
    assert "Ramette A4" not in _get(client)[0]
    assert "Ramette A4" not in _get(client, {"category": "paper"})[0]
    assert "Stylo bleu" in _get(client_for(org.colleague))[0]


def test_a_new_price_shows_at_the_next_request(org, client_for, commit):
    User.objects.update(language="en")
    with commit():
        item = CatalogueItemFactory(name="Ramette A4", unit_price=Decimal("4.20"))
    client = client_for(org.staff)
    assert "4.20 €" in _get(client)[0] and "4.20 €" in _get(client)[0]
    with commit():
        item_update(item=item, by=org.office_manager, unit_price=Decimal("5.10"))
    html = _get(client)[0]
    assert "5.10 €" in html and "4.20 €" not in html
    assert "5.10 €" in _get(client_for(org.colleague))[0]


def test_the_kept_page_follows_the_language(org, client_for, commit):
    with commit():
        CatalogueItemFactory(name="Ramette A4", unit_price=Decimal("1234.50"))
    User.objects.filter(pk=org.staff.pk).update(language="en")
    User.objects.filter(pk=org.colleague.pk).update(language="fr")
    assert "1,234.50 €" in _get(client_for(org.staff))[0]
    assert "1 234,50 €" in _get(client_for(org.colleague))[0].replace("\xa0", " ").replace("\u202f", " ")


def test_the_cards_add_form_carries_a_token_the_basket_accepts(org):
    """The cards share one CSRF token per page (looked up once): it is a valid one."""
    item = CatalogueItemFactory(name="Ramette A4")
    client = Client(enforce_csrf_checks=True)
    client.force_login(org.staff)
    html = client.get(SHOP).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"><input type="hidden" name="item"', html).group(1)
    response = client.post(
        reverse("supplies:basket_add"), {"csrfmiddlewaretoken": token, "item": item.pk, "quantity": 2}
    )
    assert response.status_code == 302
    assert "Ramette A4" in client.get(reverse("supplies:basket")).content.decode()
