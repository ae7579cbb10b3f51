"""Factories and helpers of the invoices' tests: a client with an address, an accepted quote with lines,
the company (the seller), and a stand-in printed PDF when ``apps.quotes.pdf`` is not there to make one."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import factory
from django.utils import timezone
from pypdf import PdfWriter

from apps.accounts.tests.factories import CompanyFactory, UserFactory
from apps.quotes.models import (
    Client,
    ClientContact,
    LineKind,
    Quote,
    QuoteLine,
    QuoteStatus,
)
from apps.quotes.services.lines import store_totals


class InvoiceClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    name = factory.Sequence(lambda n: f"Client {n} SARL")
    address = "3 place Bellecour"
    postal_code = "69002"
    city = "Lyon"
    email = factory.Sequence(lambda n: f"compta{n}@client.example")
    payment_terms_days = 30


class InvoiceContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClientContact

    client = factory.SubFactory(InvoiceClientFactory)
    name = "Claire Martin"
    email = factory.Sequence(lambda n: f"claire{n}@client.example")
    is_primary = True


class InvoiceQuoteFactory(factory.django.DjangoModelFactory):
    """An accepted quote (numbered, dated); add lines with InvoiceQuoteLineFactory then ``refresh_totals``."""

    class Meta:
        model = Quote

    client = factory.SubFactory(InvoiceClientFactory)
    subject = "Rénovation des bureaux"
    status = QuoteStatus.ACCEPTED
    number = factory.Sequence(lambda n: f"DEV-2026-{n + 1:04d}")
    year = 2026
    issue_date = dt.date(2026, 1, 5)
    valid_until = dt.date(2026, 2, 4)
    payment_terms = "Paiement à 30 jours par virement."
    created_by = factory.SubFactory(UserFactory)
    accepted_at = factory.LazyFunction(timezone.now)


class InvoiceQuoteLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuoteLine

    quote = factory.SubFactory(InvoiceQuoteFactory)
    kind = LineKind.ITEM
    position = factory.Sequence(lambda n: n + 1)
    description = factory.Sequence(lambda n: f"Prestation n°{n}")
    unit = "h"
    quantity = Decimal("1")
    unit_price = Decimal("100.00")
    vat_rate = Decimal("20.00")


def refresh_totals(quote: Quote) -> Quote:
    store_totals(quote)
    return quote


def accepted_quote(
    lines=((Decimal("10"), Decimal("80.00"), Decimal("20.00")),), discount=Decimal("0"), client=None, **fields
) -> Quote:
    """An accepted quote with ``lines`` of (quantity, unit price, VAT rate), a section title first."""
    quote = InvoiceQuoteFactory(discount_percent=discount, **({"client": client} if client else {}), **fields)
    QuoteLine.objects.create(quote=quote, kind=LineKind.SECTION, position=0, description="Lot 1")
    for position, (quantity, price, rate) in enumerate(lines, start=1):
        InvoiceQuoteLineFactory(quote=quote, position=position, quantity=quantity, unit_price=price, vat_rate=rate)
    return refresh_totals(quote)


def company(**fields):
    return CompanyFactory(**fields)


def blank_pdf(invoice=None) -> bytes:
    """A one-page PDF standing in for the printed invoice (the Factur-X layer is what is tested)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
