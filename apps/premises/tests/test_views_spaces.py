"""Spaces pages (office manager) and floor plans (everyone reads, the office manager places)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.accounts.models import User
from apps.premises.models import Desk, Floor, Room, SitePremisesSettings
from apps.premises.tests.conftest import TUESDAY, at
from apps.premises.tests.factories import BookingFactory, DeskFactory, FloorFactory, RoomFactory

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture(autouse=True)
def _english(org):
    """Pages in English: the assertions read the msgids."""
    User.objects.update(language="en")


def png(name="plan.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_spaces_pages_are_for_the_office_manager(org, room, desk, client, client_for):
    urls = [
        reverse("premises:spaces"),
        reverse("premises:site_spaces", args=[org.site.pk]),
        reverse("premises:site_settings", args=[org.site.pk]),
        reverse("premises:floor_new", args=[org.site.pk]),
        reverse("premises:floor_edit", args=[room.floor.pk]),
        reverse("premises:room_new", args=[org.site.pk]),
        reverse("premises:room_edit", args=[room.pk]),
        reverse("premises:desk_new", args=[org.site.pk]),
        reverse("premises:desk_edit", args=[desk.pk]),
        reverse("premises:floor_plan_edit", args=[room.floor.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302, url
    staff = client_for(org.staff)
    for url in urls:
        assert staff.get(url).status_code == 403, url
    manager = client_for(org.office_manager)
    for url in urls:
        assert manager.get(url).status_code == 200, url
    assert manager.get(reverse("premises:room_edit", args=[9999])).status_code == 404


def test_site_page_lists_floors_rooms_and_desks_in_bounded_queries(org, client_for, django_assert_max_num_queries):
    for level in range(3):
        floor = FloorFactory(site=org.site, level=level)
        for _ in range(10):
            RoomFactory(floor=floor)
            DeskFactory(floor=floor)
    client = client_for(org.office_manager)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("premises:site_spaces", args=[org.site.pk]))
    assert response.content.decode().count('data-testid="room-row"') == 30


def test_creating_a_room_with_its_equipment(org, floor, client_for):
    data = {
        "floor": floor.pk,
        "name": "Bellecour",
        "capacity": "10",
        "equipment": ["screen", "video"],
        "is_bookable": "on",
        "needs_approval": "on",
        "is_active": "on",
    }
    response = client_for(org.office_manager).post(reverse("premises:room_new", args=[org.site.pk]), data)
    assert response.status_code == 302
    room = Room.objects.get(name="Bellecour")
    assert (room.capacity, room.equipment, room.needs_approval) == (10, ["screen", "video"], True)


def test_a_room_on_another_sites_floor_is_refused(org, client_for):
    elsewhere = FloorFactory(name="Paris floor")
    data = {"floor": elsewhere.pk, "name": "X", "capacity": "4", "is_active": "on"}
    response = client_for(org.office_manager).post(reverse("premises:room_new", args=[org.site.pk]), data)
    assert response.status_code == 200
    assert not Room.objects.filter(name="X").exists()


def test_rooms_and_desks_are_deactivated_not_deleted(org, room, desk, client_for):
    client = client_for(org.office_manager)
    assert client.get(reverse("premises:room_toggle", args=[room.pk])).status_code == 405
    client.post(reverse("premises:room_toggle", args=[room.pk]))
    client.post(reverse("premises:desk_toggle", args=[desk.pk]))
    room.refresh_from_db()
    desk.refresh_from_db()
    assert not room.is_active and not desk.is_active
    client.post(reverse("premises:room_toggle", args=[room.pk]))
    room.refresh_from_db()
    assert room.is_active


def test_site_settings_are_saved_and_checked(org, client_for):
    client = client_for(org.office_manager)
    url = reverse("premises:site_settings", args=[org.site.pk])
    data = {
        "opens_at": "09:00",
        "closes_at": "08:00",
        "open_days": ["0", "1"],
        "max_booking_hours": "4",
        "horizon_days": "30",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert not SitePremisesSettings.objects.exists()
    response = client.post(url, {**data, "closes_at": "18:00"})
    assert response.status_code == 302
    rules = SitePremisesSettings.objects.get(site=org.site)
    assert (rules.open_days, rules.max_booking_hours, rules.closed_on_public_holidays) == ([0, 1], 4, False)


def test_a_floor_with_its_plan_image(org, client_for):
    client = client_for(org.office_manager)
    response = client.post(
        reverse("premises:floor_new", args=[org.site.pk]), {"name": "Ground", "level": "0", "plan": png()}
    )
    assert response.status_code == 302
    floor = Floor.objects.get(name="Ground")
    assert floor.plan
    assert client.get(reverse("premises:floor_plan_image", args=[floor.pk])).status_code == 200


def test_a_plan_that_is_not_an_image_is_refused(org, floor, client_for):
    fake = SimpleUploadedFile("plan.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = client_for(org.office_manager).post(reverse("premises:floor_plan_edit", args=[floor.pk]), {"plan": fake})
    assert response.status_code == 200
    floor.refresh_from_db()
    assert not floor.plan


# --- Floor plans ---------------------------------------------------------------------------------


def test_floor_plan_shows_free_and_busy_spots_with_book_links(org, floor, room, desk, client_for):
    busy = RoomFactory(floor=floor, name="Busy room")
    BookingFactory(room=busy, person=org.colleague, title="Secret", start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    response = client_for(org.staff).get(
        reverse("premises:floor_plan", args=[floor.pk]), {"date": TUESDAY.isoformat(), "time": "10:30"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-testid="plan-item"') == 3
    assert f"space=room%3A{room.pk}" in html and f"space=desk%3A{desk.pk}" in html
    assert f"space=room%3A{busy.pk}" not in html
    assert "Secret" not in html


def test_floor_plan_anonymous_wrong_method_and_plan_image_without_plan(org, floor, client, client_for):
    url = reverse("premises:floor_plan", args=[floor.pk])
    assert client.get(url).status_code == 302
    staff = client_for(org.staff)
    assert staff.post(url).status_code == 405
    assert staff.get(reverse("premises:floor_plan_image", args=[floor.pk])).status_code == 404


def test_placing_a_room_and_a_desk_on_the_plan(org, floor, room, desk, client_for):
    url = reverse("premises:floor_plan_position", args=[floor.pk])
    staff = client_for(org.staff)
    assert (
        staff.post(url, {"kind": "room", "id": room.pk, "x": "10", "y": "10", "w": "20", "h": "20"}).status_code == 403
    )
    client = client_for(org.office_manager)
    assert client.get(url).status_code == 405
    response = client.post(url, {"kind": "room", "id": room.pk, "x": "10", "y": "12.5", "w": "20", "h": "30"})
    assert response.status_code == 200 and response.json() == {"ok": True}
    room.refresh_from_db()
    assert (float(room.plan_x), float(room.plan_y), float(room.plan_w), float(room.plan_h)) == (10, 12.5, 20, 30)
    client.post(url, {"kind": "desk", "id": desk.pk, "x": "50", "y": "50", "w": "4", "h": "6"})
    desk.refresh_from_db()
    assert desk.has_plan_position
    # Taken off the plan: no coordinates.
    client.post(url, {"kind": "desk", "id": desk.pk})
    desk.refresh_from_db()
    assert not desk.has_plan_position


def test_a_shape_outside_the_plan_or_on_another_floor_is_refused(org, floor, room, client_for):
    client = client_for(org.office_manager)
    url = reverse("premises:floor_plan_position", args=[floor.pk])
    response = client.post(url, {"kind": "room", "id": room.pk, "x": "90", "y": "10", "w": "20", "h": "20"})
    assert response.status_code == 400 and response.json()["errors"]
    other = RoomFactory(floor=FloorFactory(site=org.site))
    response = client.post(url, {"kind": "room", "id": other.pk, "x": "1", "y": "1", "w": "2", "h": "2"})
    assert response.status_code == 404
    assert not Desk.objects.filter(plan_x__isnull=False).exists()
