"""Budgets per year and category (optionally per site or team), and the accountant's settings."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.suppliers.models import SupplierCategory

MAX_BUDGET = Decimal("9999999999.99")


class Budget(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    category = models.CharField(_("category"), max_length=15, choices=SupplierCategory)
    site = models.ForeignKey(
        "accounts.Site", verbose_name=_("site"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("team"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(
        _("amount excl. VAT (€)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["year", "category", "site", "team", "pk"]
        constraints = [
            # One budget per year, category, site and team; "no site" and "no team" count as values.
            models.UniqueConstraint(
                "year", "category", Coalesce("site", 0), Coalesce("team", 0), name="purchasing_budget_once"
            ),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="purchasing_budget_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.get_category_display()}"


account_number = RegexValidator(r"^[0-9]{3,10}[0-9A-Z]*$", _("An account number is digits (e.g. 6064)."))


class AccountMapping(models.Model):
    """The expense account (plan comptable général) the accountant books a category's invoices to."""

    category = models.CharField(_("category"), max_length=15, choices=SupplierCategory, unique=True)
    account = models.CharField(_("expense account"), max_length=12, validators=[account_number])
    label = models.CharField(_("account label"), max_length=100)

    class Meta:
        verbose_name = _("account mapping")
        verbose_name_plural = _("account mappings")
        ordering = ["category"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} → {self.account}"


# The usual accounts of the plan comptable général, proposed until the office manager changes them.
DEFAULT_ACCOUNTS = {
    SupplierCategory.SUPPLIES: ("6064", "Fournitures administratives"),
    SupplierCategory.CLEANING: ("6283", "Nettoyage des locaux"),
    SupplierCategory.IT: ("6068", "Autres matières et fournitures"),
    SupplierCategory.MAINTENANCE: ("6155", "Entretien et réparations sur biens mobiliers"),
    SupplierCategory.CATERING: ("6257", "Réceptions"),
    SupplierCategory.SECURITY: ("6156", "Maintenance"),
    SupplierCategory.FURNITURE: ("6063", "Fournitures d'entretien et de petit équipement"),
    SupplierCategory.ENERGY: ("6061", "Fournitures non stockables (eau, énergie)"),
    SupplierCategory.SERVICES: ("6226", "Honoraires"),
    SupplierCategory.OTHER: ("6288", "Autres services extérieurs divers"),
}


class AccountingSettings(models.Model):
    """The rest of the accountant's mapping (one row, pk 1)."""

    journal_code = models.CharField(_("purchases journal code"), max_length=10, default="AC")
    journal_label = models.CharField(_("purchases journal label"), max_length=100, default="Journal des achats")
    supplier_account = models.CharField(
        _("suppliers account"), max_length=12, default="401", validators=[account_number]
    )
    vat_account = models.CharField(
        _("deductible VAT account"), max_length=12, default="44566", validators=[account_number]
    )

    class Meta:
        verbose_name = _("accounting settings")
        verbose_name_plural = _("accounting settings")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="purchasing_accounting_single_row")]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> AccountingSettings:
        settings_row, _created = cls.objects.get_or_create(pk=1)
        return settings_row
