"""PostgreSQL: the same delivery submitted twice at the same moment, and two different deliveries racing
for the last units expected. The order's row lock serializes them: the stock gets each delivery once
and never more than was ordered."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from apps.core.tests.races import run_at_once
from apps.purchasing.models import OrderStatus, PurchaseOrder, Receipt
from apps.purchasing.services.receiving import order_receive
from apps.purchasing.tests.factories import OrderLineFactory, PurchaseOrderFactory
from apps.supplies.models import SiteStock, StockMove
from apps.supplies.tests.factories import CatalogueItemFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def order(org):
    order = PurchaseOrderFactory(
        site=org.site,
        status=OrderStatus.SENT,
        number="BC-2026-0077",
        year=2026,
        sent_at=timezone.now() - dt.timedelta(days=1),
        created_by=org.office_manager,
    )
    OrderLineFactory(order=order, item=CatalogueItemFactory(name="Toner"), description="Toner", quantity=10)
    return order


def stock_and_ledger(order) -> tuple[int, int]:
    stock = SiteStock.objects.get(item__name="Toner", site=order.site)
    return stock.quantity, StockMove.objects.filter(stock=stock).aggregate(total=Sum("delta"))["total"]


def test_the_same_delivery_sent_twice_at_once_is_recorded_once(org, order):
    token, line = uuid.uuid4(), order.lines.get()
    outcomes = run_at_once(
        4,
        lambda i: order_receive(
            order=PurchaseOrder.objects.get(pk=order.pk), by=org.office_manager, quantities={line.pk: 6}, token=token
        ),
    )
    assert sum(not o.already_recorded for o in outcomes) == 1
    assert sum(o.already_recorded for o in outcomes) == 3
    assert Receipt.objects.count() == 1 and stock_and_ledger(order) == (6, 6)


def test_two_deliveries_for_the_last_units_get_one_through_and_one_clear_message(org, order):
    line = order.lines.get()
    order_receive(order=order, by=org.office_manager, quantities={line.pk: 4}, token=uuid.uuid4())
    outcomes = run_at_once(
        2,
        lambda i: order_receive(
            order=PurchaseOrder.objects.get(pk=order.pk),
            by=org.office_manager,
            quantities={line.pk: 6},
            token=uuid.uuid4(),
        ),
    )
    refusals = [o for o in outcomes if isinstance(o, ValidationError)]
    # The second waits for the first's lock, then finds the order fully received.
    assert len(refusals) == 1 and "this one is “Received”" in " ".join(refusals[0].messages)
    order.refresh_from_db()
    assert order.status == OrderStatus.RECEIVED and stock_and_ledger(order) == (10, 10)
