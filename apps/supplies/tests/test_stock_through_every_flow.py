"""One shelf through every flow (auto-approval short of stock, cancel after a partial issue, issue after a
delivery, a count after an issue, the office manager's approval, a line bought for the request): after
each, the stock is the sum of its moves, each move's balance the running sum, never below zero."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum

from apps.supplies import services
from apps.supplies.models import RequestStatus, SiteStock, StockMove
from apps.supplies.services.requests import request_cancel
from apps.supplies.tests._staff import item_line, submit
from apps.supplies.tests.factories import CatalogueItemFactory

pytestmark = pytest.mark.django_db


def check(stock) -> int:
    stock.refresh_from_db()
    moves = list(StockMove.objects.filter(stock=stock).order_by("at", "pk"))
    total = sum(m.delta for m in moves)
    running = 0
    for m in moves:
        running += m.delta
        assert m.balance_after == running >= 0, [(x.kind, x.delta, x.balance_after) for x in moves]
    assert stock.quantity == total >= 0
    return stock.quantity


def test_the_stock_stays_the_sum_of_its_moves_through_every_flow(org):
    item = CatalogueItemFactory(unit_price=Decimal("1.00"))
    services.stock_receive(item=item, site=org.site, quantity=5, by=org.office_manager)
    stock = SiteStock.objects.get(item=item, site=org.site)
    r1 = submit(org.staff, lines=[item_line(item, 8)])
    assert r1.status == RequestStatus.APPROVED
    assert check(stock) == 0
    request_cancel(request=r1, by=org.staff)
    assert check(stock) == 5
    r2 = submit(org.staff, lines=[item_line(item, 7)])
    assert check(stock) == 0
    services.stock_receive(item=item, site=org.site, quantity=10, by=org.office_manager)
    services.request_issue(request=r2, by=org.office_manager)
    r2.refresh_from_db()
    assert r2.status == RequestStatus.READY and check(stock) == 8
    services.inventory_count_apply(site=org.site, by=org.office_manager, counted={item.pk: 6})
    assert check(stock) == 6
    services.request_delivered(request=r2, by=org.office_manager)
    r3 = submit(org.staff, lines=[item_line(item, 60)])  # 60 € → office manager
    assert r3.status == RequestStatus.PENDING
    services.request_decide(request=r3, by=org.office_manager)
    r3.refresh_from_db()
    assert check(stock) == 0 and r3.status == RequestStatus.APPROVED
    services.request_line_arrived(request=r3, line=r3.lines.get(), by=org.office_manager)
    r3.refresh_from_db()
    assert r3.status == RequestStatus.READY
    with pytest.raises(ValidationError):
        request_cancel(request=r3, by=org.staff)
    assert check(stock) == 0
    agg = StockMove.objects.aggregate(s=Sum("delta"))["s"]
    assert agg == 0
