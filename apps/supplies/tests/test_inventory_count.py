"""An inventory count: counted figures become the stock in one transaction, once per form."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.accounts.tests.factories import SiteFactory
from apps.supplies.models import Category, InventoryCount, InventoryCountLine, MoveKind, SiteStock, StockMove
from apps.supplies.services import inventory_count_apply, stock_move
from apps.supplies.tests.factories import CatalogueItemFactory, SiteStockFactory

pytestmark = pytest.mark.django_db


def stocked(site, quantity, **item):
    stock = SiteStockFactory(site=site, reorder_threshold=0, **({"item__" + k: v for k, v in item.items()}))
    if quantity:
        stock_move(stock=stock, kind=MoveKind.RECEIVED, delta=quantity)
    return stock


def test_the_differences_become_counted_moves_and_lines_keep_expected_and_counted(org):
    pens, paper, tape = stocked(org.site, 10), stocked(org.site, 4), stocked(org.site, 6)
    never = CatalogueItemFactory()
    count = inventory_count_apply(
        site=org.site,
        by=org.office_manager,
        counted={pens.item_id: 8, paper.item_id: 4, never.pk: 3},
        note="Armoire du 2e",
    )
    lines = {line.stock.item_id: (line.expected, line.counted) for line in count.lines.select_related("stock")}
    assert lines == {pens.item_id: (10, 8), paper.item_id: (4, 4), never.pk: (0, 3)}
    moves = {move.stock.item_id: move.delta for move in StockMove.objects.filter(count=count).select_related("stock")}
    assert moves == {pens.item_id: -2, never.pk: 3}  # no move where the figure was right
    assert all(move.kind == MoveKind.COUNTED for move in StockMove.objects.filter(count=count))
    tape.refresh_from_db()
    assert tape.quantity == 6  # not counted: untouched
    assert SiteStock.objects.get(item=never, site=org.site).quantity == 3


@pytest.mark.parametrize("figure", [-1, 1.5, "3", None, 100_001, True])
def test_a_bad_figure_is_an_error_next_to_that_item_and_nothing_is_saved(org, figure):
    good, bad = stocked(org.site, 5), stocked(org.site, 5)
    with pytest.raises(ValidationError) as error:
        inventory_count_apply(site=org.site, by=org.office_manager, counted={good.item_id: 2, bad.item_id: figure})
    assert list(error.value.message_dict) == [f"counted_{bad.item_id}"]
    assert not InventoryCount.objects.exists() and StockMove.objects.filter(kind=MoveKind.COUNTED).count() == 0
    good.refresh_from_db()
    assert good.quantity == 5


def test_an_archived_or_unknown_item_is_refused(org):
    archived = CatalogueItemFactory(is_active=False)
    with pytest.raises(ValidationError) as error:
        inventory_count_apply(site=org.site, by=org.office_manager, counted={archived.pk: 1, 999_999: 2})
    assert set(error.value.message_dict) == {f"counted_{archived.pk}", "counted_999999"}
    assert not InventoryCount.objects.exists() and not SiteStock.objects.exists()


def test_an_empty_count_is_refused(org):
    with pytest.raises(ValidationError, match="at least one item"):
        inventory_count_apply(site=org.site, by=org.office_manager, counted={})


def test_the_same_token_applies_once(org):
    stock = stocked(org.site, 10)
    token = uuid.uuid4()
    inventory_count_apply(site=org.site, by=org.office_manager, counted={stock.item_id: 7}, token=token)
    with pytest.raises(ValidationError, match="already been recorded"):
        inventory_count_apply(site=org.site, by=org.office_manager, counted={stock.item_id: 7}, token=token)
    stock.refresh_from_db()
    assert stock.quantity == 7 and InventoryCount.objects.count() == 1


def test_a_count_that_makes_an_item_low_tells_the_office_manager_once(org):
    stock = SiteStockFactory(site=org.site, reorder_threshold=3)
    stock_move(stock=stock, kind=MoveKind.RECEIVED, delta=10)
    inventory_count_apply(site=org.site, by=org.office_manager, counted={stock.item_id: 2})
    assert org.office_manager.notifications.filter(kind="supplies_low_stock").count() == 1


# --- the pages


def sheet_url(site):
    return reverse("supplies:inventory_count", args=[site.pk])


def test_the_site_list_shows_open_sites(org, client_for):
    SiteFactory(name="Fermé", is_active=False)
    response = client_for(org.office_manager).get(reverse("supplies:inventory"))
    assert [site.name for site in response.context["sites"]] == [org.site.name]


def test_the_sheet_lists_active_items_by_category_with_their_expected_figure(org, client_for):
    stocked(org.site, 9, name="Stylos", category=Category.WRITING)
    CatalogueItemFactory(name="Ramettes", category=Category.PAPER)
    CatalogueItemFactory(name="Vieux toner", category=Category.PRINTING, is_active=False)
    response = client_for(org.office_manager).get(sheet_url(org.site))
    assert response.status_code == 200
    sheet = response.context["sheet"]
    assert [(g.category, [(line.name, line.expected) for line in g.lines]) for g in sheet] == [
        ("paper", [("Ramettes", 0)]),
        ("writing", [("Stylos", 9)]),
    ]
    body = response.content.decode()
    assert 'inputmode="numeric"' in body and 'name="token"' in body


def test_posting_the_sheet_applies_it_and_shows_the_differences(org, client_for):
    pens, paper = stocked(org.site, 10, name="Stylos"), stocked(org.site, 4, name="Ramettes")
    client = client_for(org.office_manager)
    token = client.get(sheet_url(org.site)).context["form"].initial["token"]
    data = {"token": str(token), f"counted_{pens.item_id}": "7", f"counted_{paper.item_id}": "", "note": "Fin d'année"}
    response = client.post(sheet_url(org.site), data)
    count = InventoryCount.objects.get()
    assert response.status_code == 302 and response.url == reverse("supplies:inventory_count_detail", args=[count.pk])
    summary = client.get(response.url)
    assert [line.difference for line in summary.context["differences"]] == [-3]
    assert "1 difference" in summary.content.decode()
    again = client.post(sheet_url(org.site), data)  # the same form sent twice: applied once
    assert again.status_code == 302 and again.url == response.url
    pens.refresh_from_db()
    assert pens.quantity == 7 and InventoryCount.objects.count() == 1 and InventoryCountLine.objects.count() == 1


@pytest.mark.parametrize("figure", ["-2", "1.5", "beaucoup", "100001"])
def test_a_bad_figure_on_the_page_is_shown_next_to_its_item(org, client_for, figure):
    pens, paper = stocked(org.site, 10), stocked(org.site, 4)
    data = {"token": str(uuid.uuid4()), f"counted_{pens.item_id}": "7", f"counted_{paper.item_id}": figure}
    response = client_for(org.office_manager).post(sheet_url(org.site), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'id="id_counted_{paper.item_id}_error"' in body and f'value="{figure}"' in body
    assert not InventoryCount.objects.exists()
    pens.refresh_from_db()
    assert pens.quantity == 10


def test_a_blank_sheet_is_refused_with_a_message(org, client_for):
    stocked(org.site, 10)
    response = client_for(org.office_manager).post(sheet_url(org.site), {"token": str(uuid.uuid4())})
    assert response.status_code == 200 and "at least one item" in response.content.decode()
    assert not InventoryCount.objects.exists()


def test_the_sheet_costs_the_same_queries_for_many_items(org, client_for, django_assert_max_num_queries):
    client = client_for(org.office_manager)
    for n in range(30):
        stocked(org.site, n % 4, category=Category.values[n % 5])
    with django_assert_max_num_queries(8):
        assert client.get(sheet_url(org.site)).status_code == 200


@pytest.mark.parametrize("who", ["staff", "manager", "director"])
def test_inventory_pages_are_the_office_managers(org, client_for, who):
    stock = stocked(org.site, 3)
    count = inventory_count_apply(site=org.site, by=org.office_manager, counted={stock.item_id: 2})
    client = client_for(getattr(org, who))
    assert client.get(reverse("supplies:inventory")).status_code == 403
    assert client.get(sheet_url(org.site)).status_code == 403
    assert client.get(reverse("supplies:inventory_count_detail", args=[count.pk])).status_code == 403
    data = {"token": str(uuid.uuid4()), f"counted_{stock.item_id}": "0"}
    assert client.post(sheet_url(org.site), data).status_code == 403
    assert InventoryCount.objects.count() == 1


def test_unknown_or_closed_sites_and_unknown_counts_are_404(org, client_for):
    client = client_for(org.office_manager)
    closed = SiteFactory(name="Fermé", is_active=False)
    assert client.get(sheet_url(closed)).status_code == 404
    assert client.get(reverse("supplies:inventory_count", args=[999_999])).status_code == 404
    assert client.get(reverse("supplies:inventory_count_detail", args=[999_999])).status_code == 404
    assert client.post(reverse("supplies:inventory")).status_code == 405
