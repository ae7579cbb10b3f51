"""Spaces: per-site premises settings, floors, rooms and desks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.premises.validators import validate_plan_image

PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Equipment(models.TextChoices):
    SCREEN = "screen", _("Screen")
    VIDEO = "video", _("Video conference")
    WHITEBOARD = "whiteboard", _("Whiteboard")
    PROJECTOR = "projector", _("Projector")
    PHONE = "phone", _("Conference phone")


def default_open_days() -> list[int]:
    return [0, 1, 2, 3, 4]


class SitePremisesSettings(models.Model):
    """Booking rules of one site. A site without a row uses the defaults (see ``for_site``)."""

    site = models.OneToOneField(
        "accounts.Site", verbose_name=_("site"), on_delete=models.CASCADE, related_name="premises_settings"
    )
    opens_at = models.TimeField(_("opens at"), default=dt.time(8, 0))
    closes_at = models.TimeField(_("closes at"), default=dt.time(20, 0))
    open_days = models.JSONField(_("open days"), default=default_open_days, help_text=_("0 = Monday … 6 = Sunday."))
    max_booking_hours = models.PositiveSmallIntegerField(
        _("maximum booking length (hours)"), default=10, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    horizon_days = models.PositiveSmallIntegerField(
        _("booking horizon (days)"), default=90, validators=[MinValueValidator(1), MaxValueValidator(730)]
    )
    closed_on_public_holidays = models.BooleanField(_("closed on public holidays"), default=True)

    class Meta:
        verbose_name = _("premises settings")
        verbose_name_plural = _("premises settings")
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")), name="premises_open_hours")
        ]

    def __str__(self) -> str:
        return str(_("Premises settings of %(site)s") % {"site": self.site})

    def clean(self) -> None:
        super().clean()
        days = self.open_days
        if not isinstance(days, list) or not days or any(d not in Weekday.values for d in days):
            raise ValidationError({"open_days": _("Choose at least one day of the week.")})
        self.open_days = sorted(set(days))
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The closing time must be after the opening time.")})

    @classmethod
    def for_site(cls, site) -> SitePremisesSettings:
        """The site's settings, or unsaved defaults when the office manager never set them."""
        try:
            return cls.objects.get(site=site)
        except cls.DoesNotExist:
            return cls(site=site)

    @property
    def max_length(self) -> dt.timedelta:
        return dt.timedelta(hours=self.max_booking_hours)


class Floor(models.Model):
    site = models.ForeignKey("accounts.Site", verbose_name=_("site"), on_delete=models.PROTECT, related_name="floors")
    name = models.CharField(_("name"), max_length=100)
    level = models.SmallIntegerField(_("level"), default=0, help_text=_("0 = ground floor, -1 = basement."))
    plan = models.FileField(
        _("floor plan"),
        upload_to="premises/plans/",
        blank=True,
        validators=[validate_plan_image],
        help_text=_("PNG, JPEG or WebP, at most 5 MB."),
    )

    class Meta:
        verbose_name = _("floor")
        verbose_name_plural = _("floors")
        ordering = ["site", "level", "name"]
        constraints = [models.UniqueConstraint(fields=["site", "name"], name="premises_floor_unique_name")]

    def __str__(self) -> str:
        return f"{self.site} — {self.name}"


class PlanPosition(models.Model):
    """Where a room or desk sits on its floor plan, in percent of the plan's width and height."""

    plan_x = models.DecimalField(_("x (%)"), max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT)
    plan_y = models.DecimalField(_("y (%)"), max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT)
    plan_w = models.DecimalField(
        _("width (%)"), max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT
    )
    plan_h = models.DecimalField(
        _("height (%)"), max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT
    )

    class Meta:
        abstract = True

    @property
    def has_plan_position(self) -> bool:
        return None not in (self.plan_x, self.plan_y, self.plan_w, self.plan_h)

    def clean(self) -> None:
        super().clean()
        values = (self.plan_x, self.plan_y, self.plan_w, self.plan_h)
        if any(v is not None for v in values) and not self.has_plan_position:
            raise ValidationError(_("Give all four plan coordinates (x, y, width, height) or none."))
        if self.has_plan_position and (self.plan_x + self.plan_w > 100 or self.plan_y + self.plan_h > 100):
            raise ValidationError(_("The shape must stay inside the plan (x + width and y + height ≤ 100 %)."))


class Room(PlanPosition):
    floor = models.ForeignKey(Floor, verbose_name=_("floor"), on_delete=models.PROTECT, related_name="rooms")
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=4, validators=[MinValueValidator(1)])
    equipment = models.JSONField(_("equipment"), default=list, blank=True)
    is_bookable = models.BooleanField(_("bookable"), default=True)
    is_accessible = models.BooleanField(_("wheelchair accessible"), default=False)
    needs_approval = models.BooleanField(
        _("needs approval"), default=False, help_text=_("Bookings wait for the office manager's approval.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["floor__level", "name"]
        constraints = [models.UniqueConstraint(fields=["floor", "name"], name="premises_room_unique_name")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        equipment = self.equipment or []
        if not isinstance(equipment, list) or any(e not in Equipment.values for e in equipment):
            raise ValidationError({"equipment": _("Unknown equipment.")})
        self.equipment = sorted(set(equipment))

    @property
    def equipment_labels(self) -> list[str]:
        return [str(Equipment(e).label) for e in self.equipment if e in Equipment.values]

    def has_equipment(self, wanted) -> bool:
        return set(wanted) <= set(self.equipment or [])


class Desk(PlanPosition):
    floor = models.ForeignKey(Floor, verbose_name=_("floor"), on_delete=models.PROTECT, related_name="desks")
    label = models.CharField(_("label"), max_length=50)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_desks",
    )
    is_bookable = models.BooleanField(
        _("bookable (hot desk)"), default=True, help_text=_("Anyone may book it for a day or part of a day.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("desk")
        verbose_name_plural = _("desks")
        ordering = ["floor__level", "label"]
        constraints = [models.UniqueConstraint(fields=["floor", "label"], name="premises_desk_unique_label")]

    def __str__(self) -> str:
        return self.label

    @property
    def name(self) -> str:
        return self.label

    @property
    def capacity(self) -> int:
        return 1
