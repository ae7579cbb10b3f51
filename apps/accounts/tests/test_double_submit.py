"""The same form sent twice at once: the database's unique constraint refuses the second save, and the
service answers with the validation error its check gives to a plain duplicate, never an IntegrityError.

In one thread the rival row is written inside the service's transaction, so it is rolled back with it;
``test_double_submit_postgres.py`` sends real parallel requests."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from apps.accounts import services
from apps.accounts.models import OFFICE_MANAGER_GROUP, Site, Team, User
from apps.accounts.tests.factories import SiteFactory, UserFactory
from apps.core.tests.races import rival_saves_after_first_check
from apps.notifications.models import Notification

SITE = {"address": "1 rue X", "postal_code": "69001", "city": "Lyon"}


def error_of(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_a_team_created_twice_at_once_is_refused_like_a_duplicate(org, monkeypatch):
    rival = lambda: Team.objects.create(name="Legal")  # noqa: E731
    rival_saves_after_first_check(monkeypatch, Team, rival)
    raced = error_of(lambda: services.team_create(name="Legal"))
    monkeypatch.undo()
    assert not Team.objects.filter(name="Legal").exists()
    rival()
    assert raced == error_of(lambda: services.team_create(name="Legal"))
    assert list(raced) == ["name"]


def test_a_team_renamed_at_once_to_a_new_name_is_refused_like_a_duplicate(org, monkeypatch):
    rival = lambda: Team.objects.create(name="Legal")  # noqa: E731
    rename = lambda: services.team_update(team=org.team, name="Legal", manager=org.manager, site=org.site)  # noqa: E731
    rival_saves_after_first_check(monkeypatch, Team, rival)
    raced = error_of(rename)
    monkeypatch.undo()
    org.team.refresh_from_db()
    assert org.team.name == "Sales"
    rival()
    assert raced == error_of(rename)


def test_a_site_created_twice_at_once_is_refused_like_a_duplicate(org, monkeypatch):
    rival = lambda: SiteFactory(name="Metz")  # noqa: E731
    rival_saves_after_first_check(monkeypatch, Site, rival)
    raced = error_of(lambda: services.site_create(name="Metz", is_head_office=True, **SITE))
    monkeypatch.undo()
    assert not Site.objects.filter(name="Metz").exists()
    rival()
    assert raced == error_of(lambda: services.site_create(name="Metz", **SITE))
    assert list(raced) == ["name"]


def test_a_site_renamed_at_once_to_a_new_name_is_refused_like_a_duplicate(org, monkeypatch):
    rival = lambda: SiteFactory(name="Metz")  # noqa: E731
    rival_saves_after_first_check(monkeypatch, Site, rival)
    raced = error_of(lambda: services.site_update(site=org.site, name="Metz", **SITE))
    monkeypatch.undo()
    org.site.refresh_from_db()
    assert org.site.name == "Lyon"
    rival()
    assert raced == error_of(lambda: services.site_update(site=org.site, name="Metz", **SITE))


def test_an_account_created_twice_at_once_is_refused_like_a_duplicate(org, monkeypatch):
    rival = lambda: UserFactory(email="new@test.fr")  # noqa: E731
    person = {"email": "New@Test.fr", "first_name": "Ana", "last_name": "Roy", "roles": [OFFICE_MANAGER_GROUP]}
    notifications = Notification.objects.count()
    rival_saves_after_first_check(monkeypatch, User, rival)
    raced = error_of(lambda: services.user_create(**person))
    monkeypatch.undo()
    assert not User.objects.filter(email__iexact="new@test.fr").exists()
    assert Notification.objects.count() == notifications
    rival()
    assert raced == error_of(lambda: services.user_create(**person))
    assert "already exists" in raced["email"][0]


def test_an_e_mail_changed_at_once_to_a_new_address_is_refused_like_a_duplicate(org, monkeypatch):
    rival = lambda: UserFactory(email="taken@test.fr")  # noqa: E731
    change = {"actor": org.office_manager, "user": org.staff, "email": "taken@test.fr"}
    change.update(first_name="Sam", last_name="Staff", team=org.team, site=org.site)
    rival_saves_after_first_check(monkeypatch, User, rival)
    raced = error_of(lambda: services.user_update(**change))
    monkeypatch.undo()
    org.staff.refresh_from_db()
    assert org.staff.email == "staff@test.fr"
    rival()
    assert raced == error_of(lambda: services.user_update(**change))


def test_another_integrity_error_is_not_taken_for_a_duplicate(org, monkeypatch):
    """Only a unique violation is a race; any other refusal by the database is a bug and stays one."""

    def refuse(self, *args, **kwargs):
        raise IntegrityError("CHECK constraint failed: team_name_not_empty")

    monkeypatch.setattr(Team, "save", refuse)
    with pytest.raises(IntegrityError):
        services.team_create(name="Legal")
