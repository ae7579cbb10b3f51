"""A request is cancelled by its requester or an office manager until it is ready; what was issued goes back."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.supplies.models import Awaiting, MoveKind, RequestStatus, StockMove
from apps.supplies.services import stock_move
from apps.supplies.services.requests import request_cancel
from apps.supplies.tests._staff import free_line, item_line, submit
from apps.supplies.tests.factories import SiteStockFactory, SupplyRequestFactory

pytestmark = pytest.mark.django_db


def test_the_requester_cancels_a_pending_request(org):
    request = submit(org.staff, lines=[free_line("120.00")])
    cancelled = request_cancel(request=request, by=org.staff)
    assert cancelled.status == RequestStatus.CANCELLED and cancelled.awaiting == Awaiting.NOBODY
    assert cancelled.cancelled_by == org.staff and cancelled.cancelled_at is not None


def test_an_office_manager_cancels_anyones_request(org):
    request = submit(org.staff, lines=[free_line("120.00")])
    assert request_cancel(request=request, by=org.office_manager).cancelled_by == org.office_manager


@pytest.mark.parametrize("who", ["colleague", "manager", "director"])
def test_nobody_else_may_cancel(org, who):
    request = submit(org.staff, lines=[free_line("120.00")])
    with pytest.raises(ValidationError, match="Only the person who asked"):
        request_cancel(request=request, by=getattr(org, who))
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


@pytest.mark.parametrize("status", [RequestStatus.PENDING, RequestStatus.APPROVED, RequestStatus.PARTLY_APPROVED])
def test_cancellable_until_ready(org, status):
    request = SupplyRequestFactory(requester=org.staff, status=status)
    assert request_cancel(request=request, by=org.staff).status == RequestStatus.CANCELLED


@pytest.mark.parametrize(
    "status", [RequestStatus.READY, RequestStatus.DELIVERED, RequestStatus.REFUSED, RequestStatus.CANCELLED]
)
def test_not_cancellable_once_ready_refused_or_cancelled(org, status):
    request = SupplyRequestFactory(requester=org.staff, status=status)
    with pytest.raises(ValidationError, match="can no longer be cancelled"):
        request_cancel(request=request, by=org.office_manager)
    request.refresh_from_db()
    assert request.status == status


def test_stock_already_issued_goes_back_on_the_shelf(org):
    stock = SiteStockFactory(site=org.site, reorder_threshold=0, item__unit_price=Decimal("2.00"))
    stock_move(stock=stock, kind=MoveKind.RECEIVED, delta=3)
    # Five asked, three in stock: issued at once, the rest waits for a purchase (approved, not ready).
    request = submit(org.staff, lines=[item_line(stock.item, 5)], needed_by=dt.date.today() + dt.timedelta(days=3))
    assert request.status == RequestStatus.APPROVED
    stock.refresh_from_db()
    assert stock.quantity == 0
    request_cancel(request=request, by=org.staff)
    stock.refresh_from_db()
    assert stock.quantity == 3
    line = request.lines.get()
    assert line.issued_quantity == 0
    returned = StockMove.objects.get(kind=MoveKind.RETURNED)
    assert (returned.delta, returned.request_line, returned.by) == (3, line, org.staff)
