"""Hostile uploads through the pages: a decompression bomb or an unreadable PDF is a field error (never
a 500, nothing saved), and a replaced or cleared floor plan's file is deleted once committed."""

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.core.tests.files import bomb_png, image_bytes, pdf_bytes
from apps.premises.models import CheckRecord, Floor, Ticket
from apps.premises.tests.factories import CheckItemFactory

pytestmark = pytest.mark.usefixtures("clock")


def test_a_decompression_bomb_photo_is_a_field_error(org, room, client_for):
    data = {
        "site": org.site.pk,
        "room": room.pk,
        "category": "plumbing",
        "urgency": "high",
        "description": "The tap leaks.",
        "photo": SimpleUploadedFile("leak.png", bomb_png(), content_type="image/png"),
    }
    response = client_for(org.staff).post(reverse("premises:ticket_new"), data)
    assert response.status_code == 200
    assert "dimensions are too large" in response.content.decode()
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("plan", [bomb_png(), bomb_png(10000, 10000)], ids=["bomb-error", "bomb-warning"])
def test_a_decompression_bomb_plan_is_a_field_error(org, floor, client_for, plan):
    upload = SimpleUploadedFile("plan.png", plan, content_type="image/png")
    response = client_for(org.office_manager).post(
        reverse("premises:floor_plan_edit", args=[floor.pk]), {"plan": upload}
    )
    assert response.status_code == 200
    assert "dimensions are too large" in response.content.decode()
    floor.refresh_from_db()
    assert not floor.plan


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (pdf_bytes(password="secret"), "protected by a password"),
        (b"%PDF-1.7\n%only a header\n", "not a readable PDF"),
        (bomb_png(), "dimensions are too large"),
    ],
    ids=["encrypted", "broken", "bomb"],
)
def test_a_check_report_that_cannot_be_opened_is_a_field_error(org, client_for, content, message):
    item = CheckItemFactory(site=org.site, first_due_date=dt.date(2026, 3, 15))
    name = "report.png" if content.startswith(b"\x89PNG") else "report.pdf"
    data = {"done_on": "2026-03-01", "done_by": "Sicli", "result": "compliant", "to_fix": ""}
    data["report"] = SimpleUploadedFile(name, content)
    response = client_for(org.office_manager).post(reverse("premises:record_new", args=[item.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CheckRecord.objects.exists()


def _plan(name="plan.png"):
    return SimpleUploadedFile(name, image_bytes("PNG"), content_type="image/png")


def test_a_replaced_plan_file_is_deleted_after_the_commit(org, floor, client_for, django_capture_on_commit_callbacks):
    office = client_for(org.office_manager)
    url = reverse("premises:floor_plan_edit", args=[floor.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert office.post(url, {"plan": _plan()}).status_code == 302
    old = Floor.objects.get(pk=floor.pk).plan.name
    assert default_storage.exists(old)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert office.post(url, {"plan": _plan()}).status_code == 302
    new = Floor.objects.get(pk=floor.pk).plan.name
    assert new != old and default_storage.exists(old)  # not before the commit
    for callback in callbacks:
        callback()
    assert not default_storage.exists(old) and default_storage.exists(new)


def test_a_cleared_plan_file_is_deleted(org, floor, client_for, django_capture_on_commit_callbacks):
    office = client_for(org.office_manager)
    office.post(reverse("premises:floor_plan_edit", args=[floor.pk]), {"plan": _plan()})
    old = Floor.objects.get(pk=floor.pk).plan.name
    data = {"name": floor.name, "level": floor.level, "plan-clear": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        assert office.post(reverse("premises:floor_edit", args=[floor.pk]), data).status_code == 302
    assert not Floor.objects.get(pk=floor.pk).plan
    assert not default_storage.exists(old)


def test_a_refused_plan_keeps_the_current_file(org, floor, client_for, django_capture_on_commit_callbacks):
    office = client_for(org.office_manager)
    url = reverse("premises:floor_plan_edit", args=[floor.pk])
    office.post(url, {"plan": _plan()})
    old = Floor.objects.get(pk=floor.pk).plan.name
    with django_capture_on_commit_callbacks(execute=True):
        office.post(url, {"plan": SimpleUploadedFile("plan.png", bomb_png(), content_type="image/png")})
    assert Floor.objects.get(pk=floor.pk).plan.name == old and default_storage.exists(old)
