"""Receiving, adjusting and the reorder settings of one item on one site: thin services on stock_move."""

import pytest
from django.core.exceptions import ValidationError

from apps.accounts.tests.factories import SiteFactory
from apps.notifications.models import Notification
from apps.supplies.models import MoveKind, SiteStock, StockMove
from apps.supplies.services import stock_adjust, stock_receive, stock_settings_update
from apps.supplies.tests.factories import CatalogueItemFactory

pytestmark = pytest.mark.django_db


def test_the_first_delivery_creates_the_stock_row_and_records_a_received_move(org):
    item = CatalogueItemFactory()
    move = stock_receive(item=item, site=org.site, quantity=12, note="BL 4512", by=org.office_manager)
    stock = SiteStock.objects.get(item=item, site=org.site)
    assert stock.quantity == 12
    assert (move.kind, move.delta, move.balance_after, move.reason, move.by) == (
        MoveKind.RECEIVED,
        12,
        12,
        "BL 4512",
        org.office_manager,
    )


@pytest.mark.parametrize("quantity", [0, -3, 1.5, 100_001, "12", True, None])
def test_a_delivery_of_zero_negative_fractional_huge_or_non_numbers_is_refused(org, quantity):
    item = CatalogueItemFactory()
    with pytest.raises(ValidationError) as error:
        stock_receive(item=item, site=org.site, quantity=quantity, by=org.office_manager)
    assert "quantity" in error.value.message_dict
    assert not SiteStock.objects.exists() and not StockMove.objects.exists()


def test_an_archived_item_cannot_be_received_but_its_leftover_can_be_written_off(org):
    item = CatalogueItemFactory(name="Agrafeuse")
    stock_receive(item=item, site=org.site, quantity=3, by=org.office_manager)
    item.is_active = False
    item.save()
    with pytest.raises(ValidationError, match="archived"):
        stock_receive(item=item, site=org.site, quantity=5, by=org.office_manager)
    stock_adjust(item=item, site=org.site, delta=-3, reason="Archivé, donné", by=org.office_manager)
    assert SiteStock.objects.get(item=item).quantity == 0


def test_a_closed_site_receives_nothing(org):
    closed = SiteFactory(name="Fermé", is_active=False)
    with pytest.raises(ValidationError, match="closed"):
        stock_receive(item=CatalogueItemFactory(), site=closed, quantity=5, by=org.office_manager)
    assert not SiteStock.objects.exists()


def test_an_adjustment_below_zero_is_refused_and_saves_nothing_not_even_the_stock_row(org):
    item = CatalogueItemFactory(name="Scotch")
    with pytest.raises(ValidationError) as error:
        stock_adjust(item=item, site=org.site, delta=-1, reason="Cassé", by=org.office_manager)
    assert "Only 0 left of “Scotch”" in str(error.value)
    assert not SiteStock.objects.exists() and not StockMove.objects.exists()


@pytest.mark.parametrize(
    ("delta", "reason", "field"), [(0, "x", "quantity"), (2, " ", "reason"), (2.5, "x", "quantity")]
)
def test_an_adjustment_needs_a_whole_non_zero_change_and_a_reason(org, delta, reason, field):
    with pytest.raises(ValidationError) as error:
        stock_adjust(item=CatalogueItemFactory(), site=org.site, delta=delta, reason=reason, by=org.office_manager)
    assert field in error.value.message_dict
    assert not StockMove.objects.exists()


def test_an_adjustment_is_a_move_with_its_reason(org):
    item = CatalogueItemFactory()
    stock_receive(item=item, site=org.site, quantity=10, by=org.office_manager)
    move = stock_adjust(item=item, site=org.site, delta=-2, reason="Deux boîtes abîmées", by=org.office_manager)
    assert (move.kind, move.delta, move.balance_after, move.reason) == (MoveKind.ADJUSTED, -2, 8, "Deux boîtes abîmées")


def test_the_settings_create_the_row_and_follow_the_low_mark_without_a_notice(org, django_capture_on_commit_callbacks):
    item = CatalogueItemFactory()
    stock_receive(item=item, site=org.site, quantity=5, by=org.office_manager)
    stock = stock_settings_update(item=item, site=org.site, reorder_threshold=5, reorder_quantity=20)
    assert (stock.reorder_threshold, stock.reorder_quantity, stock.is_low) == (5, 20, True)
    assert stock.low_since is not None
    stock = stock_settings_update(item=item, site=org.site, reorder_threshold=2, reorder_quantity=20)
    assert stock.low_since is None
    assert not Notification.objects.filter(kind="supplies_low_stock").exists()


@pytest.mark.parametrize(
    ("threshold", "quantity", "field"),
    [(-1, 0, "reorder_threshold"), (0, 100_001, "reorder_quantity"), (1.5, 0, "reorder_threshold")],
)
def test_settings_out_of_range_are_refused(org, threshold, quantity, field):
    with pytest.raises(ValidationError) as error:
        stock_settings_update(
            item=CatalogueItemFactory(), site=org.site, reorder_threshold=threshold, reorder_quantity=quantity
        )
    assert field in error.value.message_dict
    assert not SiteStock.objects.exists()
