"""The demo company has a drawn floor plan on its floors, so the floor plan page shows rooms over a
plan rather than "no plan yet" (issue #12)."""

import io

import pytest
from django.core.management import call_command
from PIL import Image

from apps.accounts.models import User
from apps.core.tests.pages import Page
from apps.premises.demo_plan import HEIGHT, WIDTH, floor_plan_png
from apps.premises.models import Floor

pytestmark = pytest.mark.django_db


def test_the_drawing_is_a_png_with_a_box_per_room():
    image = Image.open(io.BytesIO(floor_plan_png([(2, 4, 17, 40)])))
    assert image.format == "PNG" and image.size == (WIDTH, HEIGHT)
    assert image.getpixel((round(0.02 * WIDTH) + 1, round(0.20 * HEIGHT))) != image.getpixel((WIDTH // 2, 20))


def test_the_demo_floors_have_a_plan_shown_on_the_floor_plan_page(client):
    call_command("seed_demo", stdout=io.StringIO())
    floors = Floor.objects.filter(site__is_head_office=True)
    assert floors and all(floor.plan for floor in floors)
    floor = floors.first()
    client.force_login(User.objects.get(email="staff@example.com"))
    page = Page(client.get(f"/premises/floors/{floor.pk}/").content)
    assert page.by_testid("plan"), "the plan with its rooms"
    image = client.get(f"/premises/floors/{floor.pk}/plan-image/")
    assert image.status_code == 200
    assert b"".join(image.streaming_content if image.streaming else [image.content]).startswith(b"\x89PNG")
    # A second run keeps the plan it drew.
    name = floor.plan.name
    call_command("seed_demo", stdout=io.StringIO())
    floor.refresh_from_db()
    assert floor.plan.name == name
