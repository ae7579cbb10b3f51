"""The safety and hygiene register (registre de sécurité): periodic checks and their records.

The next due date runs from the day the check was done (one interval after it): see
``apps.premises.scheduling.next_due_date``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.premises.validators import validate_report_file

DUE_SOON_DAYS = 30


class CheckKind(models.TextChoices):
    FIRE_EXTINGUISHERS = "extinguishers", _("Fire extinguishers")
    ELECTRICAL = "electrical", _("Electrical installation")
    EMERGENCY_LIGHTING = "emergency_lighting", _("Emergency lighting")
    FIRE_ALARM = "fire_alarm", _("Fire alarm")
    FIRST_AID = "first_aid", _("First-aid kit")
    VENTILATION = "ventilation", _("Ventilation and air quality")
    LIFTS = "lifts", _("Lifts")
    DUERP = "duerp", _("Risk assessment (DUERP) update")
    PEST_CONTROL = "pest_control", _("Pest control")
    OTHER = "other", _("Other")


class CheckStatus(models.TextChoices):
    OK = "ok", _("Up to date")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    TO_FIX = "to_fix", _("To fix")


class CheckResult(models.TextChoices):
    COMPLIANT = "compliant", _("Compliant")
    OBSERVATIONS = "observations", _("Compliant with observations")
    NON_COMPLIANT = "non_compliant", _("Non-compliant")


def check_status(due_date: dt.date, day: dt.date, *, to_fix: bool = False) -> str:
    """Overdue, to fix (a non-compliance whose ticket is still open), due within ``DUE_SOON_DAYS`` or up
    to date, on ``day``, for a check due on ``due_date``."""
    if due_date < day:
        return CheckStatus.OVERDUE
    if to_fix:
        return CheckStatus.TO_FIX
    if (due_date - day).days <= DUE_SOON_DAYS:
        return CheckStatus.DUE_SOON
    return CheckStatus.OK


class CheckItem(models.Model):
    site = models.ForeignKey(
        "accounts.Site", verbose_name=_("site"), on_delete=models.PROTECT, related_name="check_items"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CheckKind)
    name = models.CharField(_("name"), max_length=150, blank=True, help_text=_("Leave empty to use the kind."))
    interval_months = models.PositiveSmallIntegerField(
        _("every (months)"), default=12, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    supplier = models.CharField(_("responsible supplier"), max_length=200, blank=True)
    legal_reference = models.TextField(_("legal reference"), blank=True)
    first_due_date = models.DateField(
        _("first due date"), help_text=_("Once a check is recorded, the next one is due one interval after it.")
    )
    due_date = models.DateField(_("next due date"), db_index=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("periodic check")
        verbose_name_plural = _("periodic checks")
        ordering = ["site", "due_date", "kind"]
        # No "due date after the first due date": a check done before the item was added (recorded
        # when the register is started) makes it due one interval after that check, maybe earlier.
        constraints = [
            models.CheckConstraint(condition=models.Q(interval_months__gte=1), name="premises_check_interval"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or str(CheckKind(self.kind).label)

    def status_on(self, day: dt.date, *, to_fix: bool = False) -> str:
        return check_status(self.due_date, day, to_fix=to_fix)

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())


class CheckRecord(models.Model):
    item = models.ForeignKey(CheckItem, verbose_name=_("check"), on_delete=models.PROTECT, related_name="records")
    done_on = models.DateField(_("done on"))
    done_by = models.CharField(_("done by"), max_length=200, help_text=_("Company or person who did the check."))
    result = models.CharField(_("result"), max_length=15, choices=CheckResult)
    report = models.FileField(
        _("report"),
        upload_to="premises/checks/%Y/",
        blank=True,
        validators=[validate_report_file],
        help_text=_("PDF or image, at most 10 MB."),
    )
    to_fix = models.TextField(_("what must be fixed"), blank=True)
    # The due date this check satisfied (empty for a late-entered check of an earlier period).
    counted_for = models.DateField(_("counted for the due date"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("check record")
        verbose_name_plural = _("check records")
        ordering = ["-done_on", "-created_at"]
        indexes = [models.Index(fields=["item", "-done_on"], name="premises_record_item_done")]

    def __str__(self) -> str:
        return f"{self.item} — {self.done_on:%Y-%m-%d}"
