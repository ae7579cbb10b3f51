"""The stock page of one catalogue item: per site, its forms, its ledger; the office manager's only."""

import pytest
from django.urls import reverse

from apps.accounts.tests.factories import SiteFactory
from apps.supplies.models import MoveKind, SiteStock, StockMove
from apps.supplies.services import stock_move, stock_receive
from apps.supplies.tests.factories import CatalogueItemFactory, RequestLineFactory, SiteStockFactory

pytestmark = pytest.mark.django_db


def page(item):
    return reverse("supplies:item_stock", args=[item.pk])


def post_url(name, item, site):
    return reverse(f"supplies:{name}", args=[item.pk, site.pk])


def test_every_open_site_has_a_row_even_without_stock(org, client_for):
    item = CatalogueItemFactory(name="Surligneurs")
    other = SiteFactory(name="Paris")
    SiteFactory(name="Ancien site", is_active=False)
    stock_receive(item=item, site=org.site, quantity=7, by=org.office_manager)
    response = client_for(org.office_manager).get(page(item))
    assert response.status_code == 200
    rows = {row.site.name: row for row in response.context["rows"]}
    assert set(rows) == {org.site.name, other.name}
    assert rows[org.site.name].stock.quantity == 7 and rows[other.name].exists is False
    assert "Never stocked on this site." in response.content.decode()
    assert not SiteStock.objects.filter(site=other).exists()  # reading creates nothing


def test_a_low_stock_shows_the_low_badge(org, client_for):
    stock = SiteStockFactory(site=org.site, reorder_threshold=3)
    stock_move(stock=stock, kind=MoveKind.RECEIVED, delta=2)
    response = client_for(org.office_manager).get(page(stock.item))
    assert 'data-testid="low-badge"' in response.content.decode()


def test_the_ledger_is_newest_first_and_paginated(org, client_for):
    stock = SiteStockFactory(site=org.site)
    for n in range(1, 28):
        stock_move(stock=stock, kind=MoveKind.RECEIVED, delta=n, reason=f"delivery {n}")
    client = client_for(org.office_manager)
    first = client.get(page(stock.item))
    moves = list(first.context["moves"].object_list)
    assert len(moves) == 25 and moves[0].reason == "delivery 27"
    second = client.get(page(stock.item) + "?page=2")
    assert [move.reason for move in second.context["moves"].object_list] == ["delivery 2", "delivery 1"]
    assert client.get(page(stock.item) + "?page=abc").status_code == 200
    assert client.get(page(stock.item) + "?page=99999999999999999999").status_code == 200


def test_an_issued_move_names_its_request(org, client_for):
    line = RequestLineFactory(request__requester=org.staff)
    stock = SiteStockFactory(site=org.site, item=line.item)
    stock_move(stock=stock, kind=MoveKind.RECEIVED, delta=5)
    stock_move(stock=stock, kind=MoveKind.ISSUED, delta=-1, request_line=line)
    body = client_for(org.office_manager).get(page(stock.item)).content.decode()
    assert f"Request #{line.request_id}" in body


def test_the_page_costs_the_same_queries_for_many_sites_and_moves(org, client_for, django_assert_max_num_queries):
    item = CatalogueItemFactory()
    client = client_for(org.office_manager)
    client.get(page(item))
    for n in range(6):
        site = SiteFactory(name=f"Site {n}")
        stock = SiteStockFactory(item=item, site=site)
        stock_move(stock=stock, kind=MoveKind.RECEIVED, delta=5, by=org.office_manager)
        stock_move(stock=stock, kind=MoveKind.ADJUSTED, delta=-1, reason="x", by=org.office_manager)
    with django_assert_max_num_queries(10):
        assert client.get(page(item)).status_code == 200


# --- the forms


def test_receiving_adds_a_move_and_returns_to_the_page(org, client_for):
    item = CatalogueItemFactory()
    response = client_for(org.office_manager).post(
        post_url("stock_receive", item, org.site), {"quantity": "12", "note": "BL 12"}
    )
    assert response.status_code == 302 and response.url.endswith(f"#site-{org.site.pk}")
    stock = SiteStock.objects.get(item=item, site=org.site)
    assert stock.quantity == 12 and stock.moves.get().reason == "BL 12"


@pytest.mark.parametrize("quantity", ["0", "-4", "1.5", "100001", "douze", ""])
def test_a_bad_delivery_shows_an_error_next_to_the_field_and_saves_nothing(org, client_for, quantity):
    item = CatalogueItemFactory()
    response = client_for(org.office_manager).post(post_url("stock_receive", item, org.site), {"quantity": quantity})
    assert response.status_code == 200
    row = next(row for row in response.context["rows"] if row.site.pk == org.site.pk)
    assert row.open == "receive" and "quantity" in row.forms["receive"].errors
    assert f'id="id_s{org.site.pk}_receive_quantity_error"' in response.content.decode()
    assert not StockMove.objects.exists() and not SiteStock.objects.exists()


def test_receiving_an_archived_item_is_refused_on_the_form(org, client_for):
    item = CatalogueItemFactory(is_active=False)
    response = client_for(org.office_manager).post(post_url("stock_receive", item, org.site), {"quantity": "3"})
    assert response.status_code == 200
    row = next(row for row in response.context["rows"] if row.site.pk == org.site.pk)
    assert "archived" in str(row.forms["receive"].errors["quantity"])
    assert not StockMove.objects.exists()


def test_an_adjustment_below_zero_is_a_field_error_and_nothing_is_saved(org, client_for):
    item = CatalogueItemFactory()
    stock_receive(item=item, site=org.site, quantity=2, by=org.office_manager)
    response = client_for(org.office_manager).post(
        post_url("stock_adjust", item, org.site), {"quantity": "-3", "reason": "Cassé"}
    )
    assert response.status_code == 200
    row = next(row for row in response.context["rows"] if row.site.pk == org.site.pk)
    assert "Only 2 left" in str(row.forms["adjust"].errors["quantity"])
    assert StockMove.objects.count() == 1 and SiteStock.objects.get().quantity == 2


@pytest.mark.parametrize(
    ("data", "field"), [({"quantity": "0", "reason": "x"}, "quantity"), ({"quantity": "2"}, "reason")]
)
def test_an_adjustment_needs_a_change_and_a_reason(org, client_for, data, field):
    item = CatalogueItemFactory()
    response = client_for(org.office_manager).post(post_url("stock_adjust", item, org.site), data)
    row = next(row for row in response.context["rows"] if row.site.pk == org.site.pk)
    assert field in row.forms["adjust"].errors
    assert not StockMove.objects.exists()


def test_an_adjustment_up_with_a_reason_is_recorded(org, client_for):
    item = CatalogueItemFactory()
    response = client_for(org.office_manager).post(
        post_url("stock_adjust", item, org.site), {"quantity": "+3", "reason": "Trouvé au fond du placard"}
    )
    assert response.status_code == 302
    assert SiteStock.objects.get().quantity == 3


def test_the_settings_are_saved_and_bad_ones_refused(org, client_for):
    item = CatalogueItemFactory()
    client = client_for(org.office_manager)
    url = post_url("stock_settings", item, org.site)
    assert client.post(url, {"reorder_threshold": "4", "reorder_quantity": "20"}).status_code == 302
    stock = SiteStock.objects.get()
    assert (stock.reorder_threshold, stock.reorder_quantity) == (4, 20)
    response = client.post(url, {"reorder_threshold": "-1", "reorder_quantity": "2.5"})
    assert response.status_code == 200
    stock.refresh_from_db()
    assert (stock.reorder_threshold, stock.reorder_quantity) == (4, 20)


# --- who may


@pytest.mark.parametrize("who", ["staff", "manager", "director", "outsider"])
def test_only_the_office_manager_sees_or_changes_the_stock(org, client_for, who):
    item = CatalogueItemFactory()
    client = client_for(getattr(org, who))
    assert client.get(page(item)).status_code == 403
    for name in ("stock_receive", "stock_adjust", "stock_settings"):
        data = {"quantity": "3", "reason": "x", "reorder_threshold": "1", "reorder_quantity": "1"}
        assert client.post(post_url(name, item, org.site), data).status_code == 403
    assert not StockMove.objects.exists() and not SiteStock.objects.exists()


def test_unknown_items_and_sites_are_404(org, client_for):
    item = CatalogueItemFactory()
    client = client_for(org.office_manager)
    assert client.get(reverse("supplies:item_stock", args=[999_999])).status_code == 404
    assert client.post(reverse("supplies:stock_receive", args=[item.pk, 999_999]), {"quantity": 1}).status_code == 404
    assert (
        client.post(reverse("supplies:stock_receive", args=[999_999, org.site.pk]), {"quantity": 1}).status_code == 404
    )


def test_the_page_refuses_post_and_the_forms_refuse_get(org, client_for):
    item = CatalogueItemFactory()
    client = client_for(org.office_manager)
    assert client.post(page(item)).status_code == 405
    assert client.get(post_url("stock_receive", item, org.site)).status_code == 405


def test_an_archived_item_shows_its_stock_without_the_receive_form(org, client_for):
    item = CatalogueItemFactory(is_active=False)
    response = client_for(org.office_manager).get(page(item))
    body = response.content.decode()
    assert response.status_code == 200 and "archived" in body
    assert post_url("stock_receive", item, org.site) not in body
    assert post_url("stock_adjust", item, org.site) in body
