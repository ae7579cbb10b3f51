"""A session that ends under an HTMX request sends the whole page to the login page.

A plain redirect would be followed by the browser's XHR and the login page swapped into the
fragment (the user list's rows, the leave preview), with ``next`` pointing at that fragment's URL.
The idle timeout makes this an everyday case: a page left open overnight, then a filter typed in.
"""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from apps.accounts.tests.factories import PASSWORD, UserFactory

START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_an_htmx_request_after_the_idle_timeout_sends_the_page_to_the_login(client, settings):
    settings.SESSION_IDLE_SECONDS = 8 * 3600
    UserFactory(email="staff@test.fr")
    with time_machine.travel(START, tick=False):
        client.post(reverse("accounts:login"), {"username": "staff@test.fr", "password": PASSWORD})
    with time_machine.travel(START + dt.timedelta(hours=9), tick=False):
        response = client.post(
            reverse("leave:request_preview"),
            {},
            HTTP_HX_REQUEST="true",
            HTTP_HX_CURRENT_URL="http://testserver/leave/new/",
        )
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("accounts:login") + "?next=/leave/new/"
    assert response.content == b""


@pytest.mark.django_db
def test_an_anonymous_plain_request_is_still_redirected(client):
    response = client.get(reverse("leave:my_leave"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:login") + "?next=/leave/"
