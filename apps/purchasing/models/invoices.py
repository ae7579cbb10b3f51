"""Supplier invoices (read from Factur-X when they carry it) and their VAT per rate."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Round
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.purchasing.models.orders import PurchaseOrder, total_field
from apps.suppliers.models import SupplierCategory

INVOICE_DUE_NOTICE_DAYS = 7


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", _("Invoice")
    CREDIT_NOTE = "credit", _("Credit note")


def invoice_upload_to(instance: SupplierInvoice, filename: str) -> str:
    # A random name: the supplier's file name never shows in the storage path.
    return f"purchasing/invoices/{timezone.now():%Y}/{uuid.uuid4().hex}.pdf"


class SupplierInvoice(models.Model):
    supplier = models.ForeignKey(
        "suppliers.Supplier", verbose_name=_("supplier"), on_delete=models.PROTECT, related_name="invoices"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=InvoiceKind, default=InvoiceKind.INVOICE)
    number = models.CharField(_("invoice number"), max_length=60)
    issued_on = models.DateField(_("invoice date"))
    due_on = models.DateField(_("due date"))
    # Amounts as printed (positive, a credit note too: its kind gives the sign in budgets and exports);
    # total incl. VAT = excl. VAT + VAT, and the VAT lines add up to both (checked by the service).
    total_excl_vat = total_field(_("total excl. VAT (€)"))
    total_vat = total_field(_("VAT (€)"))
    total_incl_vat = total_field(_("total incl. VAT (€)"))
    category = models.CharField(
        _("budget category"), max_length=15, choices=SupplierCategory, default=SupplierCategory.SUPPLIES
    )
    site = models.ForeignKey(
        "accounts.Site", verbose_name=_("site"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("team"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    orders = models.ManyToManyField(PurchaseOrder, verbose_name=_("orders"), blank=True, related_name="invoices")
    # The PDF (checked to be one by the service); served only through a view that checks the viewer.
    file = models.FileField(_("PDF"), upload_to=invoice_upload_to, blank=True)
    # What the embedded Factur-X XML said (empty for a plain PDF): shown beside what was entered.
    facturx = models.JSONField(_("read from Factur-X"), default=dict, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("entered at"), default=timezone.now)
    token = models.UUIDField(_("token"), null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("supplier invoice")
        verbose_name_plural = _("supplier invoices")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["supplier", "kind", "number"], name="purchasing_invoice_number_once"),
            models.CheckConstraint(
                condition=models.Q(total_excl_vat__gte=0, total_vat__gte=0, total_incl_vat__gte=0),
                name="purchasing_invoice_amounts_not_negative",
            ),
            # Rounded to the cent: SQLite keeps decimals as floating point, where 0.1 + 0.2 is not 0.3.
            models.CheckConstraint(
                condition=models.Q(total_incl_vat=Round(models.F("total_excl_vat") + models.F("total_vat"), 2)),
                name="purchasing_invoice_total_adds_up",
            ),
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("issued_on")), name="purchasing_invoice_due_after_issue"
            ),
        ]
        indexes = [
            models.Index(fields=["issued_on"], name="purchasing_invoice_issued"),
            models.Index(fields=["due_on"], condition=models.Q(paid_on__isnull=True), name="purchasing_invoice_unpaid"),
            models.Index(fields=["supplier", "-issued_on"], name="purchasing_invoice_supplier"),
        ]

    def __str__(self) -> str:
        return f"{self.supplier} · {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("purchasing:invoice_detail", args=[self.pk])

    @property
    def sign(self) -> int:
        return -1 if self.kind == InvoiceKind.CREDIT_NOTE else 1


class InvoiceVatLine(models.Model):
    invoice = models.ForeignKey(SupplierInvoice, on_delete=models.CASCADE, related_name="vat_lines")
    rate = models.DecimalField(_("VAT rate (%)"), max_digits=4, decimal_places=2)
    base = total_field(_("base excl. VAT (€)"))
    vat = total_field(_("VAT (€)"))

    class Meta:
        verbose_name = _("VAT line")
        verbose_name_plural = _("VAT lines")
        ordering = ["invoice", "-rate"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "rate"], name="purchasing_vat_line_rate_once"),
            models.CheckConstraint(
                condition=models.Q(base__gte=0, vat__gte=0), name="purchasing_vat_line_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rate} %: {self.base} + {self.vat}"
