"""Spaces pages: a site, room or desk whose name holds a "%" saves and says so (the message is formatted once)."""

import pytest
from django.urls import reverse

from apps.accounts.models import Site, User
from apps.premises.models import Desk, Room, SitePremisesSettings

pytestmark = pytest.mark.usefixtures("clock")

RULES = {
    "opens_at": "08:00",
    "closes_at": "19:00",
    "open_days": ["0", "1", "2", "3", "4"],
    "max_booking_hours": "4",
    "horizon_days": "30",
}


@pytest.fixture(autouse=True)
def _english(org):
    User.objects.update(language="en")


@pytest.fixture
def percent_site(org):
    Site.objects.filter(pk=org.site.pk).update(name="Lyon 100%")
    org.site.refresh_from_db()
    return org.site


def _messages(response) -> list[str]:
    """The messages shown on the page the redirect led to (posts are made with ``follow=True``)."""
    assert [status for _, status in response.redirect_chain] == [302]
    return [str(message) for message in response.context["messages"]]


def test_site_settings_of_a_site_named_with_a_percent(percent_site, org, client_for):
    client = client_for(org.office_manager)
    url = reverse("premises:site_settings", args=[percent_site.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, RULES, follow=True)
    assert response.status_code == 200
    assert _messages(response) == ["The booking rules of Lyon 100% have been saved."]
    assert SitePremisesSettings.objects.filter(site=percent_site).exists()


def test_site_settings_of_a_site_named_with_a_percent_in_french(percent_site, org, client_for):
    # French puts "%(site)s" before " ont": formatting the message twice read "% o" as a conversion and raised.
    User.objects.filter(pk=org.office_manager.pk).update(language="fr")
    response = client_for(org.office_manager).post(
        reverse("premises:site_settings", args=[percent_site.pk]), RULES, follow=True
    )
    assert response.status_code == 200
    assert _messages(response) == ["Les règles de réservation de Lyon 100% ont été enregistrées."]


def test_a_room_named_with_a_percent_is_created_edited_and_deactivated(percent_site, org, floor, client_for):
    client = client_for(org.office_manager)
    data = {"floor": floor.pk, "name": "Salle 100% visio", "capacity": "8", "is_bookable": "on", "is_active": "on"}
    response = client.post(reverse("premises:room_new", args=[percent_site.pk]), data, follow=True)
    assert response.status_code == 200
    assert _messages(response) == ["The room Salle 100% visio has been created."]
    room = Room.objects.get(name="Salle 100% visio")

    url = reverse("premises:room_edit", args=[room.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {**data, "capacity": "10"}, follow=True)
    assert response.status_code == 200
    assert _messages(response) == ["The room Salle 100% visio has been saved."]

    response = client.post(reverse("premises:room_toggle", args=[room.pk]), follow=True)
    assert response.status_code == 200
    assert _messages(response) == ["The room Salle 100% visio is deactivated."]


def test_a_desk_labelled_with_a_percent_is_created_edited_and_deactivated(percent_site, org, floor, client_for):
    client = client_for(org.office_manager)
    data = {"floor": floor.pk, "label": "D-50%", "is_bookable": "on", "is_active": "on"}
    response = client.post(reverse("premises:desk_new", args=[percent_site.pk]), data, follow=True)
    assert response.status_code == 200
    assert _messages(response) == ["The desk D-50% has been created."]
    desk = Desk.objects.get(label="D-50%")

    url = reverse("premises:desk_edit", args=[desk.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {**data, "assigned_to": org.staff.pk}, follow=True)
    assert response.status_code == 200
    assert _messages(response) == ["The desk D-50% has been saved."]

    response = client.post(reverse("premises:desk_toggle", args=[desk.pk]), follow=True)
    assert response.status_code == 200
    assert _messages(response) == ["The desk D-50% is deactivated."]


def test_a_floor_on_a_site_named_with_a_percent(percent_site, org, client_for):
    response = client_for(org.office_manager).post(
        reverse("premises:floor_new", args=[percent_site.pk]), {"name": "Étage 1", "level": "1"}, follow=True
    )
    assert response.status_code == 200
    assert _messages(response) == ["The floor Lyon 100% — Étage 1 has been created."]
