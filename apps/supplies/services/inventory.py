"""Inventory counts: the figures counted on a site's shelves become the stock, in one transaction."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from apps.core.uniqueness import is_unique_violation
from apps.supplies.models import MAX_QUANTITY, CatalogueItem, InventoryCount, InventoryCountLine, MoveKind, SiteStock
from apps.supplies.services.stock import stock_move

ALREADY_APPLIED = "count_already_applied"


def counted_field(item_id: int) -> str:
    """The name of an item's figure in the count form, and the key of its errors."""
    return f"counted_{item_id}"


def _check_figures(counted: dict) -> dict[int, int]:
    errors: dict[str, str] = {}
    figures: dict[int, int] = {}
    for key, value in counted.items():
        try:
            item_id = int(key)
        except (TypeError, ValueError):
            errors["__all__"] = _("An item of this count is not in the catalogue.")
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            errors[counted_field(item_id)] = _("Enter a whole number of units.")
        elif value < 0:
            errors[counted_field(item_id)] = _("A shelf cannot hold less than nothing: enter 0 or more.")
        elif value > MAX_QUANTITY:
            errors[counted_field(item_id)] = _("At most %(max)s units.") % {
                "max": f"{MAX_QUANTITY:,}".replace(",", " ")
            }
        else:
            figures[item_id] = value
    if errors:
        raise ValidationError(errors)
    if not figures:
        raise ValidationError(_("Type the figure of at least one item (a blank line is not counted)."))
    return figures


def _check_not_applied(token) -> None:
    if token is not None and InventoryCount.objects.filter(submission_token=token).exists():
        raise ValidationError(_("This count has already been recorded."), code=ALREADY_APPLIED)


@transaction.atomic
def inventory_count_apply(*, site, by, counted: dict, note: str = "", token: uuid.UUID | None = None) -> InventoryCount:
    """Record a count of ``site``'s shelves and make the counted figures the stock; returns the count.

    ``counted`` maps catalogue item ids to the figure counted (items left out were not counted). Each
    counted item's stock row is locked, its quantity at that moment is the line's expected figure, and
    a difference becomes one ``counted`` stock move (``counted - expected``) through ``stock_move``:
    a move taken between the page being opened and the count being sent is counted in, not undone.
    A figure that is not a whole number from 0 up, or an archived or unknown item, raises a
    ValidationError keyed ``counted_<item id>`` (or for the whole form) and nothing is saved.

    ``token`` is the form's one-time token: the same sheet sent twice (even at the same moment) is
    applied once; the second gets a ValidationError with code ``count_already_applied``.
    """
    figures = _check_figures(counted)
    items = CatalogueItem.objects.filter(pk__in=figures, is_active=True).values_list("pk", flat=True)
    unknown = set(figures) - set(items)
    if unknown:
        raise ValidationError(
            {counted_field(pk): _("This item is archived or no longer in the catalogue.") for pk in sorted(unknown)}
        )
    if not site.is_active:
        raise ValidationError(_("%(site)s is closed: its shelves are no longer counted.") % {"site": site})
    note = (note or "").strip()[:255]
    _check_not_applied(token)
    count = InventoryCount(site=site, by=by, note=note)
    if token is not None:
        count.submission_token = token
    try:
        with transaction.atomic():
            count.save()
    except IntegrityError as exc:  # the same token saved by a request running at the same moment
        if not is_unique_violation(exc):
            raise
        _check_not_applied(token)
        raise ValidationError(_("This count has already been recorded."), code=ALREADY_APPLIED) from exc

    # The rows of items never stocked on the site yet, then every counted row locked in one query,
    # in a fixed order (two counts of one site cannot deadlock).
    SiteStock.objects.bulk_create(
        [SiteStock(item_id=pk, site=site) for pk in figures], ignore_conflicts=True, batch_size=500
    )
    stocks = list(
        SiteStock.objects.select_for_update()
        .filter(site=site, item_id__in=figures)
        .select_related("item", "site")
        .order_by("pk")
    )
    InventoryCountLine.objects.bulk_create(
        [
            InventoryCountLine(count=count, stock=stock, expected=stock.quantity, counted=figures[stock.item_id])
            for stock in stocks
        ]
    )
    reason = note or _("Inventory count")
    for stock in stocks:
        delta = figures[stock.item_id] - stock.quantity
        if delta == 0:
            continue
        try:
            stock_move(stock=stock, kind=MoveKind.COUNTED, delta=delta, by=by, reason=reason, count=count)
        except ValidationError as exc:
            raise ValidationError({counted_field(stock.item_id): exc.messages}) from exc
    return count
