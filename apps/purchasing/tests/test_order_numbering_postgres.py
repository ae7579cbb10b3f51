"""PostgreSQL: orders sent at the same moment get numbers in sequence with no gap and no duplicate (the
year's counter row is locked in the sending transaction), and one order sent twice at once is sent once."""

import pytest
from django.db import connection

from apps.core.tests.races import run_at_once
from apps.notifications.models import EmailOutbox
from apps.purchasing.models import PurchaseOrder
from apps.purchasing.services import orders as services
from apps.purchasing.tests._orders import draft

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def fast_pdf(monkeypatch):
    # The PDF is not what is tested here; a small one keeps the threads' transactions short.
    monkeypatch.setattr(services, "order_pdf_bytes", lambda order: b"%PDF-1.7 test")


def test_orders_sent_at_once_are_numbered_in_sequence_without_gaps(org, fast_pdf):
    orders = [draft(org) for _ in range(8)]
    outcomes = run_at_once(
        len(orders),
        lambda i: services.order_send(order=PurchaseOrder.objects.get(pk=orders[i].pk), by=org.office_manager),
    )
    assert all(isinstance(outcome, tuple) and outcome[1] for outcome in outcomes), outcomes
    year = PurchaseOrder.objects.first().year
    numbers = sorted(PurchaseOrder.objects.values_list("number", flat=True))
    assert numbers == [f"BC-{year}-{n:04d}" for n in range(1, 9)]


def test_a_failed_send_among_others_leaves_no_gap(org, monkeypatch):
    orders = [draft(org) for _ in range(5)]
    failing = orders[2].pk

    def pdf(order):
        if order.pk == failing:
            raise RuntimeError("the printer caught fire")
        return b"%PDF-1.7 test"

    monkeypatch.setattr(services, "order_pdf_bytes", pdf)
    outcomes = run_at_once(
        len(orders),
        lambda i: services.order_send(order=PurchaseOrder.objects.get(pk=orders[i].pk), by=org.office_manager),
    )
    assert sum(isinstance(outcome, RuntimeError) for outcome in outcomes) == 1
    year = PurchaseOrder.objects.exclude(year=None).first().year
    numbers = sorted(PurchaseOrder.objects.exclude(number="").values_list("number", flat=True))
    assert numbers == [f"BC-{year}-{n:04d}" for n in range(1, 5)]


def test_one_order_sent_twice_at_once_is_sent_once(org, fast_pdf):
    order = draft(org)
    outcomes = run_at_once(
        3, lambda i: services.order_send(order=PurchaseOrder.objects.get(pk=order.pk), by=org.office_manager)
    )
    assert sorted(outcome[1] for outcome in outcomes) == [False, False, True]
    assert EmailOutbox.objects.filter(kind="purchasing_order_supplier").count() == 1
    order.refresh_from_db()
    assert order.number.endswith("-0001")
