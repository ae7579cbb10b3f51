"""Receiving: what arrived on a sent (or partly received) purchase order.

``order_receive`` records one delivery (a ``Receipt``) in one transaction, under a lock on the order:

- each catalogue line adds what arrived to the stock of the order's delivery site, through the stock
  ledger's one writer (``supplies.services.stock_move``), once: the form's one-time token is checked
  once the order is locked, so the same delivery sent twice, or twice at once, is recorded once;
- a free line (no catalogue item) adds no stock;
- more than ordered-and-not-yet-received, a negative quantity or nothing at all is refused with a
  clear message, and nothing is saved;
- the order becomes partly received or received;
- the supply requests whose lines were bought through the order (``OrderedRequestLine``) get what
  arrived: a catalogue line is issued from the stock just received (``request_fulfil``), a free line
  is marked arrived; a request whose every line is then in hand is ready and its requester is told
  (``request_mark_ready``, the supplies app's own notice).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.purchasing.models import (
    RECEIVABLE_STATUSES,
    OrderedRequestLine,
    OrderLine,
    OrderStatus,
    PurchaseOrder,
    Receipt,
    ReceiptLine,
)
from apps.supplies.models import TO_FULFIL_STATUSES, LineDecision, MoveKind, RequestLine, RequestStatus, SupplyRequest
from apps.supplies.services.fulfilment import request_fulfil, request_mark_ready
from apps.supplies.services.stock import stock_for, stock_move

REFERENCE_MAX = 60
NOTE_MAX = 180
# A delivery recorded with a date this far back is a typing mistake (the year), not a late entry.
OLDEST_DELIVERY = dt.timedelta(days=366)


@dataclass(frozen=True)
class ReceiveOutcome:
    receipt: Receipt
    already_recorded: bool = False
    requests_ready: int = 0  # supply requests made ready (their requesters told) by this delivery


def require_office_manager(user) -> None:
    if not (getattr(user, "is_authenticated", False) and user.is_active and user.is_office_manager):
        raise PermissionDenied(_("Only an office manager records deliveries."))


def receipt_note(reference: str, note: str) -> str:
    """The receipt's note: the delivery note's reference, then the free note."""
    reference, note = (reference or "").strip(), (note or "").strip()
    parts = [_("Delivery note %(reference)s") % {"reference": reference}] if reference else []
    if note:
        parts.append(note)
    return " · ".join(parts)[:255]


def rating_reference(receipt: Receipt) -> str:
    """What the supplier's rating of this delivery refers to: the order's number and the delivery's day."""
    return f"{receipt.order.number or receipt.order.pk} · {receipt.received_on.isoformat()}"[:100]


def _check_day(received_on, order: PurchaseOrder) -> dt.date:
    today = timezone.localdate()
    if received_on is None:
        return today
    if not isinstance(received_on, dt.date) or isinstance(received_on, dt.datetime):
        raise ValidationError({"received_on": _("Enter a valid date.")})
    if received_on > today:
        raise ValidationError({"received_on": _("A delivery cannot be recorded in the future.")})
    sent_on = timezone.localdate(order.sent_at) if order.sent_at else None
    if received_on < today - OLDEST_DELIVERY or (sent_on and received_on < sent_on):
        raise ValidationError(
            {"received_on": _("The delivery date must be between the day the order was sent and today.")}
        )
    return received_on


def _check_quantities(lines: dict[int, OrderLine], quantities: dict) -> dict[int, int]:
    """The quantity received per line (0s left out), or a ValidationError naming each wrong line."""
    errors, received = [], {}
    for key, value in quantities.items():
        try:
            pk = int(key)
        except (TypeError, ValueError):
            pk = None
        line = lines.get(pk)
        if line is None:
            errors.append(_("A line of the form is not a line of this order."))
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            errors.append(_("“%(line)s”: enter a whole number of units.") % {"line": line.description})
            continue
        if value < 0:
            errors.append(_("“%(line)s”: a quantity received cannot be negative.") % {"line": line.description})
        elif value > line.outstanding:
            errors.append(
                _("“%(line)s”: %(asked)s received, but only %(left)s of %(ordered)s are still expected.")
                % {"line": line.description, "asked": value, "left": line.outstanding, "ordered": line.quantity}
            )
        elif value:
            received[pk] = value
    if errors:
        raise ValidationError(errors, code="quantities")
    if not received:
        raise ValidationError(_("Enter the quantity received of at least one line."), code="nothing")
    return received


def _fulfil_requests(received: list[tuple[OrderLine, int]], by) -> int:
    """The linked supply requests get what arrived; returns how many became ready."""
    links = list(
        OrderedRequestLine.objects.filter(order_line__in=[line for line, _qty in received])
        .select_related("request_line")
        .order_by("request_line__request_id", "request_line__position", "request_line_id")
    )
    if not links:
        return 0
    request_ids = sorted({link.request_line.request_id for link in links})
    requests = {
        r.pk: r
        for r in SupplyRequest.objects.select_for_update().select_related("requester").filter(pk__in=request_ids)
    }
    before = {pk: r.status for pk, r in requests.items()}
    now = timezone.now()
    by_line = {line.pk: line for line, _qty in received}
    # Free lines: what has arrived so far on the order line is shared among its request lines in order;
    # each one fully covered is in hand (bought for the request, never on the shelf).
    covered: dict[int, int] = {}
    for link in links:
        line = by_line[link.order_line_id]
        if line.item_id is not None:
            continue
        request_line = link.request_line
        request = requests[request_line.request_id]
        owed = request_line.quantity - request_line.issued_quantity
        covered[line.pk] = covered.get(line.pk, 0) + owed
        if (
            covered[line.pk] <= line.received_quantity
            and request.status in TO_FULFIL_STATUSES
            and request_line.decision == LineDecision.APPROVED
            and request_line.fulfilled_at is None
        ):
            RequestLine.objects.filter(pk=request_line.pk).update(fulfilled_at=now)
    for pk in request_ids:
        request = requests[pk]
        if request.status not in TO_FULFIL_STATUSES:
            continue
        # Catalogue lines: issued from the stock just received (what is owed, as far as it goes).
        request = request_fulfil(request=request, by=by)
        if (
            request.status in TO_FULFIL_STATUSES
            and not request.lines.filter(decision=LineDecision.APPROVED, fulfilled_at__isnull=True).exists()
        ):
            request = request_mark_ready(request=request, at=now)
        requests[pk] = request
    return sum(1 for pk, r in requests.items() if r.status == RequestStatus.READY and before[pk] != RequestStatus.READY)


def order_receive(
    *,
    order: PurchaseOrder,
    by,
    quantities: dict,
    token,
    received_on: dt.date | None = None,
    reference: str = "",
    note: str = "",
) -> ReceiveOutcome:
    """Record one delivery on ``order``: ``quantities`` maps an order line's pk to the units received.

    All or nothing; idempotent per ``token`` (the form's one-time token): a second submission of the
    same form, even at the same moment, returns the first's receipt with ``already_recorded``.
    """
    require_office_manager(by)
    try:
        token = uuid.UUID(str(token))
    except (TypeError, ValueError, AttributeError):
        raise ValidationError(_("The form has expired: open the order again.")) from None
    if len((reference or "").strip()) > REFERENCE_MAX:
        raise ValidationError({"reference": _("At most %(max)d characters.") % {"max": REFERENCE_MAX}})
    if len((note or "").strip()) > NOTE_MAX:
        raise ValidationError({"note": _("At most %(max)d characters.") % {"max": NOTE_MAX}})
    try:
        with transaction.atomic():
            return _receive(order, by, quantities, token, received_on, reference, note)
    except IntegrityError:
        # The same token committed by another request between our check and our insert.
        existing = Receipt.objects.filter(token=token).select_related("order").first()
        if existing is None:
            raise
        return ReceiveOutcome(receipt=existing, already_recorded=True)


def _receive(order, by, quantities, token, received_on, reference, note) -> ReceiveOutcome:
    order = PurchaseOrder.objects.select_for_update().get(pk=order.pk)
    existing = Receipt.objects.filter(token=token).select_related("order").first()
    if existing is not None:
        if existing.order_id != order.pk:
            raise ValidationError(_("The form has expired: open the order again."))
        return ReceiveOutcome(receipt=existing, already_recorded=True)
    if order.status not in RECEIVABLE_STATUSES:
        raise ValidationError(
            _("Only a sent or partly received order can receive a delivery; this one is “%(status)s”.")
            % {"status": order.get_status_display()},
            code="not_receivable",
        )
    received_on = _check_day(received_on, order)
    lines = {
        line.pk: line
        for line in OrderLine.objects.select_for_update(of=("self",)).filter(order=order).select_related("item")
    }
    received = _check_quantities(lines, quantities)
    receipt = Receipt.objects.create(
        order=order, received_on=received_on, note=receipt_note(reference, note), by=by, token=token
    )
    done: list[tuple[OrderLine, int]] = []
    for pk in sorted(received):
        line, quantity = lines[pk], received[pk]
        move = None
        if line.item_id is not None:
            stock = stock_for(item=line.item, site=order.site)
            move = stock_move(
                stock=stock,
                kind=MoveKind.RECEIVED,
                delta=quantity,
                by=by,
                reason=_("Order %(number)s") % {"number": order.number or order.pk},
            )
        ReceiptLine.objects.create(receipt=receipt, order_line=line, quantity=quantity, stock_move=move)
        line.received_quantity += quantity
        line.save(update_fields=["received_quantity"])
        done.append((line, quantity))
    complete = all(line.outstanding == 0 for line in lines.values())
    order.status = OrderStatus.RECEIVED if complete else OrderStatus.PARTLY_RECEIVED
    fields = ["status"]
    if complete:
        order.received_at = timezone.now()
        fields.append("received_at")
    order.save(update_fields=fields)
    ready = _fulfil_requests(done, by)
    receipt.order = order
    return ReceiveOutcome(receipt=receipt, requests_ready=ready)
