"""The equipment register: what the company owns, where it is and who holds it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.supplies.models.catalogue import price_field

WARRANTY_NOTICE_DAYS = 60


class EquipmentKind(models.TextChoices):
    LAPTOP = "laptop", _("Laptop")
    DESKTOP = "desktop", _("Desktop computer")
    SCREEN = "screen", _("Screen")
    PHONE = "phone", _("Phone")
    TABLET = "tablet", _("Tablet")
    PRINTER = "printer", _("Printer")
    HEADSET = "headset", _("Headset")
    DOCKING = "docking", _("Docking station")
    CHAIR = "chair", _("Chair")
    DESK = "desk", pgettext_lazy("equipment kind", "Desk")  # a piece of furniture, not a desk to book
    BADGE = "badge", _("Badge")
    KEY = "key", _("Key")
    OTHER = "other", _("Other")


class EquipmentState(models.TextChoices):
    IN_SERVICE = "in_service", _("In service")
    IN_STOCK = "in_stock", _("In stock")
    IN_REPAIR = "in_repair", _("In repair")
    LOST = "lost", _("Lost")
    RETIRED = "retired", _("Retired")


# The states of an item nobody holds (in service means held: the holder is set by equipment_assign).
UNHELD_STATES = (EquipmentState.IN_STOCK, EquipmentState.IN_REPAIR, EquipmentState.LOST, EquipmentState.RETIRED)
# Out of the company's hands: never assigned again, no warranty notice.
GONE_STATES = (EquipmentState.LOST, EquipmentState.RETIRED)


class EquipmentItem(models.Model):
    asset_tag = models.CharField(_("asset tag"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=EquipmentKind)
    model = models.CharField(_("model"), max_length=200, blank=True)
    serial_number = models.CharField(_("serial number"), max_length=100, blank=True)
    supplier = models.CharField(_("supplier"), max_length=200, blank=True)
    purchase_date = models.DateField(_("purchase date"), null=True, blank=True)
    purchase_price = price_field(_("purchase price excl. VAT (€)"), null=True, blank=True)
    warranty_end = models.DateField(_("end of warranty"), null=True, blank=True)
    site = models.ForeignKey(
        "accounts.Site", verbose_name=_("site"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(_("state"), max_length=10, choices=EquipmentState, default=EquipmentState.IN_STOCK)
    # Who holds it now: the open assignment's person, kept here so lists need no join to the history.
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="equipment",
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # The one-time token of the form that added it: the same form sent twice adds one item.
    submission_token = models.UUIDField(_("submission token"), null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("equipment item")
        verbose_name_plural = _("equipment items")
        ordering = ["asset_tag"]
        constraints = [
            models.UniqueConstraint(
                fields=["serial_number"], condition=~models.Q(serial_number=""), name="supplies_equipment_serial_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(purchase_price__isnull=True) | models.Q(purchase_price__gte=0),
                name="supplies_equipment_price_not_negative",
            ),
            # Held ⇔ in service: the services set both together (assign, return), so a list filtered
            # on the state and one filtered on the holder never disagree.
            models.CheckConstraint(
                condition=models.Q(holder__isnull=True, state__in=UNHELD_STATES)
                | models.Q(holder__isnull=False, state=EquipmentState.IN_SERVICE),
                name="supplies_equipment_held_in_service",
            ),
        ]
        indexes = [
            models.Index(fields=["holder"], name="supplies_equipment_holder"),
            models.Index(fields=["warranty_end"], name="supplies_equipment_warranty"),
        ]

    def __str__(self) -> str:
        return f"{self.asset_tag} · {self.model or self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("supplies:equipment_detail", args=[self.pk])


class Assignment(models.Model):
    """One period an item was held by a person; the open one (no end) is who holds it now."""

    item = models.ForeignKey(
        EquipmentItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="assignments"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="equipment_assignments",
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("returned on"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("return recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    return_note = models.CharField(_("note on return"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-start", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item"], condition=models.Q(end__isnull=True), name="supplies_assignment_one_open_per_item"
            ),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="supplies_assignment_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["person", "end"], name="supplies_assignment_person")]

    def __str__(self) -> str:
        return f"{self.item} → {self.person}"


class EquipmentTicket(models.Model):
    """A problem reported on an item: the premises ticket it opened."""

    item = models.ForeignKey(EquipmentItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="tickets")
    ticket = models.OneToOneField(
        "premises.Ticket", verbose_name=_("ticket"), on_delete=models.PROTECT, related_name="equipment_link"
    )
    # The one-time token of the report form: sent twice, it opens one ticket.
    submission_token = models.UUIDField(_("submission token"), null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("equipment problem")
        verbose_name_plural = _("equipment problems")

    def __str__(self) -> str:
        return f"{self.item} · {self.ticket}"
