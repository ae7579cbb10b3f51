"""Supplier invoices, the office manager's: the list, entering one (upload a PDF, read its Factur-X
data, then the prefilled form), its page, its form, its PDF (served through this view only) and the
day it was paid."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core import permissions as perms
from apps.core.ranges import parse_page
from apps.purchasing.forms.invoices import (
    InvoiceFilterForm,
    InvoiceForm,
    InvoicePaidForm,
    InvoiceUploadForm,
    vat_formset,
    vat_initial,
)
from apps.purchasing.models import SupplierInvoice
from apps.purchasing.selectors import invoices as selectors
from apps.purchasing.services import invoices as services

OFFICE = perms.OFFICE_MANAGER
FORM_TEMPLATE = "purchasing/invoices/form.html"


def add_errors(form: BaseForm, exc: ValidationError) -> None:
    """A service's ValidationError on the form: per field when the form has it, on top otherwise."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@require_GET
@perms.role_required(OFFICE)
def invoice_list(request: HttpRequest) -> HttpResponse:
    form = InvoiceFilterForm(request.GET or None)
    filters = form.filters()
    today = timezone.localdate()
    page = selectors.invoice_page(request.user, **filters, today=today, page=parse_page(request.GET.get("page")))
    context = {
        "form": form,
        "page": page,
        "filters": filters,
        "today": today,
        "statuses": form.fields["status"].choices,
    }
    template = "purchasing/invoices/partials/_rows.html" if request.htmx else "purchasing/invoices/list.html"
    return render(request, template, context)


def _prefill(read: dict | None) -> tuple[dict, list[dict]]:
    """The invoice form's initial values and VAT rows from what the Factur-X XML said."""
    if not read:
        return {}, []
    supplier = selectors.supplier_from_facturx(read)
    initial = {
        "supplier": supplier,
        "kind": read.get("kind") or "invoice",
        "number": read.get("number", ""),
        "issued_on": dt.date.fromisoformat(read["issued_on"]) if read.get("issued_on") else None,
        "due_on": dt.date.fromisoformat(read["due_on"]) if read.get("due_on") else None,
        # Decimals, so that the localized fields show them as the language writes them (140,00 in French).
        "total_excl_vat": Decimal(read["total_excl_vat"]),
        "total_vat": Decimal(read["total_vat"]),
        "total_incl_vat": Decimal(read["total_incl_vat"]),
        "orders": selectors.orders_by_numbers(read.get("order_refs") or [], supplier) if supplier else [],
    }
    return initial, vat_initial(read.get("vat_lines") or [])


def _form_page(request, *, form, formset, read=None, staged="", comparison=None, heading=None, invoice=None):
    context = {
        "form": form,
        "formset": formset,
        "read": read,
        "staged": staged,
        "comparison": comparison,
        "heading": heading or _("New supplier invoice"),
        "invoice": invoice,
        "matched_supplier": selectors.supplier_from_facturx(read) if read else None,
    }
    return render(request, FORM_TEMPLATE, context)


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def invoice_create(request: HttpRequest) -> HttpResponse:
    """Step 1, the upload (or "enter by hand"); step 2, the form, prefilled from Factur-X; then save."""
    step = request.POST.get("step") if request.method == "POST" else ("form" if request.GET.get("manual") else "")
    if step == "upload":
        upload_form = InvoiceUploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            try:
                staged, read = services.invoice_file_stage(by=request.user, upload=upload_form.cleaned_data["file"])
            except ValidationError as exc:
                add_errors(upload_form, exc)
            else:
                initial, vat_rows = _prefill(read)
                form = InvoiceForm(initial={**initial, "token": uuid.uuid4(), "staged": staged}, with_file=False)
                comparison = None
                if read and initial.get("orders"):
                    lines = [(row["rate"], row["base"], row["vat"]) for row in vat_rows]
                    comparison = selectors.compare_with_orders(vat_lines=lines, orders=initial["orders"])
                return _form_page(
                    request,
                    form=form,
                    formset=vat_formset(initial=vat_rows),
                    read=read,
                    staged=staged,
                    comparison=comparison,
                )
        return render(request, "purchasing/invoices/upload.html", {"form": upload_form})
    if step == "save":
        return _save_new(request)
    if step == "form":
        form = InvoiceForm(initial={"token": uuid.uuid4()})
        return _form_page(request, form=form, formset=vat_formset())
    return render(request, "purchasing/invoices/upload.html", {"form": InvoiceUploadForm()})


def _save_new(request: HttpRequest) -> HttpResponse:
    staged = request.POST.get("staged", "")
    read_file = services.staged_file(by=request.user, token=staged) if staged else None
    form = InvoiceForm(request.POST, request.FILES, with_file=not staged)
    formset = vat_formset(request.POST)
    read = read_file.facturx if read_file else None
    if staged and read_file is None:
        form.add_error(None, _("The uploaded file has expired: upload it again."))
    elif form.is_valid() and formset.is_valid():
        try:
            invoice = services.invoice_create(
                by=request.user,
                token=form.cleaned_data.get("token"),
                vat_lines=formset.lines(),
                orders=form.cleaned_data["orders"],
                staged=staged,
                upload=form.upload(),
                **form.invoice_fields(),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Invoice %(number)s has been saved.") % {"number": invoice.number})
            return redirect(invoice.get_absolute_url())
    return _form_page(request, form=form, formset=formset, read=read, staged=staged if read_file else "")


@require_GET
@perms.role_required(OFFICE)
def invoice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = perms.get_visible_or_404(selectors.invoice_for_page(request.user, pk), pk=pk)
    vat_lines = list(invoice.vat_lines.all())
    orders = list(invoice.orders.all())
    comparison = selectors.compare_with_orders(
        vat_lines=[(line.rate, line.base, line.vat) for line in vat_lines], orders=orders
    )
    context = {
        "invoice": invoice,
        "vat_lines": vat_lines,
        "orders": orders,
        "comparison": comparison,
        "read": invoice.facturx or None,
        "read_differences": _read_differences(invoice, vat_lines),
        "paid_form": InvoicePaidForm(initial={"paid_on": invoice.paid_on or timezone.localdate()}),
        "today": timezone.localdate(),
    }
    return render(request, "purchasing/invoices/detail.html", context)


def _read_differences(invoice: SupplierInvoice, vat_lines) -> list[tuple[str, str, str]]:
    """(what, read from Factur-X, entered) where the entered figures differ from the XML's."""
    read = invoice.facturx or {}
    if not read:
        return []
    entered = {
        _("Invoice number"): invoice.number,
        _("Invoice date"): invoice.issued_on.isoformat(),
        _("Total excl. VAT"): str(invoice.total_excl_vat),
        _("VAT"): str(invoice.total_vat),
        _("Total incl. VAT"): str(invoice.total_incl_vat),
    }
    found = {
        _("Invoice number"): read.get("number", ""),
        _("Invoice date"): read.get("issued_on", ""),
        _("Total excl. VAT"): read.get("total_excl_vat", ""),
        _("VAT"): read.get("total_vat", ""),
        _("Total incl. VAT"): read.get("total_incl_vat", ""),
    }
    if read.get("due_on"):
        entered[_("Due date")] = invoice.due_on.isoformat()
        found[_("Due date")] = read["due_on"]
    return [(label, found[label], value) for label, value in entered.items() if found[label] != value]


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def invoice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = perms.get_visible_or_404(selectors.invoice_for_page(request.user, pk), pk=pk)
    heading = _("Invoice %(number)s") % {"number": invoice.number}
    if request.method == "POST":
        form = InvoiceForm(request.POST, request.FILES, instance=invoice)
        formset = vat_formset(request.POST)
        if form.is_valid() and formset.is_valid():
            try:
                invoice = services.invoice_update(
                    invoice=invoice,
                    by=request.user,
                    vat_lines=formset.lines(),
                    orders=form.cleaned_data["orders"],
                    upload=form.upload(),
                    **form.invoice_fields(),
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Invoice %(number)s has been saved.") % {"number": invoice.number})
                return redirect(invoice.get_absolute_url())
    else:
        form = InvoiceForm(instance=invoice)
        formset = vat_formset(initial=vat_initial(invoice.vat_lines.all()))
    return _form_page(request, form=form, formset=formset, heading=heading, invoice=invoice)


SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@require_GET
@perms.role_required(OFFICE)
def invoice_file(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = perms.get_visible_or_404(selectors.invoices_visible_to(request.user).only("pk", "number", "file"), pk=pk)
    if not invoice.file:
        raise Http404
    try:
        handle = invoice.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = (SAFE_NAME.sub("-", invoice.number).strip("-.") or "invoice")[:60] + ".pdf"
    # Checked to be a PDF on upload; served as one, never sniffed, never cached by a shared cache.
    response = FileResponse(handle, content_type="application/pdf", filename=name, as_attachment=False)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_POST
@perms.role_required(OFFICE)
def invoice_paid(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the day paid (the form's date), or ``clear=1``: not paid after all."""
    invoice = perms.get_visible_or_404(selectors.invoices_visible_to(request.user), pk=pk)
    form = InvoicePaidForm(request.POST)
    if request.POST.get("clear") == "1":
        services.invoice_mark_paid(invoice=invoice, by=request.user, paid_on=None)
        messages.success(request, _("Invoice %(number)s is marked unpaid.") % {"number": invoice.number})
    elif form.is_valid():
        try:
            services.invoice_mark_paid(
                invoice=invoice, by=request.user, paid_on=form.cleaned_data["paid_on"] or timezone.localdate()
            )
        except ValidationError as exc:
            for errors in exc.message_dict.values():
                for error in errors:
                    messages.error(request, error)
        else:
            messages.success(request, _("Invoice %(number)s is marked paid.") % {"number": invoice.number})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(invoice.get_absolute_url())
