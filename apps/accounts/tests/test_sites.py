"""Sites: list with head counts and upcoming public holidays, create, edit, deactivate (never delete)."""

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.accounts import services
from apps.accounts.models import Site
from apps.accounts.tests.factories import OfficeManagerFactory, SiteFactory, UserFactory

LIST = "/accounts/sites/"
NEW = "/accounts/sites/new/"
FORM = {
    "name": "Metz",
    "address": "1 place d'Armes",
    "postal_code": "57000",
    "city": "Metz",
    "holiday_subdivision": "57",
    "is_active": "on",
}


@time_machine.travel("2027-03-01 09:00 +0100", tick=False)
def test_list_shows_people_counts_and_the_sites_next_public_holidays(org, client):
    # Signed in inside the travelled time, or the session would be long expired.
    org.office_manager.language = "en"
    org.office_manager.save(update_fields=["language"])
    client.force_login(org.office_manager)
    metz = SiteFactory(name="Metz", city="Metz", postal_code="57000", holiday_subdivision="57")
    UserFactory.create_batch(2, site=metz)
    UserFactory(site=metz, is_active=False)
    response = client.get(LIST)
    assert response.status_code == 200
    sites = {site.name: site for site in response.context["sites"]}
    assert sites["Metz"].people_count == 2
    assert sites["Lyon"].people_count == 7
    metz_days = [day.isoformat() for day, _name in sites["Metz"].upcoming_holidays]
    assert metz_days == ["2027-03-26", "2027-03-29", "2027-05-01"]  # Good Friday only in Alsace-Moselle
    lyon_days = [day.isoformat() for day, _name in sites["Lyon"].upcoming_holidays]
    assert "2027-03-26" not in lyon_days
    assert "Good Friday" in response.content.decode()


def test_list_costs_the_same_queries_for_many_sites(org, office, django_assert_max_num_queries):
    for n in range(15):
        UserFactory(site=SiteFactory(name=f"Site {n}", holiday_subdivision="57" if n % 2 else ""))
    with django_assert_max_num_queries(12):
        office.get(LIST)


@pytest.mark.django_db
def test_empty_list_says_so(client_for):
    office_manager = OfficeManagerFactory(site=None, language="en")
    response = client_for(office_manager).get(LIST)
    assert response.status_code == 200
    assert "No site yet" in response.content.decode()


def test_create_a_site(office):
    response = office.post(NEW, FORM)
    assert response.url == LIST
    site = Site.objects.get(name="Metz")
    assert site.holiday_subdivision == "57"


def test_create_with_a_duplicate_name_shows_the_error(org, office):
    response = office.post(NEW, {**FORM, "name": "Lyon"})
    assert response.status_code == 200
    assert "name" in response.context["form"].errors


def test_only_one_head_office(org, office):
    org.site.is_head_office = True
    org.site.save(update_fields=["is_head_office"])
    office.post(NEW, {**FORM, "is_head_office": "on"})
    assert list(Site.objects.filter(is_head_office=True).values_list("name", flat=True)) == ["Metz"]


def test_edit_a_site(org, office):
    url = reverse("accounts:site_edit", args=[org.site.pk])
    assert office.get(url).status_code == 200
    response = office.post(url, {**FORM, "name": "Lyon Part-Dieu", "city": "Lyon", "holiday_subdivision": ""})
    assert response.url == LIST
    org.site.refresh_from_db()
    assert org.site.name == "Lyon Part-Dieu"


def test_a_site_with_active_people_cannot_be_deactivated(org, office):
    url = reverse("accounts:site_edit", args=[org.site.pk])
    response = office.post(url, {**FORM, "name": "Lyon", "is_active": ""})
    assert response.status_code == 200
    assert "move them to another site" in " ".join(response.context["form"].errors["is_active"])
    org.site.refresh_from_db()
    assert org.site.is_active
    assert response.context["heading"] == "Lyon"


def test_an_unused_site_is_deactivated_not_deleted(office):
    site = SiteFactory(name="Old office")
    response = office.post(
        reverse("accounts:site_edit", args=[site.pk]), {**FORM, "name": "Old office", "is_active": ""}
    )
    assert response.status_code == 302
    site.refresh_from_db()
    assert not site.is_active


def test_site_update_service_refuses_deactivating_a_teams_main_site(org):
    site = SiteFactory(name="Annecy")
    org.team.site = site
    org.team.save(update_fields=["site"])
    data = {k: v for k, v in FORM.items() if k != "is_active"}
    with pytest.raises(ValidationError, match="Sales"):
        services.site_update(site=site, **{**data, "name": "Annecy"}, is_active=False)
    site.refresh_from_db()
    assert site.is_active
