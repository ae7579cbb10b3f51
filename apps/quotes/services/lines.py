"""The lines of a document being written: add (a priced line, a section title, free text, a catalogue
entry), change, delete and move up or down; every change stores the document's totals again.

Generic over a "document": any model row with a ``lines`` related manager (rows of a ``DocumentLine``
model), ``discount_percent``, ``is_editable`` and the three total fields. Quotes use it today; an invoice
draft could tomorrow. Each function locks the document's row (a change from another tab waits), refuses
a document that is no longer editable, keeps positions dense (1, 2, 3…) and recomputes the totals with
``apps.quotes.totals.totals_of`` in the same transaction.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from apps.quotes.models import MAX_DISCOUNT, MAX_LINE_QUANTITY, LineKind, QuoteVatRate
from apps.quotes.totals import TOTAL_FIELDS, apply_totals, check_storable
from apps.supplies.models.catalogue import MAX_PRICE

TEXT_KINDS = frozenset({LineKind.SECTION, LineKind.TEXT})
EDITABLE_KINDS = frozenset({LineKind.ITEM, *TEXT_KINDS})
DESCRIPTION_MAX_LENGTH = 2000
UNIT_MAX_LENGTH = 20
VAT_RATES = frozenset(Decimal(value) for value in QuoteVatRate.values)
MIN_QUANTITY = Decimal("0.001")


def require_writer(user) -> None:
    if not (getattr(user, "is_authenticated", False) and user.is_active and user.is_office_manager):
        raise PermissionDenied(_("Only an office manager writes quotes and invoices."))


def locked(document: models.Model) -> models.Model:
    """The document's row read again under a lock (its editability and lines as they are now)."""
    return type(document).objects.select_for_update().get(pk=document.pk)


def require_editable(document) -> None:
    if not document.is_editable:
        raise ValidationError(
            _("This document is issued: it can no longer be changed (revise or duplicate it instead)."),
            code="not_editable",
        )


def store_totals(document) -> None:
    """Compute the document's totals from its lines as saved and store them on its row; a ValidationError
    (and the caller's transaction rolled back) when they would not fit the total columns."""
    check_storable(apply_totals(document))
    document.save(update_fields=TOTAL_FIELDS)


def _renumber(document) -> None:
    """Positions 1..n in the current order (after a deletion or a move): one update per moved line."""
    for position, line in enumerate(document.lines.order_by("position", "pk").only("pk", "position"), start=1):
        if line.position != position:
            line.position = position
            line.save(update_fields=["position"])


def _decimal(value, field: str) -> Decimal:
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({field: _("Enter a number.")}) from None
    if not number.is_finite():
        raise ValidationError({field: _("Enter a number.")})
    return number


def _text(value, *, field: str, limit: int, required: bool = False) -> str:
    text = (value or "").replace("\x00", "").strip()
    if len(text) > limit:
        raise ValidationError({field: _("At most %(limit)d characters.") % {"limit": limit}})
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    return text


def checked_fields(
    *,
    kind: str,
    description: str,
    quantity=Decimal("1"),
    unit: str = "",
    unit_price=Decimal("0"),
    vat_rate=Decimal("20"),
    discount_percent=Decimal("0"),
) -> dict:
    """The line's fields, checked and normalised; a ValidationError per field otherwise. A section title
    or free text keeps only its description (no quantity, price nor VAT: it counts in no total)."""
    if kind not in EDITABLE_KINDS:
        raise ValidationError({"kind": _("Choose a priced line, a section title or free text.")})
    description = _text(description, field="description", limit=DESCRIPTION_MAX_LENGTH, required=True)
    if kind in TEXT_KINDS:
        return {
            "kind": kind,
            "description": description,
            "quantity": Decimal("0"),
            "unit": "",
            "unit_price": Decimal("0"),
            "vat_rate": Decimal(QuoteVatRate.STANDARD),
            "discount_percent": Decimal("0"),
        }
    quantity = _decimal(quantity, "quantity")
    # The bounds first: quantizing 1e400 would overflow the decimal context.
    if not MIN_QUANTITY <= quantity <= MAX_LINE_QUANTITY:
        raise ValidationError({"quantity": _("Enter a quantity above 0 and at most 1,000,000.")})
    if quantity != quantity.quantize(Decimal("0.001")):
        raise ValidationError({"quantity": _("At most 3 decimals.")})
    unit_price = _decimal(unit_price, "unit_price")
    if not Decimal("0") <= unit_price <= MAX_PRICE:
        raise ValidationError({"unit_price": _("Enter a price from 0 to 99,999,999.99 €.")})
    if unit_price != unit_price.quantize(Decimal("0.01")):
        raise ValidationError({"unit_price": _("At most 2 decimals.")})
    vat_rate = _decimal(vat_rate, "vat_rate")
    if vat_rate not in VAT_RATES:
        raise ValidationError({"vat_rate": _("Choose a French VAT rate: 20, 10, 5.5, 2.1 or 0 %.")})
    discount_percent = _decimal(discount_percent or 0, "discount_percent")
    if not Decimal("0") <= discount_percent <= MAX_DISCOUNT or discount_percent != round(discount_percent, 2):
        raise ValidationError({"discount_percent": _("Enter a discount from 0 to 100 %.")})
    return {
        "kind": kind,
        "description": description,
        "quantity": quantity,
        "unit": _text(unit, field="unit", limit=UNIT_MAX_LENGTH),
        "unit_price": unit_price,
        "vat_rate": vat_rate.quantize(Decimal("0.01")),
        "discount_percent": discount_percent,
    }


def _save(line) -> None:
    line.full_clean(exclude=[field.name for field in line._meta.fields if field.is_relation])
    line.save()


@transaction.atomic
def line_add(*, document, by, kind: str = LineKind.ITEM, catalogue_entry=None, **fields):
    """Add a line at the end of a draft ``document`` and store its totals. ``fields``: description, and for
    a priced line quantity, unit, unit_price, vat_rate, discount_percent."""
    require_writer(by)
    document = locked(document)
    require_editable(document)
    values = checked_fields(kind=kind, **fields)
    manager = document.lines
    # After the last line (max, not count: lines copied by other code may have left gaps).
    last = manager.aggregate(last=Max("position"))["last"] or 0
    line = manager.model(**{manager.field.name: document}, position=last + 1, **values)
    if catalogue_entry is not None:
        if not hasattr(line, "catalogue_entry"):
            raise ValidationError(_("This document's lines do not come from the catalogue."))
        line.catalogue_entry = catalogue_entry
    _save(line)
    store_totals(document)
    return line


def line_add_from_catalogue(*, document, by, entry, quantity=Decimal("1")):
    """Add a priced line copied from a catalogue ``entry`` (its description or name, unit, price and VAT
    rate: a later change of the catalogue does not change the line)."""
    if entry is None or not entry.is_active:
        raise ValidationError({"entry": _("This catalogue entry is no longer offered.")})
    return line_add(
        document=document,
        by=by,
        kind=LineKind.ITEM,
        catalogue_entry=entry,
        description=entry.description or entry.name,
        quantity=quantity,
        unit=entry.unit,
        unit_price=entry.unit_price,
        vat_rate=entry.vat_rate,
        discount_percent=Decimal("0"),
    )


def _locked_line(document, line_id):
    line = document.lines.select_for_update().filter(pk=line_id).first()
    if line is None:
        raise ValidationError(_("This line no longer exists."), code="gone")
    return line


@transaction.atomic
def line_update(*, document, by, line_id: int, **fields):
    """Change a line of a draft ``document`` (its kind stays) and store the totals."""
    require_writer(by)
    document = locked(document)
    require_editable(document)
    line = _locked_line(document, line_id)
    if line.kind not in EDITABLE_KINDS:
        raise ValidationError(_("This line cannot be changed here."), code="not_editable")
    for name, value in checked_fields(kind=line.kind, **fields).items():
        setattr(line, name, value)
    _save(line)
    store_totals(document)
    return line


@transaction.atomic
def line_delete(*, document, by, line_id: int) -> None:
    """Delete a line of a draft ``document``; the positions close up and the totals are stored."""
    require_writer(by)
    document = locked(document)
    require_editable(document)
    _locked_line(document, line_id).delete()
    _renumber(document)
    store_totals(document)


@transaction.atomic
def line_move(*, document, by, line_id: int, direction: str) -> bool:
    """Move a line one place ``"up"`` or ``"down"``; False when it is already first or last."""
    require_writer(by)
    if direction not in ("up", "down"):
        raise ValidationError(_("Move a line up or down."), code="direction")
    document = locked(document)
    require_editable(document)
    _locked_line(document, line_id)
    ordered = list(document.lines.order_by("position", "pk").only("pk", "position"))
    index = next(i for i, line in enumerate(ordered) if line.pk == int(line_id))
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ordered):
        return False
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, line in enumerate(ordered, start=1):
        if line.position != position:
            line.position = position
            line.save(update_fields=["position"])
    return True
