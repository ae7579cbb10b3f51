"""An office manager can neither see nor edit a superuser (a changed e-mail plus a reset would take it over)."""

import pytest
from django.urls import reverse

from apps.accounts.tests.factories import OfficeManagerFactory, UserFactory

LIST = "/accounts/users/"


@pytest.fixture
def root(org):
    return UserFactory(email="root@test.fr", first_name="Root", last_name="Admin", is_superuser=True, is_staff=True)


def test_the_office_manager_gets_404_on_a_superusers_page(org, office, root):
    url = reverse("accounts:user_edit", args=[root.pk])
    assert office.get(url).status_code == 404
    response = office.post(url, {"email": "taken.over@test.fr", "first_name": "Root", "last_name": "Admin"})
    assert response.status_code == 404
    root.refresh_from_db()
    assert root.email == "root@test.fr"


def test_the_superuser_is_not_in_the_office_managers_list(org, office, root):
    emails = {person.email for person in office.get(LIST).context["page"].object_list}
    assert "root@test.fr" not in emails
    assert "office@test.fr" in emails
    assert {p.email for p in office.get(LIST, {"q": "root"}).context["page"].object_list} == set()


def test_a_superuser_office_manager_still_sees_and_opens_superusers(org, root, client_for):
    boss = OfficeManagerFactory(email="boss@test.fr", is_superuser=True)
    client = client_for(boss)
    emails = {person.email for person in client.get(LIST).context["page"].object_list}
    assert {"root@test.fr", "boss@test.fr"} <= emails
    assert client.get(reverse("accounts:user_edit", args=[root.pk])).status_code == 200
