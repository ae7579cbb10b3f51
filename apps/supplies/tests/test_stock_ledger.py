"""The stock is the sum of its moves, never negative, and a fall to the threshold is told once."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Sum

from apps.notifications.models import Notification, ReminderLedger
from apps.supplies.models import MoveKind, SiteStock, StockMove
from apps.supplies.services import stock_move
from apps.supplies.tests.factories import SiteStockFactory

pytestmark = pytest.mark.django_db


def _sum(stock) -> int:
    return StockMove.objects.filter(stock=stock).aggregate(total=Sum("delta"))["total"] or 0


def test_stock_is_the_sum_of_its_moves(org):
    stock = SiteStockFactory(site=org.site, reorder_threshold=0)
    stock_move(stock=stock, kind=MoveKind.RECEIVED, delta=12, by=org.office_manager)
    stock_move(stock=stock, kind=MoveKind.ISSUED, delta=-5, by=org.office_manager)
    stock_move(stock=stock, kind=MoveKind.ADJUSTED, delta=-1, reason="Boîte abîmée", by=org.office_manager)
    stock.refresh_from_db()
    assert stock.quantity == _sum(stock) == 6
    balances = StockMove.objects.filter(stock=stock).order_by("pk").values_list("balance_after", flat=True)
    assert list(balances) == [12, 7, 6]


def test_taking_more_than_the_shelf_holds_is_refused_with_what_is_left(org):
    stock = SiteStockFactory(site=org.site, item__name="Stylo bille bleu")
    stock_move(stock=stock, kind=MoveKind.RECEIVED, delta=3)
    with pytest.raises(ValidationError) as error:
        stock_move(stock=stock, kind=MoveKind.ISSUED, delta=-4)
    assert "Only 3 left of “Stylo bille bleu”" in str(error.value)
    stock.refresh_from_db()
    assert stock.quantity == 3 and StockMove.objects.filter(stock=stock).count() == 1


@pytest.mark.parametrize("delta", [0, 1.5, 100_001, -100_001, True])
def test_zero_fractional_or_huge_moves_are_refused(org, delta):
    stock = SiteStockFactory(site=org.site)
    with pytest.raises(ValidationError):
        stock_move(stock=stock, kind=MoveKind.RECEIVED, delta=delta)
    assert not StockMove.objects.exists()


def test_an_adjustment_needs_a_reason(org):
    stock = SiteStockFactory(site=org.site)
    with pytest.raises(ValidationError) as error:
        stock_move(stock=stock, kind=MoveKind.ADJUSTED, delta=2, reason="  ")
    assert "reason" in error.value.message_dict


def test_the_database_refuses_a_negative_stock_too(org):
    stock = SiteStockFactory(site=org.site)
    with pytest.raises(IntegrityError):
        SiteStock.objects.filter(pk=stock.pk).update(quantity=-1)


def test_the_low_stock_notice_is_sent_once_per_fall(org, django_capture_on_commit_callbacks):
    stock = SiteStockFactory(site=org.site, reorder_threshold=2)
    stock_move(stock=stock, kind=MoveKind.RECEIVED, delta=5)
    stock_move(stock=stock, kind=MoveKind.ISSUED, delta=-3)  # falls to 2: told
    stock_move(stock=stock, kind=MoveKind.ISSUED, delta=-1)  # still low: not told again
    assert Notification.objects.filter(recipient=org.office_manager, kind="supplies_low_stock").count() == 1
    stock_move(stock=stock, kind=MoveKind.RECEIVED, delta=10)  # restocked above the threshold
    stock.refresh_from_db()
    assert stock.low_since is None
    assert ReminderLedger.objects.filter(kind="supplies_low_stock").count() == 1
    assert not Notification.objects.filter(recipient=org.staff).exists()
