"""Every write on supplier invoices: stage an uploaded file, create, update, mark paid, remind.

- ``invoice_file_stage(by=, upload=)``: check the upload is a PDF (and read its Factur-X XML), keep it
  server-side under a random id only its uploader can use; returns (token, what was read);
- ``invoice_create(by=, token=, fields..., vat_lines=, orders=, staged=|upload=)``: one invoice per
  form token (the same form sent twice gives one invoice), checked, with its VAT lines;
- ``invoice_update(invoice=, by=, fields..., vat_lines=, orders=, upload=)``;
- ``invoice_mark_paid(invoice=, by=, paid_on=)``;
- ``invoice_due_reminders(today=)``: the beat job's work, each reminder sent once.

Every check raises a ValidationError (per field when it is one field's) and nothing is half-saved.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.selectors import office_managers
from apps.core.ranges import EARLIEST_DAY, LATEST_DAY
from apps.core.uniqueness import is_unique_violation
from apps.core.uploads import delete_replaced_file_on_commit, stored_file_name
from apps.notifications.services import reminder_send_once
from apps.purchasing.facturx import ReadFile, read_invoice_pdf, read_upload
from apps.purchasing.models import (
    INVOICE_DUE_NOTICE_DAYS,
    InvoiceKind,
    InvoiceVatLine,
    OrderStatus,
    PurchaseOrder,
    SupplierInvoice,
)

ZERO = Decimal("0.00")
STAGED_DIR = "purchasing/staged"
STAGED_TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
STAGED_MAX_AGE = dt.timedelta(days=2)
INVOICE_FIELDS = (
    "supplier",
    "kind",
    "number",
    "issued_on",
    "due_on",
    "total_excl_vat",
    "total_vat",
    "total_incl_vat",
    "category",
    "site",
    "team",
    "notes",
)


@dataclass(frozen=True)
class VatLineInput:
    rate: Decimal
    base: Decimal
    vat: Decimal


# --- the uploaded file, staged between the upload and the form --------------------------------------


def _staged_name(user, token: str) -> str:
    return f"{STAGED_DIR}/{user.pk}/{token}.pdf"


def invoice_file_stage(*, by, upload) -> tuple[str, dict | None]:
    """Check ``upload`` (a PDF; its Factur-X XML readable if it has one) and keep it for ``by`` under a
    random token; returns (token, what the Factur-X XML said or None). Nothing is kept if it fails."""
    read = read_invoice_pdf(read_upload(upload))
    token = secrets.token_hex(16)
    default_storage.save(_staged_name(by, token), ContentFile(read.data))
    return token, read.facturx


def staged_file(*, by, token: str) -> ReadFile | None:
    """The file ``by`` staged under ``token`` (read again: what the XML said is never taken from the
    browser), or None for an unknown, expired or another person's token."""
    if not isinstance(token, str) or not STAGED_TOKEN_RE.match(token):
        return None
    name = _staged_name(by, token)
    try:
        with default_storage.open(name, "rb") as handle:
            data = handle.read()
    except (FileNotFoundError, OSError):
        return None
    try:
        return read_invoice_pdf(data)
    except ValidationError:
        return None


def staged_files_purge(*, now: dt.datetime | None = None) -> int:
    """Delete staged files older than ``STAGED_MAX_AGE`` (an upload whose form was never saved)."""
    limit = (now or timezone.now()) - STAGED_MAX_AGE
    removed = 0
    try:
        user_dirs, _files = default_storage.listdir(STAGED_DIR)
    except (FileNotFoundError, NotImplementedError):
        return 0
    for user_dir in user_dirs:
        _dirs, files = default_storage.listdir(f"{STAGED_DIR}/{user_dir}")
        for name in files:
            path = f"{STAGED_DIR}/{user_dir}/{name}"
            try:
                if default_storage.get_modified_time(path) < limit:
                    default_storage.delete(path)
                    removed += 1
            except (FileNotFoundError, NotImplementedError):
                continue
    return removed


# --- checks ---------------------------------------------------------------------------------------


def number_taken(*, supplier, kind: str, number: str, exclude_pk: int | None = None) -> bool:
    invoices = SupplierInvoice.objects.filter(supplier=supplier, kind=kind, number__iexact=number)
    if exclude_pk:
        invoices = invoices.exclude(pk=exclude_pk)
    return invoices.exists()


def duplicate_number_error(number: str) -> ValidationError:
    return ValidationError(
        {"number": _("This supplier's invoice %(number)s has already been entered.") % {"number": number}},
        code="duplicate",
    )


def _check_amounts(invoice: SupplierInvoice, vat_lines: list[VatLineInput]) -> None:
    errors: dict[str, list] = {}
    for name in ("total_excl_vat", "total_vat", "total_incl_vat"):
        if getattr(invoice, name) is None or getattr(invoice, name) < 0:
            errors.setdefault(name, []).append(
                _("Enter the amount as printed, without a minus sign (a credit note is its own kind).")
            )
    if errors:
        raise ValidationError(errors)
    if invoice.total_incl_vat != invoice.total_excl_vat + invoice.total_vat:
        errors.setdefault("total_incl_vat", []).append(
            _("The total incl. VAT must be the total excl. VAT plus the VAT (%(sum)s €).")
            % {"sum": invoice.total_excl_vat + invoice.total_vat}
        )
    if not vat_lines:
        errors.setdefault("__all__", []).append(
            _("Give the VAT per rate: at least one line (rate 0 if there is no VAT).")
        )
    else:
        rates = [line.rate for line in vat_lines]
        if len(set(rates)) != len(rates):
            errors.setdefault("__all__", []).append(_("Each VAT rate once: add up the lines of the same rate."))
        if any(line.base < 0 or line.vat < 0 for line in vat_lines):
            errors.setdefault("__all__", []).append(_("The VAT lines cannot be negative."))
        if any(not (0 <= line.rate < 100) for line in vat_lines):
            errors.setdefault("__all__", []).append(_("A VAT rate is between 0 and 100 %."))
        base_sum = sum((line.base for line in vat_lines), ZERO)
        vat_sum = sum((line.vat for line in vat_lines), ZERO)
        if base_sum != invoice.total_excl_vat:
            errors.setdefault("total_excl_vat", []).append(
                _("The bases of the VAT lines add up to %(sum)s €, not the total excl. VAT.") % {"sum": base_sum}
            )
        if vat_sum != invoice.total_vat:
            errors.setdefault("total_vat", []).append(
                _("The VAT of the VAT lines adds up to %(sum)s €, not the total VAT.") % {"sum": vat_sum}
            )
    if errors:
        raise ValidationError(errors)


def _check_dates(invoice: SupplierInvoice) -> None:
    for name in ("issued_on", "due_on", "paid_on"):
        day = getattr(invoice, name)
        if day is not None and not EARLIEST_DAY <= day <= LATEST_DAY:
            raise ValidationError({name: _("Enter a date between 1900 and 2200.")})
    if invoice.issued_on > timezone.localdate():
        # A supplier's invoice is entered once received: a later date is a typing mistake (the year),
        # which would hide the invoice from its year's budget and exports.
        raise ValidationError({"issued_on": _("The invoice date cannot be in the future.")})
    if invoice.due_on < invoice.issued_on:
        raise ValidationError({"due_on": _("The due date cannot be before the invoice date.")})


def _check_orders(invoice: SupplierInvoice, orders: list[PurchaseOrder]) -> None:
    for order in orders:
        if order.supplier_id != invoice.supplier_id:
            raise ValidationError({"orders": _("Order %(order)s is not to this supplier.") % {"order": order}})
        if order.status in (OrderStatus.DRAFT, OrderStatus.CANCELLED, OrderStatus.AWAITING_DIRECTOR):
            raise ValidationError({"orders": _("Order %(order)s has not been sent.") % {"order": order}})


def _check(invoice: SupplierInvoice, vat_lines: list[VatLineInput], orders: list[PurchaseOrder]) -> None:
    _check_dates(invoice)
    _check_amounts(invoice, vat_lines)
    _check_orders(invoice, orders)
    invoice.number = (invoice.number or "").strip()
    if invoice.number and number_taken(
        supplier=invoice.supplier, kind=invoice.kind, number=invoice.number, exclude_pk=invoice.pk
    ):
        raise duplicate_number_error(invoice.number)
    invoice.full_clean(exclude=["created_by", "token", "file"])


def _default_due(supplier, issued_on: dt.date) -> dt.date:
    return min(issued_on + dt.timedelta(days=supplier.payment_days), LATEST_DAY)


def _save_lines(invoice: SupplierInvoice, vat_lines: Iterable[VatLineInput]) -> None:
    invoice.vat_lines.all().delete()
    InvoiceVatLine.objects.bulk_create(
        InvoiceVatLine(invoice=invoice, rate=line.rate, base=line.base, vat=line.vat) for line in vat_lines
    )


def _attach(invoice: SupplierInvoice, read: ReadFile) -> None:
    invoice.file.save(f"{uuid.uuid4().hex}.pdf", ContentFile(read.data), save=False)
    invoice.facturx = read.facturx or {}


# --- writes ---------------------------------------------------------------------------------------


@transaction.atomic
def invoice_create(
    *,
    by,
    token: uuid.UUID | None,
    vat_lines: list[VatLineInput],
    orders: Iterable[PurchaseOrder] = (),
    staged: str = "",
    upload=None,
    **fields,
) -> SupplierInvoice:
    """Enter a supplier invoice. ``staged`` (a token of ``invoice_file_stage``) or ``upload`` gives
    its PDF; the due date defaults to the supplier's payment terms. The same ``token`` (the form's)
    sent twice gives the one invoice, even at the same moment."""
    if token is not None:
        existing = SupplierInvoice.objects.filter(token=token, created_by=by).first()
        if existing is not None:
            return existing
    unknown = set(fields) - set(INVOICE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown invoice fields: {sorted(unknown)}")
    if fields.get("due_on") is None and fields.get("issued_on") and fields.get("supplier"):
        fields["due_on"] = _default_due(fields["supplier"], fields["issued_on"])
    invoice = SupplierInvoice(created_by=by, token=token, **fields)
    orders = list(orders)
    _check(invoice, vat_lines, orders)
    read = None
    if staged:
        read = staged_file(by=by, token=staged)
        if read is None:
            raise ValidationError(_("The uploaded file has expired: upload it again."), code="staged_gone")
    elif upload is not None:
        read = read_invoice_pdf(read_upload(upload))
    if read is not None:
        _attach(invoice, read)
    try:
        with transaction.atomic():
            invoice.save()
    except IntegrityError as exc:
        if not is_unique_violation(exc):
            raise
        if token is not None:
            existing = SupplierInvoice.objects.filter(token=token, created_by=by).first()
            if existing is not None:
                if invoice.file:
                    invoice.file.storage.delete(invoice.file.name)
                return existing
        if invoice.file:
            invoice.file.storage.delete(invoice.file.name)
        raise duplicate_number_error(invoice.number) from exc
    _save_lines(invoice, vat_lines)
    invoice.orders.set(orders)
    if staged:
        transaction.on_commit(lambda: default_storage.delete(_staged_name(by, staged)))
    return invoice


@transaction.atomic
def invoice_update(
    *,
    invoice: SupplierInvoice,
    by,
    vat_lines: list[VatLineInput],
    orders: Iterable[PurchaseOrder] = (),
    upload=None,
    **fields,
) -> SupplierInvoice:
    """Change an invoice's figures, links or PDF (a new PDF's Factur-X data replaces the old)."""
    invoice = SupplierInvoice.objects.select_for_update().get(pk=invoice.pk)
    unknown = set(fields) - set(INVOICE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown invoice fields: {sorted(unknown)}")
    if fields.get("due_on") is None and fields.get("issued_on") and fields.get("supplier"):
        fields["due_on"] = _default_due(fields["supplier"], fields["issued_on"])
    for name, value in fields.items():
        setattr(invoice, name, value)
    if invoice.paid_on and invoice.paid_on < invoice.issued_on:
        raise ValidationError({"issued_on": _("The invoice date cannot be after the day it was paid.")})
    orders = list(orders)
    _check(invoice, vat_lines, orders)
    old_name = stored_file_name(invoice, "file")
    if upload is not None:
        _attach(invoice, read_invoice_pdf(read_upload(upload)))
    try:
        with transaction.atomic():
            invoice.save()
    except IntegrityError as exc:
        if not is_unique_violation(exc):
            raise
        raise duplicate_number_error(invoice.number) from exc
    delete_replaced_file_on_commit(invoice, "file", old_name)
    _save_lines(invoice, vat_lines)
    invoice.orders.set(orders)
    return invoice


@transaction.atomic
def invoice_mark_paid(*, invoice: SupplierInvoice, by, paid_on: dt.date | None) -> SupplierInvoice:
    """Record the day the invoice was paid (None: not paid after all)."""
    invoice = SupplierInvoice.objects.select_for_update().get(pk=invoice.pk)
    if paid_on is not None:
        if not EARLIEST_DAY <= paid_on <= LATEST_DAY:
            raise ValidationError({"paid_on": _("Enter a date between 1900 and 2200.")})
        if paid_on < invoice.issued_on:
            raise ValidationError({"paid_on": _("An invoice cannot be paid before its date.")})
        if paid_on > timezone.localdate():
            raise ValidationError({"paid_on": _("The payment date cannot be in the future.")})
    invoice.paid_on = paid_on
    invoice.save(update_fields=["paid_on"])
    return invoice


# --- reminders ------------------------------------------------------------------------------------


def invoice_due_reminders(*, today: dt.date | None = None) -> int:
    """Tell each office manager once about every unpaid invoice due within the next
    ``INVOICE_DUE_NOTICE_DAYS`` days; returns how many reminders were sent.

    Safe to run any number of times: each goes through the reminder ledger keyed by the due date (an
    invoice whose due date is moved is told again). Two queries find the work."""
    today = today or timezone.localdate()
    invoices = list(
        SupplierInvoice.objects.filter(
            paid_on__isnull=True,
            kind=InvoiceKind.INVOICE,
            due_on__range=(today, today + dt.timedelta(days=INVOICE_DUE_NOTICE_DAYS)),
        )
        .select_related("supplier")
        .order_by("due_on", "pk")
    )
    if not invoices:
        return 0
    managers = list(office_managers())
    sent = 0
    for invoice in invoices:
        url = reverse("purchasing:invoice_detail", args=[invoice.pk])
        for manager in managers:
            sent += reminder_send_once(
                kind="purchasing_invoice_due",
                obj=invoice,
                recipient=manager,
                due_date=invoice.due_on,
                context={"invoice": invoice, "supplier": invoice.supplier},
                url=url,
            )
    return sent
