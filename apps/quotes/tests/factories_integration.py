"""Rows for the integration tests (dashboard cards, agenda, director's figures, seed): written directly,
in the state the services leave them (a number, dates and stored totals once issued)."""

import datetime as dt
from decimal import Decimal

import factory

from apps.accounts.tests.factories import UserFactory
from apps.quotes.models import Client, Invoice, InvoiceKind, InvoiceStatus, Quote, QuoteStatus


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    name = factory.Sequence(lambda n: f"Client n°{n}")
    address = "1 rue de la République"
    postal_code = "69002"
    city = "Lyon"


class QuoteFactory(factory.django.DjangoModelFactory):
    """A sent quote, DEV-2026-00NN, issued on 2 March 2026 and valid 30 days, 1,000 € excl. VAT."""

    class Meta:
        model = Quote

    client = factory.SubFactory(ClientFactory)
    subject = "Audit du parc informatique"
    status = QuoteStatus.SENT
    number = factory.Sequence(lambda n: f"DEV-2026-{n + 1:04d}")
    year = 2026
    issue_date = dt.date(2026, 3, 2)
    validity_days = 30
    valid_until = factory.LazyAttribute(lambda q: q.issue_date + dt.timedelta(days=q.validity_days))
    total_excl_vat = Decimal("1000.00")
    total_vat = Decimal("200.00")
    total_incl_vat = Decimal("1200.00")
    created_by = factory.SubFactory(UserFactory)


class InvoiceFactory(factory.django.DjangoModelFactory):
    """An issued invoice, FAC-2026-00NN, of 1,200 € incl. VAT, due on 1 April 2026, nothing paid."""

    class Meta:
        model = Invoice

    kind = InvoiceKind.INVOICE
    client = factory.SubFactory(ClientFactory)
    subject = "Audit du parc informatique"
    status = InvoiceStatus.ISSUED
    number = factory.Sequence(lambda n: f"FAC-2026-{n + 1:04d}")
    year = 2026
    issue_date = dt.date(2026, 3, 2)
    due_date = dt.date(2026, 4, 1)
    total_excl_vat = Decimal("1000.00")
    total_vat = Decimal("200.00")
    total_incl_vat = Decimal("1200.00")
    created_by = factory.SubFactory(UserFactory)
