"""Factories of the client directory and the catalogue (and bare quotes/invoices for a client's history)."""

from decimal import Decimal

import factory

from apps.quotes.models import CatalogueEntry, Client, ClientContact, ClientKind, Invoice, Quote

# Real checksums (python-stdnum): La Poste's SIREN 356000000, a SIRET of it, its VAT number.
VALID_SIREN = "356000000"
VALID_SIRET = "35600000000048"
OTHER_SIRET = "73282932000074"  # Apple France's
VALID_VAT = "FR39356000000"
VALID_IBAN = "FR7630006000011234567890189"
VALID_BIC = "BNPAFRPPXXX"


class ClientFactory(factory.django.DjangoModelFactory):
    """A company client with an address and no identifiers (a SIRET is unique: give it explicitly)."""

    class Meta:
        model = Client

    kind = ClientKind.COMPANY
    name = factory.Sequence(lambda n: f"Boulangerie Martin n°{n}")
    address = "3 place Bellecour"
    postal_code = "69002"
    city = "Lyon"
    email = factory.Sequence(lambda n: f"compta{n}@client.example")


class ClientContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClientContact

    client = factory.SubFactory(ClientFactory)
    name = factory.Sequence(lambda n: f"Julie Bernard {n}")
    role = "Gérante"
    email = factory.Sequence(lambda n: f"julie{n}@client.example")
    phone = "04 78 00 00 00"
    is_primary = False


class CatalogueEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CatalogueEntry

    kind = CatalogueEntry.Kind.SERVICE
    name = factory.Sequence(lambda n: f"Journée de conseil n°{n}")
    description = "Accompagnement sur site"
    unit = "jour"
    unit_price = Decimal("650.00")
    vat_rate = Decimal("20.00")


class HistoryQuoteFactory(factory.django.DjangoModelFactory):
    """A draft quote row for a client's history (no lines: the editor's factories make real ones)."""

    class Meta:
        model = Quote

    client = factory.SubFactory(ClientFactory)
    subject = factory.Sequence(lambda n: f"Rénovation du hall n°{n}")
    total_excl_vat = Decimal("1000.00")
    total_vat = Decimal("200.00")
    total_incl_vat = Decimal("1200.00")


class HistoryInvoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invoice

    client = factory.SubFactory(ClientFactory)
    subject = factory.Sequence(lambda n: f"Facture du hall n°{n}")
    total_excl_vat = Decimal("500.00")
    total_vat = Decimal("100.00")
    total_incl_vat = Decimal("600.00")
