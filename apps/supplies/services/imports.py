"""The catalogue import: stage an uploaded file, check its rows, then import all of them or none.

1. ``catalogue_import_stage(upload=, by=)`` reads the CSV or XLSX file once (``spreadsheets``): a file
   that cannot be read, is too large or has a wrong header is the upload field's error. Its rows are
   kept in a ``CatalogueImport`` for the uploader, so the confirmation needs no second upload.
2. ``check_rows(columns=, rows=)`` reads every cell and matches each row with the catalogue by name
   (whatever the case): each row is new, an update, unchanged, or has errors (unknown category or
   unit, a price or VAT rate that is not one, an empty or repeated name, a text too long…). The
   preview shows that; nothing is written.
3. ``catalogue_import_confirm(stage=, by=)`` checks the rows again against the catalogue as it is now
   and saves all of them in one transaction, or raises a ValidationError listing the rows' errors
   and saves nothing. It claims the stage with a conditional update first: the same confirmation
   posted twice imports once, and the second gets the first's result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.uniqueness import unique_or
from apps.suppliers.models import Supplier
from apps.supplies import spreadsheets
from apps.supplies.models import CatalogueImport, CatalogueItem
from apps.supplies.services.catalogue import require_office_manager

STAGE_LIFETIME = dt.timedelta(days=1)
# Fields the model checks but the file does not hold.
NOT_IN_FILE = ["photo", "thumbnail", "description", "created_at", "updated_at"]


def _text(text: str) -> str:
    return text.strip()


def _name(text: str) -> str:
    if not text.strip():
        raise ValidationError(_("Enter the item's name."))
    return text.strip()


PARSERS: dict[str, Callable[[str], Any]] = {
    "name": _name,
    "category": spreadsheets.parse_category,
    "unit": spreadsheets.parse_unit,
    "supplier_reference": _text,
    "unit_price": spreadsheets.parse_price,
    "vat_rate": spreadsheets.parse_vat_rate,
    "supplier": _text,  # a name, matched with the directory by ``_match_supplier``
    "is_active": spreadsheets.parse_active,
}


@dataclass
class ImportRow:
    line: int
    cells: dict[str, str]  # the text of each column, as the file holds it
    values: dict[str, Any] = field(default_factory=dict)  # the values read from it
    errors: list[str] = field(default_factory=list)
    item: CatalogueItem | None = None  # the catalogue's item of the same name
    changed: list[str] = field(default_factory=list)  # the columns an update changes

    @property
    def action(self) -> str:
        if self.errors:
            return "error"
        if self.item is None:
            return "new"
        return "update" if self.changed else "unchanged"


@dataclass
class ImportCheck:
    columns: list[str]
    rows: list[ImportRow]

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not any(row.errors for row in self.rows)

    def errors(self) -> list[str]:
        return [
            _("Line %(line)d: %(error)s") % {"line": row.line, "error": error}
            for row in self.rows
            for error in row.errors
        ]


@dataclass(frozen=True)
class ImportOutcome:
    created: int
    updated: int
    already_imported: bool = False


@transaction.atomic
def catalogue_import_stage(*, upload, by) -> CatalogueImport:
    """Read ``upload`` (CSV or XLSX) and keep its rows for the preview and the confirmation."""
    require_office_manager(by)
    try:
        header, body = spreadsheets.read_file(upload)
        fields = spreadsheets.read_header(header)
    except spreadsheets.FileError as exc:
        raise ValidationError({"file": exc.messages}) from None
    rows = [
        {
            "line": line,
            "cells": {name: cells[index].strip() for index, name in enumerate(fields) if name and index < len(cells)},
        }
        for line, cells in body
    ]
    CatalogueImport.objects.filter(uploaded_by=by, created_at__lt=timezone.now() - STAGE_LIFETIME).delete()
    return CatalogueImport.objects.create(
        uploaded_by=by,
        file_name=(upload.name or "")[-255:],
        columns=[name for name in fields if name],
        rows=rows,
    )


def _row_errors(column: str, exc: ValidationError) -> list[str]:
    label = spreadsheets.COLUMNS_BY_FIELD[column].label
    return [_("%(column)s: %(error)s") % {"column": label, "error": message} for message in exc.messages]


def supplier_key(name: str) -> str:
    """A supplier's name as the import compares it: case and spaces ignored."""
    return " ".join((name or "").split()).casefold()


def _match_supplier(name: str, suppliers: dict[str, Supplier]) -> Supplier | None:
    """The directory's supplier of that name (None for an empty cell); an unknown name is an error:
    the import links items to suppliers, it does not create them."""
    if not name:
        return None
    supplier = suppliers.get(supplier_key(name))
    if supplier is None:
        raise ValidationError(
            _("no supplier named “%(name)s” in the supplier directory; add it there first or fix the name.")
            % {"name": name}
        )
    return supplier


def _check_row(
    row: ImportRow,
    columns: list[str],
    existing: dict[str, CatalogueItem],
    seen: dict[str, int],
    suppliers: dict[str, Supplier],
) -> None:
    for column in columns:
        text = spreadsheets.unescape(row.cells.get(column, ""))
        try:
            value = PARSERS[column](text)
            if column == "supplier":
                value = _match_supplier(value, suppliers)
            row.values[column] = value
        except ValidationError as exc:
            row.errors += _row_errors(column, exc)
    name = row.values.get("name")
    if not name:
        return
    key = name.casefold()
    if key in seen:
        row.errors.append(
            _("The name “%(name)s” is already on line %(line)d of the file.") % {"name": name, "line": seen[key]}
        )
        return
    seen[key] = row.line
    row.item = existing.get(key)
    # The model's own checks (lengths, digits) on what the row would save.
    candidate = CatalogueItem(**{column: getattr(row.item, column) for column in columns} if row.item else {})
    for column, value in row.values.items():
        setattr(candidate, column, value)
    failed = [column for column in columns if column not in row.values]
    try:
        candidate.clean_fields(exclude=NOT_IN_FILE + failed)
    except ValidationError as exc:
        for column, messages in exc.message_dict.items():
            if column in spreadsheets.COLUMNS_BY_FIELD:
                row.errors += _row_errors(column, ValidationError(messages))
            else:
                row.errors += messages
    if row.item is not None:
        row.changed = [column for column, value in row.values.items() if getattr(row.item, column) != value]


def check_rows(*, columns: list[str], rows: list[dict]) -> ImportCheck:
    """Every staged row read, checked and matched with the catalogue by name; nothing written.

    The whole catalogue is read in one query (a few thousand items at most) rather than by name: the
    database's LOWER() and Python's casefold() disagree on accents in SQLite."""
    existing = {item.name.casefold(): item for item in CatalogueItem.objects.select_related("supplier")}
    suppliers: dict[str, Supplier] = {}
    if "supplier" in columns:
        # Active suppliers win over archived ones of the same name, then the oldest.
        for supplier in Supplier.objects.order_by("-is_active", "pk"):
            suppliers.setdefault(supplier_key(supplier.name), supplier)
    seen: dict[str, int] = {}
    checked = []
    for staged in rows:
        row = ImportRow(line=staged["line"], cells=dict(staged["cells"]))
        _check_row(row, columns, existing, seen, suppliers)
        checked.append(row)
    return ImportCheck(columns=list(columns), rows=checked)


def _raise_if_errors(check: ImportCheck) -> None:
    if not check.ok:
        raise ValidationError(check.errors() or [_("The file has no row to import.")], code="import_rows")


def _write(check: ImportCheck) -> tuple[int, int]:
    now = timezone.now()
    new = [CatalogueItem(**row.values) for row in check.rows if row.action == "new"]
    changed = []
    for row in check.rows:
        if row.action == "update":
            for column in row.changed:
                setattr(row.item, column, row.values[column])
            row.item.updated_at = now
            changed.append(row.item)
    CatalogueItem.objects.bulk_create(new, batch_size=500)
    if changed:
        CatalogueItem.objects.bulk_update(changed, [*check.columns, "updated_at"], batch_size=500)
    return len(new), len(changed)


@transaction.atomic
def catalogue_import_confirm(*, stage: CatalogueImport, by) -> ImportOutcome:
    """Import every staged row, or none: a ValidationError lists each row's errors and nothing is saved.

    Idempotent: the stage is claimed by a conditional update, so a second confirmation (a double
    click, a second tab) saves nothing and returns what the first did."""
    require_office_manager(by)
    claimed = CatalogueImport.objects.filter(pk=stage.pk, imported_at__isnull=True).update(imported_at=timezone.now())
    if not claimed:
        stage.refresh_from_db()
        return ImportOutcome(created=stage.created_count, updated=stage.updated_count, already_imported=True)
    check = check_rows(columns=stage.columns, rows=stage.rows)
    _raise_if_errors(check)
    # Someone saving one of these names at the same moment: the rows are checked again, and the
    # duplicate becomes that row's error rather than a server error.
    with unique_or(lambda: _raise_if_errors(check_rows(columns=stage.columns, rows=stage.rows))):
        created, updated = _write(check)
    CatalogueImport.objects.filter(pk=stage.pk).update(created_count=created, updated_count=updated, rows=[])
    return ImportOutcome(created=created, updated=updated)
