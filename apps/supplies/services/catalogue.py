"""The office manager's writes to the catalogue: create, update, archive and restore an item.

A photo is checked to really be a PNG, JPEG or WebP image of at most ``PHOTO_MAX_MB`` (its content is
parsed, not its name trusted), and its thumbnail (``THUMBNAIL_SIZE``, aspect kept) is made by Pillow
in the same call. A replaced or removed photo's files are deleted once the change commits.
Names are unique whatever their case: a duplicate is the name field's error, even when two
requests save the same name at the same moment (``apps.core.uniqueness.unique_or``).
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from apps.core import uploads
from apps.core.uniqueness import unique_or
from apps.supplies.models import PHOTO_MAX_MB, THUMBNAIL_SIZE, CatalogueItem

# What the office manager edits (the form's fields); the thumbnail follows the photo.
ITEM_FIELDS = (
    "name",
    "category",
    "unit",
    "supplier_reference",
    "description",
    "unit_price",
    "vat_rate",
    "supplier",
    "is_active",
)
PHOTO_FORMATS = {"PNG", "JPEG", "WEBP"}
PHOTO_EXTENSIONS = {"png", "jpg", "jpeg", "webp"}
MB = 1024 * 1024


def require_office_manager(user) -> None:
    if not (getattr(user, "is_authenticated", False) and user.is_active and user.is_office_manager):
        raise PermissionDenied(_("Only an office manager may change the catalogue."))


def name_taken(name: str, *, exclude_pk: int | None = None) -> bool:
    """Whether another item has this name, compared as the database's unique constraint does."""
    others = CatalogueItem.objects.alias(lower_name=Lower("name")).filter(lower_name=Lower(Value(name)))
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    return others.exists()


def duplicate_name_error(name: str) -> ValidationError:
    return ValidationError(
        {"name": _("The catalogue already has an item named “%(name)s”.") % {"name": name}}, code="duplicate"
    )


def check_name_free(item: CatalogueItem) -> None:
    if item.name and name_taken(item.name, exclude_pk=item.pk):
        raise duplicate_name_error(item.name)


def validate_photo(upload) -> None:
    """A PNG, JPEG or WebP image (parsed by Pillow) of at most PHOTO_MAX_MB; ValidationError on ``photo``."""
    if upload.size is not None and upload.size > PHOTO_MAX_MB * MB:
        raise ValidationError(
            {
                "photo": _("The photo is too large (%(size).1f MB); the limit is %(limit)d MB.")
                % {"size": upload.size / MB, "limit": PHOTO_MAX_MB}
            },
            code="file_too_large",
        )
    extension = PurePath(upload.name or "").suffix.lstrip(".").lower()
    try:
        found = uploads.image_format(upload)
    except ValidationError as exc:
        raise ValidationError({"photo": exc.messages}) from None
    if extension not in PHOTO_EXTENSIONS or found not in PHOTO_FORMATS:
        raise ValidationError({"photo": _("Upload a PNG, JPEG or WebP image.")}, code="invalid_image")


def make_thumbnail(upload) -> ContentFile:
    """A WebP thumbnail of ``upload`` within THUMBNAIL_SIZE, its aspect kept and turned upright."""
    upload.seek(0)
    with Image.open(upload) as opened:
        image = ImageOps.exif_transpose(opened) or opened
        image.thumbnail(THUMBNAIL_SIZE)
        image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "PA", "P") else "RGB")
        buffer = io.BytesIO()
        image.save(buffer, "WEBP", quality=80)
    upload.seek(0)
    stem = PurePath(upload.name or "photo").stem[:80] or "photo"
    return ContentFile(buffer.getvalue(), name=f"{stem}.webp")


def _full_clean(item: CatalogueItem) -> None:
    """The model's checks and the name's uniqueness, as field errors (the unique constraint on
    Lower(name) would only give a message naming the constraint)."""
    errors: dict[str, Any] = {}
    try:
        item.full_clean(exclude=["photo", "thumbnail"], validate_constraints=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if "name" not in errors and item.name and name_taken(item.name, exclude_pk=item.pk):
        errors = duplicate_name_error(item.name).update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _save(item: CatalogueItem, *, photo=None, clear_photo: bool = False) -> CatalogueItem:
    old_photo = uploads.stored_file_name(item, "photo")
    old_thumbnail = uploads.stored_file_name(item, "thumbnail")
    errors: dict[str, Any] = {}
    checks = [lambda: _full_clean(item)] + ([lambda: validate_photo(photo)] if photo is not None else [])
    for check in checks:
        try:
            check()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    if photo is not None:
        item.photo = photo
        item.thumbnail = make_thumbnail(photo)
    elif clear_photo:
        item.photo = ""
        item.thumbnail = ""
    with unique_or(lambda: check_name_free(item)):
        item.save()
    uploads.delete_replaced_file_on_commit(item, "photo", old_photo)
    uploads.delete_replaced_file_on_commit(item, "thumbnail", old_thumbnail)
    return item


@transaction.atomic
def item_create(
    *,
    by,
    name: str,
    category: str,
    unit: str,
    unit_price: Decimal,
    vat_rate: Decimal,
    supplier_reference: str = "",
    description: str = "",
    supplier=None,
    is_active: bool = True,
    photo=None,
) -> CatalogueItem:
    """Add an item to the catalogue (office manager), with its photo and thumbnail if one is given."""
    require_office_manager(by)
    item = CatalogueItem(
        name=(name or "").strip(),
        category=category,
        unit=unit,
        unit_price=unit_price,
        vat_rate=vat_rate,
        supplier_reference=(supplier_reference or "").strip(),
        description=description or "",
        supplier=supplier,
        is_active=is_active,
    )
    return _save(item, photo=photo)


@transaction.atomic
def item_update(*, item: CatalogueItem, by, photo=None, clear_photo: bool = False, **changes: Any) -> CatalogueItem:
    """Change an item's fields (``ITEM_FIELDS``), replace its photo (``photo``: an upload) or remove it
    (``clear_photo``). Office manager. The replaced files are deleted after the commit."""
    require_office_manager(by)
    unknown = set(changes) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"item_update() got unexpected fields: {sorted(unknown)}")
    for field, value in changes.items():
        if field in ("name", "supplier_reference"):
            value = (value or "").strip()
        setattr(item, field, value)
    return _save(item, photo=photo, clear_photo=clear_photo)


def _set_active(item: CatalogueItem, by, active: bool) -> CatalogueItem:
    require_office_manager(by)
    locked = CatalogueItem.objects.select_for_update().get(pk=item.pk)
    if locked.is_active != active:
        locked.is_active = active
        locked.save(update_fields=["is_active", "updated_at"])
    item.is_active = locked.is_active
    return locked


@transaction.atomic
def item_archive(*, item: CatalogueItem, by) -> CatalogueItem:
    """Take an item out of the catalogue staff browse (it stays in requests, stock and history)."""
    return _set_active(item, by, False)


@transaction.atomic
def item_restore(*, item: CatalogueItem, by) -> CatalogueItem:
    """Put an archived item back in the catalogue."""
    return _set_active(item, by, True)
