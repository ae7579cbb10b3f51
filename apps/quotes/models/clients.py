"""The company's clients (companies and private persons) and the people to write to there."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.eu import vat as eu_vat

from apps.accounts.models import validate_siren, validate_siret


def validate_eu_vat(value: str) -> None:
    """An intra-EU VAT number of any member state (a client may be Belgian or German), checksum included."""
    if value and not eu_vat.is_valid(value):
        raise ValidationError(_("This is not a valid intra-EU VAT number."), code="invalid_vat")


class ClientKind(models.TextChoices):
    COMPANY = "company", _("Company or organisation")
    PERSON = "person", _("Private person")


class Client(models.Model):
    kind = models.CharField(_("kind of client"), max_length=10, choices=ClientKind, default=ClientKind.COMPANY)
    name = models.CharField(_("name"), max_length=200)
    # Companies only (checked with python-stdnum); empty for a private person.
    siren = models.CharField(_("SIREN"), max_length=9, blank=True, validators=[validate_siren])
    siret = models.CharField(_("SIRET"), max_length=14, blank=True, validators=[validate_siret])
    vat_number = models.CharField(_("intra-EU VAT number"), max_length=20, blank=True, validators=[validate_eu_vat])
    # The billing address; a quote cannot be issued to a client without one.
    address = models.CharField(_("billing address"), max_length=255, blank=True)
    address_extra = models.CharField(_("address (continued)"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country code"), max_length=2, default="FR")
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    payment_terms_days = models.PositiveSmallIntegerField(
        _("payment terms (days)"),
        default=30,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
        help_text=_("Between businesses, 60 days from the invoice date at most."),
    )
    notes = models.TextField(_("notes"), blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # The one-time token of the form that created it: sent twice at once, one client.
    creation_token = models.UUIDField(_("creation token"), null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["siret"], condition=~models.Q(siret=""), name="quotes_client_siret_unique"),
            models.CheckConstraint(condition=models.Q(kind__in=ClientKind.values), name="quotes_client_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(payment_terms_days__lte=60), name="quotes_client_payment_terms_capped"
            ),
        ]
        indexes = [models.Index(fields=["is_archived", "name"], name="quotes_client_listed")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("quotes:client_detail", args=[self.pk])

    @property
    def is_business(self) -> bool:
        """A company owes the €40 recovery indemnity on a late payment; a private person does not."""
        return self.kind == ClientKind.COMPANY

    @property
    def has_address(self) -> bool:
        return bool(self.address.strip() and self.postal_code.strip() and self.city.strip())

    @property
    def address_lines(self) -> list[str]:
        lines = [self.address, self.address_extra, f"{self.postal_code} {self.city}".strip()]
        if self.country and self.country != "FR":
            lines.append(self.country)
        return [line for line in lines if line.strip()]


class ClientContact(models.Model):
    client = models.ForeignKey(Client, verbose_name=_("client"), on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # The contact quotes and invoices are sent to unless another is chosen.
    is_primary = models.BooleanField(_("receives quotes and invoices"), default=False)

    class Meta:
        verbose_name = _("client contact")
        verbose_name_plural = _("client contacts")
        ordering = ["-is_primary", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"], condition=models.Q(is_primary=True), name="quotes_contact_one_primary"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name
