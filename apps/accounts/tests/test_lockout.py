"""Sign-in throttling (django-axes): the pair e-mail + IP address is locked after repeated failures."""

import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.test import Client
from django.urls import reverse

from apps.accounts.tests.factories import PASSWORD, UserFactory

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
HOME = "10.0.0.1"
ELSEWHERE = "10.0.0.2"


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)


def _sign_in(client, email, password, ip=HOME, url=LOGIN):
    return client.post(url, {"username": email, "password": password}, REMOTE_ADDR=ip)


def _fail(client, email, times, ip=HOME, url=LOGIN):
    for _attempt in range(times):
        _sign_in(client, email, "wrong-password", ip=ip, url=url)


@pytest.mark.django_db
def test_the_right_password_is_refused_with_a_clear_message_after_repeated_failures(client):
    UserFactory(email="staff@test.fr")
    _fail(client, "staff@test.fr", 3)
    response = _sign_in(client, "staff@test.fr", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "Too many failed attempts" in page
    assert "15 minutes" in page
    assert 'name="password"' in page  # the login page itself, not a bare text


@pytest.mark.django_db
def test_failures_below_the_limit_do_not_lock(client):
    UserFactory(email="staff@test.fr")
    _fail(client, "staff@test.fr", 2)
    assert _sign_in(client, "staff@test.fr", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_changing_the_case_of_the_email_does_not_buy_more_guesses(client):
    UserFactory(email="staff@test.fr")
    for email in ("staff@test.fr", "Staff@Test.fr", "STAFF@TEST.FR"):
        _sign_in(client, email, "wrong-password")
    assert _sign_in(client, "staff@test.fr", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_the_lockout_holds_for_that_address_only_so_nobody_can_lock_a_colleague_out(client):
    UserFactory(email="staff@test.fr")
    _fail(client, "staff@test.fr", 3, ip=HOME)
    assert _sign_in(client, "staff@test.fr", PASSWORD, ip=ELSEWHERE).status_code == 302


@pytest.mark.django_db
def test_the_lockout_holds_for_that_account_only(client):
    UserFactory(email="staff@test.fr")
    UserFactory(email="colleague@test.fr")
    _fail(client, "staff@test.fr", 3, ip=HOME)
    assert _sign_in(client, "colleague@test.fr", PASSWORD, ip=HOME).status_code == 302


@pytest.mark.django_db
def test_the_lockout_ends_after_the_cool_off(client):
    UserFactory(email="staff@test.fr")
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        _fail(client, "staff@test.fr", 3)
        assert _sign_in(client, "staff@test.fr", PASSWORD).status_code == 429
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 16, tzinfo=dt.UTC), tick=False):
        assert _sign_in(client, "staff@test.fr", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_admin_login_is_throttled_too(client):
    UserFactory(email="root@test.fr", is_staff=True, is_superuser=True)
    _fail(client, "root@test.fr", 3, url=ADMIN_LOGIN)
    response = _sign_in(client, "root@test.fr", PASSWORD, url=ADMIN_LOGIN)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Too many failed attempts" in response.content.decode()


@pytest.mark.django_db
def test_failures_on_the_admin_login_count_for_the_app_login(client):
    UserFactory(email="root@test.fr", is_staff=True, is_superuser=True)
    _fail(client, "root@test.fr", 3, url=ADMIN_LOGIN)
    assert _sign_in(client, "root@test.fr", PASSWORD).status_code == 429


# --- Unlocking -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_office_manager_sees_the_lockout_and_unlocks_the_account(org, office):
    client = Client()  # `office` is the default client, signed in
    _fail(client, "staff@test.fr", 3)
    page = office.get(reverse("accounts:user_edit", args=[org.staff.pk]))
    assert page.context["locked_out"] is True
    assert reverse("accounts:user_unlock", args=[org.staff.pk]) in page.content.decode()

    response = office.post(reverse("accounts:user_unlock", args=[org.staff.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:user_edit", args=[org.staff.pk])
    assert response.context["locked_out"] is False
    assert not AccessAttempt.objects.filter(username="staff@test.fr").exists()
    assert _sign_in(client, "staff@test.fr", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_an_account_without_failures_shows_no_lock(org, office):
    page = office.get(reverse("accounts:user_edit", args=[org.staff.pk]))
    assert page.context["locked_out"] is False
    assert reverse("accounts:user_unlock", args=[org.staff.pk]) not in page.content.decode()


@pytest.mark.django_db
def test_unlocking_leaves_other_accounts_locked(org, office):
    client = Client()
    _fail(client, "staff@test.fr", 3)
    _fail(client, "colleague@test.fr", 3)
    office.post(reverse("accounts:user_unlock", args=[org.staff.pk]))
    assert AccessAttempt.objects.filter(username="colleague@test.fr").exists()
    assert not AccessAttempt.objects.filter(username="staff@test.fr").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["staff", "manager", "director"])
def test_only_the_office_manager_can_unlock(org, client_for, who):
    _fail(Client(), "colleague@test.fr", 3)
    response = client_for(getattr(org, who)).post(reverse("accounts:user_unlock", args=[org.colleague.pk]))
    assert response.status_code == 403
    assert AccessAttempt.objects.filter(username="colleague@test.fr").exists()


@pytest.mark.django_db
def test_unlock_refuses_get_and_anonymous(org, office, client):
    url = reverse("accounts:user_unlock", args=[org.staff.pk])
    assert office.get(url).status_code == 405
    office.logout()
    response = client.post(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_unlock_of_a_hidden_superuser_is_a_404(org, office):
    root = UserFactory(email="root@test.fr", is_superuser=True, is_staff=True)
    assert office.post(reverse("accounts:user_unlock", args=[root.pk])).status_code == 404


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(client):
    UserFactory(email="staff@test.fr")
    _fail(client, "staff@test.fr", 3)
    response = client.post(
        LOGIN, {"username": "staff@test.fr", "password": PASSWORD}, REMOTE_ADDR=HOME, HTTP_X_FORWARDED_FOR="1.2.3.4"
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_a_successful_sign_in_is_not_logged_with_its_ip_address(client):
    UserFactory(email="staff@test.fr")
    assert _sign_in(client, "staff@test.fr", PASSWORD).status_code == 302
    assert not AccessLog.objects.exists()
