"""The stock ledger: every change of a site's stock is a move; the stock is their sum."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MoveKind(models.TextChoices):
    RECEIVED = "received", _("Received")
    ISSUED = "issued", _("Issued to a request")
    RETURNED = "returned", _("Returned from a request")
    ADJUSTED = "adjusted", _("Adjusted")
    COUNTED = "counted", _("Inventory count")


class StockMove(models.Model):
    stock = models.ForeignKey(
        "supplies.SiteStock", verbose_name=_("stock"), on_delete=models.PROTECT, related_name="moves"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MoveKind)
    delta = models.IntegerField(_("change"))
    balance_after = models.IntegerField(_("stock after"))
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    request_line = models.ForeignKey(
        "supplies.RequestLine",
        verbose_name=_("request line"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="moves",
    )
    count = models.ForeignKey(
        "supplies.InventoryCount",
        verbose_name=_("inventory count"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="moves",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    # The one-time token of the stock page's form that made it (receive, adjust): sent twice, it
    # records one move.
    submission_token = models.UUIDField(_("submission token"), null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("stock move")
        verbose_name_plural = _("stock moves")
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(delta=0), name="supplies_move_not_zero"),
            models.CheckConstraint(condition=models.Q(balance_after__gte=0), name="supplies_move_balance_not_negative"),
            models.CheckConstraint(
                condition=~models.Q(kind="adjusted") | ~models.Q(reason=""), name="supplies_adjustment_has_reason"
            ),
        ]
        indexes = [models.Index(fields=["stock", "-at"], name="supplies_move_stock_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.delta:+d}"


class InventoryCount(models.Model):
    """A count of a site's shelves: the figures expected and counted; the differences are its moves."""

    site = models.ForeignKey("accounts.Site", verbose_name=_("site"), on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("counted by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.CharField(_("note"), max_length=255, blank=True)
    # The count form's one-time token: the same sheet sent twice at once is applied once.
    submission_token = models.UUIDField(_("submission token"), default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("inventory count")
        verbose_name_plural = _("inventory counts")
        ordering = ["-at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["submission_token"], name="supplies_count_submitted_once")]

    def __str__(self) -> str:
        return f"{self.site} · {self.at:%Y-%m-%d}"


class InventoryCountLine(models.Model):
    count = models.ForeignKey(InventoryCount, verbose_name=_("count"), on_delete=models.CASCADE, related_name="lines")
    stock = models.ForeignKey("supplies.SiteStock", verbose_name=_("stock"), on_delete=models.PROTECT, related_name="+")
    expected = models.IntegerField(_("expected"))
    counted = models.PositiveIntegerField(_("counted"))

    class Meta:
        verbose_name = _("counted item")
        verbose_name_plural = _("counted items")
        constraints = [models.UniqueConstraint(fields=["count", "stock"], name="supplies_count_line_unique")]

    def __str__(self) -> str:
        return f"{self.stock}: {self.counted}"

    @property
    def difference(self) -> int:
        return self.counted - self.expected
