"""The language switcher: stored on the account when signed in, a cookie for everyone."""

import pytest
from django.conf import settings
from django.urls import reverse

URL = "/accounts/language/"


def test_switching_language_stores_the_preference_and_serves_the_next_page_in_english(org, client_for):
    client = client_for(org.staff)
    response = client.post(URL, {"language": "en", "next": "/accounts/profile/"})
    assert response.status_code == 302
    assert response.url == "/accounts/profile/"
    org.staff.refresh_from_db()
    assert org.staff.language == "en"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    page = client.get("/accounts/profile/")
    assert page["Content-Language"] == "en"
    assert page.wsgi_request.LANGUAGE_CODE == "en"


@pytest.mark.django_db
def test_visitors_can_switch_language_on_the_login_page(client):
    response = client.post(URL, {"language": "en", "next": "/accounts/login/?next=/me/"})
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/me/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get("/accounts/login/")["Content-Language"] == "en"


@pytest.mark.django_db
def test_a_foreign_next_is_replaced_by_the_home_page(client):
    response = client.post(URL, {"language": "en", "next": "https://evil.example/phish"})
    assert response.url == reverse("core:home")


@pytest.mark.django_db
def test_without_next_the_referer_is_used_when_local(client):
    response = client.post(URL, {"language": "en"}, headers={"referer": "http://testserver/accounts/password-reset/"})
    assert response.url == "http://testserver/accounts/password-reset/"


def test_an_unknown_language_is_refused_and_changes_nothing(org, client_for):
    response = client_for(org.staff).post(URL, {"language": "xx", "next": "/me/"})
    assert response.status_code == 400
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    org.staff.refresh_from_db()
    assert org.staff.language == "en"  # as the factory made it
