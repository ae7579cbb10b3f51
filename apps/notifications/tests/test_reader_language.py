"""A notification is shown in the reader's language when it is displayed, not frozen in the language
of the moment it was written (issue #12): the recipient who switches to English reads it in English."""

import pytest
from django.utils import translation

from apps.accounts.tests.factories import UserFactory
from apps.core.tests.pages import Page
from apps.notifications import selectors, services
from apps.notifications.models import Notification

WELCOME = {"set_password_url": "https://office.example.com/set/abc/", "company_name": "Atelier Rhône"}


@pytest.mark.django_db
def test_a_notification_is_written_in_every_language():
    notification = services.notify(recipient=UserFactory(language="fr"), kind="welcome", context=WELCOME)
    assert notification.title == "Bienvenue chez Atelier Rhône"  # the recipient's language when written
    assert notification.texts["fr"]["title"] == "Bienvenue chez Atelier Rhône"
    assert notification.texts["en"]["title"] == "Welcome to Atelier Rhône"


@pytest.mark.django_db
def test_the_list_shows_it_in_the_readers_language_of_the_moment(client):
    user = UserFactory(language="fr")
    services.notify(recipient=user, kind="welcome", context=WELCOME)
    client.force_login(user)
    assert "Bienvenue chez Atelier Rhône" in Page(client.get("/notifications/").content).text
    user.language = "en"
    user.save(update_fields=["language"])
    client.force_login(user)  # the language middleware reads it at sign-in
    client.cookies.pop("django_language", None)
    text = Page(client.get("/notifications/", headers={"accept-language": "en"}).content).text
    assert "Welcome to Atelier Rhône" in text and "Bienvenue" not in text


@pytest.mark.django_db
def test_a_row_written_before_keeps_its_text_in_every_language():
    user = UserFactory(language="fr")
    old = Notification.objects.create(recipient=user, kind="leave_approved", title="Congé approuvé", body="")
    for language in ("fr", "en"):
        with translation.override(language):
            assert selectors.notification_row(old).title == "Congé approuvé"


@pytest.mark.django_db
def test_a_regional_language_code_finds_its_language():
    notification = services.notify(recipient=UserFactory(language="fr"), kind="welcome", context=WELCOME)
    assert notification.text_in("en-gb")[0] == "Welcome to Atelier Rhône"
    assert notification.text_in("de")[0] == "Bienvenue chez Atelier Rhône"


@pytest.mark.django_db
def test_the_migration_writes_existing_welcomes_again_in_every_language():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("apps.notifications.migrations.0003_notification_texts")
    user = UserFactory(language="fr")
    welcome = Notification.objects.create(recipient=user, kind="welcome", title="Bienvenue chez officemgr")
    other = Notification.objects.create(recipient=user, kind="leave_approved", title="Congé approuvé")
    migration.welcome_in_every_language(apps, None)
    welcome.refresh_from_db()
    other.refresh_from_db()
    assert welcome.text_in("en")[0] == "Welcome to officemgr"
    assert other.texts == {}
