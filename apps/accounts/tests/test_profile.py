"""The profile page: a person edits their name, phone and language; the rest is read-only."""

from django.urls import reverse

URL = "/accounts/profile/"


def test_profile_shows_what_the_office_manager_manages(org, client_for):
    response = client_for(org.staff).get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert org.staff.email in content
    assert "Sales" in content  # team
    assert "Lyon" in content  # site
    assert str(org.manager) in content


def test_profile_saves_the_editable_fields(org, client_for):
    client = client_for(org.staff)
    response = client.post(
        URL, {"first_name": "Camille", "last_name": "Martin", "phone": "06 12 34 56 78", "language": "en"}
    )
    assert response.url == URL
    org.staff.refresh_from_db()
    assert (org.staff.first_name, org.staff.last_name, org.staff.phone, org.staff.language) == (
        "Camille",
        "Martin",
        "06 12 34 56 78",
        "en",
    )
    assert client.get(URL)["Content-Language"] == "en"


def test_profile_cannot_change_email_team_or_roles(org, client_for):
    client_for(org.staff).post(
        URL,
        {
            "first_name": "Camille",
            "last_name": "Martin",
            "language": "fr",
            "email": "boss@test.fr",
            "team": org.other_team.pk,
            "is_superuser": "on",
        },
    )
    org.staff.refresh_from_db()
    assert org.staff.email == "staff@test.fr"
    assert org.staff.team == org.team
    assert not org.staff.is_superuser


def test_profile_with_a_missing_name_shows_the_error_and_saves_nothing(org, client_for):
    before = org.staff.first_name
    response = client_for(org.staff).post(URL, {"first_name": "", "last_name": "Martin", "language": "fr"})
    assert response.status_code == 200
    assert "first_name" in response.context["form"].errors
    org.staff.refresh_from_db()
    assert org.staff.first_name == before


def test_profile_links_to_password_change(org, client_for):
    assert reverse("accounts:password_change") in client_for(org.staff).get(URL).content.decode()
