"""An issued quote always offers its PDF: when no file was stored at issue (the demo's quotes), the page
still links it and the view prints it from the issued snapshot, for the office manager and the director."""

import pytest
from django.urls import reverse

from apps.quotes.tests.factories_issue import complete_company
from apps.quotes.tests.issue_helpers import issued_quote, pdf_text

pytestmark = pytest.mark.django_db


def test_an_issued_quote_without_its_stored_file_still_offers_its_pdf(org, client_for):
    complete_company()
    quote = issued_quote(org.office_manager)
    quote.pdf.delete(save=False)
    quote.pdf = ""
    quote.save(update_fields=["pdf"])
    pdf_url = reverse("quotes:quote_pdf", args=[quote.pk])
    for user in (org.office_manager, org.director):
        client = client_for(user)
        assert f'href="{pdf_url}"' in client.get(quote.get_absolute_url()).content.decode()
        served = client.get(pdf_url)
        assert served.status_code == 200 and served["Content-Type"] == "application/pdf"
        assert quote.reference in pdf_text(served.content)
