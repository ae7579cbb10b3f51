"""The accounts list's rows, filter bar and tabs: what the ORM and the templates gave, for less work."""

from pathlib import Path
from types import MethodType, SimpleNamespace

from django import forms
from django.contrib.auth.models import Group
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import resolve
from django.utils import translation

from apps.accounts import selectors
from apps.accounts.forms import UserFilterForm
from apps.accounts.models import DIRECTOR_GROUP, OFFICE_MANAGER_GROUP, Site, Team, User
from apps.accounts.templatetags.accounts_ui import org_nav, user_filters, user_rows
from apps.accounts.tests.factories import CompanyFactory, SiteFactory, TeamFactory, UserFactory
from apps.core.forms import FastSelect
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


# The rows as partials/_user_rows.html wrote them before the user_rows tag.
ROWS_TEMPLATE = (Path(__file__).parent / "user_rows_before.html").read_text()


def test_rows_are_the_markup_the_template_wrote(org):
    _crowd(org)
    UserFactory(first_name="Zoé & <Léa>", last_name="O'Brien")
    people = list(selectors.user_list(viewer=org.office_manager))
    for person in people:
        person.edit_url = f"/accounts/users/{person.pk}/"
    for language in ("fr", "en"):
        with translation.override(language):
            expected = Template(ROWS_TEMPLATE).render(Context({"people": people}))
            assert user_rows(_rows_of(org.office_manager)) == expected


def _rows_of(viewer):
    return selectors.user_rows(viewer=viewer)[0:1000]


def test_filter_bar_choices_are_every_team_and_site_in_order(org):
    TeamFactory(name="Aaa", site=org.site)
    SiteFactory(name="Aaa")
    SiteFactory(name="Zzz")
    teams, sites = selectors.team_and_site_choices()
    assert teams == list(Team.objects.values_list("pk", "name"))
    assert sites == list(Site.objects.values_list("pk", "name"))


def test_filter_bar_widgets_write_what_django_wrote(org):
    team = TeamFactory(name="R&D <labs>", site=org.site)
    for data in [
        None,
        {"q": 'a "b" <c>', "team": str(team.pk), "status": "inactive"},
        {"team": "nope", "q": "x" * 200},
    ]:
        for language in ("fr", "en"):
            with translation.override(language):
                quick, reference = UserFilterForm(data), UserFilterForm(data)
                quick.is_valid(), reference.is_valid()
                # The reference renders through FastSelect and Django's own input template.
                reference.fields["q"].widget.render = MethodType(forms.TextInput.render, reference.fields["q"].widget)
                for name in ("team", "site", "status"):
                    widget = reference.fields[name].widget
                    widget.render = MethodType(FastSelect.render, widget)
                for name in ("q", "team", "site", "status"):
                    assert str(quick[name]) == str(reference[name]), (data, name)


def test_filter_bar_lists_teams_and_sites_in_one_query(org, django_assert_num_queries):
    form = UserFilterForm(None)
    with django_assert_num_queries(1):
        html = str(form["team"]) + str(form["site"])
    assert org.team.name in html and org.site.name in html


def test_the_tabs_are_the_included_template(org):
    CompanyFactory()
    for path, active in [
        ("/accounts/users/", "Accounts"),
        ("/accounts/sites/", "Sites"),
        ("/accounts/company/", "Company"),
    ]:
        request = RequestFactory().get(path)
        request.resolver_match = resolve(path)
        with translation.override("en"):
            html = org_nav(Context({"request": request}))
        assert html.count(' active"') == 1
        assert f'aria-current="page" href="{path}">{active}</a>' in html


def test_the_blank_filter_bar_is_rendered_once_per_language_and_options(org):
    def direct(form):
        return render_to_string("accounts/partials/_user_filters.html", {"filters": form})

    for language in ("fr", "en"):
        with translation.override(language):
            blank = UserFilterForm(None)
            assert user_filters(blank) == user_filters(UserFilterForm(None)) == direct(blank)
            searched = UserFilterForm({"q": "<b>", "status": "active"})
            assert user_filters(searched) == direct(searched)
            assert 'value="&lt;b&gt;"' in user_filters(searched)
    org.team.name = "Renamed team"
    org.team.save(update_fields=["name"])
    with translation.override("en"):
        assert "Renamed team" in user_filters(UserFilterForm(None))
