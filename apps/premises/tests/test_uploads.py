"""Uploads are checked by content and size: plans and photos are images, reports PDF or images."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.premises.validators import validate_plan_image, validate_report_file


def image_bytes(fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "fmt"), [("plan.png", "PNG"), ("plan.jpg", "JPEG"), ("plan.webp", "WEBP")])
def test_plan_images_are_accepted(name, fmt):
    validate_plan_image(SimpleUploadedFile(name, image_bytes(fmt)))


def test_svg_and_fake_images_are_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ValidationError, match="PNG, JPEG or WebP"):
        validate_plan_image(SimpleUploadedFile("plan.svg", svg))
    with pytest.raises(ValidationError, match="PNG, JPEG or WebP"):
        validate_plan_image(SimpleUploadedFile("plan.png", b"not an image"))


def test_a_plan_over_5_mb_is_refused():
    upload = SimpleUploadedFile("plan.png", image_bytes() + b"\0" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError, match="limit is 5 MB"):
        validate_plan_image(upload)


def test_reports_accept_pdf_and_images_only():
    validate_report_file(SimpleUploadedFile("report.pdf", b"%PDF-1.7\n..."))
    validate_report_file(SimpleUploadedFile("report.jpg", image_bytes("JPEG")))
    with pytest.raises(ValidationError):
        validate_report_file(SimpleUploadedFile("report.pdf", b"MZ\x90\x00 an executable"))
    with pytest.raises(ValidationError):
        validate_report_file(SimpleUploadedFile("report.docx", b"PK\x03\x04"))
    with pytest.raises(ValidationError, match="limit is 10 MB"):
        validate_report_file(SimpleUploadedFile("report.pdf", b"%PDF-" + b"\0" * (10 * 1024 * 1024)))
