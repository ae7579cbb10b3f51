"""A page number far past the end of the notifications shows the last page (not an SQL OFFSET overflow)."""

import pytest
from django.urls import reverse

from apps.notifications.tests.factories import NotificationFactory


@pytest.mark.parametrize("number", ["99999999999999999999999", "9223372036854775807", "-99999999999999999999999"])
def test_a_huge_page_number_shows_the_last_page(org, client_for, number):
    NotificationFactory.create_batch(3, recipient=org.staff)
    client = client_for(org.staff)
    client.raise_request_exception = False
    response = client.get(reverse("notifications:list"), {"page": number})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1 and len(response.context["page_obj"]) == 3


def test_the_outbox_takes_a_huge_page_number(org, client_for):
    client = client_for(org.office_manager)
    client.raise_request_exception = False
    response = client.get(reverse("notifications:outbox"), {"page": "99999999999999999999999"})
    assert response.status_code == 200
