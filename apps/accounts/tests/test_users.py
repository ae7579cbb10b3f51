"""Accounts: the searchable list, creating an account (welcome e-mail), editing roles and status."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import DIRECTOR_GROUP, User
from apps.accounts.tests.factories import SiteFactory, TeamFactory, UserFactory

LIST = "/accounts/users/"
NEW = "/accounts/users/new/"


def _form(**overrides):
    data = {
        "email": "new.person@test.fr",
        "first_name": "Nina",
        "last_name": "Petit",
        "phone": "",
        "language": "fr",
        "is_active": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- list ------------------------------------------------------------------------------------------


def test_list_shows_everyone_with_roles(org, office):
    response = office.get(LIST)
    assert response.status_code == 200
    people = list(response.context["page"].object_list)
    assert len(people) == 7
    by_email = {person.email: person for person in people}
    assert by_email["office@test.fr"].has_office_manager_role
    assert by_email["director@test.fr"].has_director_role
    assert by_email["manager@test.fr"].manages_a_team
    assert not by_email["staff@test.fr"].manages_a_team


def test_search_by_name_or_email(org, office):
    # A surname no factory-made (random French) name can contain.
    UserFactory(first_name="Zoé", last_name="Quizzbaum", email="zq@test.fr")
    names = lambda response: [p.email for p in response.context["page"].object_list]  # noqa: E731
    assert names(office.get(LIST, {"q": "quizzbaum"})) == ["zq@test.fr"]
    assert names(office.get(LIST, {"q": "ZQ@TEST"})) == ["zq@test.fr"]
    assert names(office.get(LIST, {"q": "Zoé Quizzbaum"})) == ["zq@test.fr"]
    assert names(office.get(LIST, {"q": "nobody-matches"})) == []


def test_filters_by_team_site_and_status(org, office):
    other_site = SiteFactory(name="Nantes")
    UserFactory(email="nantes@test.fr", site=other_site)
    UserFactory(email="left@test.fr", site=other_site, is_active=False)
    emails = lambda params: {p.email for p in office.get(LIST, params).context["page"].object_list}  # noqa: E731
    assert emails({"team": org.team.pk}) == {"manager@test.fr", "staff@test.fr", "colleague@test.fr"}
    assert emails({"site": other_site.pk}) == {"nantes@test.fr", "left@test.fr"}
    assert emails({"site": other_site.pk, "status": "inactive"}) == {"left@test.fr"}
    assert emails({"team": "not-a-number"}) >= {"nantes@test.fr"}  # a bad filter is ignored, not a 500


def test_htmx_request_gets_only_the_rows_partial(org, office):
    response = office.get(LIST, {"q": "staff"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    templates = [t.name for t in response.templates]
    assert "accounts/partials/_user_rows.html" in templates
    assert "base.html" not in templates
    assert b"<html" not in response.content
    assert b"staff@test.fr" in response.content
    assert "HX-Request" in response["Vary"]

    # The full page is the one that includes the partial (Jinja2 signals only the template a view renders).
    full = office.get(LIST, {"q": "staff"})
    assert full.templates[0].name == "accounts/user_list.html"
    assert b"<html" in full.content and b"staff@test.fr" in full.content


def test_list_is_paginated_by_25(org, office):
    UserFactory.create_batch(30, site=org.site)
    response = office.get(LIST)
    assert len(response.context["page"].object_list) == 25
    second = office.get(LIST, {"page": 2})
    assert len(second.context["page"].object_list) == 12
    assert office.get(LIST, {"page": "999"}).status_code == 200


def _count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


def test_list_costs_the_same_queries_for_5_and_50_people(org, office):
    teams = [TeamFactory(name=f"T{n}", site=org.site) for n in range(3)]
    UserFactory.create_batch(5, team=teams[0], site=SiteFactory(name="S0"))
    few = _count_queries(office)
    for n in range(45):
        user = UserFactory(team=teams[n % 3], site=SiteFactory(name=f"S{n % 4}"))
        if n % 5 == 0:
            user.groups.add(Group.objects.get(name=DIRECTOR_GROUP))
    many = _count_queries(office)
    assert few == many


def test_list_stays_within_its_query_budget(org, office, django_assert_max_num_queries):
    UserFactory.create_batch(30, team=org.team, site=org.site)
    with django_assert_max_num_queries(12):
        office.get(LIST, {"q": "a", "site": org.site.pk})


# --- create ----------------------------------------------------------------------------------------


def test_create_sends_a_welcome_notification_whose_link_lets_them_choose_a_password(
    org, office, notify_spy, client, settings
):
    settings.SITE_URL = "https://office.example.fr"
    response = office.post(NEW, _form(email="Nina.Petit@Test.fr", team=org.team.pk, site=org.site.pk, director="on"))
    assert response.url == LIST
    user = User.objects.get(email="nina.petit@test.fr")
    assert not user.has_usable_password()
    assert user.is_director and not user.is_office_manager
    assert (user.team, user.site) == (org.team, org.site)

    notify_spy.assert_called_once()
    kwargs = notify_spy.call_args.kwargs
    assert kwargs["recipient"] == user
    assert kwargs["kind"] == "welcome"
    url = kwargs["context"]["set_password_url"]
    assert url.startswith("https://office.example.fr/accounts/reset/")
    assert kwargs["context"]["company_name"]

    client.logout()
    follow = client.get(url.removeprefix("https://office.example.fr"))
    assert follow.status_code == 302
    assert follow.url.endswith("/set-password/")
    form_page = client.get(follow.url)
    assert form_page.context["validlink"] is True
    client.post(follow.url, {"new_password1": "my-first-secret-42", "new_password2": "my-first-secret-42"})
    user.refresh_from_db()
    assert user.check_password("my-first-secret-42")


def test_a_duplicate_email_in_another_case_is_refused(org, office, notify_spy):
    response = office.post(NEW, _form(email="STAFF@Test.FR"))
    assert response.status_code == 200
    assert "already exists" in " ".join(response.context["form"].errors["email"])
    assert User.objects.filter(email__iexact="staff@test.fr").count() == 1
    notify_spy.assert_not_called()


def test_user_create_service_also_refuses_a_duplicate_email(org, notify_spy):
    from django.core.exceptions import ValidationError

    from apps.accounts import services

    with pytest.raises(ValidationError) as exc:
        services.user_create(email="Staff@test.fr", first_name="A", last_name="B")
    assert "email" in exc.value.message_dict


def test_create_with_missing_names_shows_errors(office, notify_spy):
    response = office.post(NEW, _form(first_name="", last_name=""))
    assert response.status_code == 200
    assert {"first_name", "last_name"} <= set(response.context["form"].errors)
    notify_spy.assert_not_called()


# --- edit ------------------------------------------------------------------------------------------


def test_edit_changes_details_and_roles(org, office):
    url = reverse("accounts:user_edit", args=[org.staff.pk])
    page = office.get(url)
    assert page.status_code == 200
    response = office.post(
        url,
        _form(
            email="staff@test.fr",
            first_name="Sam",
            last_name="Leroy",
            team=org.other_team.pk,
            site=org.site.pk,
            office_manager="on",
        ),
    )
    assert response.url == LIST
    staff = User.objects.get(pk=org.staff.pk)
    assert (staff.first_name, staff.team) == ("Sam", org.other_team)
    assert staff.is_office_manager


def test_edit_form_shows_current_roles(org, office):
    page = office.get(reverse("accounts:user_edit", args=[org.director.pk]))
    form = page.context["form"]
    assert form.initial["director"] is True
    assert form.initial["office_manager"] is False


def test_an_office_manager_cannot_remove_their_own_role(org, office):
    url = reverse("accounts:user_edit", args=[org.office_manager.pk])
    response = office.post(url, _form(email="office@test.fr", first_name="O", last_name="M"))
    assert response.status_code == 200
    assert "own office manager role" in " ".join(response.context["form"].errors["office_manager"])
    assert User.objects.get(pk=org.office_manager.pk).is_office_manager


def test_an_office_manager_cannot_deactivate_themselves(org, office):
    url = reverse("accounts:user_edit", args=[org.office_manager.pk])
    response = office.post(
        url, _form(email="office@test.fr", first_name="O", last_name="M", office_manager="on", is_active=None)
    )
    assert response.status_code == 200
    assert "your own account" in " ".join(response.context["form"].errors["is_active"])
    assert User.objects.get(pk=org.office_manager.pk).is_active


def test_deactivating_a_team_manager_is_refused_naming_the_team(org, office):
    url = reverse("accounts:user_edit", args=[org.manager.pk])
    response = office.post(url, _form(email="manager@test.fr", first_name="M", last_name="G", is_active=None))
    assert response.status_code == 200
    assert "Sales" in " ".join(response.context["form"].errors["is_active"])
    assert User.objects.get(pk=org.manager.pk).is_active


def test_deactivating_a_person_keeps_their_account(org, office):
    url = reverse("accounts:user_edit", args=[org.staff.pk])
    response = office.post(url, _form(email="staff@test.fr", first_name="S", last_name="T", is_active=None))
    assert response.status_code == 302
    staff = User.objects.get(pk=org.staff.pk)
    assert not staff.is_active
    assert not staff.has_role("staff")


def test_changing_email_to_anothers_address_is_refused(org, office):
    url = reverse("accounts:user_edit", args=[org.staff.pk])
    response = office.post(url, _form(email="Colleague@test.fr", first_name="S", last_name="T"))
    assert response.status_code == 200
    assert "email" in response.context["form"].errors


def test_creating_an_account_really_emails_the_welcome_link(
    org, office, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(NEW, _form(email="welcome.me@test.fr"))
    assert response.status_code == 302
    assert [message.to for message in mailoutbox] == [["welcome.me@test.fr"]]
    assert "/accounts/reset/" in mailoutbox[0].body
