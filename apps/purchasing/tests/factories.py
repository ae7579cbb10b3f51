import datetime as dt
from decimal import Decimal

import factory

from apps.accounts.tests.factories import SiteFactory, UserFactory
from apps.purchasing.models import Budget, OrderLine, OrderStatus, PurchaseOrder, SupplierInvoice
from apps.suppliers.models import SupplierCategory
from apps.suppliers.tests.factories import SupplierFactory


class PurchaseOrderFactory(factory.django.DjangoModelFactory):
    """A draft order (add lines with OrderLineFactory, then recompute its totals through the services)."""

    class Meta:
        model = PurchaseOrder

    supplier = factory.SubFactory(SupplierFactory)
    site = factory.SubFactory(SiteFactory)
    status = OrderStatus.DRAFT
    created_by = factory.SubFactory(UserFactory)


class OrderLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrderLine

    order = factory.SubFactory(PurchaseOrderFactory)
    description = factory.Sequence(lambda n: f"Ramette papier A4 n°{n}")
    quantity = 10
    unit_price = Decimal("4.20")
    vat_rate = Decimal("20.00")
    category = SupplierCategory.SUPPLIES


class SupplierInvoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupplierInvoice

    supplier = factory.SubFactory(SupplierFactory)
    number = factory.Sequence(lambda n: f"F{n:06d}")
    issued_on = dt.date(2026, 2, 10)
    due_on = dt.date(2026, 3, 12)
    total_excl_vat = Decimal("100.00")
    total_vat = Decimal("20.00")
    total_incl_vat = Decimal("120.00")
    category = SupplierCategory.SUPPLIES
    created_by = factory.SubFactory(UserFactory)


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget

    year = 2026
    category = SupplierCategory.SUPPLIES
    amount = Decimal("12000.00")
