"""The foundation's pages: each role sees what it may, the wrong role gets 403, anonymous users log in first."""

import pytest
from django.test import override_settings
from django.urls import reverse

PAGES = ["/me/", "/inbox/", "/dashboard/", "/agenda/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_anonymous_is_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={path}"


@pytest.mark.parametrize("path", PAGES)
def test_pages_refuse_post(org, client_for, path):
    assert client_for(org.office_manager).post(path).status_code == 405


@pytest.mark.parametrize(
    ("who", "path", "status"),
    [
        ("office_manager", "/dashboard/", 200),
        ("office_manager", "/agenda/", 200),
        ("director", "/agenda/", 200),
        ("director", "/dashboard/", 403),
        ("manager", "/dashboard/", 403),
        ("manager", "/agenda/", 403),
        ("staff", "/me/", 200),
        ("director", "/me/", 200),
        ("manager", "/inbox/", 200),
    ],
)
def test_role_access(org, client_for, who, path, status):
    assert client_for(getattr(org, who)).get(path).status_code == status


def test_agenda_ignores_a_malformed_start_date(org, client_for):
    response = client_for(org.director).get("/agenda/?start=not-a-date")
    assert response.status_code == 200


def test_agenda_starts_on_the_monday_of_the_asked_week(org, client_for):
    response = client_for(org.director).get("/agenda/?start=2026-05-14")
    assert str(response.context["start"]) == "2026-05-11"


def test_navigation_shows_each_role_its_links(org, client_for):
    office = client_for(org.office_manager).get("/me/").content.decode()
    assert reverse("dashboard:index") in office
    assert reverse("accounts:company") in office
    staff = client_for(org.staff).get("/me/").content.decode()
    assert reverse("dashboard:index") not in staff
    assert reverse("accounts:company") not in staff


def test_403_page_is_styled(org, client_for):
    response = client_for(org.staff).get("/dashboard/")
    assert response.status_code == 403
    assert b"navbar" in response.content


@pytest.mark.django_db
def test_unknown_page_is_a_styled_404(client):
    with override_settings(DEBUG=False):
        response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"officemgr" in response.content


def test_a_french_user_is_served_in_french(org, client_for):
    org.office_manager.language = "fr"
    org.office_manager.save(update_fields=["language"])
    response = client_for(org.office_manager).get("/dashboard/")
    assert response.headers["Content-Language"] == "fr"
    assert "Tableau de bord" in response.content.decode()


def test_french_is_the_default_for_visitors(client, settings, db):
    settings.LANGUAGE_CODE = "fr"
    response = client.get(reverse("accounts:login"))
    assert response.headers["Content-Language"] == "fr"
    assert "Se connecter" in response.content.decode()


def test_the_directors_agenda_shows_key_figures(org, client_for):
    response = client_for(org.director).get("/agenda/")
    titles = [str(card.title) for card in response.context["figures"]]
    assert "People" not in titles  # the head count is not among the figures a director acts on
    assert "Away this week" in titles
    assert "Safety non-compliances" in titles
    assert "Checks overdue" in titles
