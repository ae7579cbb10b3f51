"""Upload validators: the type is read from the file's content (parsed, apps/core/uploads.py), not trusted
from its name."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core.uploads import image_format, validate_pdf

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
