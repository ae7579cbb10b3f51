"""Purchase orders to suppliers, their lines, and the deliveries received against them."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.suppliers.models import SupplierCategory
from apps.supplies.models.catalogue import MAX_QUANTITY, price_field, vat_rate_field

ORDER_PREFIX = "BC"  # bon de commande: BC-2026-0001


def total_field(verbose_name) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, default=Decimal("0"))


class OrderStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_DIRECTOR = "awaiting", _("Awaiting the director")
    APPROVED = "approved", _("Approved, to send")
    SENT = "sent", pgettext_lazy("purchase order", "Sent")
    PARTLY_RECEIVED = "partly", _("Partly received")
    RECEIVED = "received", pgettext_lazy("purchase order", "Received")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


EDITABLE_STATUSES = frozenset({OrderStatus.DRAFT})
# Sent to the supplier and not yet invoiced: what the budget page counts as committed.
COMMITTED_STATUSES = frozenset({OrderStatus.SENT, OrderStatus.PARTLY_RECEIVED, OrderStatus.RECEIVED})
RECEIVABLE_STATUSES = frozenset({OrderStatus.SENT, OrderStatus.PARTLY_RECEIVED})


def order_pdf_upload_to(instance: PurchaseOrder, filename: str) -> str:
    year = instance.year or timezone.now().year
    return f"purchasing/orders/{year}/{instance.number or 'draft'}-{uuid.uuid4().hex[:8]}.pdf"


class PurchaseOrder(models.Model):
    # Given when the order is sent (a draft has none), from the year's counter (apps/core/numbering.py).
    number = models.CharField(_("number"), max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    supplier = models.ForeignKey(
        "suppliers.Supplier", verbose_name=_("supplier"), on_delete=models.PROTECT, related_name="orders"
    )
    contact = models.ForeignKey(
        "suppliers.Contact",
        verbose_name=_("send to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    site = models.ForeignKey(
        "accounts.Site", verbose_name=_("delivery site"), on_delete=models.PROTECT, related_name="purchase_orders"
    )
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("team (cost centre)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="purchase_orders",
    )
    status = models.CharField(_("status"), max_length=10, choices=OrderStatus, default=OrderStatus.DRAFT)
    expected_on = models.DateField(_("expected delivery"), null=True, blank=True)
    notes = models.TextField(_("notes for the supplier"), blank=True)
    # Kept equal to document_totals(lines) by the services at every change of a line.
    total_excl_vat = total_field(_("total excl. VAT (€)"))
    total_vat = total_field(_("VAT (€)"))
    total_incl_vat = total_field(_("total incl. VAT (€)"))
    # Set when the order is submitted above the director's threshold then in force.
    needs_director = models.BooleanField(_("needs the director"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # The one-time token of the form that created it: sent twice at once, one order.
    creation_token = models.UUIDField(_("creation token"), null=True, blank=True, editable=False)
    director_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by (director)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    director_decided_at = models.DateTimeField(_("director's decision"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The PDF as sent (made once, at sending; never regenerated, so it stays what the supplier got).
    pdf = models.FileField(_("PDF"), upload_to=order_pdf_upload_to, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        verbose_name = _("purchase order")
        verbose_name_plural = _("purchase orders")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~models.Q(number=""), name="purchasing_order_number_unique"
            ),
            models.UniqueConstraint(
                fields=["created_by", "creation_token"],
                condition=models.Q(creation_token__isnull=False),
                name="purchasing_order_created_once",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=OrderStatus.values), name="purchasing_order_status_valid"
            ),
            # Only a draft has no number (a cancelled draft neither).
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "awaiting", "approved", "cancelled"]) | ~models.Q(number=""),
                name="purchasing_order_sent_has_number",
            ),
            models.CheckConstraint(
                condition=models.Q(total_excl_vat__gte=0, total_vat__gte=0, total_incl_vat__gte=0),
                name="purchasing_order_totals_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="purchasing_order_queue"),
            models.Index(fields=["supplier", "-created_at"], name="purchasing_order_supplier"),
            models.Index(fields=["expected_on"], name="purchasing_order_expected"),
        ]

    def __str__(self) -> str:
        return self.number or str(_("Draft order #%(pk)s") % {"pk": self.pk})

    def get_absolute_url(self) -> str:
        return reverse("purchasing:order_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class OrderLine(models.Model):
    order = models.ForeignKey(PurchaseOrder, verbose_name=_("order"), on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    item = models.ForeignKey(
        "supplies.CatalogueItem",
        verbose_name=_("catalogue item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="order_lines",
    )
    description = models.CharField(_("description"), max_length=255)
    supplier_reference = models.CharField(_("supplier reference"), max_length=60, blank=True)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=[MinValueValidator(1), MaxValueValidator(MAX_QUANTITY)]
    )
    unit_price = price_field(_("unit price excl. VAT (€)"))
    vat_rate = vat_rate_field()
    category = models.CharField(
        _("budget category"), max_length=15, choices=SupplierCategory, default=SupplierCategory.SUPPLIES
    )
    received_quantity = models.PositiveIntegerField(_("received"), default=0)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["order", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1, quantity__lte=MAX_QUANTITY), name="purchasing_line_quantity_bounded"
            ),
            models.CheckConstraint(
                condition=models.Q(received_quantity__lte=models.F("quantity")),
                name="purchasing_line_received_within_ordered",
            ),
            models.CheckConstraint(condition=models.Q(unit_price__gte=0), name="purchasing_line_price_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.description}"

    @property
    def amount_excl_vat(self) -> Decimal:
        return (self.quantity * self.unit_price).quantize(Decimal("0.01"))

    @property
    def outstanding(self) -> int:
        return self.quantity - self.received_quantity


class OrderedRequestLine(models.Model):
    """A supply request line bought through an order line: receiving the order fulfils it."""

    order_line = models.ForeignKey(OrderLine, on_delete=models.CASCADE, related_name="request_links")
    request_line = models.ForeignKey("supplies.RequestLine", on_delete=models.PROTECT, related_name="order_links")

    class Meta:
        verbose_name = _("ordered request line")
        verbose_name_plural = _("ordered request lines")
        # A request line is on one live order at most (cancelling an order releases its links).
        constraints = [models.UniqueConstraint(fields=["request_line"], name="purchasing_request_line_ordered_once")]

    def __str__(self) -> str:
        return f"{self.request_line_id} → {self.order_line_id}"


class Receipt(models.Model):
    """One delivery received against an order (partial deliveries are several receipts)."""

    order = models.ForeignKey(PurchaseOrder, verbose_name=_("order"), on_delete=models.PROTECT, related_name="receipts")
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    note = models.CharField(_("note (delivery slip number, damage…)"), max_length=255, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("received by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    # The receiving form's one-time token: the same delivery sent twice is recorded once.
    token = models.UUIDField(_("token"), unique=True, default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("delivery received")
        verbose_name_plural = _("deliveries received")
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.order} · {self.received_on}"


class ReceiptLine(models.Model):
    receipt = models.ForeignKey(Receipt, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(OrderLine, on_delete=models.PROTECT, related_name="receipt_lines")
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    # The stock ledger's move this line made (catalogue items only): one move per received line, once.
    stock_move = models.OneToOneField(
        "supplies.StockMove", null=True, blank=True, on_delete=models.PROTECT, related_name="receipt_line"
    )

    class Meta:
        verbose_name = _("received line")
        verbose_name_plural = _("received lines")
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="purchasing_receipt_quantity_positive"),
            models.UniqueConstraint(fields=["receipt", "order_line"], name="purchasing_receipt_line_once"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.order_line}"
