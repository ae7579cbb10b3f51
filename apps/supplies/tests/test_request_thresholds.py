"""A request is routed by its cost: approved at once below the first threshold (stock issued), the
office manager above it, the director too above the second."""

from decimal import Decimal

import pytest

from apps.notifications.models import EmailOutbox, Notification
from apps.supplies.models import (
    Awaiting,
    LineDecision,
    MoveKind,
    RequestStatus,
    StockMove,
    SupplySettings,
)
from apps.supplies.services import stock_move
from apps.supplies.tests._staff import free_line, item_line, submit
from apps.supplies.tests.factories import CatalogueItemFactory, SiteStockFactory

pytestmark = pytest.mark.django_db


def test_below_the_first_threshold_every_line_is_approved_automatically(org):
    items = CatalogueItemFactory(unit_price=Decimal("4.20")), CatalogueItemFactory(unit_price=Decimal("10.00"))
    request = submit(org.staff, lines=[item_line(items[0], 2), item_line(items[1], 1)])
    assert request.status == RequestStatus.APPROVED  # nothing in stock: the lines wait for a purchase
    assert request.auto_approved and request.awaiting == Awaiting.NOBODY and not request.needs_director
    assert set(request.lines.values_list("decision", flat=True)) == {LineDecision.APPROVED}
    assert request.total_excl_vat == Decimal("18.40")
    assert not Notification.objects.filter(kind="supplies_request_submitted").exists()


def test_a_line_priced_by_the_requester_always_goes_to_the_office_manager(org):
    """An estimate typed by the requester (a laptop "at 1 €") must not be what approves it."""
    item = CatalogueItemFactory(unit_price=Decimal("4.20"))
    request = submit(org.staff, lines=[item_line(item, 2), free_line("1.00")])
    assert request.total_excl_vat == Decimal("9.40")
    assert request.status == RequestStatus.PENDING and request.awaiting == Awaiting.OFFICE_MANAGER
    assert not request.auto_approved
    assert Notification.objects.filter(kind="supplies_request_submitted", recipient=org.office_manager).exists()


def test_automatic_approval_issues_the_stock_and_is_ready_when_all_is_in_stock(org):
    stock = SiteStockFactory(site=org.site, reorder_threshold=0, item__unit_price=Decimal("4.20"))
    stock_move(stock=stock, kind=MoveKind.RECEIVED, delta=10)
    request = submit(org.staff, lines=[item_line(stock.item, 3)])
    assert request.status == RequestStatus.READY and request.ready_at is not None
    stock.refresh_from_db()
    assert stock.quantity == 7
    line = request.lines.get()
    assert line.issued_quantity == 3 and line.fulfilled_at is not None
    assert StockMove.objects.filter(kind=MoveKind.ISSUED, request_line=line, delta=-3).exists()
    assert Notification.objects.filter(recipient=org.staff, kind="supplies_request_ready").exists()


def test_automatic_approval_short_of_stock_issues_what_there_is_and_waits(org):
    stock = SiteStockFactory(site=org.site, reorder_threshold=0, item__unit_price=Decimal("1.00"))
    stock_move(stock=stock, kind=MoveKind.RECEIVED, delta=2)
    request = submit(org.staff, lines=[item_line(stock.item, 5)])
    assert request.status == RequestStatus.APPROVED
    assert request.lines.get().issued_quantity == 2


@pytest.mark.parametrize("price", ["50.00", "120.00", "500.00"])
def test_between_the_thresholds_the_office_manager_decides_alone(org, price):
    request = submit(org.staff, lines=[free_line(price)])
    assert request.status == RequestStatus.PENDING and request.awaiting == Awaiting.OFFICE_MANAGER
    assert not request.needs_director and not request.auto_approved
    assert set(request.lines.values_list("decision", flat=True)) == {LineDecision.PENDING}


def test_above_the_second_threshold_the_director_approves_too(org):
    request = submit(org.staff, lines=[free_line("500.01")])
    assert request.status == RequestStatus.PENDING and request.awaiting == Awaiting.OFFICE_MANAGER
    assert request.needs_director


def test_the_thresholds_are_the_office_managers(org):
    SupplySettings.objects.update_or_create(
        pk=1, defaults={"auto_approve_below": Decimal("5.00"), "director_above": Decimal("20.00")}
    )
    assert submit(org.staff, lines=[item_line(CatalogueItemFactory(unit_price=Decimal("4.99")), 1)]).auto_approved
    assert submit(org.staff, lines=[free_line("21.00")]).needs_director


def test_the_office_managers_are_told_by_email_and_in_the_app(org):
    request = submit(org.staff, lines=[free_line("80.00", quantity=2, description="Fauteuil ergonomique")])
    notification = Notification.objects.get(kind="supplies_request_submitted")
    assert notification.recipient == org.office_manager
    assert f"#{request.pk}" in notification.title and org.staff.get_full_name() in notification.title
    email = EmailOutbox.objects.get(kind="supplies_request_submitted")
    assert "Fauteuil ergonomique × 2" in email.body_text and "160.00 €" in email.body_text
    assert not Notification.objects.filter(recipient=org.staff).exists()


def test_a_line_keeps_the_catalogue_name_price_and_vat_of_the_day(org):
    item = CatalogueItemFactory(name="Café en grains 1 kg", unit_price=Decimal("60.00"), vat_rate=Decimal("5.50"))
    request = submit(org.staff, lines=[item_line(item, 1)])
    item.name, item.unit_price = "Café moulu", Decimal("99.00")
    item.save()
    line = request.lines.get()
    assert line.description == "Café en grains 1 kg"
    assert (line.unit_price, line.vat_rate) == (Decimal("60.00"), Decimal("5.50"))
