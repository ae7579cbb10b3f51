"""Purchase orders: writing a draft and its lines, the director's approval, sending, cancelling, closing.

The life of an order: draft → (awaiting the director, when its total excl. VAT is above the director's
threshold) → approved → sent → partly received → received (recorded by the receiving services) →
closed; or cancelled before anything was received.

- ``order_create`` / ``order_update``: the header (supplier, contact, delivery site, expected date, notes);
- ``order_line_add`` / ``order_line_remove``: lines from the catalogue (its price and VAT) or free
  lines; the order's totals are recomputed (``order_recompute_totals``) at each change;
- ``order_submit``: above the threshold the order waits for the director (who is told), otherwise it
  is approved at once;
- ``order_approve`` / ``order_refuse``: the director's decision (a refusal returns the order to draft
  with its reason; the office manager who wrote it is told);
- ``order_send``: the number is taken (gap-free, per year), the PDF is made and stored, and the
  supplier's orders contact gets it by e-mail through the outbox; sent twice at once, sent once;
- ``order_cancel`` / ``order_close``.

Every function locks the order's row first, then checks the transition, so the same button pressed
twice at once acts once; a wrong transition is a ValidationError, a wrong person a PermissionDenied.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.selectors import directors
from apps.core.money import LineInput, Totals, document_totals
from apps.core.numbering import formatted, next_number
from apps.core.ranges import EARLIEST_DAY, LATEST_DAY
from apps.notifications.services import email_queue_external, notify, notify_many
from apps.purchasing.models import ORDER_PREFIX, OrderedRequestLine, OrderLine, OrderStatus, PurchaseOrder
from apps.purchasing.order_pdf import PDF_LANGUAGE, company_name, order_pdf_bytes
from apps.suppliers.models import Contact, SupplierCategory
from apps.supplies.models import MAX_PRICE, MAX_QUANTITY, SupplySettings, VatRate

REASON_MAX_LENGTH = 1000
NOTES_MAX_LENGTH = 2000
VAT_RATES = frozenset(Decimal(value) for value in VatRate.values)
# Sending: the order may go from a draft (under the threshold, submitting on the way) or once approved.
SENDABLE_STATUSES = frozenset({OrderStatus.DRAFT, OrderStatus.APPROVED})
CANCELLABLE_STATUSES = frozenset(
    {OrderStatus.DRAFT, OrderStatus.AWAITING_DIRECTOR, OrderStatus.APPROVED, OrderStatus.SENT}
)
CLOSABLE_STATUSES = frozenset({OrderStatus.PARTLY_RECEIVED, OrderStatus.RECEIVED})


# --- who may do what ------------------------------------------------------------------------------


def _check_office(by) -> None:
    if not (by.is_active and by.is_office_manager):
        raise PermissionDenied(_("Only an office manager manages purchase orders."))


def _check_director(by) -> None:
    if not (by.is_active and by.is_director):
        raise PermissionDenied(_("Only a director approves purchase orders."))


def _locked(order: PurchaseOrder) -> PurchaseOrder:
    return (
        PurchaseOrder.objects.select_for_update(of=("self",))
        .select_related("supplier", "contact", "site")
        .get(pk=order.pk)
    )


def _check_editable(order: PurchaseOrder) -> None:
    if order.status != OrderStatus.DRAFT:
        raise ValidationError(_("Only a draft order can be changed."))


def _clean_text(value: str, *, field: str, limit: int) -> str:
    value = (value or "").strip()
    if "\x00" in value:  # PostgreSQL refuses it in text
        raise ValidationError({field: _("Null characters are not allowed.")})
    if len(value) > limit:
        raise ValidationError({field: _("At most %(max)d characters.") % {"max": limit}})
    return value


def director_threshold() -> Decimal:
    """The total excl. VAT above which an order needs the director: the director's threshold of the
    supplies settings (the one threshold the office manager sets for the director, excl. VAT as
    there, so that a request and the order made of it cross it alike)."""
    return SupplySettings.current().director_above


def needs_director(order: PurchaseOrder) -> bool:
    return order.total_excl_vat > director_threshold()


# --- totals ---------------------------------------------------------------------------------------


def order_totals(lines) -> Totals:
    """The EN 16931 totals of ``lines`` (order lines): excl. VAT, VAT per rate, incl. VAT."""
    return document_totals(
        LineInput(quantity=line.quantity, unit_price=line.unit_price, vat_rate=line.vat_rate) for line in lines
    )


def order_recompute_totals(*, order: PurchaseOrder) -> PurchaseOrder:
    """Store ``document_totals`` of the order's lines on the order (call it after any change of a line)."""
    totals = order_totals(order.lines.only("quantity", "unit_price", "vat_rate"))
    order.total_excl_vat, order.total_vat, order.total_incl_vat = totals.excl_vat, totals.vat, totals.incl_vat
    order.save(update_fields=["total_excl_vat", "total_vat", "total_incl_vat"])
    return order


# --- the header -----------------------------------------------------------------------------------


def _check_header(*, supplier, contact, expected_on: dt.date | None) -> None:
    if not supplier.is_active:
        raise ValidationError({"supplier": _("This supplier is archived: choose an active one.")})
    if contact is not None and contact.supplier_id != supplier.pk:
        raise ValidationError({"contact": _("This contact is not one of the supplier's.")})
    if expected_on is not None and not EARLIEST_DAY <= expected_on <= LATEST_DAY:
        raise ValidationError({"expected_on": _("Enter a realistic date.")})


def default_contact(supplier) -> Contact | None:
    """The supplier's orders contact, else its first contact with an e-mail address."""
    contacts = [contact for contact in supplier.contacts.all() if contact.email]
    return next((c for c in contacts if c.is_orders_contact), contacts[0] if contacts else None)


@transaction.atomic
def order_create(
    *,
    by,
    supplier,
    site,
    expected_on: dt.date | None = None,
    notes: str = "",
    contact: Contact | None = None,
    team=None,
    token: uuid.UUID | None = None,
) -> PurchaseOrder:
    """A draft order to ``supplier``, sent to its orders contact unless ``contact`` says otherwise.

    ``token`` is the creating form's one-time token: the same form posted twice makes one order (the
    second post gets the first order back).
    """
    _check_office(by)
    _check_header(supplier=supplier, contact=contact, expected_on=expected_on)
    if token is not None:
        existing = PurchaseOrder.objects.filter(created_by=by, creation_token=token).first()
        if existing is not None:
            return existing
    order = PurchaseOrder(
        supplier=supplier,
        contact=contact or default_contact(supplier),
        site=site,
        team=team,
        expected_on=expected_on,
        notes=_clean_text(notes, field="notes", limit=NOTES_MAX_LENGTH),
        created_by=by,
        creation_token=token,
    )
    order.full_clean(exclude=["supplier", "site", "team", "contact", "created_by"])
    try:
        with transaction.atomic():
            order.save()
    except IntegrityError:
        existing = PurchaseOrder.objects.filter(created_by=by, creation_token=token).first()
        if token is None or existing is None:
            raise
        return existing
    return order


@transaction.atomic
def order_update(
    *,
    order: PurchaseOrder,
    by,
    supplier,
    site,
    expected_on: dt.date | None,
    notes: str = "",
    contact: Contact | None = None,
    team=None,
) -> PurchaseOrder:
    """Change a draft's header. A supplier change keeps the lines (their prices are the office's)."""
    _check_office(by)
    order = _locked(order)
    _check_editable(order)
    if order.supplier_id != supplier.pk and (contact is None or contact.supplier_id == order.supplier_id):
        # A new supplier: its orders contact, not the old supplier's contact the form still had selected.
        contact = default_contact(supplier)
    _check_header(supplier=supplier, contact=contact, expected_on=expected_on)
    order.supplier, order.site, order.team, order.contact = supplier, site, team, contact
    order.expected_on = expected_on
    order.notes = _clean_text(notes, field="notes", limit=NOTES_MAX_LENGTH)
    order.full_clean(exclude=["supplier", "site", "team", "contact", "created_by"])
    order.save(update_fields=["supplier", "site", "team", "contact", "expected_on", "notes"])
    return order


# --- the lines ------------------------------------------------------------------------------------


def _check_line(*, quantity, unit_price, vat_rate) -> None:
    errors = {}
    if not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
        errors["quantity"] = _("Enter a quantity from 1 to %(max)d.") % {"max": MAX_QUANTITY}
    if not isinstance(unit_price, Decimal) or not unit_price.is_finite() or not 0 <= unit_price <= MAX_PRICE:
        errors["unit_price"] = _("Enter a price of zero or more.")
    elif unit_price != unit_price.quantize(Decimal("0.01")):
        errors["unit_price"] = _("Enter a price in euros and cents.")
    if vat_rate not in VAT_RATES:
        errors["vat_rate"] = _("Choose one of the French VAT rates.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def order_line_add(
    *,
    order: PurchaseOrder,
    by,
    quantity: int,
    item=None,
    description: str = "",
    unit_price: Decimal | None = None,
    vat_rate: Decimal | None = None,
    unit: str = "",
    supplier_reference: str = "",
    category: str = SupplierCategory.SUPPLIES,
) -> OrderLine:
    """Add a line to a draft: a catalogue ``item`` (its name, reference, unit, price and VAT rate, unless
    given) or a free line (``description``, ``unit_price`` and ``vat_rate`` required)."""
    _check_office(by)
    order = _locked(order)
    _check_editable(order)
    if item is not None:
        if not item.is_active:
            raise ValidationError({"item": _("This item is archived.")})
        description = description or item.name
        unit_price = item.unit_price if unit_price is None else unit_price
        vat_rate = item.vat_rate if vat_rate is None else vat_rate
        unit = unit or item.get_unit_display()
        supplier_reference = supplier_reference or item.supplier_reference
    description = _clean_text(description, field="description", limit=255)
    if not description:
        raise ValidationError({"description": _("Describe what is ordered, or choose a catalogue item.")})
    if unit_price is None:
        raise ValidationError({"unit_price": _("Enter the unit price excl. VAT.")})
    if vat_rate is None:
        raise ValidationError({"vat_rate": _("Choose the VAT rate.")})
    vat_rate = Decimal(vat_rate).quantize(Decimal("0.01"))
    _check_line(quantity=quantity, unit_price=unit_price, vat_rate=vat_rate)
    if category not in SupplierCategory.values:
        raise ValidationError({"category": _("Choose a category.")})
    last = order.lines.order_by("-position").values_list("position", flat=True).first()
    line = OrderLine(
        order=order,
        position=(last or 0) + 1,
        item=item,
        description=description,
        supplier_reference=_clean_text(supplier_reference, field="supplier_reference", limit=60),
        unit=_clean_text(unit, field="unit", limit=20),
        quantity=quantity,
        unit_price=unit_price,
        vat_rate=vat_rate,
        category=category,
    )
    line.full_clean(exclude=["order", "item"])
    line.save()
    order_recompute_totals(order=order)
    return line


@transaction.atomic
def order_line_remove(*, order: PurchaseOrder, line_id: int, by) -> bool:
    """Remove a line of a draft (and its links to supply requests, which can then be ordered again).
    False when the line is already gone (removed twice)."""
    _check_office(by)
    order = _locked(order)
    _check_editable(order)
    deleted, _rows = OrderLine.objects.filter(order=order, pk=line_id).delete()
    order_recompute_totals(order=order)
    return bool(deleted)


# --- the director's approval ----------------------------------------------------------------------


def _check_has_lines(order: PurchaseOrder) -> None:
    if not order.lines.exists():
        raise ValidationError(_("Add at least one line to the order first."))


def _check_supplier_active(order: PurchaseOrder) -> None:
    # An archived supplier gets no new business: its drafts wait until it is restored or they are
    # moved to another supplier.
    if not order.supplier.is_active:
        raise ValidationError(
            _("%(supplier)s is archived: restore it, or change the order's supplier, before sending.")
            % {"supplier": order.supplier.name}
        )


@transaction.atomic
def order_submit(*, order: PurchaseOrder, by) -> PurchaseOrder:
    """Submit a draft: above the director's threshold (total excl. VAT) it waits for the director, who
    is told; otherwise it is approved, ready to send."""
    _check_office(by)
    order = _locked(order)
    if order.status != OrderStatus.DRAFT:
        raise ValidationError(_("This order has already been submitted."))
    _check_has_lines(order)
    _check_supplier_active(order)
    order = order_recompute_totals(order=order)
    order.needs_director = needs_director(order)
    order.submitted_at = timezone.now()
    order.refusal_reason = ""
    order.status = OrderStatus.AWAITING_DIRECTOR if order.needs_director else OrderStatus.APPROVED
    order.save(update_fields=["needs_director", "submitted_at", "refusal_reason", "status"])
    if order.needs_director:
        notify_many(
            directors(),
            kind="purchasing_order_to_approve",
            context={"order": order, "by": by, "total": order.total_incl_vat},
            url=order.get_absolute_url(),
        )
    return order


@transaction.atomic
def order_approve(*, order: PurchaseOrder, by) -> PurchaseOrder:
    """The director approves an order waiting for them: it is ready to send; its author is told."""
    _check_director(by)
    order = _locked(order)
    if order.status != OrderStatus.AWAITING_DIRECTOR:
        raise ValidationError(_("This order is not waiting for the director's approval."))
    order.status = OrderStatus.APPROVED
    order.director_decided_by, order.director_decided_at = by, timezone.now()
    order.save(update_fields=["status", "director_decided_by", "director_decided_at"])
    _tell_author(order, kind="purchasing_order_approved", by=by)
    return order


@transaction.atomic
def order_refuse(*, order: PurchaseOrder, by, reason: str) -> PurchaseOrder:
    """The director refuses an order waiting for them: it returns to draft with the reason, and the
    office manager who wrote it is told."""
    _check_director(by)
    reason = _clean_text(reason, field="reason", limit=REASON_MAX_LENGTH)
    if not reason:
        raise ValidationError({"reason": _("Say why the order is refused.")})
    order = _locked(order)
    if order.status != OrderStatus.AWAITING_DIRECTOR:
        raise ValidationError(_("This order is not waiting for the director's approval."))
    order.status = OrderStatus.DRAFT
    order.refusal_reason = reason
    order.director_decided_by, order.director_decided_at = by, timezone.now()
    order.save(update_fields=["status", "refusal_reason", "director_decided_by", "director_decided_at"])
    _tell_author(order, kind="purchasing_order_refused", by=by)
    return order


def _tell_author(order: PurchaseOrder, *, kind: str, by) -> None:
    notify(
        recipient=order.created_by,
        kind=kind,
        context={"order": order, "by": by, "reason": order.refusal_reason},
        url=order.get_absolute_url(),
    )


# --- sending --------------------------------------------------------------------------------------


@transaction.atomic
def order_send(*, order: PurchaseOrder, by) -> tuple[PurchaseOrder, bool]:
    """Send an order: (the order, True) when this call sent it; (the order, False) when it had already
    been sent (the button pressed twice: the second press waits for the first's lock, then finds the
    order sent, and does nothing).

    In one transaction: the order's row is locked, the number is taken from the year's counter (its row
    locked until commit, so numbers have no gap), the PDF is made and stored, and the e-mail to the
    supplier's contact is written to the outbox, with the PDF; a worker sends it once this commits. If
    anything fails, nothing is kept, the number neither.

    A draft can be sent directly when it does not need the director; above the threshold it must be
    approved first.
    """
    _check_office(by)
    order = _locked(order)
    if order.sent_at is not None:
        return order, False
    if order.status not in SENDABLE_STATUSES:
        raise ValidationError(_("Only a draft or an approved order can be sent."))
    _check_has_lines(order)
    _check_supplier_active(order)
    order = order_recompute_totals(order=order)
    if order.status == OrderStatus.DRAFT:
        order.needs_director = needs_director(order)
        if order.needs_director:
            raise ValidationError(_("This order is above the director's threshold: submit it for approval first."))
        order.submitted_at = timezone.now()
    contact = order.contact
    if contact is None or not contact.email:
        raise ValidationError(_("Choose a supplier contact with an e-mail address to send the order to."))
    now = timezone.now()
    year = timezone.localdate(now).year
    order.year = year
    order.number = formatted(ORDER_PREFIX, year, next_number(ORDER_PREFIX, year))
    order.status = OrderStatus.SENT
    order.sent_at, order.sent_by = now, by
    pdf = order_pdf_bytes(order)
    order.pdf.save(f"{order.number}.pdf", ContentFile(pdf), save=False)
    order.save(
        update_fields=["year", "number", "status", "sent_at", "sent_by", "pdf", "needs_director", "submitted_at"]
    )
    email_queue_external(
        to=contact.email,
        kind="purchasing_order_supplier",
        context={"order": order, "contact": contact, "by": by, "company_name": company_name()},
        language=PDF_LANGUAGE,
        attachment=pdf,
        attachment_name=f"{order.number}.pdf",
    )
    return order, True


# --- cancelling and closing -----------------------------------------------------------------------


@transaction.atomic
def order_cancel(*, order: PurchaseOrder, by, reason: str = "") -> PurchaseOrder:
    """Cancel an order nothing of which was received; its links to supply requests are released (they
    can be ordered again). A sent order needs a reason, e-mailed to the supplier's contact."""
    _check_office(by)
    reason = _clean_text(reason, field="reason", limit=REASON_MAX_LENGTH)
    order = _locked(order)
    if order.status not in CANCELLABLE_STATUSES:
        raise ValidationError(_("This order can no longer be cancelled."))
    if order.lines.filter(received_quantity__gt=0).exists():
        raise ValidationError(_("Part of this order was received: close it instead."))
    if order.status == OrderStatus.SENT and not reason:
        raise ValidationError({"reason": _("Say why the sent order is cancelled.")})
    was_sent = order.status == OrderStatus.SENT
    OrderedRequestLine.objects.filter(order_line__order=order).delete()
    order.status = OrderStatus.CANCELLED
    order.cancelled_at, order.cancel_reason = timezone.now(), reason
    order.save(update_fields=["status", "cancelled_at", "cancel_reason"])
    if was_sent and order.contact is not None and order.contact.email:
        # The supplier has the order: it is told, with the reason, through the outbox.
        email_queue_external(
            to=order.contact.email,
            kind="purchasing_order_cancelled",
            context={"order": order, "contact": order.contact, "by": by, "company_name": company_name()},
            language=PDF_LANGUAGE,
        )
    return order


@transaction.atomic
def order_close(*, order: PurchaseOrder, by) -> PurchaseOrder:
    """Close an order received in full, or partly received when the rest will not come."""
    _check_office(by)
    order = _locked(order)
    if order.status not in CLOSABLE_STATUSES:
        raise ValidationError(_("Only a received or partly received order can be closed."))
    order.status = OrderStatus.CLOSED
    order.closed_at = timezone.now()
    order.save(update_fields=["status", "closed_at"])
    return order
