import pytest
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
def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["broker"]["ok"] is True
