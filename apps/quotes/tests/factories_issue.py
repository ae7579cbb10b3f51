"""Quotes for the issuing, PDF and lifecycle tests: a complete company, a client with an address and a
contact, a draft quote with priced lines (its totals stored as the services would)."""

from __future__ import annotations

from decimal import Decimal

import factory

from apps.accounts.tests.factories import CompanyFactory, UserFactory
from apps.quotes.models import Client, ClientContact, LineKind, Quote, QuoteLine
from apps.quotes.services.lines import store_totals


def complete_company(**fields):
    """The seller with everything a devis must show (an SAS: RCS city and share capital)."""
    defaults = {"share_capital": Decimal("10000.00"), "email": "contact@atelier-rhone.fr", "phone": "04 72 00 00 00"}
    company = CompanyFactory(**{**defaults, **fields})
    for name, value in {**defaults, **fields}.items():
        setattr(company, name, value)
    company.save()
    return company


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    name = factory.Sequence(lambda n: f"Client {n} SARL")
    address = "5 place Bellecour"
    postal_code = "69002"
    city = "Lyon"
    email = factory.Sequence(lambda n: f"compta{n}@client.example")


class ClientContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClientContact

    client = factory.SubFactory(ClientFactory)
    name = "Claire Martin"
    role = "Directrice"
    email = "claire.martin@client.example"
    is_primary = True


class QuoteFactory(factory.django.DjangoModelFactory):
    """A draft quote; add lines with ``QuoteLineFactory`` and call ``recompute(quote)``."""

    class Meta:
        model = Quote

    client = factory.SubFactory(ClientFactory)
    subject = "Rénovation des bureaux"
    payment_terms = "Paiement à 30 jours par virement."
    validity_days = 30
    created_by = factory.SubFactory(UserFactory)


class QuoteLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuoteLine

    quote = factory.SubFactory(QuoteFactory)
    kind = LineKind.ITEM
    position = factory.Sequence(lambda n: n + 1)
    description = factory.Sequence(lambda n: f"Prestation n°{n}")
    unit = "h"
    quantity = Decimal("2")
    unit_price = Decimal("100.00")
    vat_rate = Decimal("20.00")


def recompute(quote: Quote) -> Quote:
    store_totals(quote)
    return quote


def ready_quote(*, by=None, lines=(("100.00", "20.00"), ("50.00", "10.00")), contact=True, **fields) -> Quote:
    """A draft ready to issue: the company complete, a client with an address (and a contact), priced lines
    of (unit price, VAT rate), quantity 2 each."""
    complete_company()
    quote = QuoteFactory(created_by=by or UserFactory(), **fields)
    if contact and quote.contact is None:
        quote.contact = ClientContactFactory(client=quote.client)
        quote.save(update_fields=["contact"])
    for price, rate in lines:
        QuoteLineFactory(quote=quote, unit_price=Decimal(price), vat_rate=Decimal(rate))
    return recompute(quote)
