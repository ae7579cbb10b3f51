"""An invoice's PDF is served as a private file: never kept by a shared cache, never type-sniffed, and a
file lost on disk is a 404, not a 500 (found by the #15 attack review; the quote's PDF already was)."""

import pytest
from django.urls import reverse

from apps.quotes.services import invoices as services
from apps.quotes.tests.factories_invoices import accepted_quote, blank_pdf, company

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def seller(monkeypatch):
    monkeypatch.setattr("apps.quotes.facturx.base_pdf", blank_pdf)
    return company()


def test_the_invoice_pdf_is_private_and_not_sniffed(client, org):
    draft = services.invoice_from_quote(quote=accepted_quote(), by=org.office_manager)
    client.force_login(org.director)
    for invoice in (draft, services.invoice_issue(invoice=draft, by=org.office_manager)):
        response = client.get(reverse("quotes:invoice_pdf", args=[invoice.pk]))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert response["X-Content-Type-Options"] == "nosniff"


def test_an_invoice_pdf_lost_on_disk_is_a_404(client, org):
    invoice = services.invoice_issue(
        invoice=services.invoice_from_quote(quote=accepted_quote(), by=org.office_manager), by=org.office_manager
    )
    invoice.pdf.storage.delete(invoice.pdf.name)
    client.force_login(org.office_manager)
    assert client.get(reverse("quotes:invoice_pdf", args=[invoice.pk])).status_code == 404
