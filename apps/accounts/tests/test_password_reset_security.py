"""Password reset: queued through the outbox (no SMTP in the request), throttled per address and IP."""

import pytest

from apps.accounts.tests.factories import UserFactory
from apps.notifications.models import EmailOutbox, Notification

RESET = "/accounts/password-reset/"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 3
    settings.PASSWORD_RESET_LIMIT_PER_IP = 5


@pytest.mark.django_db
def test_the_reset_email_is_queued_in_the_outbox_not_sent_during_the_request(client, mailoutbox):
    UserFactory(email="staff@test.fr")
    response = client.post(RESET, {"email": "Staff@Test.fr"})
    assert response.status_code == 302
    # The test's transaction never commits: anything sent now was sent inside the request.
    assert mailoutbox == []
    row = EmailOutbox.objects.get(kind="password_reset")
    assert row.to == "staff@test.fr"
    assert row.status == EmailOutbox.Status.PENDING
    assert "/accounts/reset/" in row.body_text
    # An e-mail only: the link must not sit in the in-app notifications.
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_known_and_unknown_addresses_get_the_same_answer(client):
    UserFactory(email="staff@test.fr")
    known = client.post(RESET, {"email": "staff@test.fr"})
    unknown = client.post(RESET, {"email": "nobody@test.fr"})
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert EmailOutbox.objects.filter(kind="password_reset").count() == 1


@pytest.mark.django_db
def test_a_deactivated_account_gets_no_reset_email(client):
    UserFactory(email="gone@test.fr", is_active=False)
    assert client.post(RESET, {"email": "gone@test.fr"}).status_code == 302
    assert not EmailOutbox.objects.exists()


@pytest.mark.django_db
def test_requests_for_one_address_from_one_machine_are_throttled(client):
    UserFactory(email="staff@test.fr")
    for _attempt in range(3):
        assert client.post(RESET, {"email": "staff@test.fr"}, REMOTE_ADDR="10.0.0.1").status_code == 302
    response = client.post(RESET, {"email": "Staff@test.fr"}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert EmailOutbox.objects.filter(kind="password_reset").count() == 3


@pytest.mark.django_db
def test_nobody_can_use_up_a_colleagues_reset_requests_from_another_machine(client):
    UserFactory(email="staff@test.fr")
    for _attempt in range(4):
        client.post(RESET, {"email": "staff@test.fr"}, REMOTE_ADDR="10.0.0.66")
    assert client.post(RESET, {"email": "staff@test.fr"}, REMOTE_ADDR="10.0.0.1").status_code == 302
    assert EmailOutbox.objects.filter(kind="password_reset").count() == 4


@pytest.mark.django_db
def test_an_unknown_address_is_throttled_alike(client):
    for _attempt in range(3):
        client.post(RESET, {"email": "nobody@test.fr"})
    assert client.post(RESET, {"email": "nobody@test.fr"}).status_code == 429


@pytest.mark.django_db
def test_requests_from_one_ip_are_throttled_whatever_the_address(client):
    for number in range(5):
        assert client.post(RESET, {"email": f"person{number}@test.fr"}, REMOTE_ADDR="10.0.0.1").status_code == 302
    assert client.post(RESET, {"email": "other@test.fr"}, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.post(RESET, {"email": "other@test.fr"}, REMOTE_ADDR="10.0.0.2").status_code == 302


@pytest.mark.django_db
def test_an_invalid_address_is_a_form_error_and_not_counted(client):
    for _attempt in range(10):
        response = client.post(RESET, {"email": "not-an-address"})
        assert response.status_code == 200
        assert response.context["form"].errors["email"]
    assert client.post(RESET, {"email": "staff@test.fr"}).status_code == 302


@pytest.mark.django_db
def test_the_reset_page_refuses_other_methods(client):
    assert client.get(RESET).status_code == 200
    assert client.put(RESET).status_code == 405


@pytest.mark.django_db
def test_a_forged_forwarded_for_does_not_escape_the_ip_throttle(client):
    for number in range(5):
        client.post(
            RESET, {"email": f"p{number}@test.fr"}, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.2.3.{number}"
        )
    response = client.post(RESET, {"email": "x@test.fr"}, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="9.9.9.9")
    assert response.status_code == 429


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_address_it_saw_counts(client, settings):
    settings.TRUSTED_PROXY = True
    for number in range(5):
        client.post(RESET, {"email": f"p{number}@test.fr"}, REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="1.1.1.1")
    # Another client behind the same proxy is not blocked; a client forging a left entry still is.
    other = client.post(RESET, {"email": "x@test.fr"}, REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="2.2.2.2")
    assert other.status_code == 302
    forged = client.post(
        RESET, {"email": "y@test.fr"}, REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="7.7.7.7, 1.1.1.1"
    )
    assert forged.status_code == 429
