"""Invoices to clients (factures), deposit invoices (acompte), credit notes (avoirs) and payments.

Invoices and deposit invoices share one gap-free series (FAC-2026-0001), credit notes have their own
(AV-2026-0001); each number is taken at issue under the counter row's lock. An issued invoice is never
edited nor deleted: a mistake is corrected by a credit note. Issued documents are kept as Factur-X
(a PDF/A-3 with the EN 16931 XML inside), made once at issue.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.quotes.models.common import DocumentLine, discount_field, line_constraints, money_field

INVOICE_PREFIX = "FAC"  # facture: FAC-2026-0001 (deposit invoices too)
CREDIT_NOTE_PREFIX = "AV"  # avoir: AV-2026-0001


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", _("Invoice")
    DEPOSIT = "deposit", _("Deposit invoice")
    CREDIT_NOTE = "credit", _("Credit note")


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", pgettext_lazy("invoice", "Issued")
    PAID = "paid", pgettext_lazy("invoice", "Paid")
    # Cancelled in full by credit notes (an invoice) or refunded/settled (a credit note).
    CREDITED = "credited", pgettext_lazy("invoice", "Credited")


def invoice_file_upload_to(instance: Invoice, filename: str) -> str:
    year = instance.year or timezone.now().year
    return f"quotes/invoices/{year}/{instance.number or 'draft'}-{uuid.uuid4().hex[:8]}.pdf"


class Invoice(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=InvoiceKind, default=InvoiceKind.INVOICE)
    number = models.CharField(_("number"), max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=InvoiceStatus, default=InvoiceStatus.DRAFT)
    client = models.ForeignKey(
        "quotes.Client", verbose_name=_("client"), on_delete=models.PROTECT, related_name="invoices"
    )
    contact = models.ForeignKey(
        "quotes.ClientContact",
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invoices",
    )
    quote = models.ForeignKey(
        "quotes.Quote",
        verbose_name=_("quote"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    # A credit note names the invoice it corrects.
    credited_invoice = models.ForeignKey(
        "self",
        verbose_name=_("invoice corrected"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credit_notes",
    )
    subject = models.CharField(_("subject"), max_length=200)
    issue_date = models.DateField(_("invoice date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    # A deposit invoice: the share of its quote's total it asks for.
    deposit_percent = discount_field(_("deposit (%)"))
    discount_percent = discount_field(_("global discount (%)"))
    payment_terms = models.CharField(_("payment terms"), max_length=255, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    # Kept equal to totals_of(lines, discount) by the services; a credit note's totals are positive too
    # (its kind says it is a credit, as in EN 16931 type code 381).
    total_excl_vat = money_field(_("total excl. VAT (€)"))
    total_vat = money_field(_("VAT (€)"))
    total_incl_vat = money_field(_("total incl. VAT (€)"))
    # Sum of the payments recorded (kept by the payment service under the invoice's lock).
    amount_paid = money_field(_("amount paid (€)"))
    paid_on = models.DateField(_("paid in full on"), null=True, blank=True)
    issued_details = models.JSONField(_("details at issue"), default=dict, blank=True)
    pdf = models.FileField(_("Factur-X PDF"), upload_to=invoice_file_upload_to, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    creation_token = models.UUIDField(_("creation token"), null=True, blank=True, editable=False)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~models.Q(number=""), name="quotes_invoice_number_unique"
            ),
            models.UniqueConstraint(
                fields=["created_by", "creation_token"],
                condition=models.Q(creation_token__isnull=False),
                name="quotes_invoice_created_once",
            ),
            models.CheckConstraint(condition=models.Q(kind__in=InvoiceKind.values), name="quotes_invoice_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(status__in=InvoiceStatus.values), name="quotes_invoice_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | (~models.Q(number="") & models.Q(issue_date__isnull=False)),
                name="quotes_invoice_issued_has_number",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="credit") | models.Q(credited_invoice__isnull=False),
                name="quotes_credit_note_names_invoice",
            ),
            models.CheckConstraint(
                condition=models.Q(total_excl_vat__gte=0, total_incl_vat__gte=0, amount_paid__gte=0),
                name="quotes_invoice_totals_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"], name="quotes_invoice_due"),
            models.Index(fields=["client", "-created_at"], name="quotes_invoice_client"),
            models.Index(fields=["-issue_date", "-id"], name="quotes_invoice_issued"),
        ]

    def __str__(self) -> str:
        if self.number:
            return self.number
        if self.kind == InvoiceKind.CREDIT_NOTE:
            return str(_("Draft credit note #%(pk)s") % {"pk": self.pk})
        return str(_("Draft invoice #%(pk)s") % {"pk": self.pk})

    def get_absolute_url(self) -> str:
        return reverse("quotes:invoice_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == InvoiceStatus.DRAFT

    @property
    def is_credit_note(self) -> bool:
        return self.kind == InvoiceKind.CREDIT_NOTE

    @property
    def amount_due(self) -> Decimal:
        return max(self.total_incl_vat - self.amount_paid, Decimal("0"))

    def is_overdue(self, today) -> bool:
        return (
            self.status == InvoiceStatus.ISSUED
            and not self.is_credit_note
            and self.due_date is not None
            and self.due_date < today
        )


class InvoiceLine(DocumentLine):
    invoice = models.ForeignKey(Invoice, verbose_name=_("invoice"), on_delete=models.CASCADE, related_name="lines")
    # The deposit invoice a DEPOSIT line deducts.
    deposit_invoice = models.ForeignKey(
        Invoice,
        verbose_name=_("deposit invoice deducted"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deducted_by",
    )

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["invoice", "position", "pk"]
        constraints = line_constraints("quotes_invoice", negative_deposit=True)


class PaymentMethod(models.TextChoices):
    TRANSFER = "transfer", _("Bank transfer")
    CHEQUE = "cheque", _("Cheque")
    CARD = "card", _("Card")
    CASH = "cash", _("Cash")
    DIRECT_DEBIT = "debit", _("Direct debit")
    OTHER = "other", _("Other")


class Payment(models.Model):
    invoice = models.ForeignKey(Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="payments")
    paid_on = models.DateField(_("paid on"))
    amount = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2)
    method = models.CharField(_("method"), max_length=10, choices=PaymentMethod, default=PaymentMethod.TRANSFER)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    # The payment form's one-time token: the same payment sent twice is recorded once.
    token = models.UUIDField(_("token"), unique=True, default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-paid_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="quotes_payment_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.invoice} · {self.amount} € · {self.paid_on}"
