"""Session lifetimes: an idle timeout and a shorter absolute lifetime, counted from the sign-in."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from apps.accounts.sessions import SEEN_AT, SIGNED_IN_AT
from apps.accounts.tests.factories import PASSWORD, UserFactory

START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
PAGE = "/accounts/profile/"


@pytest.fixture(autouse=True)
def _lifetimes(settings):
    settings.SESSION_IDLE_SECONDS = 8 * 3600
    settings.SESSION_ABSOLUTE_SECONDS = 12 * 3600


def _at(hours: float):
    return time_machine.travel(START + dt.timedelta(hours=hours), tick=False)


@pytest.fixture
def signed_in(client, db):
    UserFactory(email="staff@test.fr")
    with _at(0):
        response = client.post(reverse("accounts:login"), {"username": "staff@test.fr", "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_a_session_stays_open_while_it_is_used(signed_in):
    for hours in (1, 5, 9, 11.5):
        with _at(hours):
            assert signed_in.get(PAGE).status_code == 200


def test_a_session_idle_for_longer_than_the_timeout_ends(signed_in):
    with _at(8.1):
        response = signed_in.get(PAGE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in signed_in.session
    with _at(8.1):
        login_page = signed_in.get(response.url)
    assert "Your session has expired" in login_page.content.decode()


def test_a_session_ends_after_its_absolute_lifetime_even_when_active(signed_in):
    for hours in (3, 6, 9, 11.9):
        with _at(hours):
            assert signed_in.get(PAGE).status_code == 200
    with _at(12.01):
        response = signed_in.get(PAGE)
    assert response.status_code == 302
    assert "_auth_user_id" not in signed_in.session


def test_signing_in_again_starts_new_clocks_and_a_new_session_key(signed_in):
    with _at(12.5):
        assert signed_in.get(PAGE).status_code == 302
        old_key = signed_in.session.session_key
        signed_in.post(reverse("accounts:login"), {"username": "staff@test.fr", "password": PASSWORD})
        assert signed_in.session.session_key != old_key
        assert signed_in.session[SIGNED_IN_AT] == (START + dt.timedelta(hours=12.5)).timestamp()
    with _at(20):
        assert signed_in.get(PAGE).status_code == 200


def test_last_seen_is_written_at_most_every_few_minutes(signed_in):
    # The session is read back inside the travelled time: its row expires 12 hours after it.
    with _at(0.01):
        signed_in.get(PAGE)
        assert signed_in.session[SEEN_AT] == START.timestamp()  # 36 s later: not rewritten
    with _at(0.1):
        signed_in.get(PAGE)
        assert signed_in.session[SEEN_AT] == (START + dt.timedelta(hours=0.1)).timestamp()


def test_a_session_from_before_the_clocks_gets_them_on_its_next_request(client, db):
    user = UserFactory(email="staff@test.fr")
    client.force_login(user)
    session = client.session
    del session[SIGNED_IN_AT], session[SEEN_AT]
    session.save()
    with _at(0):
        assert client.get(PAGE).status_code == 200
        assert client.session[SIGNED_IN_AT] == START.timestamp()


def test_the_session_cookie_lives_no_longer_than_the_absolute_lifetime(settings):
    from django.conf import settings as live

    assert live.SESSION_COOKIE_AGE <= live.SESSION_ABSOLUTE_SECONDS
