"""Protected accounts: the office manager cannot change the e-mail of a director or an admin account,
and a changed e-mail is told to the previous address."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.accounts import services
from apps.accounts.models import DIRECTOR_GROUP
from apps.accounts.tests.factories import OfficeManagerFactory, UserFactory
from apps.notifications.models import EmailOutbox


def _post_data(person, **overrides):
    data = {
        "email": person.email,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "phone": "",
        "language": "en",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def _update(actor, person, **overrides):
    fields = {
        "email": person.email,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "team": person.team,
        "site": person.site,
        "roles": list(person.groups.values_list("name", flat=True)),
    }
    fields.update(overrides)
    return services.user_update(actor=actor, user=person, **fields)


@pytest.fixture
def staff_flagged(org):
    return UserFactory(email="it@test.fr", is_staff=True)


@pytest.mark.parametrize("who", ["director", "staff_flagged"])
def test_the_service_refuses_to_change_a_protected_accounts_email(org, staff_flagged, who):
    person = org.director if who == "director" else staff_flagged
    old = person.email
    with pytest.raises(ValidationError) as excinfo:
        _update(org.office_manager, person, email="taken.over@test.fr")
    assert "email" in excinfo.value.error_dict
    person.refresh_from_db()
    assert person.email == old
    assert not EmailOutbox.objects.filter(kind="email_changed").exists()


def test_the_service_refuses_a_superusers_email_change_by_an_office_manager(org):
    root = UserFactory(email="root@test.fr", is_superuser=True, is_staff=True)
    with pytest.raises(ValidationError):
        _update(org.office_manager, root, email="taken.over@test.fr")
    root.refresh_from_db()
    assert root.email == "root@test.fr"


def test_a_protected_accounts_other_details_can_still_be_edited(org):
    person = _update(org.office_manager, org.director, first_name="Claire")
    assert person.first_name == "Claire"
    assert person.email == "director@test.fr"


def test_a_superuser_may_change_a_directors_email(org):
    boss = OfficeManagerFactory(email="boss@test.fr", is_superuser=True, is_staff=True)
    person = _update(boss, org.director, email="new.director@test.fr")
    assert person.email == "new.director@test.fr"


def test_the_page_shows_the_email_disabled_with_the_reason(org, office):
    response = office.get(reverse("accounts:user_edit", args=[org.director.pk]))
    field = response.context["form"].fields["email"]
    assert field.disabled is True
    assert "Only an administrator" in response.content.decode()


def test_an_ordinary_accounts_email_stays_editable(org, office):
    response = office.get(reverse("accounts:user_edit", args=[org.staff.pk]))
    assert response.context["form"].fields["email"].disabled is False


def test_a_forged_post_cannot_change_a_directors_email(org, office):
    response = office.post(
        reverse("accounts:user_edit", args=[org.director.pk]),
        _post_data(org.director, email="taken.over@test.fr", director="on"),
    )
    assert response.status_code == 302  # saved, but the disabled field kept the saved address
    org.director.refresh_from_db()
    assert org.director.email == "director@test.fr"
    assert not EmailOutbox.objects.filter(kind="email_changed").exists()


def test_an_office_manager_cannot_lift_the_protection_by_taking_the_director_role_away(org, office):
    # Otherwise: untick "director", save, change the e-mail, tick "director" again, then "forgotten
    # password" to the new address hands the director's account over.
    url = reverse("accounts:user_edit", args=[org.director.pk])
    response = office.post(url, _post_data(org.director))
    assert response.status_code == 200
    assert "Only an administrator can take the director role away" in response.content.decode()
    assert org.director.groups.filter(name=DIRECTOR_GROUP).exists()
    office.post(url, _post_data(org.director, email="taken.over@test.fr"))
    org.director.refresh_from_db()
    assert org.director.email == "director@test.fr"


def test_a_superuser_may_take_the_director_role_away(org):
    boss = OfficeManagerFactory(email="boss@test.fr", is_superuser=True, is_staff=True)
    person = _update(boss, org.director, roles=[])
    assert not person.groups.filter(name=DIRECTOR_GROUP).exists()


# --- the previous address is told ------------------------------------------------------------------


def test_a_changed_email_is_told_to_the_previous_address(org, office, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(
            reverse("accounts:user_edit", args=[org.staff.pk]), _post_data(org.staff, email="new.staff@test.fr")
        )
    assert response.status_code == 302
    org.staff.refresh_from_db()
    assert org.staff.email == "new.staff@test.fr"
    row = EmailOutbox.objects.get(kind="email_changed")
    assert row.to == "staff@test.fr"
    assert [message.to for message in mailoutbox] == [["staff@test.fr"]]
    assert "staff@test.fr" in mailoutbox[0].body and "new.staff@test.fr" in mailoutbox[0].body


def test_an_unchanged_email_tells_nobody(org, office):
    office.post(reverse("accounts:user_edit", args=[org.staff.pk]), _post_data(org.staff, first_name="Sam"))
    assert not EmailOutbox.objects.filter(kind="email_changed").exists()
