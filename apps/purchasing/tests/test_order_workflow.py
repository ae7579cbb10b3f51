"""An order's life: draft → (the director above the threshold) → sent → … → closed, or cancelled;
every wrong transition refused, sending twice sends once, the PDF made and e-mailed once."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.notifications.models import EmailOutbox, Notification
from apps.notifications.outbox import _build_message
from apps.purchasing.models import OrderStatus, PurchaseOrder
from apps.purchasing.services import orders as services
from apps.purchasing.tests._orders import draft, sent, supplier_with_contact
from apps.supplies.models import SupplySettings
from apps.supplies.tests.factories import CatalogueItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def threshold(db):
    row = SupplySettings.current()
    row.director_above = Decimal("1000.00")
    row.save()
    return row.director_above


def _big(org):
    # 100 × 11.00 = 1 100.00 excl. VAT (1 320.00 incl. VAT): above the 1 000 excl. VAT threshold.
    return draft(org, lines=[(100, "11.00", "20.00")])


def test_a_draft_under_the_threshold_is_sent_with_a_number_a_pdf_and_one_email(org, threshold, settings):
    order = draft(org, lines=[(10, "4.20", "20.00")], expected_on=dt.date(2026, 12, 15), notes="Livrer à l'accueil")
    order, sent_now = services.order_send(order=order, by=org.office_manager)
    assert sent_now and order.status == OrderStatus.SENT
    assert order.number == f"BC-{order.year}-0001" and order.sent_by == org.office_manager
    with order.pdf.open("rb") as pdf:
        assert pdf.read().startswith(b"%PDF")
    email = EmailOutbox.objects.get(kind="purchasing_order_supplier")
    assert email.to == "commandes@fournisseur.example" and order.number in email.subject
    assert email.attachment_name == f"{order.number}.pdf"
    message = _build_message(email)
    ((name, content, mimetype),) = message.attachments
    assert name == f"{order.number}.pdf" and mimetype == "application/pdf" and content.startswith(b"%PDF")


def test_sending_twice_sends_once(org, threshold):
    order = draft(org)
    first, sent_now = services.order_send(order=order, by=org.office_manager)
    again, sent_again = services.order_send(order=order, by=org.office_manager)  # the stale instance: a double click
    assert sent_now and not sent_again and again.number == first.number
    assert EmailOutbox.objects.filter(kind="purchasing_order_supplier").count() == 1
    assert PurchaseOrder.objects.exclude(number="").count() == 1


def test_numbers_follow_each_other_without_gaps(org, threshold):
    numbers = [sent(org).number for _ in range(3)]
    year = PurchaseOrder.objects.first().year
    assert numbers == [f"BC-{year}-0001", f"BC-{year}-0002", f"BC-{year}-0003"]


def test_a_failure_while_sending_keeps_nothing_not_even_the_number(org, threshold, monkeypatch):
    order = draft(org)

    def broken(order):
        raise RuntimeError("WeasyPrint crashed")

    monkeypatch.setattr(services, "order_pdf_bytes", broken)
    with pytest.raises(RuntimeError):
        services.order_send(order=order, by=org.office_manager)
    order.refresh_from_db()
    assert order.status == OrderStatus.DRAFT and order.number == "" and not EmailOutbox.objects.exists()
    monkeypatch.undo()
    order, _sent_now = services.order_send(order=order, by=org.office_manager)
    assert order.number.endswith("-0001")


def test_above_the_threshold_the_director_approves_before_sending(org, threshold):
    order = _big(org)
    assert order.total_excl_vat == Decimal("1100.00")
    with pytest.raises(ValidationError, match="director"):
        services.order_send(order=order, by=org.office_manager)
    order = services.order_submit(order=order, by=org.office_manager)
    assert order.status == OrderStatus.AWAITING_DIRECTOR and order.needs_director
    assert Notification.objects.filter(recipient=org.director, kind="purchasing_order_to_approve").exists()
    with pytest.raises(ValidationError):
        services.order_send(order=order, by=org.office_manager)
    with pytest.raises(PermissionDenied):
        services.order_approve(order=order, by=org.office_manager)
    order = services.order_approve(order=order, by=org.director)
    assert order.status == OrderStatus.APPROVED and order.director_decided_by == org.director
    assert Notification.objects.filter(recipient=org.office_manager, kind="purchasing_order_approved").exists()
    order, sent_now = services.order_send(order=order, by=org.office_manager)
    assert sent_now and order.status == OrderStatus.SENT


def test_at_the_threshold_exactly_no_director_is_needed(org, threshold):
    # 1 000.00 excl. VAT is at the threshold, whatever the VAT adds.
    order = draft(org, lines=[(1, "1000.00", "20.00")])
    assert services.order_submit(order=order, by=org.office_manager).status == OrderStatus.APPROVED


def test_the_director_refuses_with_a_reason_and_the_order_returns_to_draft(org, threshold):
    order = services.order_submit(order=_big(org), by=org.office_manager)
    with pytest.raises(ValidationError):
        services.order_refuse(order=order, by=org.director, reason="   ")
    order = services.order_refuse(order=order, by=org.director, reason="Trop cher, demander un autre devis")
    assert order.status == OrderStatus.DRAFT and order.refusal_reason.startswith("Trop cher")
    note = Notification.objects.get(recipient=org.office_manager, kind="purchasing_order_refused")
    assert note.url == order.get_absolute_url()
    with pytest.raises(ValidationError):
        services.order_refuse(order=order, by=org.director, reason="Encore")  # not waiting any more
    # Edited and submitted again: the old reason goes.
    assert services.order_submit(order=order, by=org.office_manager).refusal_reason == ""


def test_wrong_transitions_are_refused(org, threshold):
    order = sent(org)
    for call in (
        lambda: services.order_submit(order=order, by=org.office_manager),
        lambda: services.order_approve(order=order, by=org.director),
        lambda: services.order_close(order=order, by=org.office_manager),
        lambda: services.order_line_add(
            order=order, by=org.office_manager, description="x", quantity=1, unit_price=Decimal(1), vat_rate=Decimal(20)
        ),
        lambda: services.order_update(
            order=order, by=org.office_manager, supplier=order.supplier, site=order.site, expected_on=None
        ),
    ):
        with pytest.raises(ValidationError):
            call()
    with pytest.raises(ValidationError):
        services.order_submit(order=draft(org, lines=[]), by=org.office_manager)  # no line


def test_cancel_and_close(org, threshold):
    order = draft(org)
    order = services.order_cancel(order=order, by=org.office_manager)
    assert order.status == OrderStatus.CANCELLED and order.number == ""
    with pytest.raises(ValidationError):
        services.order_send(order=order, by=org.office_manager)
    with pytest.raises(ValidationError):
        services.order_cancel(order=order, by=org.office_manager)
    sent_order = sent(org)
    with pytest.raises(ValidationError, match="reason"):
        services.order_cancel(order=sent_order, by=org.office_manager)
    assert services.order_cancel(order=sent_order, by=org.office_manager, reason="Doublon").status == "cancelled"
    told = EmailOutbox.objects.get(kind="purchasing_order_cancelled")
    assert told.to == "commandes@fournisseur.example" and "Doublon" in told.body_text
    received = sent(org)
    received.lines.update(received_quantity=10)
    PurchaseOrder.objects.filter(pk=received.pk).update(status=OrderStatus.RECEIVED)
    with pytest.raises(ValidationError):
        services.order_cancel(order=received, by=org.office_manager, reason="Trop tard")
    assert services.order_close(order=received, by=org.office_manager).status == OrderStatus.CLOSED


def test_catalogue_lines_take_the_catalogue_price_and_vat(org):
    item = CatalogueItemFactory(unit_price=Decimal("12.34"), vat_rate=Decimal("5.50"), supplier_reference="REF-9")
    order = draft(org, lines=[])
    line = services.order_line_add(order=order, by=org.office_manager, item=item, quantity=3)
    assert (line.description, line.unit_price, line.vat_rate, line.supplier_reference) == (
        item.name,
        Decimal("12.34"),
        Decimal("5.50"),
        "REF-9",
    )
    order.refresh_from_db()
    assert order.total_excl_vat == Decimal("37.02")


@pytest.mark.parametrize(
    ("quantity", "price", "rate", "field"),
    [
        (0, "1.00", "20.00", "quantity"),
        (-3, "1.00", "20.00", "quantity"),
        (100_001, "1.00", "20.00", "quantity"),
        (1, "-0.01", "20.00", "unit_price"),
        (1, "NaN", "20.00", "unit_price"),
        (1, "1.005", "20.00", "unit_price"),
        (1, "1.00", "19.60", "vat_rate"),
        (1, "1.00", "-20", "vat_rate"),
    ],
)
def test_bad_lines_are_refused_and_nothing_is_saved(org, quantity, price, rate, field):
    order = draft(org, lines=[])
    with pytest.raises(ValidationError) as caught:
        services.order_line_add(
            order=order,
            by=org.office_manager,
            description="Stylos",
            quantity=quantity,
            unit_price=Decimal(price),
            vat_rate=Decimal(rate),
        )
    assert field in caught.value.message_dict
    assert not order.lines.exists()


def test_only_the_office_manager_writes_orders(org):
    supplier = supplier_with_contact()
    for person in (org.staff, org.manager, org.director):
        with pytest.raises(PermissionDenied):
            services.order_create(by=person, supplier=supplier, site=org.site)


def test_the_same_creation_form_posted_twice_makes_one_order(org):
    token = uuid.uuid4()
    supplier = supplier_with_contact()
    first = services.order_create(by=org.office_manager, supplier=supplier, site=org.site, token=token)
    second = services.order_create(by=org.office_manager, supplier=supplier, site=org.site, token=token)
    assert first.pk == second.pk and PurchaseOrder.objects.count() == 1
    assert first.contact.is_orders_contact  # the supplier's orders contact by default


def test_an_archived_supplier_or_absurd_date_is_refused(org):
    supplier = supplier_with_contact(is_active=False)
    with pytest.raises(ValidationError):
        services.order_create(by=org.office_manager, supplier=supplier, site=org.site)
    with pytest.raises(ValidationError):
        services.order_create(
            by=org.office_manager, supplier=supplier_with_contact(), site=org.site, expected_on=dt.date(9999, 12, 31)
        )


def test_an_order_to_an_archived_supplier_is_not_submitted_nor_sent(org, threshold):
    # Archived after the draft was written (or approved): nothing goes out until it is restored.
    order = draft(org)
    approved = services.order_submit(order=draft(org), by=org.office_manager)
    for supplier in (order.supplier, approved.supplier):
        supplier.is_active = False
        supplier.save(update_fields=["is_active"])
    with pytest.raises(ValidationError, match="archived"):
        services.order_submit(order=order, by=org.office_manager)
    for pending in (order, approved):
        with pytest.raises(ValidationError, match="archived"):
            services.order_send(order=pending, by=org.office_manager)
        pending.refresh_from_db()
        assert pending.sent_at is None and pending.number == ""
    assert not EmailOutbox.objects.filter(kind="purchasing_order_supplier").exists()
