"""Signing in and out, changing and resetting a password."""

import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from apps.accounts.models import User
from apps.accounts.tests.factories import PASSWORD, UserFactory

LOGIN = "/accounts/login/"


@pytest.mark.django_db
def test_login_page_works(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert b"language" in response.content  # the footer switcher is there for visitors too


@pytest.mark.django_db
def test_login_with_a_different_case_email_works(client):
    user = UserFactory(email="staff@example.com")
    response = client.post(LOGIN, {"username": "Staff@Example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db
def test_login_with_a_wrong_password_shows_a_clear_error(client):
    UserFactory(email="staff@example.com")
    response = client.post(LOGIN, {"username": "staff@example.com", "password": "wrong"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].non_field_errors()
    assert b'class="alert alert-danger"' in response.content


@pytest.mark.django_db
def test_login_refuses_a_deactivated_account(client):
    UserFactory(email="gone@example.com", is_active=False)
    client.post(LOGIN, {"username": "gone@example.com", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_honours_a_local_next(client):
    UserFactory(email="staff@example.com")
    response = client.post(LOGIN, {"username": "staff@example.com", "password": PASSWORD, "next": "/accounts/profile/"})
    assert response.url == "/accounts/profile/"


@pytest.mark.django_db
def test_login_ignores_a_foreign_next(client):
    UserFactory(email="staff@example.com")
    response = client.post(
        LOGIN, {"username": "staff@example.com", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response.url == reverse("core:home")


def test_logout_is_a_post(org, client_for):
    client = client_for(org.staff)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_change_works(org, client_for):
    client = client_for(org.staff)
    assert client.get(reverse("accounts:password_change")).status_code == 200
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "a-new-long-secret-42", "new_password2": "a-new-long-secret-42"},
    )
    assert response.url == reverse("accounts:password_change_done")
    org.staff.refresh_from_db()
    assert org.staff.check_password("a-new-long-secret-42")
    assert client.get(reverse("accounts:password_change_done")).status_code == 200


def test_password_change_with_a_wrong_old_password_shows_the_error(org, client_for):
    response = client_for(org.staff).post(
        reverse("accounts:password_change"),
        {"old_password": "nope", "new_password1": "a-new-long-secret-42", "new_password2": "a-new-long-secret-42"},
    )
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    assert b"is-invalid" in response.content


def _reset_link(body: str) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/reset/[^\s]+/)", body)
    assert match, body
    return match.group(1)


@pytest.mark.django_db
def test_password_reset_sends_an_email_whose_link_sets_the_password(
    client, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://office.example.fr"
    user = UserFactory(email="staff@example.com")
    assert client.get(reverse("accounts:password_reset")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # the outbox e-mail goes after the commit
        response = client.post(reverse("accounts:password_reset"), {"email": "Staff@Example.com"})
    assert response.url == reverse("accounts:password_reset_done")
    assert client.get(response.url).status_code == 200

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["staff@example.com"]
    assert "\n" not in message.subject
    assert "https://office.example.fr/accounts/reset/" in message.body

    response = client.get(_reset_link(message.body))
    assert response.status_code == 302  # Django hides the token behind a redirect
    form_url = response.url
    assert client.get(form_url).context["validlink"] is True
    response = client.post(form_url, {"new_password1": "brand-new-secret-42", "new_password2": "brand-new-secret-42"})
    assert response.url == reverse("accounts:password_reset_complete")
    assert client.get(response.url).status_code == 200
    user.refresh_from_db()
    assert user.check_password("brand-new-secret-42")


@pytest.mark.django_db
def test_password_reset_also_reaches_an_account_without_a_password_yet(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="new@example.com")
    user.set_unusable_password()
    user.save(update_fields=["password"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "new@example.com"})
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.com"})
    assert response.url == reverse("accounts:password_reset_done")
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_used_reset_link_says_it_is_no_longer_valid(client):
    response = client.get(reverse("accounts:password_reset_confirm", args=["MQ", "bad-token"]))
    assert response.status_code == 200
    assert response.context["validlink"] is False


@pytest.mark.django_db
def test_email_addresses_are_unique_whatever_their_case_in_the_database():
    UserFactory(email="staff@example.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="STAFF@example.com", first_name="A", last_name="B")
