"""The basket lives in the session: bounded, checked line by line, flagged when an item is archived."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.supplies.basket import MAX_FREE, MAX_ITEMS, SESSION_KEY, Basket
from apps.supplies.tests.factories import CatalogueItemFactory

pytestmark = pytest.mark.django_db

ADD = reverse("supplies:basket_add")
BASKET = reverse("supplies:basket")
UPDATE = reverse("supplies:basket_update")


def basket_of(client) -> dict:
    return client.session.get(SESSION_KEY, {}).get("items", {})


def test_add_to_basket_with_htmx_updates_the_counter_without_a_reload(org, client_for):
    item = CatalogueItemFactory(name="Ramette A4")
    client = client_for(org.staff)
    response = client.post(ADD, {"item": item.pk, "quantity": 3}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="basket-count">1<' in page and "3 × Ramette A4" in page and "<html" not in page
    assert 'id="nav-basket-count"' in page and 'hx-swap-oob="true"' in page
    assert basket_of(client) == {str(item.pk): 3}
    client.post(ADD, {"item": item.pk, "quantity": 2}, HTTP_HX_REQUEST="true")
    assert basket_of(client) == {str(item.pk): 5}


def test_add_to_basket_without_javascript_goes_back_to_the_page(org, client_for):
    item = CatalogueItemFactory()
    response = client_for(org.staff).post(ADD, {"item": item.pk, "quantity": 1, "next": "/supplies/?q=a"})
    assert response.status_code == 302 and response["Location"] == "/supplies/?q=a"
    response = client_for(org.staff).post(ADD, {"item": item.pk, "quantity": 1, "next": "https://evil.example/"})
    assert response["Location"] == reverse("supplies:shop")


@pytest.mark.parametrize(
    ("quantity", "message"),
    [("0", "at least 1"), ("-2", "at least 1"), ("1.5", "whole number"), ("100001", "At most 100 000"), ("", "Enter")],
)
def test_a_bad_quantity_is_refused_with_a_message(org, client_for, quantity, message):
    item = CatalogueItemFactory()
    client = client_for(org.staff)
    response = client.post(ADD, {"item": item.pk, "quantity": quantity}, HTTP_HX_REQUEST="true")
    assert message in response.content.decode() and basket_of(client) == {}


@pytest.mark.parametrize("item_id", ["999999", "abc", ""])
def test_an_unknown_item_is_refused(org, client_for, item_id):
    client = client_for(org.staff)
    response = client.post(ADD, {"item": item_id, "quantity": 1}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and basket_of(client) == {}


def test_an_archived_item_cannot_be_added(org, client_for):
    item = CatalogueItemFactory(is_active=False)
    client = client_for(org.staff)
    response = client.post(ADD, {"item": item.pk, "quantity": 1}, HTTP_HX_REQUEST="true")
    assert "no longer in the catalogue" in response.content.decode() and basket_of(client) == {}


def test_a_line_never_exceeds_100000_units(org, client_for):
    item = CatalogueItemFactory()
    client = client_for(org.staff)
    client.post(ADD, {"item": item.pk, "quantity": 100_000}, HTTP_HX_REQUEST="true")
    response = client.post(ADD, {"item": item.pk, "quantity": 1}, HTTP_HX_REQUEST="true")
    assert "At most 100 000" in response.content.decode() and basket_of(client) == {str(item.pk): 100_000}


def test_the_basket_holds_at_most_50_items(org, client_for):
    items = CatalogueItemFactory.create_batch(MAX_ITEMS + 1)
    client = client_for(org.staff)
    for item in items[:MAX_ITEMS]:
        client.post(ADD, {"item": item.pk, "quantity": 1}, HTTP_HX_REQUEST="true")
    response = client.post(ADD, {"item": items[-1].pk, "quantity": 1}, HTTP_HX_REQUEST="true")
    assert "Your basket is full" in response.content.decode() and len(basket_of(client)) == MAX_ITEMS


def test_a_tampered_session_is_read_within_the_bounds():
    session = {
        SESSION_KEY: {
            "items": {str(n): 1 for n in range(1, 80)} | {"x": 2, "5": 0, "6": 10**9, "7": 1.5},
            "free": [{"description": "ok", "unit_price": "1", "quantity": 1}, {"description": "bad", "quantity": 0}]
            * 20,
            "draft": {"reason": "x" * 10_000},
        }
    }
    basket = Basket(session)
    assert len(basket.items) == MAX_ITEMS and all(1 <= q <= 100_000 for q in basket.items.values())
    assert len(basket.free) <= MAX_FREE and len(basket.draft["reason"]) == 2000
    assert len(Basket({SESSION_KEY: "garbage"})) == 0


def test_the_basket_page_shows_lines_costs_and_flags_an_archived_item(org, client_for):
    paper = CatalogueItemFactory(name="Ramette A4", unit_price=Decimal("4.20"))
    stapler = CatalogueItemFactory(name="Agrafeuse", unit_price=Decimal("12.00"))
    client = client_for(org.staff)
    client.post(ADD, {"item": paper.pk, "quantity": 5}, HTTP_HX_REQUEST="true")
    client.post(ADD, {"item": stapler.pk, "quantity": 1}, HTTP_HX_REQUEST="true")
    stapler.is_active = False
    stapler.save()
    response = client.get(BASKET)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ramette A4" in page and "Archived: remove it" in page
    # The archived item is left out of the cost: 5 × 4.20 = 21.00, VAT 4.20, 25.20 incl. VAT.
    assert (response.context["total_excl_vat"], response.context["total_vat"]) == (Decimal("21.00"), Decimal("4.20"))
    assert response.context["total_incl_vat"] == Decimal("25.20")
    assert "Budget left" not in page  # no purchasing budgets yet: no budget line
    assert response.context["details_form"]["site"].value() == org.site.pk


def test_quantities_are_updated_and_lines_removed(org, client_for):
    paper, pens = CatalogueItemFactory(), CatalogueItemFactory()
    client = client_for(org.staff)
    for item in (paper, pens):
        client.post(ADD, {"item": item.pk, "quantity": 1}, HTTP_HX_REQUEST="true")
    data = {f"item_{paper.pk}": 7, f"item_{pens.pk}": 2, "action": "update"}
    assert client.post(UPDATE, data).status_code == 302
    assert basket_of(client) == {str(paper.pk): 7, str(pens.pk): 2}
    client.post(UPDATE, {**data, "remove": pens.pk})
    assert basket_of(client) == {str(paper.pk): 7}


@pytest.mark.parametrize("quantity", ["0", "-1", "2.5", "100001", ""])
def test_a_bad_quantity_in_the_basket_is_shown_next_to_its_line(org, client_for, quantity):
    paper = CatalogueItemFactory()
    client = client_for(org.staff)
    client.post(ADD, {"item": paper.pk, "quantity": 3}, HTTP_HX_REQUEST="true")
    response = client.post(UPDATE, {f"item_{paper.pk}": quantity, "action": "update"})
    assert response.status_code == 200
    assert response.context["lines_form"].errors[f"item_{paper.pk}"]
    assert 'class="invalid-feedback d-block"' in response.content.decode()
    assert basket_of(client) == {str(paper.pk): 3}


def test_something_not_in_the_catalogue_goes_in_the_basket(org, client_for):
    client = client_for(org.staff)
    data = {"action": "add_free", "free-description": "Lampe LED", "free-unit_price": "35.50", "free-quantity": 2}
    assert client.post(UPDATE, {**data, "free-link": "https://example.com/lampe"}).status_code == 302
    free = client.session[SESSION_KEY]["free"]
    assert free == [
        {"description": "Lampe LED", "unit_price": "35.50", "quantity": 2, "link": "https://example.com/lampe"}
    ]
    page = client.get(BASKET).content.decode()
    assert "Lampe LED" in page and "Not in the catalogue" in page
    client.post(UPDATE, {"remove_free": 0})
    assert client.session[SESSION_KEY]["free"] == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("free-unit_price", "-5"),
        ("free-quantity", "0"),
        ("free-description", ""),
        ("free-link", "not a link"),
        ("free-link", "ftp://example.com/file"),
    ],
)
def test_a_bad_free_line_is_refused_with_a_message(org, client_for, field, value):
    client = client_for(org.staff)
    data = {
        "action": "add_free",
        "free-description": "Lampe",
        "free-unit_price": "35",
        "free-quantity": 1,
        field: value,
    }
    response = client.post(UPDATE, data)
    assert response.status_code == 200 and response.context["free_form"].errors
    assert SESSION_KEY not in client.session or client.session[SESSION_KEY]["free"] == []


def test_the_basket_pages_refuse_the_wrong_method(org, client_for):
    client = client_for(org.staff)
    assert client.get(ADD).status_code == 405
    assert client.get(UPDATE).status_code == 405
    assert client.get(reverse("supplies:request_submit")).status_code == 405
    assert client.post(BASKET).status_code == 405
