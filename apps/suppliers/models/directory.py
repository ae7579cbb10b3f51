"""The supplier directory: suppliers, what they supply, and the people to talk to there."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum import iban as stdnum_iban
from stdnum.eu import vat as stdnum_vat
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from apps.core.identifiers import compact


class SupplierCategory(models.TextChoices):
    """What a supplier supplies; budgets and the accountant's expense accounts use the same list."""

    SUPPLIES = "supplies", _("Office supplies")
    CLEANING = "cleaning", _("Cleaning")
    IT = "it", _("IT and telecoms")
    MAINTENANCE = "maintenance", _("Maintenance and repairs")
    CATERING = "catering", _("Catering")
    SECURITY = "security", _("Security and safety")
    FURNITURE = "furniture", _("Furniture and equipment")
    ENERGY = "energy", _("Energy and utilities")
    SERVICES = "services", _("Services and fees")
    OTHER = "other", _("Other")


def validate_siren(value: str) -> None:
    if value and not stdnum_siren.is_valid(value):
        raise ValidationError(_("This SIREN is not valid (9 digits, checksum)."), code="invalid_siren")


def validate_siret(value: str) -> None:
    if value and not stdnum_siret.is_valid(value):
        raise ValidationError(_("This SIRET is not valid (14 digits, checksum)."), code="invalid_siret")


def validate_vat(value: str) -> None:
    if value and not stdnum_vat.is_valid(value):
        raise ValidationError(
            _("This VAT number is not valid (country code then number, e.g. FR40303265045)."), code="invalid_vat"
        )


def validate_iban(value: str) -> None:
    if value and not stdnum_iban.is_valid(value):
        raise ValidationError(_("This IBAN is not valid (checksum)."), code="invalid_iban")


class Supplier(models.Model):
    name = models.CharField(_("name"), max_length=200)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True, validators=[validate_siren])
    siret = models.CharField(_("SIRET"), max_length=14, blank=True, validators=[validate_siret])
    vat_number = models.CharField(_("VAT number"), max_length=20, blank=True, validators=[validate_vat])
    address = models.CharField(_("address"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, default="FR", help_text=_("ISO code, e.g. FR, BE."))
    website = models.URLField(_("website"), max_length=300, blank=True)
    # Days from the invoice date a supplier invoice is due (French law: 60 days at most, see
    # FRENCH_RULES.md); the invoice form proposes the due date from it.
    payment_days = models.PositiveSmallIntegerField(_("payment terms (days)"), default=30)
    payment_terms = models.CharField(_("payment terms"), max_length=200, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True, validators=[validate_iban])
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # The one-time token of the form that added it: the same form sent twice adds one supplier.
    submission_token = models.UUIDField(_("submission token"), null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")
        ordering = ["name", "pk"]
        constraints = [
            # A duplicate is shown by the service as the field's error; the database refuses it too.
            models.UniqueConstraint(
                fields=["siret"], condition=~models.Q(siret=""), name="suppliers_supplier_siret_unique"
            ),
            models.UniqueConstraint(
                fields=["vat_number"], condition=~models.Q(vat_number=""), name="suppliers_supplier_vat_unique"
            ),
            models.CheckConstraint(condition=models.Q(payment_days__lte=120), name="suppliers_payment_days_bounded"),
        ]
        indexes = [
            models.Index(Lower("name"), name="suppliers_supplier_name"),
            models.Index(fields=["is_active", "name"], name="suppliers_supplier_browse"),
            models.Index(fields=["siren"], name="suppliers_supplier_siren"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("suppliers:detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        for name in ("siren", "siret", "vat_number", "iban", "bic"):
            setattr(self, name, compact(getattr(self, name)))
        self.country = (self.country or "").strip().upper()
        if self.siret and not self.siren:
            self.siren = self.siret[:9]
        if self.siret and self.siren and not self.siret.startswith(self.siren):
            raise ValidationError({"siret": _("The SIRET must start with the supplier's SIREN.")})

    @property
    def iban_masked(self) -> str:
        """``FR76 •••• •••• 0189``: the country and check digits, then the last four characters (enough to
        recognise the account, not to use it)."""
        if not self.iban:
            return ""
        return f"{self.iban[:4]} •••• •••• {self.iban[-4:]}"


class SupplierCategoryTag(models.Model):
    """One of the categories a supplier supplies (a supplier has several)."""

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="category_tags")
    category = models.CharField(_("category"), max_length=15, choices=SupplierCategory)

    class Meta:
        verbose_name = _("supplier category")
        verbose_name_plural = _("supplier categories")
        constraints = [
            models.UniqueConstraint(fields=["supplier", "category"], name="suppliers_category_once"),
        ]
        indexes = [models.Index(fields=["category", "supplier"], name="suppliers_category_lookup")]

    def __str__(self) -> str:
        return self.get_category_display()


class Contact(models.Model):
    supplier = models.ForeignKey(
        Supplier, verbose_name=_("supplier"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # The contact purchase orders are e-mailed to (one per supplier at most).
    is_orders_contact = models.BooleanField(_("receives purchase orders"), default=False)
    # The one-time token of the form that added it: the same form sent twice adds one contact.
    submission_token = models.UUIDField(_("submission token"), null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-is_orders_contact", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["supplier"], condition=models.Q(is_orders_contact=True), name="suppliers_one_orders_contact"
            ),
        ]

    def __str__(self) -> str:
        return self.name
