"""The Django admin for an e-mail login."""

import pytest

from apps.accounts.models import User
from apps.accounts.tests.factories import CompanyFactory, UserFactory


@pytest.fixture
def admin_client_(client):
    admin = UserFactory(email="root@test.fr", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/admin/accounts/user/",
        "/admin/accounts/user/?q=root",
        "/admin/accounts/user/add/",
        "/admin/accounts/site/",
        "/admin/accounts/team/",
        "/admin/accounts/company/",
        "/admin/accounts/company/add/",
    ],
)
def test_admin_pages_load(admin_client_, path):
    assert admin_client_.get(path).status_code == 200


@pytest.mark.django_db
def test_admin_user_change_page_loads(admin_client_):
    user = UserFactory()
    assert admin_client_.get(f"/admin/accounts/user/{user.pk}/change/").status_code == 200


@pytest.mark.django_db
def test_admin_adds_a_user_with_a_password(admin_client_):
    response = admin_client_.post(
        "/admin/accounts/user/add/",
        {
            "email": "New@Test.fr",
            "first_name": "New",
            "last_name": "Person",
            "usable_password": "true",
            "password1": "a-long-secret-42",
            "password2": "a-long-secret-42",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(email="new@test.fr")
    assert user.check_password("a-long-secret-42")


@pytest.mark.django_db
def test_admin_refuses_a_duplicate_email_in_another_case(admin_client_):
    response = admin_client_.post(
        "/admin/accounts/user/add/",
        {"email": "ROOT@test.fr", "first_name": "A", "last_name": "B", "usable_password": "false"},
    )
    assert response.status_code == 200
    assert User.objects.filter(email__iexact="root@test.fr").count() == 1


@pytest.mark.django_db
def test_company_can_be_added_only_once(admin_client_):
    CompanyFactory()
    assert admin_client_.get("/admin/accounts/company/add/").status_code == 403
