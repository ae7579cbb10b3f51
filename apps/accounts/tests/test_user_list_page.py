"""What the accounts list shows: each person's row, their roles, the links, the filter bar and the
organisation tabs, hostile names escaped, and the same rows in the HTMX partial."""

import re

import pytest
from django.contrib.auth.models import Group
from markupsafe import escape

from apps.accounts.models import DIRECTOR_GROUP, OFFICE_MANAGER_GROUP
from apps.accounts.tests.factories import CompanyFactory, SiteFactory, TeamFactory, UserFactory

LIST = "/accounts/users/"
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def _rows(html: str) -> list[str]:
    """The ``<tr>`` of each person in the accounts table."""
    return re.findall(r'<tr[^>]*data-testid="user-row">.*?</tr>', html, re.S)


def _row_of(html: str, email: str) -> str:
    [row] = [row for row in _rows(html) if f">{email}<" in row]
    return row


def _badges(row: str) -> list[str]:
    return re.findall(r'<span class="badge text-bg-light border">([^<]*)</span>', row)


def test_each_row_shows_name_email_team_site_and_links_to_the_account(org, office):
    html = office.get(LIST).content.decode()
    assert len(_rows(html)) == 7
    row = _row_of(html, "staff@test.fr")
    assert f'<a href="/accounts/users/{org.staff.pk}/">{escape(org.staff.get_full_name())}</a>' in row
    assert "<td>Sales</td>" in row and "<td>Lyon</td>" in row
    assert "Deactivated" not in row and "text-body-secondary" not in row


def test_each_row_shows_the_persons_roles(org, office):
    both = UserFactory(email="both@test.fr", team=None, site=None)
    both.groups.add(Group.objects.get(name=DIRECTOR_GROUP), Group.objects.get(name=OFFICE_MANAGER_GROUP))
    html = office.get(LIST).content.decode()
    assert _badges(_row_of(html, "director@test.fr")) == ["Director"]
    assert _badges(_row_of(html, "office@test.fr")) == ["Office manager"]
    assert _badges(_row_of(html, "manager@test.fr")) == ["Manager"]
    assert _badges(_row_of(html, "staff@test.fr")) == []
    both_row = _row_of(html, "both@test.fr")
    assert _badges(both_row) == ["Director", "Office manager"]
    assert both_row.count("<td>—</td>") == 2  # no team, no site


def test_a_deactivated_person_is_greyed_and_says_so(org, office):
    UserFactory(email="left@test.fr", is_active=False)
    row = _row_of(office.get(LIST).content.decode(), "left@test.fr")
    assert row.startswith('<tr class="text-body-secondary" data-testid="user-row">')
    assert '<span class="badge text-bg-secondary ms-1">Deactivated</span>' in row


def test_a_person_without_a_name_is_listed_by_email(org, office):
    nameless = UserFactory(first_name="", last_name="", email="nameless@test.fr")
    row = _row_of(office.get(LIST).content.decode(), "nameless@test.fr")
    assert f'<a href="/accounts/users/{nameless.pk}/">nameless@test.fr</a>' in row


@pytest.mark.parametrize("hostile", [SCRIPT, IMG])
def test_hostile_names_are_shown_as_text(org, office, hostile):
    team = TeamFactory(name=f"Team {hostile}", site=org.site)
    site = SiteFactory(name=f"Site {hostile}")
    UserFactory(first_name=hostile, last_name=hostile, email="hostile@test.fr", team=team, site=site)
    for response in (office.get(LIST), office.get(LIST, {"q": hostile}), office.get(LIST, headers={"HX-Request": "1"})):
        html = response.content.decode()
        assert hostile not in html
        assert "<img" not in html and "<script>alert" not in html
        row = _row_of(html, "hostile@test.fr")
        assert f">{escape(hostile)} {escape(hostile)}</a>" in row
        assert f"<td>{escape(team.name)}</td>" in row and f"<td>{escape(site.name)}</td>" in row
    # The filter bar lists the team and the site, and keeps the search typed, escaped.
    html = office.get(LIST, {"q": hostile}).content.decode()
    assert f">{escape(team.name)}</option>" in html and f">{escape(site.name)}</option>" in html
    assert f'value="{escape(hostile)}"' in html


def test_the_filter_bar_searches_live_and_keeps_the_choices(org, office):
    html = office.get(LIST, {"q": "sta", "team": org.team.pk, "status": "inactive"}).content.decode()
    form = re.search(r'<form method="get" action="/accounts/users/".*?</form>', html, re.S).group(0)
    assert 'hx-get="/accounts/users/" hx-target="#user-rows" hx-push-url="true"' in form
    assert 'role="search"' in form
    assert re.search(r'<input type="search" name="q" value="sta"[^>]*class="form-control"', form)
    assert f'<option value="{org.team.pk}" selected>Sales</option>' in form
    assert '<option value="inactive" selected>Deactivated</option>' in form
    assert '<select name="site" class="form-select" id="id_site">' in form
    assert '<label class="form-label" for="id_q">Search</label>' in form


def test_a_bad_filter_value_is_marked_and_ignored(org, office):
    response = office.get(LIST, {"team": "not-a-number"})
    assert response.status_code == 200
    assert len(_rows(response.content.decode())) == 7
    assert '<select name="team" class="form-select is-invalid" aria-invalid="true"' in response.content.decode()


def test_htmx_search_answers_with_the_rows_of_the_full_page(org, office):
    full = office.get(LIST, {"q": "test.fr"}).content.decode()
    partial = office.get(LIST, {"q": "test.fr"}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and "<nav" not in partial.split("<table")[0]
    assert 'id="user-rows"' not in partial and "hx-get" not in partial
    assert _rows(partial) == _rows(full) and len(_rows(partial)) == 7


def test_filters_with_no_match_say_so_and_an_empty_list_too(org, office):
    html = office.get(LIST, {"q": "nobody-at-all"}).content.decode()
    assert "No account matches these filters." in html and not _rows(html)


def test_pagination_keeps_the_filters_and_counts_the_accounts(org, office):
    UserFactory.create_batch(25, team=org.team)
    html = office.get(LIST, {"team": org.team.pk}).content.decode()
    assert len(_rows(html)) == 25
    assert "28 accounts" in html
    assert f'href="?team={org.team.pk}&amp;page=2"' in html
    second = office.get(LIST, {"team": org.team.pk, "page": 2}).content.decode()
    assert len(_rows(second)) == 3


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("/accounts/company/", "Company"),
        ("/accounts/sites/", "Sites"),
        ("/accounts/sites/new/", "Sites"),
        ("/accounts/teams/", "Teams"),
        ("/accounts/users/", "Accounts"),
        ("/accounts/users/new/", "Accounts"),
    ],
)
def test_the_organisation_tabs_mark_the_current_section(org, office, path, label):
    CompanyFactory()
    html = office.get(path).content.decode()
    tabs = re.search(r'<ul class="nav nav-underline[^"]*" aria-label="Organisation">.*?</ul>', html, re.S).group(0)
    links = dict(re.findall(r'href="([^"]+)">([^<]+)</a>', tabs))
    assert links == {
        "/accounts/company/": "Company",
        "/accounts/sites/": "Sites",
        "/accounts/teams/": "Teams",
        "/accounts/users/": "Accounts",
    }
    assert tabs.count(" active") == 1 and tabs.count("aria-current") == 1
    assert re.search(rf'class="nav-link active" aria-current="page" href="[^"]+">{label}</a>', tabs)


@pytest.mark.parametrize("role", ["staff", "manager", "director"])
def test_other_roles_do_not_get_the_list(org, client_for, role):
    assert client_for(getattr(org, role)).get(LIST).status_code == 403
