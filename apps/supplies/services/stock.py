"""The stock ledger's one writer: every change of a site's stock goes through ``stock_move``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.selectors import office_managers
from apps.notifications.services import reminder_send_once
from apps.supplies.models import MAX_QUANTITY, MoveKind, SiteStock, StockMove


def stock_for(*, item, site, lock: bool = False) -> SiteStock:
    """The item's stock row on ``site``, created (empty, no threshold) the first time; locked if asked."""
    stock, _created = SiteStock.objects.get_or_create(item=item, site=site)
    if lock:
        stock = SiteStock.objects.select_for_update().select_related("item", "site").get(pk=stock.pk)
    return stock


def _check_delta(delta) -> None:
    if isinstance(delta, bool) or not isinstance(delta, int):
        raise ValidationError({"quantity": _("Enter a whole number of units.")})
    if delta == 0:
        raise ValidationError({"quantity": _("A stock move changes the stock: enter a quantity other than zero.")})
    if abs(delta) > MAX_QUANTITY:
        raise ValidationError(
            {"quantity": _("At most %(max)s units in one move.") % {"max": f"{MAX_QUANTITY:,}".replace(",", " ")}}
        )


@transaction.atomic
def stock_move(
    *, stock: SiteStock, kind: str, delta: int, by=None, reason: str = "", request_line=None, count=None
) -> StockMove:
    """Add ``delta`` units (negative to take) to ``stock`` and record the move; returns the move.

    Locks the stock row first, so two moves at once are serialized and the second sees the first's
    result; taking more than the shelf holds raises a ValidationError naming what is left (and the
    database's check refuses a negative stock even past this service). When the stock falls to its
    reorder threshold it records the day (``low_since``) and the office managers are told once, after
    commit; when it rises above, the mark is cleared so the next fall is told again.
    """
    _check_delta(delta)
    if kind not in MoveKind.values:
        raise ValidationError({"kind": _("Unknown kind of stock move.")})
    reason = (reason or "").strip()
    if kind == MoveKind.ADJUSTED and not reason:
        raise ValidationError({"reason": _("Say why the stock is adjusted.")})
    locked = SiteStock.objects.select_for_update().select_related("item", "site").get(pk=stock.pk)
    new_quantity = locked.quantity + delta
    if new_quantity < 0:
        raise ValidationError(
            {
                "quantity": _("Only %(left)s left of “%(item)s” on %(site)s: %(asked)s cannot be taken.")
                % {"left": locked.quantity, "item": locked.item.name, "site": locked.site.name, "asked": -delta}
            }
        )
    was_low = locked.low_since is not None
    locked.quantity = new_quantity
    fields = ["quantity"]
    if locked.is_low and not was_low:
        locked.low_since = timezone.localdate()
        fields.append("low_since")
    elif not locked.is_low and was_low:
        locked.low_since = None
        fields.append("low_since")
    try:
        with transaction.atomic():
            locked.save(update_fields=fields)
            move = StockMove.objects.create(
                stock=locked,
                kind=kind,
                delta=delta,
                balance_after=new_quantity,
                reason=reason[:255],
                request_line=request_line,
                count=count,
                by=by,
            )
    except IntegrityError as exc:  # the database's own check on a negative stock
        raise ValidationError({"quantity": _("There is not enough stock left for this.")}) from exc
    stock.quantity, stock.low_since = locked.quantity, locked.low_since
    if locked.low_since is not None and not was_low:
        low_stock_notice_send(stock=locked)
    return move


def low_stock_notice_send(*, stock: SiteStock) -> int:
    """Tell every office manager that ``stock`` fell to its threshold; returns how many were told.

    Through the reminder ledger, keyed by the day it fell (``low_since``): once per fall and per
    person, however many moves follow, and again after it was restocked above the threshold and fell
    again. Written in the caller's transaction: a move rolled back tells nobody.
    """
    if stock.low_since is None:
        return 0
    told = 0
    for person in office_managers():
        told += reminder_send_once(
            kind="supplies_low_stock",
            obj=stock,
            recipient=person,
            due_date=stock.low_since,
            context={"stock": stock, "item": stock.item, "site": stock.site},
            url=reverse("supplies:reorder"),
        )
    return told
