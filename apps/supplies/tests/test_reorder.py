"""What to reorder: active items at or under their threshold, by preferred supplier, ready for an order."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.accounts.tests.factories import SiteFactory
from apps.suppliers.tests.factories import SupplierFactory
from apps.supplies import contributions
from apps.supplies.models import MoveKind
from apps.supplies.selectors.stock import low_stocks, reorder_count, reorder_lines
from apps.supplies.services import stock_move
from apps.supplies.tests.factories import SiteStockFactory

pytestmark = pytest.mark.django_db


def stock(site, quantity, threshold, reorder=10, **item):
    row = SiteStockFactory(
        site=site, reorder_threshold=threshold, reorder_quantity=reorder, **{"item__" + k: v for k, v in item.items()}
    )
    if quantity:
        stock_move(stock=row, kind=MoveKind.RECEIVED, delta=quantity)
    return row


def test_the_list_follows_the_is_low_rule(org):
    rows = [
        stock(org.site, 2, 2, name="At threshold"),
        stock(org.site, 1, 2, name="Under"),
        stock(org.site, 3, 2, name="Above"),
        stock(org.site, 0, 0, name="Empty, no threshold"),
        stock(org.site, 4, 0, name="Stocked, no threshold"),
    ]
    listed = {row.pk for row in low_stocks()}
    assert listed == {row.pk for row in rows if row.is_low}
    assert {line.item_name for group in reorder_lines() for line in group.lines} == {
        "At threshold",
        "Under",
        "Empty, no threshold",
    }


def test_archived_items_and_closed_sites_are_left_out(org):
    stock(org.site, 0, 2, is_active=False)
    stock(SiteFactory(name="Fermé", is_active=False), 0, 2)
    assert reorder_lines() == [] and reorder_count() == 0


def test_lines_are_grouped_by_supplier_with_totals_and_no_supplier_last(org):
    paris = SiteFactory(name="Paris")
    lyreco, bureau = SupplierFactory(name="Lyreco"), SupplierFactory(name="Bureau Vallée")
    stock(org.site, 1, 2, reorder=10, name="Ramettes", supplier=lyreco, unit_price=Decimal("4.20"))
    stock(paris, 0, 2, reorder=5, name="Ramettes Paris", supplier=lyreco, unit_price=Decimal("4.25"))
    stock(org.site, 0, 3, reorder=0, name="Café", supplier=None, unit_price=Decimal("12.99"))
    stock(org.site, 2, 2, reorder=4, name="Stylos", supplier=bureau, unit_price=Decimal("0.333"))
    groups = reorder_lines()
    assert [group.supplier for group in groups] == ["Bureau Vallée", "Lyreco", ""]
    assert [group.supplier_id for group in groups] == [bureau.pk, lyreco.pk, None]
    group = groups[1]
    assert [(line.item_name, line.site_name, line.order_quantity, line.amount) for line in group.lines] == [
        ("Ramettes", org.site.name, 10, Decimal("42.00")),
        ("Ramettes Paris", "Paris", 5, Decimal("21.25")),
    ]
    assert group.total == Decimal("63.25")
    coffee = groups[2].lines[0]
    assert coffee.order_quantity == 4  # no reorder quantity set: enough to rise above the threshold
    assert groups[2].total == Decimal("51.96")


def test_the_list_is_one_query_whatever_its_length(org, django_assert_num_queries):
    suppliers = [SupplierFactory(name=f"Fournisseur {n}") for n in range(3)]
    for n in range(20):
        stock(org.site, 0, 2, supplier=suppliers[n % 3])
    with django_assert_num_queries(1):
        groups = reorder_lines()
    assert sum(len(group.lines) for group in groups) == 20


def test_the_page_shows_each_supplier_and_its_total(org, client_for, django_assert_max_num_queries):
    stock(
        org.site, 0, 2, reorder=10, name="Ramettes", supplier=SupplierFactory(name="Lyreco"), unit_price=Decimal("4.20")
    )
    stock(org.site, 1, 2, reorder=3, name="Café", supplier=None)
    client = client_for(org.office_manager)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("supplies:reorder"))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("Lyreco") < body.index("No supplier")
    assert "42.00 €" in body


def test_an_empty_list_says_so(org, client_for):
    response = client_for(org.office_manager).get(reverse("supplies:reorder"))
    assert "Nothing to reorder" in response.content.decode()


@pytest.mark.parametrize("who", ["staff", "manager", "director"])
def test_the_reorder_list_is_the_office_managers(org, client_for, who):
    assert client_for(getattr(org, who)).get(reverse("supplies:reorder")).status_code == 403


def test_the_dashboard_card_counts_what_to_reorder(org, django_assert_max_num_queries):
    stock(org.site, 0, 2)
    stock(org.site, 5, 2)
    assert org.office_manager.is_office_manager  # the roles, loaded once per request by the layout
    with django_assert_max_num_queries(1):
        card = contributions._reorder_card()
    assert (card.value, card.severity, card.url) == (1, "warning", reverse("supplies:reorder"))
    assert contributions.dashboard_cards(org.staff) == []
    assert contributions.dashboard_cards(org.director) == []


def test_the_dashboard_card_is_calm_when_nothing_is_low(org):
    [card] = [card for card in contributions.dashboard_cards(org.office_manager) if card.title == "Items to reorder"]
    assert (card.value, card.severity) == (0, "success")


def test_the_low_stock_notice_links_to_the_reorder_list(org):
    row = stock(org.site, 5, 2)
    stock_move(stock=row, kind=MoveKind.ISSUED, delta=-3)
    notice = org.office_manager.notifications.get(kind="supplies_low_stock")
    assert notice.url == reverse("supplies:reorder")
    assert row.item.name in notice.title


def test_the_dashboard_shows_the_card(org, client_for):
    stock(org.site, 0, 2)
    body = client_for(org.office_manager).get(reverse("dashboard:index")).content.decode()
    assert "Items to reorder" in body and reverse("supplies:reorder") in body
