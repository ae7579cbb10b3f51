"""Uploads are checked by content and size: plans and photos are images, reports PDF or images."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.core.tests.files import bomb_png, image_bytes, pdf_bytes
from apps.premises.validators import validate_photo, validate_plan_image, validate_report_file


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
    validate_report_file(SimpleUploadedFile("report.pdf", pdf_bytes()))
    validate_report_file(SimpleUploadedFile("report.jpg", image_bytes("JPEG")))
    with pytest.raises(ValidationError):
        validate_report_file(SimpleUploadedFile("report.pdf", b"MZ\x90\x00 an executable"))
    with pytest.raises(ValidationError):
        validate_report_file(SimpleUploadedFile("report.docx", b"PK\x03\x04"))
    with pytest.raises(ValidationError, match="limit is 10 MB"):
        validate_report_file(SimpleUploadedFile("report.pdf", b"%PDF-" + b"\0" * (10 * 1024 * 1024)))


@pytest.mark.parametrize("validator", [validate_plan_image, validate_photo, validate_report_file])
@pytest.mark.parametrize("size", [(60000, 60000), (10000, 10000), (8000, 7000)])
def test_an_image_declaring_huge_dimensions_is_a_field_error(validator, size):
    # 60000² is a DecompressionBombError in Pillow, 10000² only its warning, 8000 × 7000 under
    # Pillow's limit but over ours: all three are refused before anything decodes them.
    with pytest.raises(ValidationError, match="dimensions are too large"):
        validator(SimpleUploadedFile("plan.png", bomb_png(*size)))


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.7\n%just a header\n", pdf_bytes()[:200], pdf_bytes(password="secret")],
    ids=["header-only", "truncated", "encrypted"],
)
def test_a_report_pdf_that_does_not_parse_or_is_encrypted_is_refused(content):
    with pytest.raises(ValidationError, match="PDF"):
        validate_report_file(SimpleUploadedFile("report.pdf", content))
