"""The accounts list's rows (selectors.user_rows): the people of ``user_list``, for a few queries."""

from types import SimpleNamespace

from django.contrib.auth.models import Group

from apps.accounts import selectors
from apps.accounts.forms import UserFilterForm
from apps.accounts.models import DIRECTOR_GROUP, OFFICE_MANAGER_GROUP, Site, Team, User
from apps.accounts.tests.factories import SiteFactory, TeamFactory, UserFactory
from apps.core.memo import RequestMemoMiddleware


def _expected_rows(viewer, **filters):
    """The rows as the page showed them from ``user_list`` (model instances)."""
    return [
        (
            person.pk,
            str(person),
            person.email,
            person.is_active,
            str(person.team) if person.team else "—",
            str(person.site) if person.site else "—",
            person.has_director_role,
            person.has_office_manager_role,
            person.manages_a_team,
            f"/accounts/users/{person.pk}/",
        )
        for person in selectors.user_list(viewer=viewer, **filters)
    ]


def _rows(paged, start=0, stop=1000):
    return [
        (
            row.pk,
            row.name,
            row.email,
            row.is_active,
            row.team,
            row.site,
            row.has_director_role,
            row.has_office_manager_role,
            row.manages_a_team,
            row.edit_url,
        )
        for row in paged[start:stop]
    ]


def _crowd(org):
    UserFactory.create_batch(4, site=org.site)
    UserFactory(first_name="", last_name="", email="nameless@test.fr", team=None, site=None)
    UserFactory(is_active=False, team=org.team)
    both = UserFactory(site=SiteFactory(name="Nantes <Sud>"))
    both.groups.add(Group.objects.get(name=DIRECTOR_GROUP), Group.objects.get(name=OFFICE_MANAGER_GROUP))
    UserFactory(is_superuser=True, email="root@test.fr")


def test_the_unfiltered_list_has_the_rows_of_user_list(org, django_assert_num_queries):
    _crowd(org)
    viewer = org.office_manager
    RequestMemoMiddleware(lambda request: None)(SimpleNamespace(user=viewer))  # as during a request
    paged = selectors.user_rows(viewer=viewer, per_page=1)
    expected = _expected_rows(viewer)
    assert "root@test.fr" not in {row[2] for row in expected}
    assert len(expected) > selectors.PREPARED_PAGES  # the later pages go through the ORM
    # The first page carries the count; the team and site names come with it (the bar shows them anyway).
    with django_assert_num_queries(2):
        assert paged.count() == len(expected)
    got = []
    for start in range(len(expected)):
        with django_assert_num_queries(0 if start == 0 else 1):
            got += _rows(paged, start, start + 1)
    assert got == expected
    with django_assert_num_queries(0):
        str(UserFilterForm(None, viewer=viewer)["team"])


def test_filtered_lists_and_superusers_have_the_rows_of_user_list(org):
    _crowd(org)
    root = User.objects.get(email="root@test.fr")
    for viewer, filters in [
        (org.office_manager, {"q": "test.fr"}),
        (org.office_manager, {"team": org.team, "status": "inactive"}),
        (org.office_manager, {"site": Site.objects.get(name="Nantes <Sud>")}),
        (root, {}),
    ]:
        paged = selectors.user_rows(viewer=viewer, **filters)
        assert paged.count() == len(_expected_rows(viewer, **filters))
        assert _rows(paged) == _expected_rows(viewer, **filters)


def test_filter_bar_choices_are_every_team_and_site_in_order(org):
    TeamFactory(name="Aaa", site=org.site)
    SiteFactory(name="Aaa")
    SiteFactory(name="Zzz")
    teams, sites = selectors.team_and_site_choices()
    assert teams == list(Team.objects.values_list("pk", "name"))
    assert sites == list(Site.objects.values_list("pk", "name"))


def test_filter_bar_lists_teams_and_sites_in_one_query(org, django_assert_num_queries):
    form = UserFilterForm(None)
    with django_assert_num_queries(1):
        html = str(form["team"]) + str(form["site"])
    assert org.team.name in html and org.site.name in html
