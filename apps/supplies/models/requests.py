"""Staff requests for supplies or equipment, their lines and the office manager's thresholds."""

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

from apps.supplies.models.catalogue import MAX_QUANTITY, price_field, vat_rate_field


class RequestKind(models.TextChoices):
    SUPPLIES = "supplies", _("Supplies")
    # "Matériel": the premises' "Equipment" of a room is "Équipements".
    EQUIPMENT = "equipment", pgettext_lazy("supply request kind", "Equipment")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    # Not the leave app's "Approved" ("Validée"): a supply request is "approuvée", as in its notices.
    APPROVED = "approved", pgettext_lazy("supply request", "Approved")
    PARTLY_APPROVED = "partly", _("Partly approved")
    REFUSED = "refused", _("Refused")
    READY = "ready", _("Ready to pick up")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


class Awaiting(models.TextChoices):
    """Who must decide a pending request next."""

    NOBODY = "", _("Nobody")
    OFFICE_MANAGER = "office_manager", _("Office manager")
    # "la direction", as the requester's "En attente de la direction", not the role name "Dirigeant".
    DIRECTOR = "director", pgettext_lazy("awaiting", "Director")


# A request can be cancelled until it is ready; once ready or delivered it is the office's to close.
CANCELLABLE_STATUSES = frozenset({RequestStatus.PENDING, RequestStatus.APPROVED, RequestStatus.PARTLY_APPROVED})
# Approved (some or all lines) and not yet ready: lines wait for stock or a purchase.
TO_FULFIL_STATUSES = frozenset({RequestStatus.APPROVED, RequestStatus.PARTLY_APPROVED})
OPEN_STATUSES = frozenset({RequestStatus.PENDING, *TO_FULFIL_STATUSES, RequestStatus.READY})


class SupplyRequest(models.Model):
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="supply_requests",
    )
    site = models.ForeignKey(
        "accounts.Site", verbose_name=_("pick-up site"), on_delete=models.PROTECT, related_name="supply_requests"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RequestKind, default=RequestKind.SUPPLIES)
    reason = models.TextField(_("reason"))
    needed_by = models.DateField(_("needed by"))
    status = models.CharField(_("status"), max_length=10, choices=RequestStatus, default=RequestStatus.PENDING)
    awaiting = models.CharField(_("awaiting"), max_length=15, choices=Awaiting, blank=True, default=Awaiting.NOBODY)
    # Set at submission from the thresholds then in force: above the second one the director decides too.
    needs_director = models.BooleanField(_("needs the director"), default=False)
    auto_approved = models.BooleanField(_("approved automatically"), default=False)
    total_excl_vat = price_field(_("total excl. VAT (€)"), default=Decimal("0"))
    # The form's one-time token: the same form sent twice at once saves one request.
    submission_token = models.UUIDField(_("submission token"), default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    office_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by (office manager)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    office_decided_at = models.DateTimeField(_("office manager's decision"), null=True, blank=True)
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
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    pickup_note = models.CharField(_("where and when to pick up"), max_length=255, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("supply request")
        verbose_name_plural = _("supply requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["requester", "submission_token"], name="supplies_request_submitted_once"),
            models.CheckConstraint(
                condition=models.Q(status__in=RequestStatus.values), name="supplies_request_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(awaiting="") | models.Q(status="pending"),
                name="supplies_request_awaits_when_pending",
            ),
        ]
        indexes = [
            models.Index(fields=["requester", "-created_at"], name="supplies_request_mine"),
            models.Index(fields=["status", "-created_at"], name="supplies_request_queue"),
            models.Index(fields=["awaiting"], condition=models.Q(status="pending"), name="supplies_request_awaiting"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("supplies:request_detail", args=[self.pk])

    @property
    def is_cancellable(self) -> bool:
        return self.status in CANCELLABLE_STATUSES


class LineDecision(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", pgettext_lazy("supply request", "Approved")
    REFUSED = "refused", _("Refused")


class RequestLine(models.Model):
    """One line of a request: a catalogue item, or something not in it (description, estimated price, link)."""

    request = models.ForeignKey(
        SupplyRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="lines"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    item = models.ForeignKey(
        "supplies.CatalogueItem",
        verbose_name=_("catalogue item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="request_lines",
    )
    # The item's name when it was asked for (a later rename does not rewrite the request), or the
    # description of something not in the catalogue.
    description = models.CharField(_("description"), max_length=255)
    link = models.URLField(_("link"), max_length=500, blank=True)
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=[MinValueValidator(1), MaxValueValidator(MAX_QUANTITY)]
    )
    # The catalogue price when asked for, or the requester's estimate.
    unit_price = price_field(_("unit price excl. VAT (€)"))
    vat_rate = vat_rate_field()
    decision = models.CharField(_("decision"), max_length=10, choices=LineDecision, default=LineDecision.PENDING)
    issued_quantity = models.PositiveIntegerField(_("issued from stock"), default=0)
    # Everything approved is in hand (issued from stock, or bought and arrived for a line not in stock).
    fulfilled_at = models.DateTimeField(_("fulfilled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("request line")
        verbose_name_plural = _("request lines")
        ordering = ["request", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1, quantity__lte=MAX_QUANTITY), name="supplies_line_quantity_bounded"
            ),
            models.CheckConstraint(
                condition=models.Q(issued_quantity__lte=models.F("quantity")),
                name="supplies_line_issued_within_quantity",
            ),
            models.CheckConstraint(condition=models.Q(unit_price__gte=0), name="supplies_line_price_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.description}"

    @property
    def amount_excl_vat(self) -> Decimal:
        return (self.quantity * self.unit_price).quantize(Decimal("0.01"))


class SupplySettings(models.Model):
    """The office manager's approval thresholds (one row, pk 1), amounts excluding VAT."""

    auto_approve_below = price_field(
        _("approved automatically below (€ excl. VAT)"),
        default=Decimal("50.00"),
        help_text=_("Requests costing less than this are approved without anyone deciding."),
    )
    director_above = price_field(
        _("the director approves too above (€ excl. VAT)"),
        default=Decimal("500.00"),
        help_text=_("Requests costing more than this need the director's approval after yours."),
    )
    pickup_place = models.CharField(
        _("where to pick up"),
        max_length=200,
        blank=True,
        help_text=_("Told to the requester when their request is ready, e.g. “Reception, 2nd floor”."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("supply settings")
        verbose_name_plural = _("supply settings")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="supplies_settings_single_row"),
            models.CheckConstraint(
                condition=models.Q(director_above__gte=models.F("auto_approve_below")),
                name="supplies_settings_thresholds_ordered",
            ),
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> SupplySettings:
        """The row, created with the defaults the first time it is read."""
        return cls.objects.get_or_create(pk=1)[0]
