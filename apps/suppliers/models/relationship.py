"""What the office keeps about its relationship with a supplier: compliance documents, contracts,
the log of calls and meetings, and the ratings given after deliveries and repairs."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.suppliers.models.directory import Contact, Supplier

# French law (FRENCH_RULES.md, obligation de vigilance): from €5,000 excl. VAT a year with a supplier,
# its URSSAF certificate is required at signing and then every 6 months, and its Kbis.
VIGILANCE_THRESHOLD = Decimal("5000")
VIGILANCE_VALID_MONTHS = 6
# A document expiring within this many days is flagged (and its notice sent once).
DOCUMENT_NOTICE_DAYS = 30
# The office manager is warned this many days before the last day to cancel a contract.
CONTRACT_NOTICE_WARNING_DAYS = 30


class DocumentKind(models.TextChoices):
    VIGILANCE = "vigilance", _("URSSAF certificate of vigilance")
    KBIS = "kbis", _("Kbis extract")
    INSURANCE = "insurance", _("Insurance certificate")


# The extensions a stored document or contract may have: the service names the upload after the
# format it read from the content (a PDF or an image), never after what the sender called it.
STORED_EXTENSIONS = ("pdf", "png", "jpg", "webp")


def _stored_extension(filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return extension if extension in STORED_EXTENSIONS else "pdf"


def document_upload_to(instance: ComplianceDocument, filename: str) -> str:
    # A random name: the original name (and the supplier) never shows in the storage path.
    now, extension = timezone.now(), _stored_extension(filename)
    return f"suppliers/documents/{now:%Y}/{instance.kind}-{now:%m%d%H%M%S%f}-{uuid.uuid4().hex[:8]}.{extension}"


def contract_upload_to(instance: Contract, filename: str) -> str:
    return f"suppliers/contracts/{timezone.now():%Y}/{uuid.uuid4().hex}.{_stored_extension(filename)}"


class ComplianceDocument(models.Model):
    supplier = models.ForeignKey(
        Supplier, verbose_name=_("supplier"), on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(_("document"), max_length=10, choices=DocumentKind)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("valid until"))
    # A PDF or an image, checked by the service (apps/core/uploads); served only to the office manager.
    file = models.FileField(_("file"), upload_to=document_upload_to, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("compliance document")
        verbose_name_plural = _("compliance documents")
        ordering = ["supplier", "kind", "-expires_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__gte=models.F("issued_on")), name="suppliers_document_dates_ordered"
            ),
        ]
        indexes = [models.Index(fields=["supplier", "kind", "-expires_on"], name="suppliers_document_latest")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.supplier}"


def default_validity(kind: str, issued_on: dt.date) -> dt.date:
    """When a document stops counting if the office manager does not say: 6 months for the URSSAF
    certificate (the law's rhythm), 3 months for a Kbis (what buyers usually accept), a year otherwise."""
    months = {DocumentKind.VIGILANCE: VIGILANCE_VALID_MONTHS, DocumentKind.KBIS: 3}.get(kind, 12)
    return issued_on + relativedelta(months=months) - dt.timedelta(days=1)


class Contract(models.Model):
    supplier = models.ForeignKey(
        Supplier, verbose_name=_("supplier"), on_delete=models.PROTECT, related_name="contracts"
    )
    subject = models.CharField(_("subject"), max_length=200)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end of the current term"))
    tacit_renewal = models.BooleanField(_("renewed tacitly"), default=False)
    # Length of each renewed term (months); 12 is the usual yearly renewal.
    renewal_months = models.PositiveSmallIntegerField(
        _("renewal term (months)"), default=12, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    notice_months = models.PositiveSmallIntegerField(
        _("notice period (months)"), default=0, validators=[MaxValueValidator(36)]
    )
    notice_days = models.PositiveSmallIntegerField(
        _("notice period (extra days)"), default=0, validators=[MaxValueValidator(365)]
    )
    amount_per_year = models.DecimalField(
        _("amount per year excl. VAT (€)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("9999999999.99"))],
    )
    notes = models.TextField(_("notes"), blank=True)
    # The signed contract, optional: a PDF or an image checked by the service; office manager only.
    file = models.FileField(_("file"), upload_to=contract_upload_to, blank=True)
    terminated_on = models.DateField(_("cancelled on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["ends_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="suppliers_contract_dates_ordered"
            ),
            models.CheckConstraint(condition=models.Q(amount_per_year__gte=0), name="suppliers_contract_amount_ok"),
        ]
        indexes = [models.Index(fields=["supplier", "ends_on"], name="suppliers_contract_supplier")]

    def __str__(self) -> str:
        return self.subject


class InteractionKind(models.TextChoices):
    CALL = "call", _("Call")
    MEETING = "meeting", _("Meeting")
    EMAIL = "email", _("E-mail")
    NOTE = "note", _("Note")


class Interaction(models.Model):
    """One entry of the relationship log; a follow-up date becomes a reminder for the office manager."""

    supplier = models.ForeignKey(
        Supplier, verbose_name=_("supplier"), on_delete=models.PROTECT, related_name="interactions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=InteractionKind, default=InteractionKind.CALL)
    happened_on = models.DateField(_("date"))
    contact = models.ForeignKey(
        Contact, verbose_name=_("contact"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.TextField(_("summary"))
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    follow_up_done_at = models.DateTimeField(_("followed up at"), null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.PROTECT, related_name="+"
    )
    # The one-time token of the form that wrote it: the same form sent twice writes one entry.
    submission_token = models.UUIDField(_("submission token"), null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("relationship log entry")
        verbose_name_plural = _("relationship log")
        ordering = ["-happened_on", "-pk"]
        indexes = [
            models.Index(fields=["supplier", "-happened_on"], name="suppliers_log_supplier"),
            models.Index(
                fields=["follow_up_on"],
                condition=models.Q(follow_up_on__isnull=False, follow_up_done_at__isnull=True),
                name="suppliers_log_follow_ups",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.supplier} · {self.happened_on}"


def score_field(verbose_name) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(verbose_name, validators=[MinValueValidator(1), MaxValueValidator(5)])


class Rating(models.Model):
    """A 1–5 rating of a delivery or a repair, on quality, delay and price."""

    supplier = models.ForeignKey(Supplier, verbose_name=_("supplier"), on_delete=models.PROTECT, related_name="ratings")
    # What was rated: a purchase order's number, a repair ticket's reference, or a few words.
    reference = models.CharField(_("delivery or repair"), max_length=100, blank=True)
    quality = score_field(_("quality"))
    delay = score_field(_("delay"))
    price = score_field(_("price"))
    comment = models.TextField(_("comment"), blank=True)
    rated_on = models.DateField(_("date"), default=timezone.localdate)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("rated by"), on_delete=models.PROTECT, related_name="+"
    )
    # The one-time token of the form that gave it: the same form sent twice gives one rating.
    submission_token = models.UUIDField(_("submission token"), null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("rated at"), default=timezone.now)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-rated_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quality__range=(1, 5), delay__range=(1, 5), price__range=(1, 5)),
                name="suppliers_rating_scores_1_to_5",
            ),
            # The same delivery rated twice (a double click) is one rating.
            models.UniqueConstraint(
                fields=["supplier", "reference", "by"], condition=~models.Q(reference=""), name="suppliers_rating_once"
            ),
        ]
        indexes = [models.Index(fields=["supplier", "-rated_on"], name="suppliers_rating_supplier")]

    def __str__(self) -> str:
        return f"{self.supplier} · {self.rated_on}"
