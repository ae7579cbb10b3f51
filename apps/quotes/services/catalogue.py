"""The office manager's writes to the catalogue of services and products quotes are written from.

``catalogue_entry_create(*, by, **fields)``, ``catalogue_entry_update(*, entry, by, **fields)``
(``ENTRY_FIELDS``) and ``catalogue_entry_set_active(*, entry, by, active)``. An entry is never deleted
(quote lines may name it): it is taken out of the editor's choices instead. A quote line copies the
entry's text and price, so changing an entry changes no quote already written."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.quotes.models import CatalogueEntry
from apps.quotes.services.clients import require_office_manager
from apps.supplies.models.catalogue import VatRate

ENTRY_FIELDS = ("kind", "name", "description", "unit", "unit_price", "vat_rate")


def _apply(entry: CatalogueEntry, fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown catalogue fields: {sorted(unknown)}")
    for name, value in fields.items():
        if name in ("kind", "name", "description", "unit"):
            value = (value or "").strip()
        setattr(entry, name, value)


def _validate(entry: CatalogueEntry) -> None:
    errors: dict[str, Any] = {}
    try:
        entry.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    try:
        rate_known = Decimal(entry.vat_rate) in {Decimal(value) for value in VatRate.values}
    except (ArithmeticError, TypeError, ValueError):
        rate_known = False
    if not rate_known:
        errors.setdefault("vat_rate", [_("Choose one of the French VAT rates: 20, 10, 5.5, 2.1 or 0 %.")])
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def catalogue_entry_create(*, by, **fields: Any) -> CatalogueEntry:
    """Add an entry to the catalogue (offered at once); returns it."""
    require_office_manager(by)
    entry = CatalogueEntry()
    _apply(entry, fields)
    _validate(entry)
    entry.save()
    return entry


@transaction.atomic
def catalogue_entry_update(*, entry: CatalogueEntry, by, **fields: Any) -> CatalogueEntry:
    require_office_manager(by)
    locked = CatalogueEntry.objects.select_for_update().get(pk=entry.pk)
    _apply(locked, fields)
    _validate(locked)
    locked.save()
    return locked


@transaction.atomic
def catalogue_entry_set_active(*, entry: CatalogueEntry, by, active: bool) -> CatalogueEntry:
    """Offer an entry again, or stop offering it in the quote editor (quotes that used it keep their lines)."""
    require_office_manager(by)
    locked = CatalogueEntry.objects.select_for_update().get(pk=entry.pk)
    if locked.is_active != active:
        locked.is_active = active
        locked.save(update_fields=["is_active", "updated_at"])
    return locked
