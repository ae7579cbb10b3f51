"""Receiving deliveries: the stock ledger gets what arrived exactly once, over-receipt and bad input are
refused with nothing saved, the order's status follows, linked supply requests are made ready and
their requesters told, and the supplier's rating is offered."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.notifications.models import Notification
from apps.purchasing.models import OrderedRequestLine, OrderStatus, Receipt, ReceiptLine
from apps.purchasing.services.receiving import order_receive
from apps.purchasing.tests.factories import OrderLineFactory, PurchaseOrderFactory
from apps.suppliers.tests.factories import SupplierFactory
from apps.supplies import services as supplies_services
from apps.supplies.models import LineDecision, MoveKind, RequestStatus, SiteStock, StockMove
from apps.supplies.tests.factories import CatalogueItemFactory, RequestLineFactory, SupplyRequestFactory

pytestmark = pytest.mark.django_db


def sent_order(org, *, status=OrderStatus.SENT, **fields):
    return PurchaseOrderFactory(
        supplier=fields.pop("supplier", None) or SupplierFactory(name="Lyreco"),
        site=org.site,
        status=status,
        number=fields.pop("number", "BC-2026-0001") if status != OrderStatus.DRAFT else "",
        year=2026,
        sent_at=timezone.now() - dt.timedelta(days=2) if status != OrderStatus.DRAFT else None,
        created_by=org.office_manager,
        **fields,
    )


@pytest.fixture
def order(org):
    order = sent_order(org)
    paper = CatalogueItemFactory(name="Ramette A4")
    OrderLineFactory(order=order, item=paper, description=paper.name, quantity=10, position=0)
    OrderLineFactory(order=order, item=None, description="Fauteuil sur mesure", quantity=2, position=1)
    return order


def stock_of(order, name="Ramette A4") -> int:
    row = SiteStock.objects.filter(item__name=name, site=order.site).first()
    return row.quantity if row else 0


def receive(order, by, token=None, **quantities_by_description):
    lines = {line.description: line.pk for line in order.lines.all()}
    return order_receive(
        order=order,
        by=by,
        quantities={lines[name]: quantity for name, quantity in quantities_by_description.items()},
        token=token or uuid.uuid4(),
    )


def test_a_partial_then_full_delivery_adds_to_the_stock_once_each_and_moves_the_status(org, order):
    first = receive(order, org.office_manager, **{"Ramette A4": 4})
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTLY_RECEIVED and stock_of(order) == 4
    move = first.receipt.lines.get().stock_move
    assert move.kind == MoveKind.RECEIVED and move.delta == 4 and move.balance_after == 4
    receive(order, org.office_manager, **{"Ramette A4": 6, "Fauteuil sur mesure": 2})
    order.refresh_from_db()
    assert order.status == OrderStatus.RECEIVED and order.received_at is not None
    assert stock_of(order) == 10
    # The free line added no stock, and the ledger agrees with the stock row.
    assert StockMove.objects.count() == 2
    assert ReceiptLine.objects.filter(order_line__item=None, stock_move=None).count() == 1
    assert sum(StockMove.objects.values_list("delta", flat=True)) == 10


def test_the_same_form_sent_twice_is_recorded_once(org, order):
    token = uuid.uuid4()
    first = receive(order, org.office_manager, token=token, **{"Ramette A4": 3})
    again = receive(order, org.office_manager, token=token, **{"Ramette A4": 3})
    assert again.already_recorded and again.receipt.pk == first.receipt.pk
    assert stock_of(order) == 3 and Receipt.objects.count() == 1 and StockMove.objects.count() == 1


def test_the_same_form_posted_twice_through_the_page_is_recorded_once(org, order, client_for):
    client = client_for(org.office_manager)
    paper = order.lines.get(item__isnull=False)
    data = {"token": str(uuid.uuid4()), "received_on": timezone.localdate().isoformat(), f"line_{paper.pk}": "5"}
    url = reverse("purchasing:order_receive", args=[order.pk])
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    assert first.status_code == 302 and second.status_code == 200
    assert "already been recorded" in second.content.decode()
    assert stock_of(order) == 5 and Receipt.objects.count() == 1


@pytest.mark.parametrize(
    ("quantity", "message"),
    [(11, "only 10 of 10 are still expected"), (-1, "cannot be negative"), (0, "at least one line")],
)
def test_over_negative_or_no_receipt_is_refused_and_nothing_is_saved(org, order, quantity, message):
    with pytest.raises(ValidationError) as caught:
        receive(order, org.office_manager, **{"Ramette A4": quantity})
    assert message in " ".join(caught.value.messages)
    order.refresh_from_db()
    assert order.status == OrderStatus.SENT and not Receipt.objects.exists() and stock_of(order) == 0


def test_over_receipt_counts_what_was_already_received(org, order):
    receive(order, org.office_manager, **{"Ramette A4": 8})
    with pytest.raises(ValidationError, match="only 2 of 10"):
        receive(order, org.office_manager, **{"Ramette A4": 3})
    assert stock_of(order) == 8


@pytest.mark.parametrize("status", [OrderStatus.DRAFT, OrderStatus.RECEIVED, OrderStatus.CANCELLED])
def test_only_a_sent_or_partly_received_order_receives(org, status):
    order = sent_order(org, status=status)
    line = OrderLineFactory(order=order, item=CatalogueItemFactory(), quantity=3)
    with pytest.raises(ValidationError, match="Only a sent or partly received order"):
        order_receive(order=order, by=org.office_manager, quantities={line.pk: 1}, token=uuid.uuid4())
    assert not StockMove.objects.exists()


def test_another_orders_line_and_bad_dates_are_refused(org, order):
    other = OrderLineFactory(order=sent_order(org, number="BC-2026-0002"), item=CatalogueItemFactory(), quantity=5)
    with pytest.raises(ValidationError, match="not a line of this order"):
        order_receive(order=order, by=org.office_manager, quantities={other.pk: 1}, token=uuid.uuid4())
    paper = order.lines.get(item__isnull=False)
    for day in (dt.date(1, 1, 1), dt.date(9999, 12, 31), timezone.localdate() + dt.timedelta(days=1)):
        with pytest.raises(ValidationError):
            order_receive(
                order=order, by=org.office_manager, quantities={paper.pk: 1}, token=uuid.uuid4(), received_on=day
            )
    assert not Receipt.objects.exists()


def test_only_the_office_manager_receives(org, order):
    paper = order.lines.get(item__isnull=False)
    for person in (org.staff, org.manager, org.director):
        with pytest.raises(PermissionDenied):
            order_receive(order=order, by=person, quantities={paper.pk: 1}, token=uuid.uuid4())


def _approved_request(org, item=None, quantity=2, **line):
    request = SupplyRequestFactory(requester=org.staff, site=org.site, status=RequestStatus.APPROVED)
    RequestLineFactory(request=request, item=item, quantity=quantity, decision=LineDecision.APPROVED, **line)
    return request


def test_linked_requests_are_made_ready_and_their_requesters_told(org, order):
    paper_line = order.lines.get(item__isnull=False)
    chair_line = order.lines.get(item=None)
    for_paper = _approved_request(org, item=paper_line.item, quantity=3)
    for_chair = _approved_request(org, item=None, quantity=2, description="Fauteuil sur mesure")
    OrderedRequestLine.objects.create(order_line=paper_line, request_line=for_paper.lines.get())
    OrderedRequestLine.objects.create(order_line=chair_line, request_line=for_chair.lines.get())
    outcome = receive(order, org.office_manager, **{"Ramette A4": 10, "Fauteuil sur mesure": 1})
    for_paper.refresh_from_db()
    for_chair.refresh_from_db()
    assert for_paper.status == RequestStatus.READY and outcome.requests_ready == 1
    assert for_paper.lines.get().issued_quantity == 3  # issued from what was just received
    assert stock_of(order) == 7
    assert for_chair.status == RequestStatus.APPROVED  # one chair of two: not yet
    receive(order, org.office_manager, **{"Fauteuil sur mesure": 1})
    for_chair.refresh_from_db()
    assert for_chair.status == RequestStatus.READY and for_chair.lines.get().fulfilled_at is not None
    told = Notification.objects.filter(recipient=org.staff, kind="supplies_request_ready")
    assert told.count() == 2


def test_the_page_records_a_delivery_and_offers_to_rate_the_supplier(org, order, client_for):
    client = client_for(org.office_manager)
    url = reverse("purchasing:order_receive", args=[order.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Ramette A4" in page.content.decode()
    paper = order.lines.get(item__isnull=False)
    response = client.post(
        url,
        {
            "token": str(uuid.uuid4()),
            "received_on": timezone.localdate().isoformat(),
            "reference": "BL-4711",
            "note": "Un carton abîmé",
            f"line_{paper.pk}": "10",
        },
        follow=True,
    )
    body = response.content.decode()
    receipt = Receipt.objects.get()
    assert "BL-4711" in receipt.note and "Un carton abîmé" in receipt.note
    assert 'data-testid="rate-offer"' in body
    assert reverse("suppliers:ratings", args=[order.supplier_id]) + "?reference=BC-2026-0001" in body
    assert stock_of(order) == 10


def test_bad_input_on_the_page_is_shown_never_a_server_error(org, order, client_for):
    client = client_for(org.office_manager)
    url = reverse("purchasing:order_receive", args=[order.pk])
    paper = order.lines.get(item__isnull=False)
    for data in (
        {"token": str(uuid.uuid4()), "received_on": "2026-01-01", f"line_{paper.pk}": "99"},
        {"token": str(uuid.uuid4()), "received_on": "9999-12-31", f"line_{paper.pk}": "1"},
        {"token": "not-a-token", "received_on": "2026-01-01", f"line_{paper.pk}": "abc"},
        {"token": str(uuid.uuid4()), "received_on": timezone.localdate().isoformat(), f"line_{paper.pk}": "-4"},
        {"token": str(uuid.uuid4()), "received_on": "", "note": "<script>alert(1)</script>" * 20},
    ):
        response = client.post(url, data)
        assert response.status_code == 200
        assert "<script>alert(1)" not in response.content.decode()
    assert not Receipt.objects.exists() and stock_of(order) == 0


def test_a_draft_shows_that_it_cannot_be_received(org, client_for):
    draft = sent_order(org, status=OrderStatus.DRAFT)
    response = client_for(org.office_manager).get(reverse("purchasing:order_receive", args=[draft.pk]))
    assert response.status_code == 200 and 'data-testid="not-receivable"' in response.content.decode()


def test_permissions_and_unknown_orders(org, order, client_for):
    url = reverse("purchasing:order_receive", args=[order.pk])
    for person in (org.staff, org.manager, org.director):
        assert client_for(person).get(url).status_code == 403
        assert client_for(person).post(url, {}).status_code == 403
    client = client_for(org.office_manager)
    assert client.get(reverse("purchasing:order_receive", args=[999999])).status_code == 404


def test_the_page_costs_a_bounded_number_of_queries(org, order, client_for, django_assert_max_num_queries):
    for _n in range(5):
        receive(order, org.office_manager, **{"Ramette A4": 1})
    for n in range(20):
        OrderLineFactory(order=order, item=CatalogueItemFactory(), quantity=3, position=n + 2)
    client = client_for(org.office_manager)
    client.get(reverse("purchasing:order_receive", args=[order.pk]))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("purchasing:order_receive", args=[order.pk]))
    assert response.status_code == 200


def test_unit_prices_stay_as_ordered(org, order):
    # Receiving does not touch prices or totals (the invoice is compared with them).
    before = order.lines.values_list("unit_price", flat=True)
    receive(order, org.office_manager, **{"Ramette A4": 1})
    assert list(order.lines.values_list("unit_price", flat=True)) == list(before)
    assert all(price == Decimal("4.20") for price in before)


def test_stock_moves_keep_the_ledger_whole(org, order):
    receive(order, org.office_manager, **{"Ramette A4": 4})
    supplies_services.stock_move(
        stock=SiteStock.objects.get(item__name="Ramette A4"), kind=MoveKind.ADJUSTED, delta=-1, reason="Casse"
    )
    receive(order, org.office_manager, **{"Ramette A4": 2})
    assert stock_of(order) == 5 == sum(StockMove.objects.values_list("delta", flat=True))


def test_posting_to_an_order_received_meanwhile_says_why(org, order, client_for):
    paper = order.lines.get(item__isnull=False)
    receive(order, org.office_manager, **{"Ramette A4": 10, "Fauteuil sur mesure": 2})
    response = client_for(org.office_manager).post(
        reverse("purchasing:order_receive", args=[order.pk]),
        {"token": str(uuid.uuid4()), "received_on": timezone.localdate().isoformat(), f"line_{paper.pk}": "1"},
    )
    assert response.status_code == 200
    assert "Only a sent or partly received order" in response.content.decode()
    assert stock_of(order) == 10
