"""Upload validators: the type is read from the file's content (parsed, apps/core/uploads.py), not trusted
from its name. And the register's date windows (``validate_check_done_on``, ``validate_first_due_date``)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from apps.core.uploads import image_format, validate_pdf
from apps.premises.scheduling import add_months

MB = 1024 * 1024
IMAGE_FORMATS = {"PNG", "JPEG", "WEBP"}
IMAGE_EXTENSIONS = {"png", "jpg", "jpeg", "webp"}


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _check_size(upload, limit_mb: int) -> None:
    if upload.size is not None and upload.size > limit_mb * MB:
        raise ValidationError(
            _("The file is too large (%(size).1f MB); the limit is %(limit)d MB."),
            params={"size": upload.size / MB, "limit": limit_mb},
            code="file_too_large",
        )


def _validate_image(upload, limit_mb: int) -> None:
    _check_size(upload, limit_mb)
    if _extension(upload.name) not in IMAGE_EXTENSIONS or image_format(upload) not in IMAGE_FORMATS:
        raise ValidationError(_("Upload a PNG, JPEG or WebP image."), code="invalid_image")


def validate_plan_image(upload) -> None:
    """A floor plan: PNG, JPEG or WebP, at most 5 MB (SVG is refused: it can carry scripts)."""
    _validate_image(upload, 5)


def validate_photo(upload) -> None:
    """A photo of a problem: PNG, JPEG or WebP, at most 5 MB."""
    _validate_image(upload, 5)


def validate_report_file(upload) -> None:
    """A check report: a PDF or an image (PNG, JPEG, WebP), at most 10 MB."""
    _check_size(upload, 10)
    extension = _extension(upload.name)
    if extension == "pdf":
        validate_pdf(upload)
        return
    elif extension in IMAGE_EXTENSIONS and image_format(upload) in IMAGE_FORMATS:
        return
    raise ValidationError(_("Upload a PDF file or a PNG, JPEG or WebP image."), code="invalid_report")


# The register's dates: a check is not dated before 2000 nor in the future, and a first due date is not
# before 2000 nor more than ten years ahead (a typo such as 1900 or 9999 would hide a check for good).
REGISTER_EARLIEST = dt.date(2000, 1, 1)
REGISTER_YEARS_AHEAD = 10


def validate_check_done_on(done_on: dt.date, today: dt.date) -> None:
    if done_on < REGISTER_EARLIEST:
        raise ValidationError(
            _("A check cannot be dated before %(earliest)s."),
            params={"earliest": formats.date_format(REGISTER_EARLIEST, "SHORT_DATE_FORMAT")},
            code="too_early",
        )
    if done_on > today:
        raise ValidationError(_("A check cannot be recorded before it is done."), code="future")


def validate_first_due_date(first_due: dt.date, today: dt.date) -> None:
    latest = add_months(today, 12 * REGISTER_YEARS_AHEAD)
    if not REGISTER_EARLIEST <= first_due <= latest:
        raise ValidationError(
            _("Enter a first due date between %(earliest)s and %(latest)s."),
            params={
                "earliest": formats.date_format(REGISTER_EARLIEST, "SHORT_DATE_FORMAT"),
                "latest": formats.date_format(latest, "SHORT_DATE_FORMAT"),
            },
            code="out_of_range",
        )
