from decimal import Decimal

import factory

from apps.accounts.tests.factories import SiteFactory, UserFactory
from apps.supplies.models import (
    CatalogueItem,
    Category,
    EquipmentItem,
    EquipmentKind,
    RequestLine,
    SiteStock,
    SupplyRequest,
    Unit,
)


class CatalogueItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CatalogueItem

    name = factory.Sequence(lambda n: f"Ramette papier A4 80 g n°{n}")
    category = Category.PAPER
    unit = Unit.REAM
    unit_price = Decimal("4.20")
    vat_rate = Decimal("20.00")


class SiteStockFactory(factory.django.DjangoModelFactory):
    """A stock row with no moves; give it stock through ``services.stock_move`` (the ledger)."""

    class Meta:
        model = SiteStock

    item = factory.SubFactory(CatalogueItemFactory)
    site = factory.SubFactory(SiteFactory)
    reorder_threshold = 2
    reorder_quantity = 10


class SupplyRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupplyRequest

    requester = factory.SubFactory(UserFactory)
    site = factory.SelfAttribute("requester.site")
    reason = "Réassort du bureau"
    needed_by = factory.Faker("date_between", start_date="+1d", end_date="+30d")


class RequestLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequestLine

    request = factory.SubFactory(SupplyRequestFactory)
    item = factory.SubFactory(CatalogueItemFactory)
    description = factory.LazyAttribute(lambda line: line.item.name if line.item else "Something")
    quantity = 1
    unit_price = factory.LazyAttribute(lambda line: line.item.unit_price if line.item else Decimal("10.00"))
    vat_rate = Decimal("20.00")


class EquipmentItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EquipmentItem

    asset_tag = factory.Sequence(lambda n: f"EQ-{n:05d}")
    kind = EquipmentKind.LAPTOP
    model = "Lenovo ThinkPad T14"
    serial_number = factory.Sequence(lambda n: f"PF{n:08d}")
    purchase_price = Decimal("1099.00")
