import datetime as dt
from decimal import Decimal

import factory

from apps.accounts.tests.factories import UserFactory
from apps.suppliers.models import (
    ComplianceDocument,
    Contact,
    Contract,
    DocumentKind,
    Interaction,
    InteractionKind,
    Rating,
    Supplier,
    SupplierCategory,
    SupplierCategoryTag,
)

# Real checksums (python-stdnum): La Poste's SIREN 356000000, a SIRET of it, its VAT number.
VALID_SIREN = "356000000"
VALID_SIRET = "35600000000048"
VALID_VAT = "FR39356000000"
VALID_IBAN = "FR7630006000011234567890189"


class SupplierFactory(factory.django.DjangoModelFactory):
    """A supplier with no identifiers (they are unique when set: give them explicitly)."""

    class Meta:
        model = Supplier

    name = factory.Sequence(lambda n: f"Fournitures Dupont n°{n}")
    address = "12 rue des Lilas"
    postal_code = "69003"
    city = "Lyon"
    payment_days = 30

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create:
            for category in extracted if extracted is not None else [SupplierCategory.SUPPLIES]:
                SupplierCategoryTag.objects.create(supplier=self, category=category)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    supplier = factory.SubFactory(SupplierFactory)
    name = factory.Sequence(lambda n: f"Claire Martin {n}")
    role = "Commerciale"
    email = factory.Sequence(lambda n: f"claire{n}@fournisseur.example")
    phone = "04 72 00 00 00"
    is_orders_contact = True


class ComplianceDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComplianceDocument

    supplier = factory.SubFactory(SupplierFactory)
    kind = DocumentKind.VIGILANCE
    issued_on = dt.date(2026, 1, 15)
    expires_on = dt.date(2026, 7, 14)


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    supplier = factory.SubFactory(SupplierFactory)
    subject = "Nettoyage des locaux"
    starts_on = dt.date(2025, 1, 1)
    ends_on = dt.date(2026, 12, 31)
    tacit_renewal = True
    renewal_months = 12
    notice_months = 3
    amount_per_year = Decimal("9600.00")


class InteractionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interaction

    supplier = factory.SubFactory(SupplierFactory)
    kind = InteractionKind.CALL
    happened_on = dt.date(2026, 2, 20)
    summary = "Point sur les délais de livraison"
    by = factory.SubFactory(UserFactory)


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rating

    supplier = factory.SubFactory(SupplierFactory)
    reference = factory.Sequence(lambda n: f"BC-2026-{n:04d}")
    quality = 4
    delay = 3
    price = 4
    rated_on = dt.date(2026, 2, 20)
    by = factory.SubFactory(UserFactory)
