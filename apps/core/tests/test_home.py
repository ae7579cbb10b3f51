import pytest
from django.db import OperationalError, connection
from django.urls import reverse


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("who", "target"),
    [
        ("office_manager", "/dashboard/"),
        ("director", "/agenda/"),
        ("manager", "/me/"),
        ("staff", "/me/"),
    ],
)
def test_home_sends_each_role_to_its_page(org, client_for, who, target):
    response = client_for(getattr(org, who)).get("/")
    assert response.status_code == 302
    assert response.url == target
    assert client_for(getattr(org, who)).get(target).status_code == 200


def test_staff_cannot_open_the_dashboard(org, client_for):
    assert client_for(org.staff).get("/dashboard/").status_code == 403


def test_staff_cannot_open_the_agenda(org, client_for):
    assert client_for(org.staff).get("/agenda/").status_code == 403


def test_home_refuses_post(org, client_for):
    assert client_for(org.staff).post("/").status_code == 405


def test_inbox_is_empty_for_staff(org, client_for):
    response = client_for(org.staff).get("/inbox/")
    assert response.status_code == 200
    assert response.context["approvals"] == []


@pytest.mark.django_db
def test_healthz_tells_anonymous_callers_only_up_or_down(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_tells_a_staff_member_only_up_or_down(org, client_for):
    assert client_for(org.staff).get("/healthz").json() == {"status": "ok"}


def test_healthz_details_the_database_and_broker_for_the_office_manager(org, client_for):
    body = client_for(org.office_manager).get("/healthz").json()
    assert body["status"] == "ok"
    assert body["database"] == {"ok": True, "vendor": connection.vendor}
    assert body["broker"]["ok"] is True


def test_healthz_says_down_without_details_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "down"}
