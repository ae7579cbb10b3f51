"""Teams: list with member counts and managers, create, edit; a manager is an active account."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.accounts import services
from apps.accounts.models import Team
from apps.accounts.selectors import teams_for
from apps.accounts.tests.factories import TeamFactory, UserFactory

LIST = "/accounts/teams/"
NEW = "/accounts/teams/new/"


def test_list_shows_members_and_manager(org, office):
    response = office.get(LIST)
    assert response.status_code == 200
    teams = {team.name: team for team in response.context["teams"]}
    assert teams["Sales"].member_count == 3  # manager, staff, colleague
    assert teams["Finance"].member_count == 3
    assert str(org.manager) in response.content.decode()


def test_list_costs_the_same_queries_for_many_teams(org, office, django_assert_max_num_queries):
    for n in range(15):
        TeamFactory(name=f"Team {n}", manager=UserFactory(), site=org.site)
    with django_assert_max_num_queries(10):
        office.get(LIST)


def test_create_a_team(org, office):
    response = office.post(NEW, {"name": "Support", "manager": org.colleague.pk, "site": org.site.pk})
    assert response.url == LIST
    team = Team.objects.get(name="Support")
    assert team.manager == org.colleague


def test_the_form_does_not_offer_deactivated_people(org, office):
    gone = UserFactory(is_active=False)
    response = office.post(NEW, {"name": "Support", "manager": gone.pk})
    assert response.status_code == 200
    assert "manager" in response.context["form"].errors
    assert not Team.objects.filter(name="Support").exists()


def test_change_the_manager(org, office):
    url = reverse("accounts:team_edit", args=[org.team.pk])
    assert office.get(url).status_code == 200
    response = office.post(url, {"name": "Sales", "manager": org.colleague.pk, "site": org.site.pk})
    assert response.url == LIST
    org.team.refresh_from_db()
    assert org.team.manager == org.colleague


def test_team_update_refuses_a_deactivated_manager(org):
    gone = UserFactory(is_active=False)
    with pytest.raises(ValidationError) as exc:
        services.team_update(team=org.team, name="Sales", manager=gone, site=org.site)
    assert "manager" in exc.value.message_dict
    org.team.refresh_from_db()
    assert org.team.manager == org.manager


@pytest.mark.django_db
def test_team_create_refuses_a_deactivated_manager():
    gone = UserFactory(is_active=False)
    with pytest.raises(ValidationError):
        services.team_create(name="Support", manager=gone)
    assert not Team.objects.filter(name="Support").exists()


def test_a_duplicate_team_name_is_a_form_error(org, office):
    response = office.post(NEW, {"name": "Sales"})
    assert response.status_code == 200
    assert "name" in response.context["form"].errors


# --- who sees which team (selectors.teams_for) ----------------------------------------------------


def test_the_office_manager_and_a_superuser_see_every_team(org):
    admin = UserFactory(is_superuser=True, team=None)
    assert set(teams_for(org.office_manager)) == {org.team, org.other_team}
    assert set(teams_for(admin)) == {org.team, org.other_team}


def test_a_manager_sees_the_teams_they_manage_and_their_own(org):
    support = TeamFactory(name="Support", manager=org.manager)
    assert set(teams_for(org.manager)) == {org.team, support}
    # A manager who belongs to another team than the one they manage sees both.
    lead = UserFactory(team=org.other_team)
    led = TeamFactory(name="Logistics", manager=lead)
    assert set(teams_for(lead)) == {org.other_team, led}


def test_anyone_else_sees_only_their_own_team(org):
    assert list(teams_for(org.staff)) == [org.team]
    assert list(teams_for(org.director)) == []  # the director is in no team
    assert list(teams_for(UserFactory(team=None))) == []
