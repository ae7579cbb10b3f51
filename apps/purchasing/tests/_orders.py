"""Purchase orders made through the services, for the orders' tests."""

from __future__ import annotations

from decimal import Decimal

from apps.purchasing.services import orders as services
from apps.suppliers.tests.factories import ContactFactory, SupplierFactory


def supplier_with_contact(**kwargs):
    supplier = SupplierFactory(**kwargs)
    ContactFactory(supplier=supplier, email="commandes@fournisseur.example", is_orders_contact=True)
    return supplier


def draft(org, *, lines=((10, "4.20", "20.00"),), supplier=None, **kwargs):
    """A draft to ``supplier`` (one with an orders contact by default) with ``lines`` of
    (quantity, unit price, VAT rate)."""
    order = services.order_create(
        by=org.office_manager, supplier=supplier or supplier_with_contact(), site=org.site, **kwargs
    )
    for index, (quantity, price, rate) in enumerate(lines):
        services.order_line_add(
            order=order,
            by=org.office_manager,
            description=f"Article {index + 1}",
            quantity=quantity,
            unit_price=Decimal(price),
            vat_rate=Decimal(rate),
        )
    order.refresh_from_db()
    return order


def sent(org, **kwargs):
    order, _sent_now = services.order_send(order=draft(org, **kwargs), by=org.office_manager)
    return order
