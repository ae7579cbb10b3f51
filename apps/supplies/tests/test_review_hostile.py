"""What an adversarial review found: each test failed before its fix."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.supplies.tests.factories import CatalogueItemFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("next_url", ["foo", "1e5", "-1", "http://["])
def test_a_next_that_is_not_a_path_is_ignored_not_a_server_error(org, client_for, next_url):
    item = CatalogueItemFactory()
    response = client_for(org.staff).post(
        reverse("supplies:basket_add"), {"item": item.pk, "quantity": "1", "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("supplies:shop")
