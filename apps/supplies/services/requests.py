"""Staff requests: submitting a basket (or an equipment request) and cancelling it.

The office manager's decisions are in ``services.approvals``; issuing stock in ``services.fulfilment``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.selectors import office_managers
from apps.core import roles
from apps.core.ranges import LATEST_DAY
from apps.core.uniqueness import unique_or
from apps.notifications.services import notify_many
from apps.supplies.models import (
    CANCELLABLE_STATUSES,
    MAX_PRICE,
    MAX_QUANTITY,
    Awaiting,
    CatalogueItem,
    LineDecision,
    MoveKind,
    RequestKind,
    RequestLine,
    RequestStatus,
    SupplyRequest,
    SupplySettings,
    VatRate,
)
from apps.supplies.services.fulfilment import request_fulfil
from apps.supplies.services.stock import stock_for, stock_move

CENT = Decimal("0.01")
MAX_LINES = 60  # a basket's 50 catalogue lines and a few things not in the catalogue
DESCRIPTION_MAX = 255
LINK_MAX = 500
REASON_MAX = 2000
DEFAULT_VAT = Decimal(VatRate.STANDARD)


@dataclass(frozen=True)
class LineInput:
    """One line as asked: a catalogue item (``item_id``), or something not in the catalogue
    (``description``, estimated ``unit_price`` excl. VAT, optional ``link``), and a quantity."""

    quantity: Any
    item_id: int | None = None
    description: str = ""
    unit_price: Any = None
    link: str = ""


def line_amount(quantity: int, unit_price: Decimal) -> Decimal:
    """A line's net amount, rounded half-up to the cent (EN 16931)."""
    return (Decimal(quantity) * unit_price).quantize(CENT, rounding=ROUND_HALF_UP)


def vat_amount(quantity: int, unit_price: Decimal, vat_rate: Decimal) -> Decimal:
    return (line_amount(quantity, unit_price) * vat_rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def totals(lines: Iterable[tuple[int, Decimal, Decimal]]) -> tuple[Decimal, Decimal, Decimal]:
    """(excl. VAT, VAT, incl. VAT) of ``(quantity, unit price, VAT rate)`` lines: the net amounts
    summed, the VAT of each rate computed on that rate's sum and rounded (EN 16931)."""
    net = Decimal("0.00")
    by_rate: dict[Decimal, Decimal] = {}
    for quantity, unit_price, vat_rate in lines:
        amount = line_amount(quantity, unit_price)
        net += amount
        by_rate[vat_rate] = by_rate.get(vat_rate, Decimal("0")) + amount
    vat = sum(
        ((base * rate / 100).quantize(CENT, rounding=ROUND_HALF_UP) for rate, base in by_rate.items()),
        Decimal("0.00"),
    )
    return net, vat, net + vat


def _as_line(raw: LineInput | Mapping[str, Any]) -> LineInput:
    if isinstance(raw, LineInput):
        return raw
    return LineInput(
        quantity=raw.get("quantity"),
        item_id=raw.get("item_id", raw.get("item")),
        description=raw.get("description") or "",
        unit_price=raw.get("unit_price"),
        link=raw.get("link") or "",
    )


def check_quantity(value: Any) -> int:
    """A whole number of units from 1 to ``MAX_QUANTITY``, or a ValidationError saying what is wrong."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float | str):
        raise ValidationError(_("Enter a whole number of units."), code="quantity")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise ValidationError(_("Enter a whole number of units."), code="quantity") from exc
    if not number.is_finite() or number != number.to_integral_value():
        raise ValidationError(_("Enter a whole number of units."), code="quantity")
    if number < 1:
        raise ValidationError(_("The quantity must be at least 1."), code="quantity")
    if number > MAX_QUANTITY:
        raise ValidationError(
            _("At most %(max)s units on one line.") % {"max": f"{MAX_QUANTITY:,}".replace(",", " ")},
            code="quantity",
        )
    return int(number)


def check_price(value: Any) -> Decimal:
    """An estimated unit price excl. VAT from 0 to ``MAX_PRICE``, in euros and cents."""
    if isinstance(value, bool) or value is None or value == "":
        raise ValidationError(_("Give an estimated unit price (excl. VAT)."), code="price")
    try:
        price = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise ValidationError(_("Enter a price in euros, e.g. 12.50."), code="price") from exc
    if not price.is_finite():
        raise ValidationError(_("Enter a price in euros, e.g. 12.50."), code="price")
    if price < 0:
        raise ValidationError(_("A price cannot be negative."), code="price")
    if price > MAX_PRICE:
        raise ValidationError(_("A price cannot exceed %(max)s €.") % {"max": MAX_PRICE}, code="price")
    if price != price.quantize(CENT):
        raise ValidationError(_("Give the price in euros and cents (two decimals at most)."), code="price")
    return price


def check_needed_by(value: Any) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationError(_("Enter the date you need it by."), code="needed_by")
    if value < timezone.localdate():
        raise ValidationError(_("The date you need it by cannot be in the past."), code="needed_by")
    if value > LATEST_DAY:
        raise ValidationError(_("Enter a date before %(year)d.") % {"year": LATEST_DAY.year + 1}, code="needed_by")
    return value


def _check_link(link: str) -> str:
    link = (link or "").strip()
    if not link:
        return ""
    if len(link) > LINK_MAX:
        raise ValidationError(_("The link is too long (500 characters at most)."), code="link")
    try:
        URLValidator(schemes=["http", "https"])(link)
    except ValidationError as exc:
        raise ValidationError(_("Enter a web address starting with http:// or https://."), code="link") from exc
    return link


def _build_lines(raw_lines: list[LineInput], errors: list[str]) -> list[RequestLine]:
    """Unsaved lines with the catalogue's name, price and VAT rate copied in; problems go to ``errors``."""
    item_ids = set()
    for raw in raw_lines:
        if raw.item_id not in (None, ""):
            with contextlib.suppress(TypeError, ValueError):
                item_ids.add(int(raw.item_id))
    items = CatalogueItem.objects.only("id", "name", "unit_price", "vat_rate", "is_active").in_bulk(item_ids)
    lines = []
    for position, raw in enumerate(raw_lines, start=1):
        try:
            quantity = check_quantity(raw.quantity)
            if raw.item_id not in (None, ""):
                lines.append(_catalogue_line(raw, items, quantity, position))
            else:
                lines.append(_free_line(raw, quantity, position))
        except ValidationError as exc:
            label = (
                _catalogue_label(raw, items)
                or (raw.description or "").strip()[:60]
                or _("line %(n)d") % {"n": position}
            )
            errors.extend(f"{label}: {message}" for message in exc.messages)
    return lines


def _catalogue_label(raw: LineInput, items: dict[int, CatalogueItem]) -> str:
    try:
        item = items.get(int(raw.item_id))
    except (TypeError, ValueError):
        return ""
    return item.name if item is not None else ""


def _catalogue_line(raw: LineInput, items: dict[int, CatalogueItem], quantity: int, position: int) -> RequestLine:
    try:
        item = items.get(int(raw.item_id))
    except (TypeError, ValueError):
        item = None
    if item is None:
        raise ValidationError(_("This item is not in the catalogue."), code="unknown_item")
    if not item.is_active:
        raise ValidationError(
            _("This item has been archived and can no longer be requested: remove it."), code="archived_item"
        )
    return RequestLine(
        position=position,
        item=item,
        description=item.name[:DESCRIPTION_MAX],
        quantity=quantity,
        unit_price=item.unit_price,
        vat_rate=item.vat_rate,
    )


def _free_line(raw: LineInput, quantity: int, position: int) -> RequestLine:
    description = " ".join((raw.description or "").split())
    if not description:
        raise ValidationError(_("Describe what you need."), code="description")
    if len(description) > DESCRIPTION_MAX:
        raise ValidationError(_("Keep the description under 255 characters."), code="description")
    return RequestLine(
        position=position,
        description=description,
        link=_check_link(raw.link),
        quantity=quantity,
        unit_price=check_price(raw.unit_price),
        vat_rate=DEFAULT_VAT,
    )


def _check_not_submitted(requester, token) -> None:
    """The one-time token was already used: this very form has been sent (twice, or again)."""
    if SupplyRequest.objects.filter(requester=requester, submission_token=token).exists():
        raise ValidationError(
            _("This request has already been sent: you will find it in “My requests”."), code="already_submitted"
        )


@transaction.atomic
def request_submit(
    *,
    requester,
    site,
    kind: str,
    reason: str,
    needed_by: dt.date,
    lines: Iterable[LineInput | Mapping[str, Any]],
    token: uuid.UUID | str,
) -> SupplyRequest:
    """Save a request of ``kind`` and its ``lines``, then route it by its cost; returns it.

    Each catalogue line keeps the item's name, price and VAT rate of today. The total excl. VAT is
    the sum of the line amounts (each rounded half-up to the cent). Below the office manager's
    ``auto_approve_below``, a request of catalogue items only is approved at once and what is in
    stock is issued (``request_fulfil``); a line not in the catalogue carries the requester's own
    estimate, which must not be what lets a request past everyone, so such a request always goes to
    the office manager. Otherwise the request waits for the office manager, who is told, and for
    the director too above ``director_above``. ``token`` is the form's one-time token: the same form
    sent twice (at once, or again later) saves one request, the second getting a ValidationError with
    code ``already_submitted``. Anything invalid raises a ValidationError naming the field, and
    nothing is saved.
    """
    try:
        token = token if isinstance(token, uuid.UUID) else uuid.UUID(str(token))
    except ValueError:
        raise ValidationError({"token": _("The form has expired: reload the page and send it again.")}) from None
    # First: the form sent again (back button, double click) is told so, whatever it holds now.
    _check_not_submitted(requester, token)
    errors: dict[str, list[str]] = {}
    reason = (reason or "").strip()
    if not reason:
        errors.setdefault("reason", []).append(_("Say why you need it."))
    elif len(reason) > REASON_MAX:
        errors.setdefault("reason", []).append(_("Keep the reason under 2,000 characters."))
    try:
        check_needed_by(needed_by)
    except ValidationError as exc:
        errors.setdefault("needed_by", []).extend(exc.messages)
    if kind not in RequestKind.values:
        errors.setdefault("kind", []).append(_("Unknown kind of request."))
    if site is None or not getattr(site, "is_active", False):
        errors.setdefault("site", []).append(_("Choose an open site to pick it up from."))
    raw_lines = [_as_line(raw) for raw in lines]
    line_errors: list[str] = []
    if not raw_lines:
        line_errors.append(_("Add at least one line to your request."))
    elif len(raw_lines) > MAX_LINES:
        line_errors.append(_("At most %(max)d lines in one request.") % {"max": MAX_LINES})
    built = _build_lines(raw_lines, line_errors) if raw_lines and not line_errors else []
    if line_errors:
        errors["lines"] = line_errors
    if not errors:
        total = sum((line_amount(line.quantity, line.unit_price) for line in built), Decimal("0.00"))
        if total > MAX_PRICE:
            errors["lines"] = [_("The request costs too much to be right: check the quantities and prices.")]
    if errors:
        raise ValidationError(errors)

    thresholds = SupplySettings.current()
    auto = total < thresholds.auto_approve_below and all(line.item_id is not None for line in built)
    request = SupplyRequest(
        requester=requester,
        site=site,
        kind=kind,
        reason=reason,
        needed_by=needed_by,
        status=RequestStatus.APPROVED if auto else RequestStatus.PENDING,
        awaiting=Awaiting.NOBODY if auto else Awaiting.OFFICE_MANAGER,
        needs_director=not auto and total > thresholds.director_above,
        auto_approved=auto,
        total_excl_vat=total,
        submission_token=token,
    )
    with unique_or(lambda: _check_not_submitted(requester, token)):
        request.save()
    for line in built:
        line.request = request
        if auto:
            line.decision = LineDecision.APPROVED
    RequestLine.objects.bulk_create(built)
    if auto:
        request_fulfil(request=request, by=None)
        request.refresh_from_db()
    else:
        notify_many(
            office_managers(),
            kind="supplies_request_submitted",
            context={"request": request, "lines": built, "requester_name": requester.get_full_name()},
            url=request.get_absolute_url(),
        )
    return request


def may_cancel(request: SupplyRequest, user) -> bool:
    """The requester, or an office manager, while the request is not ready yet."""
    return request.is_cancellable and (request.requester_id == user.pk or user.has_role(roles.OFFICE_MANAGER))


@transaction.atomic
def request_cancel(*, request: SupplyRequest, by) -> SupplyRequest:
    """Cancel ``request`` (its requester or an office manager, until it is ready); returns it.

    What was already issued to its lines goes back on the shelf of its site (a ``returned`` move each).
    """
    request = SupplyRequest.objects.select_for_update().get(pk=request.pk)
    if request.requester_id != by.pk and not by.has_role(roles.OFFICE_MANAGER):
        raise ValidationError(_("Only the person who asked, or an office manager, may cancel this request."))
    if request.status not in CANCELLABLE_STATUSES:
        raise ValidationError(
            _("This request is “%(status)s”: it can no longer be cancelled.") % {"status": request.get_status_display()}
        )
    issued = request.lines.filter(issued_quantity__gt=0, item__isnull=False).select_related("item")
    for line in issued:
        stock = stock_for(item=line.item, site=request.site)
        stock_move(
            stock=stock,
            kind=MoveKind.RETURNED,
            delta=line.issued_quantity,
            by=by,
            request_line=line,
            reason=_("Request #%(number)d cancelled") % {"number": request.pk},
        )
        line.issued_quantity = 0
        line.fulfilled_at = None
        line.save(update_fields=["issued_quantity", "fulfilled_at"])
    request.status = RequestStatus.CANCELLED
    request.awaiting = Awaiting.NOBODY
    request.cancelled_at = timezone.now()
    request.cancelled_by = by
    request.save(update_fields=["status", "awaiting", "cancelled_at", "cancelled_by"])
    return request
