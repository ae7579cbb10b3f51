"""Quotes (devis): the settings, the quote and its versions, its lines.

A draft has no number. Issuing takes the next number of the year (DEV-2026-0001) under the counter row's
lock (apps/core/numbering.py), freezes the PDF and the client's details, and from then on the quote is
never edited in place nor deleted: revising it makes version 2 (same number, ``-v2``), duplicating makes a
new draft.
"""

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

from apps.core.money import to_cent
from apps.quotes.models.common import DocumentLine, discount_field, line_constraints, money_field

QUOTE_PREFIX = "DEV"  # devis: DEV-2026-0001, its revisions DEV-2026-0001-v2
MAX_VALIDITY_DAYS = 365


class QuoteSettings(models.Model):
    """The office manager's defaults for quotes and invoices (one row, pk 1)."""

    validity_days = models.PositiveSmallIntegerField(
        _("quotes are valid for (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_VALIDITY_DAYS)],
    )
    payment_terms = models.CharField(
        _("payment terms on quotes"),
        max_length=255,
        default="Paiement à 30 jours à compter de la date de facture, par virement.",
    )
    invoice_due_days = models.PositiveSmallIntegerField(
        _("invoices are due after (days)"),
        default=30,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
        help_text=_("Between businesses, 60 days from the invoice date at most."),
    )
    late_penalty_rate = models.CharField(
        _("late-payment penalty rate"),
        max_length=200,
        default="trois fois le taux d'intérêt légal",
        help_text=_("Printed on invoices; the law sets a floor of three times the legal interest rate."),
    )
    default_deposit_percent = discount_field(_("default deposit (%)"))
    iban = models.CharField(_("IBAN for payments"), max_length=34, blank=True)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    quote_footer = models.TextField(_("footer note on quotes"), blank=True, max_length=1000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("quote and invoice settings")
        verbose_name_plural = _("quote and invoice settings")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="quotes_settings_single_row"),
            models.CheckConstraint(
                condition=models.Q(validity_days__gte=1, validity_days__lte=MAX_VALIDITY_DAYS),
                name="quotes_settings_validity_bounded",
            ),
            models.CheckConstraint(condition=models.Q(invoice_due_days__lte=60), name="quotes_settings_due_capped"),
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> QuoteSettings:
        """The row, created with the defaults the first time it is read."""
        return cls.objects.get_or_create(pk=1)[0]


class QuoteStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", pgettext_lazy("quote", "Issued, not sent")
    SENT = "sent", pgettext_lazy("quote", "Sent")
    ACCEPTED = "accepted", pgettext_lazy("quote", "Accepted")
    DECLINED = "declined", pgettext_lazy("quote", "Declined")
    EXPIRED = "expired", pgettext_lazy("quote", "Expired")
    # Replaced by a later version (its revision was issued): kept read-only, linked.
    SUPERSEDED = "superseded", pgettext_lazy("quote", "Replaced by a new version")


# Issued and waiting for the client's answer: can be accepted, declined, revised, expire.
ANSWERABLE_STATUSES = frozenset({QuoteStatus.ISSUED, QuoteStatus.SENT})


def quote_file_upload_to(instance: Quote, filename: str) -> str:
    year = instance.year or timezone.now().year
    return f"quotes/{year}/{instance.reference or 'draft'}-{uuid.uuid4().hex[:8]}.pdf"


def signed_copy_upload_to(instance: Quote, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    year = instance.year or timezone.now().year
    return f"quotes/{year}/signed/{instance.reference}-{uuid.uuid4().hex[:8]}.{extension[:5]}"


class Quote(models.Model):
    # Given at issue (a draft has none), from the year's counter; every version of a quote shares it.
    number = models.CharField(_("number"), max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    # The version this one revises (version 1 has none); the old version stays, read-only.
    revision_of = models.OneToOneField(
        "self",
        verbose_name=_("revises"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revised_by",
    )
    client = models.ForeignKey(
        "quotes.Client", verbose_name=_("client"), on_delete=models.PROTECT, related_name="quotes"
    )
    contact = models.ForeignKey(
        "quotes.ClientContact",
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quotes",
    )
    subject = models.CharField(_("subject"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=QuoteStatus, default=QuoteStatus.DRAFT)
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    validity_days = models.PositiveSmallIntegerField(
        _("valid for (days)"), default=30, validators=[MinValueValidator(1), MaxValueValidator(MAX_VALIDITY_DAYS)]
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)  # set at issue
    discount_percent = discount_field(_("global discount (%)"))
    deposit_percent = discount_field(_("deposit (%)"))
    payment_terms = models.CharField(_("payment terms"), max_length=255, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    duration = models.CharField(_("duration"), max_length=100, blank=True, help_text=_("e.g. 3 weeks"))
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    # Kept equal to totals_of(lines, discount) by the services at every change of a line.
    total_excl_vat = money_field(_("total excl. VAT (€)"))
    total_vat = money_field(_("VAT (€)"))
    total_incl_vat = money_field(_("total incl. VAT (€)"))
    # The seller's and the client's details as printed at issue: a later edit of either does not change them.
    issued_details = models.JSONField(_("details at issue"), default=dict, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=quote_file_upload_to, blank=True)
    signed_copy = models.FileField(_("signed copy"), upload_to=signed_copy_upload_to, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    creation_token = models.UUIDField(_("creation token"), null=True, blank=True, editable=False)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)
    expired_at = models.DateTimeField(_("expired at"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason given"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["number", "version"], condition=~models.Q(number=""), name="quotes_quote_number_version_unique"
            ),
            models.UniqueConstraint(
                fields=["created_by", "creation_token"],
                condition=models.Q(creation_token__isnull=False),
                name="quotes_quote_created_once",
            ),
            models.CheckConstraint(condition=models.Q(status__in=QuoteStatus.values), name="quotes_quote_status_valid"),
            # Only a draft has no number (a revision's draft already carries its quote's number).
            models.CheckConstraint(
                condition=models.Q(status="draft") | ~models.Q(number=""), name="quotes_quote_issued_has_number"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(issue_date__isnull=False, valid_until__isnull=False),
                name="quotes_quote_issued_has_dates",
            ),
            models.CheckConstraint(
                condition=models.Q(discount_percent__gte=0, discount_percent__lte=100, deposit_percent__gte=0)
                & models.Q(deposit_percent__lte=100),
                name="quotes_quote_percents_bounded",
            ),
            models.CheckConstraint(
                condition=models.Q(total_excl_vat__gte=0, total_vat__gte=0, total_incl_vat__gte=0),
                name="quotes_quote_totals_not_negative",
            ),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="quotes_quote_version_positive"),
        ]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="quotes_quote_queue"),
            models.Index(fields=["client", "-created_at"], name="quotes_quote_client"),
            models.Index(fields=["status", "valid_until"], name="quotes_quote_expiry"),
            models.Index(fields=["-issue_date", "-id"], name="quotes_quote_issued"),
        ]

    def __str__(self) -> str:
        return self.reference or str(_("Draft quote #%(pk)s") % {"pk": self.pk})

    def get_absolute_url(self) -> str:
        return reverse("quotes:quote_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        """DEV-2026-0007, or DEV-2026-0007-v2 for its second version; empty for a first draft."""
        if not self.number:
            return ""
        return self.number if self.version == 1 else f"{self.number}-v{self.version}"

    @property
    def is_editable(self) -> bool:
        return self.status == QuoteStatus.DRAFT

    @property
    def deposit_amount(self) -> Decimal:
        return to_cent(self.total_incl_vat * self.deposit_percent / 100)


class QuoteLine(DocumentLine):
    quote = models.ForeignKey(Quote, verbose_name=_("quote"), on_delete=models.CASCADE, related_name="lines")
    catalogue_entry = models.ForeignKey(
        "quotes.CatalogueEntry",
        verbose_name=_("from the catalogue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("quote line")
        verbose_name_plural = _("quote lines")
        ordering = ["quote", "position", "pk"]
        constraints = line_constraints("quotes_quote", negative_deposit=False)
