"""The accounts list's rows (selectors.user_page): the people of ``user_list``, for a few queries."""

from django.contrib.auth.models import Group

from apps.accounts import selectors
from apps.accounts.forms import UserFilterForm
from apps.accounts.models import DIRECTOR_GROUP, OFFICE_MANAGER_GROUP, Site, Team, User
from apps.accounts.tests.factories import SiteFactory, TeamFactory, UserFactory


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


def _rows(page):
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
        for row in page.object_list
    ]


def _all_rows(viewer, per_page=1000, **filters):
    rows, number = [], 1
    while True:
        page = selectors.user_page(viewer=viewer, per_page=per_page, page=number, **filters)
        rows += _rows(page)
        if not page.has_next():
            return rows
        number += 1


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
    expected = _expected_rows(viewer)
    assert "root@test.fr" not in {row[2] for row in expected}
    with django_assert_num_queries(2):  # the count and the page
        page = selectors.user_page(viewer=viewer, per_page=3, page=2)
    assert page.paginator.count == len(expected)
    assert _rows(page) == expected[3:6]
    assert _all_rows(viewer, per_page=1) == expected


def test_a_page_past_the_end_shows_the_last_page(org):
    _crowd(org)
    page = selectors.user_page(viewer=org.office_manager, per_page=5, page=999)
    assert page.number == page.paginator.num_pages
    assert _rows(page) == _expected_rows(org.office_manager)[(page.number - 1) * 5 :]


def test_filtered_lists_and_superusers_have_the_rows_of_user_list(org):
    _crowd(org)
    root = User.objects.get(email="root@test.fr")
    for viewer, filters in [
        (org.office_manager, {"q": "test.fr"}),
        (org.office_manager, {"team": org.team, "status": "inactive"}),
        (org.office_manager, {"site": Site.objects.get(name="Nantes <Sud>")}),
        (root, {}),
    ]:
        assert _all_rows(viewer, **filters) == _expected_rows(viewer, **filters)


def test_filter_bar_choices_are_every_team_and_site_in_order(org):
    TeamFactory(name="Aaa", site=org.site)
    SiteFactory(name="Aaa")
    SiteFactory(name="Zzz")
    form = UserFilterForm(None)
    assert [c[0].value for c in form.fields["team"].choices if c[0]] == list(Team.objects.values_list("pk", flat=True))
    assert [c[0].value for c in form.fields["site"].choices if c[0]] == list(Site.objects.values_list("pk", flat=True))
