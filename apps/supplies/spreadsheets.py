"""The catalogue's spreadsheet format: its columns, reading a CSV or XLSX file, writing one, and
reading each cell's value the way an office manager types it. No database here.

Columns (``COLUMNS``): name, category, unit, supplier reference, unit price excl. VAT, VAT rate,
preferred supplier, active. A header is recognised in English or French, whatever its case, accents
or punctuation ("Prix unitaire HT (€)" is the unit price); the export writes the viewer's language.

Reading is bounded: ``MAX_IMPORT_BYTES`` for the file, ``MAX_IMPORT_ROWS`` rows, and an XLSX file
(a zip) whose content would unpack to more than ``MAX_XLSX_UNPACKED_BYTES`` is refused before
openpyxl opens it. A CSV may be UTF-8 (with or without BOM) or Windows-1252 (what French Excel
writes for "CSV (séparateur : point-virgule)"), separated by semicolons, commas or tabs.

Cells are written through ``apps.core.csv_export.csv_cell`` in both formats, so a text starting
with ``=``, ``+``, ``-`` or ``@`` is prefixed with ``'`` and never runs as a formula; the import
removes that prefix again (``unescape``), so an export imported back changes nothing.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from apps.core.csv_export import FORMULA_PREFIXES, CsvWriter, csv_cell
from apps.supplies.models import MAX_PRICE, Category, Unit, VatRate

MB = 1024 * 1024
MAX_IMPORT_BYTES = 5 * MB
MAX_IMPORT_ROWS = 5_000
MAX_XLSX_UNPACKED_BYTES = 60 * MB
MAX_COLUMNS = 50
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Column:
    field: str
    label: Promise
    required: bool
    aliases: tuple[str, ...] = ()  # other headers accepted, already normalised (see ``normalise``)


COLUMNS = (
    Column("name", pgettext_lazy("catalogue column", "Name"), True, ("designation", "article", "item", "libelle")),
    Column("category", pgettext_lazy("catalogue column", "Category"), True),
    Column("unit", pgettext_lazy("catalogue column", "Unit"), True),
    Column("supplier_reference", pgettext_lazy("catalogue column", "Supplier reference"), False, ("reference", "ref")),
    Column(
        "unit_price",
        pgettext_lazy("catalogue column", "Unit price excl. VAT"),
        True,
        ("price", "unitprice", "prix", "prixht", "prixunitaire"),
    ),
    Column("vat_rate", pgettext_lazy("catalogue column", "VAT rate"), True, ("vat", "tva", "tauxtva")),
    Column(
        "supplier",
        pgettext_lazy("catalogue column", "Preferred supplier"),
        False,
        ("supplier", "fournisseur"),
    ),
    Column("is_active", pgettext_lazy("catalogue column", "Active"), False, ("actif", "active")),
)
COLUMNS_BY_FIELD = {column.field: column for column in COLUMNS}


class FileError(ValidationError):
    """The file as a whole cannot be read (format, size, header): one message for the upload field."""


def normalise(text: str) -> str:
    """Lower case, no accents, letters and digits only: "Prix unitaire HT (€)" → "prixunitaireht"."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(char for char in decomposed.lower() if char.isascii() and char.isalnum())


def _in_each_language(label) -> set[str]:
    names = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.add(normalise(str(label)))
    return names


def _header_names() -> dict[str, str]:
    """Normalised header → field, in every language of the site."""
    names: dict[str, str] = {}
    for column in COLUMNS:
        for name in (*_in_each_language(column.label), *column.aliases, normalise(column.field)):
            names.setdefault(name, column.field)
    return names


def expected_columns() -> str:
    return ", ".join(str(column.label) for column in COLUMNS)


def read_header(cells: list[str]) -> list[str | None]:
    """The field of each header cell (None for an empty one); FileError naming the expected columns
    when a required column is missing, a column is not recognised or appears twice."""
    names = _header_names()
    fields: list[str | None] = []
    unknown, repeated = [], []
    for cell in cells:
        text = unescape(cell).strip()
        if not text:
            fields.append(None)
            continue
        field = names.get(normalise(text))
        if field is None:
            unknown.append(text)
        elif field in fields:
            repeated.append(text)
        fields.append(field)
    missing = [str(column.label) for column in COLUMNS if column.required and column.field not in fields]
    if unknown or missing or repeated:
        problems = []
        if missing:
            problems.append(_("Missing: %(columns)s.") % {"columns": ", ".join(missing)})
        if unknown:
            problems.append(_("Not recognised: %(columns)s.") % {"columns": ", ".join(unknown[:10])})
        if repeated:
            problems.append(_("Twice: %(columns)s.") % {"columns": ", ".join(repeated)})
        raise FileError(
            _(
                "The first row of the file must name its columns: %(expected)s (in English or French; supplier "
                "reference, preferred supplier and active may be left out). %(problems)s"
            )
            % {"expected": expected_columns(), "problems": " ".join(problems)},
            code="bad_header",
        )
    return fields


# --- Reading a file --------------------------------------------------------------------------------


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def read_file(upload) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header cells, [(line number, cells)]) of a CSV or XLSX upload, blank rows left out; FileError
    for a file that cannot be read, is too large or has too many rows."""
    if upload.size is not None and upload.size > MAX_IMPORT_BYTES:
        raise FileError(
            _("The file is too large (%(size).1f MB); the limit is %(limit)d MB.")
            % {"size": upload.size / MB, "limit": MAX_IMPORT_BYTES // MB},
            code="file_too_large",
        )
    upload.seek(0)
    data = upload.read(MAX_IMPORT_BYTES + 1)
    extension = _extension(upload.name or "")
    if extension == "xlsx" or (extension not in ("csv", "txt") and data[:4] == b"PK\x03\x04"):
        lines = _xlsx_lines(data)
    elif extension in ("csv", "txt"):
        lines = _csv_lines(data)
    else:
        raise FileError(_("Upload a CSV or XLSX file (an .xls file: save it as .xlsx first)."), code="bad_format")
    rows = [(number, cells) for number, cells in lines if any(cell.strip() for cell in cells)]
    if not rows:
        raise FileError(_("The file is empty."), code="empty")
    header, body = rows[0][1], rows[1:]
    if len(body) > MAX_IMPORT_ROWS:
        raise FileError(
            _("The file has %(count)d rows; at most %(max)d can be imported at once: split it.")
            % {"count": len(body), "max": MAX_IMPORT_ROWS},
            code="too_many_rows",
        )
    return header, body


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise FileError(_("The file is not readable text: save it as “CSV UTF-8”."), code="bad_encoding") from None


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {delimiter: first.count(delimiter) for delimiter in (";", ",", "\t")}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def _csv_lines(data: bytes) -> Iterable[tuple[int, list[str]]]:
    text = _decode(data)
    if "\x00" in text:
        raise FileError(_("The file is not a CSV file."), code="bad_format")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    lines = []
    try:
        for cells in reader:
            if len(lines) > MAX_IMPORT_ROWS + 1:
                lines.append((reader.line_num, ["…"]))  # read_file counts it and refuses the file
                break
            lines.append((reader.line_num, list(cells[:MAX_COLUMNS])))
    except csv.Error:
        raise FileError(
            _("Line %(line)d of the file cannot be read as CSV.") % {"line": reader.line_num + 1}, code="bad_csv"
        ) from None
    return lines


def _xlsx_lines(data: bytes) -> list[tuple[int, list[str]]]:
    # openpyxl unpacks the sheet and its shared strings in memory: a few kilobytes of zip can unpack
    # to gigabytes, so the sizes the zip declares are checked first (and a lying zip fails to unpack).
    from openpyxl import load_workbook  # a heavy import, only for the import page

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNPACKED_BYTES:
            raise FileError(_("The XLSX file is too large once unpacked."), code="file_too_large")
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except FileError:
        raise
    except Exception:
        raise FileError(_("The file is not a readable XLSX file."), code="bad_xlsx") from None
    lines = []
    try:
        sheet = workbook.active if workbook.active is not None else workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
            if len(lines) > MAX_IMPORT_ROWS + 1:
                lines.append((number, ["…"]))
                break
            cells = [xlsx_text(value) for value in values]
            if any(cells):
                lines.append((number, cells))
    except Exception:
        raise FileError(_("The file is not a readable XLSX file."), code="bad_xlsx") from None
    finally:
        workbook.close()
    return lines


def xlsx_text(value: Any) -> str:
    """A cell's value as the text a CSV would hold (a number with a decimal point)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f") if value == value and abs(value) != float("inf") else "?"
    if isinstance(value, int | Decimal):
        return format(value, "f") if isinstance(value, Decimal) else str(value)
    return str(value)


# --- Reading a cell --------------------------------------------------------------------------------


def unescape(text: str) -> str:
    """Undo the formula escaping of the export: ``'=SUM`` → ``=SUM`` (a ``'`` before anything else stays)."""
    if text.startswith("'") and text[1:2] and text[1:2] in FORMULA_PREFIXES:
        return text[1:]
    return text


def parse_decimal(text: str) -> Decimal:
    """A number as typed in France or England: "1 234,50", "1,234.50", "4.2", "20 %", "12 €"; ValueError."""
    cleaned = "".join(char for char in text if not char.isspace()).replace("€", "").replace("%", "")
    cleaned = cleaned.upper().removesuffix("EUR")
    if "," in cleaned and "." in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal_mark, ".")
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


def parse_price(text: str) -> Decimal:
    if not text:
        raise ValidationError(_("Enter the unit price excluding VAT."))
    try:
        value = parse_decimal(text)
    except ValueError:
        raise ValidationError(_("“%(value)s” is not a price.") % {"value": text}) from None
    if value < 0:
        raise ValidationError(_("A price cannot be negative."))
    value = value.quantize(CENT, rounding=ROUND_HALF_UP) if value < MAX_PRICE * 10 else value
    if value > MAX_PRICE:
        raise ValidationError(
            _("%(value)s is not a plausible unit price (at most %(max)s €).") % {"value": text, "max": MAX_PRICE}
        )
    return value


VAT_RATES = tuple(Decimal(value) for value in VatRate.values)


def parse_vat_rate(text: str) -> Decimal:
    """A French VAT rate in percent (20, 5,5 or 5.5 %); a fraction as a spreadsheet's percent cell holds
    it (0.2, 0.055) reads the same, since no rate lies between 0 and 1 %."""
    if not text:
        raise ValidationError(_("Enter the VAT rate."))
    try:
        value = parse_decimal(text)
    except ValueError:
        value = None
    if value is not None and 0 < value < 1:
        value = value * 100
    if value is not None:
        value = value.quantize(CENT, rounding=ROUND_HALF_UP) if abs(value) < 1000 else value
    if value not in VAT_RATES:
        raise ValidationError(
            _("“%(value)s” is not a French VAT rate: %(rates)s.")
            % {"value": text, "rates": ", ".join(str(label) for label in VatRate.labels)}
        )
    return value


def _choices_lookup(choices) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for value, label in choices.choices:
        lookup.setdefault(normalise(value), value)
        for name in _in_each_language(label):
            lookup.setdefault(name, value)
    return lookup


def _parse_choice(text: str, choices, empty: str, unknown: str) -> str:
    if not text:
        raise ValidationError(empty)
    lookup = _choices_lookup(choices)
    key = normalise(text)
    found = lookup.get(key) or (lookup.get(key[:-1]) if key.endswith(("s", "x")) else None)
    if found is None:
        raise ValidationError(unknown % {"value": text, "choices": ", ".join(str(label) for label in choices.labels)})
    return found


def parse_category(text: str) -> str:
    return _parse_choice(
        text,
        Category,
        _("Enter the category."),
        _("“%(value)s” is not a category: choose among %(choices)s."),
    )


def parse_unit(text: str) -> str:
    return _parse_choice(text, Unit, _("Enter the unit."), _("“%(value)s” is not a unit: choose among %(choices)s."))


TRUE_WORDS = {"1", "yes", "y", "true", "x", "oui", "o", "vrai", "actif", "active"}
FALSE_WORDS = {"0", "no", "n", "false", "non", "faux", "archived", "archive", "inactive", "inactif"}


def parse_active(text: str) -> bool:
    """Yes or no (oui/non, 1/0, active/archived…); an empty cell is active."""
    key = normalise(text)
    if not key or key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    raise ValidationError(_("“%(value)s” is neither yes nor no.") % {"value": text})


# --- Writing ----------------------------------------------------------------------------------------


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def export_rows(items: Iterable) -> Iterable[list[Any]]:
    """The header, then one row per item, in the active language (numbers as numbers)."""
    yield [str(column.label) for column in COLUMNS]
    for item in items:
        yield [
            item.name,
            item.get_category_display(),
            item.get_unit_display(),
            item.supplier_reference,
            item.unit_price,
            item.vat_rate.quantize(Decimal(1)) if item.vat_rate == item.vat_rate.to_integral() else item.vat_rate,
            item.supplier.name if item.supplier_id else "",
            yes_no(item.is_active),
        ]


def write_csv(out, rows: Iterable[list[Any]]) -> None:
    """French: semicolons and decimal commas (what French Excel opens); otherwise commas and points."""
    french = translation.get_language() == "fr"
    out.write("\ufeff")  # Excel reads UTF-8 with accents right only after a BOM
    writer = CsvWriter(out, delimiter=";" if french else ",", decimal_comma=french)
    writer.writerows(rows)


def write_xlsx(out, rows: Iterable[list[Any]], *, title: str) -> None:
    """An XLSX workbook whose text cells are escaped as the CSV's are (openpyxl would store a text
    starting with "=" as a formula)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        sheet.append([value if _is_number(value) else csv_cell(value) for value in row])
    workbook.save(out)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)
