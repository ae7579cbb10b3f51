"""The office manager's queue through the read cache: its rows, counts and the filter's sites are kept
between requests, and a write shows at the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.tests.factories import SiteFactory
from apps.supplies.tests.requests_helpers import submitted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("read_cache")]

URL = reverse("supplies:request_queue")


def test_a_repeat_reads_neither_the_requests_nor_the_sites(org, client_for):
    submitted(org.staff, "12.00")
    client = client_for(org.office_manager)
    client.get(URL)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    read = " ".join(query["sql"] for query in captured.captured_queries)
    assert "accounts_site" not in read and "supplies_supplyrequest" not in read


def test_a_new_site_shows_in_the_filter_at_the_next_request(org, client_for, commit):
    client = client_for(org.office_manager)
    assert "Montargis" not in client.get(URL).content.decode()
    with commit():
        site = SiteFactory(name="Montargis")
    page = client.get(URL).content.decode()
    assert f'<option value="{site.pk}">Montargis</option>' in page


def test_a_renamed_site_shows_renamed_in_the_filter(org, client_for, commit):
    client = client_for(org.office_manager)
    client.get(URL)
    with commit():
        org.site.name = "Siège renommé"
        org.site.save(update_fields=["name"])
    assert f'<option value="{org.site.pk}">Siège renommé</option>' in client.get(URL).content.decode()


def test_a_new_request_shows_in_the_queue_and_its_counts_at_the_next_request(org, client_for, commit):
    client = client_for(org.office_manager)
    assert client.get(URL).context["queue"].counts["pending"] == 0
    with commit():
        request = submitted(org.staff, "12.00", "30.00")
    response = client.get(URL)
    assert [row.pk for row in response.context["queue"].page.object_list] == [request.pk]
    assert response.context["queue"].counts["pending"] == 1
    assert "42.00 €" in response.content.decode()
