"""Fulfilment: issuing what approved requests asked for, and telling the requester when it is ready."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.notifications.services import notify
from apps.supplies.models import (
    TO_FULFIL_STATUSES,
    LineDecision,
    MoveKind,
    RequestLine,
    RequestStatus,
    SiteStock,
    SupplyRequest,
    SupplySettings,
)
from apps.supplies.services.stock import stock_move


def _approved_lines(request: SupplyRequest) -> list[RequestLine]:
    return list(request.lines.filter(decision=LineDecision.APPROVED).select_related("item").order_by("position", "pk"))


@transaction.atomic
def request_fulfil(*, request: SupplyRequest, by=None) -> SupplyRequest:
    """Issue from the request's site what is in stock for its approved catalogue lines; returns it.

    Takes for each line what the shelf holds, up to what is still owed (a line short of stock waits
    for a purchase and is completed by a later call, after stock is received). Lines not in the
    catalogue wait until the office manager records them as arrived. When every approved line is in
    hand, the request is ready and the requester is told where to pick it up. Safe to call again: a
    request that is not approved, or whose lines are all in hand, is left as it is.
    """
    request = SupplyRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in TO_FULFIL_STATUSES:
        return request
    now = timezone.now()
    lines = _approved_lines(request)
    for line in lines:
        if line.fulfilled_at is not None or line.item_id is None:
            continue
        owed = line.quantity - line.issued_quantity
        # Locked here, so the quantity read is what the move takes from (stock_move locks it again,
        # which in the same transaction costs nothing more).
        stock = SiteStock.objects.select_for_update().filter(item_id=line.item_id, site_id=request.site_id).first()
        take = min(owed, stock.quantity) if stock is not None else 0
        if take > 0:
            stock_move(stock=stock, kind=MoveKind.ISSUED, delta=-take, by=by, request_line=line)
            line.issued_quantity += take
        if line.issued_quantity == line.quantity:
            line.fulfilled_at = now
        if take > 0 or line.fulfilled_at is not None:
            line.save(update_fields=["issued_quantity", "fulfilled_at"])
    if lines and all(line.fulfilled_at is not None for line in lines):
        request_mark_ready(request=request, at=now)
    return request


def request_mark_ready(*, request: SupplyRequest, at=None) -> SupplyRequest:
    """Every approved line is in hand: the request is ready, and the requester is told where to pick it up."""
    request.status = RequestStatus.READY
    request.ready_at = at or timezone.now()
    request.pickup_note = SupplySettings.current().pickup_place
    request.save(update_fields=["status", "ready_at", "pickup_note"])
    notify(
        recipient=request.requester,
        kind="supplies_request_ready",
        context={"request": request},
        url=request.get_absolute_url(),
    )
    return request


def _check_office_manager(by) -> None:
    if not (by.is_active and by.is_office_manager):
        raise PermissionDenied(_("Only an office manager hands out supplies."))


def _locked(request: SupplyRequest) -> SupplyRequest:
    return SupplyRequest.objects.select_for_update().select_related("requester", "site").get(pk=request.pk)


@transaction.atomic
def request_issue(*, request: SupplyRequest, by) -> int:
    """The office manager's "Issue what is in stock now": ``request_fulfil`` for an approved request
    (after stock was received, say); returns how many units were issued (0: nothing on the shelf)."""
    _check_office_manager(by)
    request = _locked(request)
    if request.status not in TO_FULFIL_STATUSES:
        raise ValidationError(_("Only an approved request still waiting for some lines can be issued."))
    before = _issued_units(request)
    request_fulfil(request=request, by=by)
    return _issued_units(request) - before


def _issued_units(request: SupplyRequest) -> int:
    return request.lines.aggregate(total=Sum("issued_quantity"))["total"] or 0


@transaction.atomic
def request_line_arrived(*, request: SupplyRequest, line: RequestLine, by) -> SupplyRequest:
    """An approved line not (or not all) issued from stock is in hand: bought for this request and
    arrived. The line is fulfilled (without a stock move: what was bought for a request never sat on
    the shelf) and, when every approved line is, the request is ready and the requester told."""
    _check_office_manager(by)
    request = _locked(request)
    if request.status not in TO_FULFIL_STATUSES:
        raise ValidationError(_("Only the lines of an approved request can be marked as arrived."))
    line = RequestLine.objects.select_for_update().filter(request=request, pk=line.pk).first()
    if line is None or line.decision != LineDecision.APPROVED:
        raise ValidationError(_("Only an approved line of this request can be marked as arrived."))
    if line.fulfilled_at is not None:
        raise ValidationError(_("This line is already in hand."))
    now = timezone.now()
    line.fulfilled_at = now
    line.save(update_fields=["fulfilled_at"])
    if not request.lines.filter(decision=LineDecision.APPROVED, fulfilled_at__isnull=True).exists():
        request_mark_ready(request=request, at=now)
    return request


@transaction.atomic
def request_delivered(*, request: SupplyRequest, by) -> SupplyRequest:
    """The requester picked up (or was handed) a ready request: it is delivered, and closed."""
    _check_office_manager(by)
    request = _locked(request)
    if request.status != RequestStatus.READY:
        raise ValidationError(_("Only a request ready to pick up can be marked as delivered."))
    request.status = RequestStatus.DELIVERED
    request.delivered_at = timezone.now()
    request.save(update_fields=["status", "delivered_at"])
    return request
