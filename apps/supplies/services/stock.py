"""The stock ledger's one writer: every change of a site's stock goes through ``stock_move``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.selectors import office_managers
from apps.core.uniqueness import is_unique_violation
from apps.notifications.services import reminder_send_once
from apps.supplies.models import MAX_QUANTITY, MoveKind, SiteStock, StockMove

ALREADY_RECORDED = "move_already_recorded"


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
    *,
    stock: SiteStock,
    kind: str,
    delta: int,
    by=None,
    reason: str = "",
    request_line=None,
    count=None,
    token=None,
) -> StockMove:
    """Add ``delta`` units (negative to take) to ``stock`` and record the move; returns the move.

    Locks the stock row first, so two moves at once are serialized and the second sees the first's
    result; taking more than the shelf holds raises a ValidationError naming what is left (and the
    database's check refuses a negative stock even past this service). When the stock falls to its
    reorder threshold it records the day (``low_since``) and the office managers are told once, after
    commit; when it rises above, the mark is cleared so the next fall is told again.

    ``token`` is the one-time token of the form that asked for the move: checked once the row is
    locked (the same form sent twice at once waits for the first), a token already used raises a
    ValidationError with code ``move_already_recorded`` and nothing more is recorded.
    """
    _check_delta(delta)
    if kind not in MoveKind.values:
        raise ValidationError({"kind": _("Unknown kind of stock move.")})
    reason = (reason or "").strip()
    if kind == MoveKind.ADJUSTED and not reason:
        raise ValidationError({"reason": _("Say why the stock is adjusted.")})
    locked = SiteStock.objects.select_for_update().select_related("item", "site").get(pk=stock.pk)
    if token is not None and StockMove.objects.filter(submission_token=token).exists():
        raise _already_recorded()
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
                submission_token=token,
            )
    except IntegrityError as exc:  # the database's own check on a negative stock (or the token's)
        if is_unique_violation(exc):
            raise _already_recorded() from exc
        raise ValidationError({"quantity": _("There is not enough stock left for this.")}) from exc
    stock.quantity, stock.low_since = locked.quantity, locked.low_since
    if locked.low_since is not None and not was_low:
        low_stock_notice_send(stock=locked)
    return move


def _already_recorded() -> ValidationError:
    return ValidationError(_("This has already been recorded: the stock below includes it."), code=ALREADY_RECORDED)


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


# ---------------------------------------------------------------------------------------------
# The office manager's writes on one item's stock (the item_stock page): thin layers on stock_move.


def _check_quantity(quantity, *, field: str = "quantity", allow_negative: bool = False) -> None:
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise ValidationError({field: _("Enter a whole number of units.")})
    if quantity <= 0 and not allow_negative:
        raise ValidationError({field: _("Enter a quantity of at least 1.")})
    if abs(quantity) > MAX_QUANTITY:
        raise ValidationError(
            {field: _("At most %(max)s units in one move.") % {"max": f"{MAX_QUANTITY:,}".replace(",", " ")}}
        )


@transaction.atomic
def stock_receive(*, item, site, quantity: int, by, note: str = "", token=None) -> StockMove:
    """Record ``quantity`` units of ``item`` received on ``site`` (a delivery); returns the move.

    An archived item is refused: nobody can request it, the inventory count and the reorder list skip
    it, so stock received for it would sit unseen on the shelf (reactivate it first). An inactive site
    is refused for the same reason. The stock row is created on the first delivery.
    """
    _check_quantity(quantity)
    if not item.is_active:
        raise ValidationError(
            {
                "quantity": _("“%(item)s” is archived: reactivate it in the catalogue before receiving stock.")
                % {"item": item.name}
            }
        )
    if not site.is_active:
        raise ValidationError({"quantity": _("%(site)s is closed: no stock can be received there.") % {"site": site}})
    stock = stock_for(item=item, site=site)
    return stock_move(stock=stock, kind=MoveKind.RECEIVED, delta=quantity, by=by, reason=note, token=token)


@transaction.atomic
def stock_adjust(*, item, site, delta: int, reason: str, by, token=None) -> StockMove:
    """Correct the stock of ``item`` on ``site`` by ``delta`` (broken, lost, found), with a reason.

    Allowed on an archived item (to write off what is left of it). Taking more than the shelf holds
    is refused with what is left, and nothing is saved (not even the stock row of a first move).
    """
    _check_quantity(delta, allow_negative=True)
    if delta == 0:
        raise ValidationError({"quantity": _("A stock move changes the stock: enter a quantity other than zero.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the stock is adjusted.")})
    stock = stock_for(item=item, site=site)
    return stock_move(stock=stock, kind=MoveKind.ADJUSTED, delta=delta, by=by, reason=reason, token=token)


@transaction.atomic
def stock_settings_update(*, item, site, reorder_threshold: int, reorder_quantity: int, by=None) -> SiteStock:
    """Set the reorder threshold and quantity of ``item`` on ``site``; returns the stock row.

    The low mark follows the new threshold (set when the stock is now at or under it, cleared when
    above) without a notice: the person editing it sees the figures, and the reorder list shows it.
    A later fall after a restock is told as usual.
    """
    for field, value in (("reorder_threshold", reorder_threshold), ("reorder_quantity", reorder_quantity)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError({field: _("Enter a whole number of units.")})
        if not 0 <= value <= MAX_QUANTITY:
            raise ValidationError(
                {field: _("Enter a number from 0 to %(max)s.") % {"max": f"{MAX_QUANTITY:,}".replace(",", " ")}}
            )
    stock = stock_for(item=item, site=site, lock=True)
    stock.reorder_threshold = reorder_threshold
    stock.reorder_quantity = reorder_quantity
    if stock.is_low and stock.low_since is None:
        stock.low_since = timezone.localdate()
    elif not stock.is_low:
        stock.low_since = None
    stock.save(update_fields=["reorder_threshold", "reorder_quantity", "low_since"])
    return stock
