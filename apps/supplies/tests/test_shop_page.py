"""The catalogue every signed-in person browses: active items, search, categories, a bounded cost."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.supplies.models import Category
from apps.supplies.tests.factories import CatalogueItemFactory

pytestmark = pytest.mark.django_db

SHOP = reverse("supplies:shop")


def names(response) -> list[str]:
    return [item.name for item in response.context["page"].object_list]


def test_everyone_browses_the_active_catalogue(org, client_for):
    CatalogueItemFactory(name="Ramette A4", supplier_reference="LYR-123", unit_price=Decimal("4.20"))
    CatalogueItemFactory(name="Agrafeuse archivée", is_active=False)
    response = client_for(org.staff).get(SHOP)
    assert response.status_code == 200
    assert names(response) == ["Ramette A4"]
    page = response.content.decode()
    assert "LYR-123" in page and "4.20 €" in page and "Add" in page
    assert "bi-box-seam" in page  # no photo: a neutral icon


def test_search_finds_a_name_or_a_supplier_reference(org, client_for):
    CatalogueItemFactory(name="Stylo bille bleu", supplier_reference="BIC-1")
    CatalogueItemFactory(name="Cahier", supplier_reference="CL-77")
    client = client_for(org.staff)
    assert names(client.get(SHOP, {"q": "stylo"})) == ["Stylo bille bleu"]
    assert names(client.get(SHOP, {"q": "cl-77"})) == ["Cahier"]
    assert names(client.get(SHOP, {"q": "nothing like it"})) == []


def test_the_category_filter_keeps_one_category(org, client_for):
    CatalogueItemFactory(name="Café", category=Category.KITCHEN)
    CatalogueItemFactory(name="Ramette", category=Category.PAPER)
    client = client_for(org.staff)
    assert names(client.get(SHOP, {"category": "kitchen"})) == ["Café"]
    assert names(client.get(SHOP, {"category": "no-such-category"})) == ["Café", "Ramette"]


def test_a_search_through_htmx_gets_the_results_alone(org, client_for):
    CatalogueItemFactory(name="Stylo")
    response = client_for(org.staff).get(SHOP, {"q": "stylo"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="shop-results"' in page and "<html" not in page


def test_a_huge_or_silly_page_number_shows_a_page(org, client_for):
    CatalogueItemFactory()
    client = client_for(org.staff)
    for page in ("99999999999999999999", "-1", "x"):
        assert client.get(SHOP, {"page": page}).status_code == 200


def test_the_shop_is_paginated(org, client_for):
    CatalogueItemFactory.create_batch(30)
    response = client_for(org.staff).get(SHOP)
    assert len(names(response)) == 24 and response.context["page"].paginator.num_pages == 2


def test_the_shop_costs_the_same_queries_for_10_or_100_items(org, client_for):
    client = client_for(org.staff)
    CatalogueItemFactory.create_batch(10)
    client.get(SHOP)
    with CaptureQueriesContext(connection) as small:
        client.get(SHOP)
    CatalogueItemFactory.create_batch(90)
    with CaptureQueriesContext(connection) as large:
        client.get(SHOP)
    assert len(small.captured_queries) == len(large.captured_queries) <= 6, [q["sql"] for q in large.captured_queries]


def test_anonymous_people_are_sent_to_sign_in_and_a_post_is_refused(org, client, client_for):
    assert client.get(SHOP).status_code == 302
    assert client_for(org.staff).post(SHOP).status_code == 405
