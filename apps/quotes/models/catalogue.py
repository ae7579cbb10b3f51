"""The services and products the office manager sells: picked to add a quote line quickly."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.supplies.models.catalogue import MAX_PRICE, VatRate


class CatalogueEntry(models.Model):
    class Kind(models.TextChoices):
        SERVICE = "service", _("Service")
        PRODUCT = "product", _("Product")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.SERVICE)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description on the quote"), blank=True, max_length=2000)
    unit = models.CharField(_("unit"), max_length=20, blank=True, help_text=_("e.g. hour, day, piece, m²"))
    unit_price = models.DecimalField(
        _("unit price excl. VAT (€)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_PRICE)],
    )
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=4,
        decimal_places=2,
        choices=[(Decimal(value), label) for value, label in VatRate.choices],
        default=Decimal(VatRate.STANDARD),
    )
    is_active = models.BooleanField(_("offered"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("catalogue entry")
        verbose_name_plural = _("catalogue entries")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(unit_price__gte=0), name="quotes_catalogue_price_not_negative"),
            models.CheckConstraint(
                condition=models.Q(vat_rate__in=[Decimal(v) for v in VatRate.values]), name="quotes_catalogue_vat_known"
            ),
        ]
        indexes = [models.Index(fields=["is_active", "name"], name="quotes_catalogue_listed")]

    def __str__(self) -> str:
        return self.name
