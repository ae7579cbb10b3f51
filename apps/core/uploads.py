"""Checks shared by every upload: images and PDFs are parsed, not trusted from their first bytes.

``image_format(upload)`` → the format Pillow reads ("PNG", "JPEG"…) or ``None`` when the file is not
an image; it raises a ValidationError for an image whose dimensions are too large to be safe to
decode. A 69-byte PNG can declare 60000 × 60000 pixels: Pillow then refuses to open it with a
``DecompressionBombError`` (or only warns below twice its own limit). Both become a field error, and
anything over ``MAX_IMAGE_PIXELS`` (far more than a phone photo or a scanned A3 plan) is refused
before anyone decodes it (thumbnails, a PDF export).

``validate_pdf(upload)`` parses the file with pypdf: a broken, empty or encrypted PDF (which nobody
could open later without its password) is refused with a field error.
"""

from __future__ import annotations

import warnings

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader

MAX_IMAGE_PIXELS = 50_000_000


def _too_large() -> ValidationError:
    return ValidationError(
        _("The image's dimensions are too large: %(limit)d megapixels at most."),
        params={"limit": MAX_IMAGE_PIXELS // 1_000_000},
        code="image_too_large",
    )


def _rewound(upload):
    position = upload.tell() if hasattr(upload, "tell") else None
    upload.seek(0)
    return position


def image_format(upload) -> str | None:
    """The image format read from the content, or None; ValidationError if its dimensions are too large."""
    position = _rewound(upload)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise _too_large()
                image.verify()
                return image.format
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    finally:
        if position is not None:
            upload.seek(position)


def validate_pdf(upload) -> None:
    """A PDF that opens: parsed by pypdf, not encrypted, with at least one page."""
    position = _rewound(upload)
    try:
        reader = PdfReader(upload)
        if reader.is_encrypted:
            raise ValidationError(
                _("The PDF is protected by a password: upload it without protection."), code="pdf_encrypted"
            )
        if len(reader.pages) == 0:
            raise ValidationError(_("The PDF has no page."), code="pdf_empty")
    except ValidationError:
        raise
    except Exception:
        # A hostile file can fail anywhere in the parser (PdfReadError, KeyError, RecursionError…):
        # whatever the parser cannot read, nobody can open later.
        raise ValidationError(_("The file is not a readable PDF."), code="pdf_invalid") from None
    finally:
        if position is not None:
            upload.seek(position)


def stored_file_name(instance, field: str) -> str:
    """The file name the database holds for ``instance.<field>``, whatever a form has put on the instance."""
    if instance.pk is None:
        return ""
    return type(instance)._default_manager.filter(pk=instance.pk).values_list(field, flat=True).first() or ""


def delete_replaced_file_on_commit(instance, field: str, old_name: str) -> None:
    """Delete ``old_name`` from the field's storage once the transaction commits, if the row no longer
    points at it (the file was replaced or cleared). After the commit only: a save that fails keeps
    the old file its row still names; a replaced file would otherwise stay on disk for ever."""
    file = getattr(instance, field)
    if old_name and old_name != (file.name or ""):
        storage = file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
