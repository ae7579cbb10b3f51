"""A page number far past the end of the accounts list shows the last page (not an SQL OFFSET overflow)."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("number", ["99999999999999999999999", "9223372036854775807", "-99999999999999999999999"])
def test_a_huge_page_number_shows_the_last_page(org, client_for, number):
    client = client_for(org.office_manager)
    client.raise_request_exception = False
    response = client.get(reverse("accounts:user_list"), {"page": number})
    assert response.status_code == 200
    page = response.context["page"]
    assert page.number == page.paginator.num_pages and len(page) > 0
