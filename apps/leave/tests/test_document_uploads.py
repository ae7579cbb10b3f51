"""Supporting documents are parsed: a broken or encrypted PDF, or an image declaring huge
dimensions, is a field error and nothing is saved."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.core.tests.files import bomb_png, image_bytes, pdf_bytes
from apps.leave.models import LeaveRequest

D = dt.date


def form_data(leave_type, document):
    return {
        "leave_type": leave_type.pk,
        "start_date": "2026-03-04",
        "start_half": "morning",
        "end_date": "2026-03-05",
        "end_half": "afternoon",
        "comment": "",
        "document": document,
    }


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("arret.pdf", pdf_bytes(password="secret"), "protected by a password"),
        ("arret.pdf", b"%PDF-1.4\n%only a header\n", "not a readable PDF"),
        ("arret.pdf", pdf_bytes()[:150], "not a readable PDF"),
        ("arret.png", bomb_png(), "dimensions are too large"),
        ("arret.png", bomb_png(10000, 10000), "dimensions are too large"),
        ("arret.jpg", image_bytes("PNG"), "not a valid JPG"),
    ],
    ids=["encrypted", "header-only", "truncated", "bomb-error", "bomb-warning", "png-named-jpg"],
)
def test_a_document_that_cannot_be_opened_is_a_field_error(
    org, policy, clock, sick, client_for, name, content, message
):
    data = form_data(sick, SimpleUploadedFile(name, content))
    response = client_for(org.staff).post(reverse("leave:request_create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LeaveRequest.objects.exists()


@pytest.mark.parametrize(("name", "content"), [("arret.pdf", pdf_bytes()), ("arret.jpg", image_bytes("JPEG"))])
def test_a_readable_document_is_accepted(org, policy, clock, sick, client_for, name, content):
    response = client_for(org.staff).post(
        reverse("leave:request_create"), form_data(sick, SimpleUploadedFile(name, content))
    )
    assert response.status_code == 302
    assert LeaveRequest.objects.get().document
