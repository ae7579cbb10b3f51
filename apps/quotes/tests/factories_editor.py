"""Factories of the quote editor's tests: clients, contacts, catalogue entries, quotes and their lines.
Totals are not stored by the factories: make lines through ``services.lines`` when a test reads them."""

import datetime as dt
from decimal import Decimal

import factory

from apps.accounts.tests.factories import UserFactory
from apps.quotes.models import CatalogueEntry, Client, ClientContact, LineKind, Quote, QuoteLine, QuoteStatus


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    name = factory.Sequence(lambda n: f"Client {n}")
    address = "12 rue de la République"
    postal_code = "69002"
    city = "Lyon"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClientContact

    client = factory.SubFactory(ClientFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@client.fr")


class CatalogueEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CatalogueEntry

    name = factory.Sequence(lambda n: f"Prestation {n}")
    unit = "heure"
    unit_price = Decimal("80.00")
    vat_rate = Decimal("20.00")


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    client = factory.SubFactory(ClientFactory)
    subject = factory.Sequence(lambda n: f"Aménagement du bureau {n}")
    status = QuoteStatus.DRAFT
    created_by = factory.SubFactory(UserFactory)


class QuoteLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuoteLine

    quote = factory.SubFactory(QuoteFactory)
    kind = LineKind.ITEM
    position = factory.Sequence(lambda n: n + 1)
    description = factory.Sequence(lambda n: f"Ligne {n}")
    quantity = Decimal("1")
    unit_price = Decimal("100.00")
    vat_rate = Decimal("20.00")


def issued(quote: Quote, *, number: str = "DEV-2026-0001", version: int = 1) -> Quote:
    """Mark ``quote`` issued as issuing would (number, dates), without the issuing service (helper C's)."""
    quote.status = QuoteStatus.ISSUED
    quote.number = number
    quote.version = version
    quote.year = 2026
    quote.issue_date = dt.date(2026, 3, 2)
    quote.valid_until = dt.date(2026, 4, 1)
    quote.save()
    return quote
