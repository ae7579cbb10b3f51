"""seed_demo builds the demo company from every app's demo module, reproducibly and idempotently."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from stdnum.fr import siren, siret, tva

from apps.accounts.models import Company, Site, Team
from apps.core.demo import demo_modules

pytestmark = pytest.mark.django_db

User = get_user_model()


def _seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def _snapshot() -> dict[str, list[dict]]:
    """Every row of every model, so a second run can be shown to change nothing at all."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def test_demo_modules_are_collected_in_installed_apps_order_starting_with_accounts():
    labels = [label for label, _ in demo_modules()]
    assert labels[0] == "accounts"
    assert "notifications" in labels
    order = [config.label for config in apps.get_app_configs()]
    assert labels == sorted(labels, key=order.index)
    assert "core" not in labels  # core's demo module holds the helpers, not a seed


def test_seed_builds_the_company_three_sites_five_teams_and_about_forty_people():
    output = _seed()

    company = Company.objects.get(pk=1)
    company.full_clean()
    assert company.city == "Lyon"
    assert siren.is_valid(company.siren) and siret.is_valid(company.siret) and tva.is_valid(company.vat_number)
    assert Site.objects.count() == 3
    assert Site.objects.get(city="Metz").holiday_subdivision == "57"
    assert Site.objects.get(is_head_office=True).city == "Lyon"
    assert Team.objects.count() == 5
    assert User.objects.count() == 40
    assert not User.objects.filter(team__isnull=True).exists()
    assert not User.objects.filter(site__isnull=True).exists()
    assert not Team.objects.filter(manager__isnull=True).exists()
    assert "office@example.com" in output and "demo" in output


def test_people_have_unique_ascii_addresses_phones_and_mostly_french():
    _seed()
    emails = list(User.objects.values_list("email", flat=True))
    assert len(set(emails)) == len(emails)
    assert all(email.isascii() and email.endswith("@example.com") for email in emails)
    assert all(len(phone) == 14 and phone[:2] in ("06", "07") for phone in User.objects.values_list("phone", flat=True))
    assert 1 <= User.objects.filter(language="en").count() <= 4
    names = list(User.objects.values_list("first_name", "last_name"))
    assert len(set(names)) == len(names)


def test_the_four_demo_accounts_have_their_roles():
    _seed()
    office = User.objects.get(email="office@example.com")
    director = User.objects.get(email="director@example.com")
    manager = User.objects.get(email="manager@example.com")
    staff = User.objects.get(email="staff@example.com")
    admin = User.objects.get(email="admin@example.com")

    assert office.is_office_manager and not office.is_superuser and not office.is_director
    assert director.is_director and director.managed_teams.get().name == "Direction"
    assert manager.is_manager and not manager.is_office_manager and not manager.is_director
    assert staff.team == manager.managed_teams.get()
    assert not staff.is_manager and not staff.is_office_manager and not staff.is_director
    assert admin.is_superuser and admin.is_staff
    # The other teams are led by other people.
    demo_ids = {office.pk, director.pk, manager.pk, staff.pk, admin.pk}
    others = Team.objects.exclude(name__in=["Direction", "Commercial"])
    assert not others.filter(manager_id__in=demo_ids).exists()


@pytest.mark.parametrize(
    "email", ["office@example.com", "director@example.com", "manager@example.com", "staff@example.com"]
)
def test_each_demo_account_signs_in_with_password_demo(client, email):
    _seed()
    # Through the login page, as a person would (django-axes needs the request to count attempts).
    response = client.post("/accounts/login/", {"username": email, "password": "demo"})
    assert response.status_code == 302
    assert client.session.get("_auth_user_id")


def test_admin_signs_in_to_the_django_admin(client):
    _seed()
    response = client.post("/admin/login/", {"username": "admin@example.com", "password": "demo", "next": "/admin/"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_running_twice_changes_no_row():
    _seed()
    before = _snapshot()
    _seed()
    assert _snapshot() == before


def test_a_larger_scale_adds_people_and_every_team_keeps_a_manager():
    _seed()
    _seed(scale=2)
    assert 78 <= User.objects.count() <= 82
    for team in Team.objects.all():
        assert team.manager is not None
        assert team.manager.team_id == team.pk
    assert User.objects.filter(email="staff@example.com", team__manager__email="manager@example.com").exists()


def test_scale_two_gives_about_eighty_people_each_team_with_a_manager():
    _seed(scale=2, years=0)
    assert 78 <= User.objects.count() <= 82
    assert not Team.objects.filter(manager__isnull=True).exists()
    assert not User.objects.filter(team__isnull=True).exists()


def test_a_tiny_scale_still_has_every_demo_account_and_team_manager():
    _seed(scale=0.1, years=0)
    assert Team.objects.count() == 5
    assert not Team.objects.filter(manager__isnull=True).exists()
    for email in ("office@example.com", "director@example.com", "manager@example.com", "staff@example.com"):
        assert User.objects.filter(email=email).exists()


def test_demo_accounts_have_unread_notifications_and_history_is_mostly_read():
    from apps.notifications.models import Notification

    _seed(years=1)
    staff = User.objects.get(email="staff@example.com")
    assert Notification.objects.filter(recipient=staff, read_at__isnull=True, kind="welcome").exists()
    per_person = Notification.objects.filter(kind="announcement").count() / User.objects.count()
    assert 5 <= per_person <= 11
    assert (
        Notification.objects.filter(read_at__isnull=False).count()
        > Notification.objects.filter(read_at__isnull=True).count()
    )


@pytest.mark.parametrize(("option", "value"), [("scale", 0), ("scale", -1), ("scale", 1000), ("years", -1)])
def test_bad_options_are_refused_with_a_clear_message(option, value):
    with pytest.raises(CommandError, match=f"--{option}"):
        _seed(**{option: value})
    assert not User.objects.exists()


def test_a_database_with_real_accounts_is_refused_unless_forced():
    User.objects.create_user("jeanne.roux@acme.fr", "s3cret-pass", first_name="Jeanne", last_name="Roux")
    with pytest.raises(CommandError, match="--force"):
        _seed()
    assert not User.objects.filter(email="office@example.com").exists()

    _seed(force=True)
    assert User.objects.filter(email="office@example.com").exists()


def test_a_demo_role_broken_by_later_edits_is_reported():
    _seed()
    Team.objects.filter(name="Commercial").update(manager=User.objects.get(email="staff@example.com"))
    output = _seed()
    assert "warning: manager@example.com no longer manages the Commercial team" in output
