"""The quotes app in the Django admin: clients with their contacts, the catalogue and the settings are
edited there; an issued quote or invoice is only read, a draft's header may be corrected but never its
number, status or totals, and nothing financial is added or deleted there."""

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse

from apps.accounts.tests.factories import UserFactory
from apps.quotes.models import CatalogueEntry, Client, Invoice, Quote, QuoteSettings, QuoteStatus
from apps.quotes.tests.factories_integration import ClientFactory, InvoiceFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_every_quotes_model_is_registered():
    for model in (Client, CatalogueEntry, QuoteSettings, Quote, Invoice):
        assert model in site._registry, model


def test_the_admin_pages_open(admin_client):
    quote = QuoteFactory()
    invoice = InvoiceFactory(client=quote.client, quote=quote)
    for name, args in (
        ("admin:quotes_client_changelist", []),
        ("admin:quotes_client_change", [quote.client.pk]),
        ("admin:quotes_catalogueentry_changelist", []),
        ("admin:quotes_quotesettings_changelist", []),
        ("admin:quotes_quote_changelist", []),
        ("admin:quotes_quote_change", [quote.pk]),
        ("admin:quotes_invoice_changelist", []),
        ("admin:quotes_invoice_change", [invoice.pk]),
    ):
        assert admin_client.get(reverse(name, args=args)).status_code == 200, name


def test_an_issued_quote_is_read_only_and_a_draft_keeps_its_service_fields(rf):
    admin = site._registry[Quote]
    request = rf.get("/")
    issued, draft = QuoteFactory(), QuoteFactory(status=QuoteStatus.DRAFT, number="", issue_date=None, valid_until=None)
    assert set(admin.get_readonly_fields(request, issued)) >= {"subject", "notes", "total_incl_vat"}
    draft_readonly = set(admin.get_readonly_fields(request, draft))
    assert {"number", "status", "total_incl_vat", "discount_percent"} <= draft_readonly
    assert "subject" not in draft_readonly and "notes" not in draft_readonly
    assert not admin.has_add_permission(request) and not admin.has_delete_permission(request, draft)


def test_a_client_with_documents_cannot_be_deleted_from_the_admin(rf):
    admin = site._registry[Client]
    used, unused = QuoteFactory().client, ClientFactory()
    assert not admin.has_delete_permission(rf.get("/"), used)
    assert admin.has_delete_permission(rf.get("/"), unused)
