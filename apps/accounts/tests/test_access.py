"""Every accounts page: anonymous visitors sign in first, the wrong role gets 403, wrong methods 405."""

import pytest
from django.urls import reverse

from apps.accounts.tests.factories import CompanyFactory

OFFICE_PAGES = [
    ("accounts:company", "get"),
    ("accounts:site_list", "get"),
    ("accounts:site_create", "get"),
    ("accounts:team_list", "get"),
    ("accounts:team_create", "get"),
    ("accounts:user_list", "get"),
    ("accounts:user_create", "get"),
]
GET_ONLY = ["accounts:site_list", "accounts:team_list", "accounts:user_list", "accounts:company_logo"]
GET_POST = [
    "accounts:profile",
    "accounts:company",
    "accounts:site_create",
    "accounts:team_create",
    "accounts:user_create",
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "accounts:profile",
        "accounts:company",
        "accounts:company_logo",
        "accounts:site_list",
        "accounts:site_create",
        "accounts:team_list",
        "accounts:team_create",
        "accounts:user_list",
        "accounts:user_create",
        "accounts:password_change",
        "accounts:password_change_done",
    ],
)
def test_anonymous_is_sent_to_login(client, name):
    path = reverse(name)
    response = client.get(path)
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={path}"


def test_object_pages_send_anonymous_to_login(org, client):
    for path in (
        reverse("accounts:site_edit", args=[org.site.pk]),
        reverse("accounts:team_edit", args=[org.team.pk]),
        reverse("accounts:user_edit", args=[org.staff.pk]),
    ):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("name", "method"), OFFICE_PAGES)
@pytest.mark.parametrize("who", ["staff", "manager", "director"])
def test_office_pages_refuse_other_roles(org, client_for, name, method, who):
    assert getattr(client_for(getattr(org, who)), method)(reverse(name)).status_code == 403


@pytest.mark.parametrize("who", ["staff", "director"])
def test_object_pages_refuse_other_roles(org, client_for, who):
    client = client_for(getattr(org, who))
    for path in (
        reverse("accounts:site_edit", args=[org.site.pk]),
        reverse("accounts:team_edit", args=[org.team.pk]),
        reverse("accounts:user_edit", args=[org.staff.pk]),
    ):
        assert client.get(path).status_code == 403
        assert client.post(path, {"name": "Hacked"}).status_code == 403


@pytest.mark.parametrize(("name", "method"), OFFICE_PAGES)
def test_office_pages_work_for_the_office_manager(org, client_for, name, method):
    assert client_for(org.office_manager).get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", GET_ONLY)
def test_list_pages_refuse_post(org, client_for, name):
    CompanyFactory()
    assert client_for(org.office_manager).post(reverse(name)).status_code == 405


@pytest.mark.parametrize("name", GET_POST)
def test_form_pages_refuse_delete(org, client_for, name):
    assert client_for(org.office_manager).delete(reverse(name)).status_code == 405


def test_object_pages_refuse_delete(org, client_for):
    client = client_for(org.office_manager)
    for path in (
        reverse("accounts:site_edit", args=[org.site.pk]),
        reverse("accounts:team_edit", args=[org.team.pk]),
        reverse("accounts:user_edit", args=[org.staff.pk]),
    ):
        assert client.delete(path).status_code == 405


def test_unknown_objects_are_404(org, client_for):
    client = client_for(org.office_manager)
    for name in ("accounts:site_edit", "accounts:team_edit", "accounts:user_edit"):
        assert client.get(reverse(name, args=[999_999])).status_code == 404


def test_language_switch_refuses_get(client):
    assert client.get(reverse("accounts:language")).status_code == 405


def test_logout_refuses_get(org, client_for):
    assert client_for(org.staff).get(reverse("accounts:logout")).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["accounts:login", "accounts:password_reset", "accounts:password_reset_done"])
def test_public_auth_pages_refuse_delete(client, name):
    assert client.delete(reverse(name)).status_code == 405


def test_password_change_refuses_delete(org, client_for):
    assert client_for(org.staff).delete(reverse("accounts:password_change")).status_code == 405


def test_company_is_also_open_to_superusers(org, client_for):
    org.staff.is_superuser = True
    org.staff.save(update_fields=["is_superuser"])
    assert client_for(org.staff).get(reverse("accounts:company")).status_code == 200
