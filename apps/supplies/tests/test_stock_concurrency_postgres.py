"""PostgreSQL: people taking the last boxes at the same moment. The row lock serializes them; the
stock never goes below zero and stays the sum of its moves."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Sum

from apps.core.tests.races import run_at_once
from apps.supplies.models import (
    InventoryCount,
    LineDecision,
    MoveKind,
    RequestLine,
    RequestStatus,
    SiteStock,
    StockMove,
    SupplyRequest,
)
from apps.supplies.services import inventory_count_apply, request_fulfil, stock_move, stock_receive
from apps.supplies.services.inventory import ALREADY_APPLIED
from apps.supplies.services.stock import ALREADY_RECORDED
from apps.supplies.tests.factories import RequestLineFactory, SiteStockFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def ledger_sum(stock) -> int:
    return StockMove.objects.filter(stock=stock).aggregate(total=Sum("delta"))["total"] or 0


def stock_of(site, quantity, name="Toner HP 305A"):
    stock = SiteStockFactory(site=site, item__name=name, reorder_threshold=0)
    stock_move(stock=stock, kind=MoveKind.RECEIVED, delta=quantity)
    return stock


def test_two_people_taking_the_last_box_at_once_get_one_box_and_one_clear_message(org):
    stock = stock_of(org.site, 1)
    outcomes = run_at_once(
        2, lambda i: stock_move(stock=SiteStock.objects.get(pk=stock.pk), kind=MoveKind.ISSUED, delta=-1)
    )
    moves = [o for o in outcomes if isinstance(o, StockMove)]
    refusals = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(moves) == 1 and len(refusals) == 1
    assert "Only 0 left of “Toner HP 305A”" in str(refusals[0])
    stock.refresh_from_db()
    assert stock.quantity == 0 == ledger_sum(stock)


def test_ten_people_taking_one_box_each_from_five_leave_five_refused(org):
    stock = stock_of(org.site, 5)
    outcomes = run_at_once(
        10, lambda i: stock_move(stock=SiteStock.objects.get(pk=stock.pk), kind=MoveKind.ISSUED, delta=-1)
    )
    assert sum(isinstance(o, StockMove) for o in outcomes) == 5
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 5
    stock.refresh_from_db()
    assert stock.quantity == 0 == ledger_sum(stock)
    assert sorted(
        StockMove.objects.filter(stock=stock, kind=MoveKind.ISSUED).values_list("balance_after", flat=True)
    ) == [
        0,
        1,
        2,
        3,
        4,
    ]


def test_two_approved_requests_wanting_the_last_box_get_it_once(org):
    stock = stock_of(org.site, 1)
    lines = [
        RequestLineFactory(
            request__requester=person,
            request__site=org.site,
            request__status=RequestStatus.APPROVED,
            item=stock.item,
            quantity=1,
            decision=LineDecision.APPROVED,
        )
        for person in (org.staff, org.colleague)
    ]
    run_at_once(2, lambda i: request_fulfil(request=SupplyRequest.objects.get(pk=lines[i].request_id)))
    statuses = sorted(
        SupplyRequest.objects.filter(pk__in=[line.request_id for line in lines]).values_list("status", flat=True)
    )
    assert statuses == [RequestStatus.APPROVED, RequestStatus.READY]
    issued = sorted(
        RequestLine.objects.filter(pk__in=[line.pk for line in lines]).values_list("issued_quantity", flat=True)
    )
    assert issued == [0, 1]
    stock.refresh_from_db()
    assert stock.quantity == 0 == ledger_sum(stock)
    assert StockMove.objects.filter(stock=stock, kind=MoveKind.ISSUED).count() == 1


def test_the_same_count_sent_twice_at_once_is_applied_once(org):
    stock = stock_of(org.site, 10)
    token = uuid.uuid4()
    outcomes = run_at_once(
        2,
        lambda i: inventory_count_apply(site=org.site, by=org.office_manager, counted={stock.item_id: 7}, token=token),
    )
    assert sum(isinstance(o, InventoryCount) for o in outcomes) == 1
    [refusal] = [o for o in outcomes if isinstance(o, ValidationError)]
    assert refusal.code == ALREADY_APPLIED
    stock.refresh_from_db()
    assert stock.quantity == 7 == ledger_sum(stock)
    assert StockMove.objects.filter(stock=stock, kind=MoveKind.COUNTED).count() == 1


def test_the_same_delivery_sent_four_times_at_once_is_received_once(org):
    stock = stock_of(org.site, 2)
    token = uuid.uuid4()
    outcomes = run_at_once(
        4, lambda i: stock_receive(item=stock.item, site=org.site, quantity=10, by=org.office_manager, token=token)
    )
    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert len(refused) == 3 and all(exc.code == ALREADY_RECORDED for exc in refused)
    stock.refresh_from_db()
    assert stock.quantity == 12 == ledger_sum(stock)
