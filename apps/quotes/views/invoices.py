"""Invoices to clients: the list (drafts, unpaid, overdue, credit notes), an invoice's page, invoicing an
accepted quote (final or deposit), a draft's header, issuing, sending, the Factur-X PDF, payments,
credit notes, deleting a draft. The office manager does everything; the director reads the list, the
invoices and their PDFs; anyone else gets 403, and an unknown invoice or quote is a 404."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core import permissions as perms
from apps.core.forms import add_service_errors
from apps.core.http import error_messages
from apps.core.ranges import parse_page
from apps.quotes.facturx import base_pdf
from apps.quotes.forms.invoices import (
    DEPOSIT,
    CreditNoteForm,
    FromQuoteForm,
    InvoiceFilterForm,
    InvoiceForm,
    PaymentForm,
)
from apps.quotes.models import InvoiceKind, InvoiceStatus
from apps.quotes.selectors import invoices as selectors
from apps.quotes.selectors.quotes import quote_for_page
from apps.quotes.services import credit_notes, invoicing, payments
from apps.quotes.services import invoices as services

READERS = (perms.OFFICE_MANAGER, perms.DIRECTOR)
WRITER = perms.OFFICE_MANAGER


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


# --- the list -------------------------------------------------------------------------------------


@require_GET
@perms.role_required(*READERS)
def invoice_list(request: HttpRequest) -> HttpResponse:
    form = InvoiceFilterForm(request.GET or None, clients=selectors.client_choices(request.user))
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    tab = request.GET.get("tab", "")
    tab = tab if tab in selectors.TABS else selectors.ALL
    listing = selectors.invoice_list_page(
        request.user,
        tab=tab,
        client_id=filters.get("client"),
        search=filters.get("q", ""),
        page=parse_page(request.GET.get("page")),
    )
    tabs = [
        (selectors.ALL, _("All"), listing.counts[selectors.ALL]),
        (selectors.DRAFTS, _("Drafts"), listing.counts[selectors.DRAFTS]),
        (selectors.UNPAID, _("Unpaid"), listing.counts[selectors.UNPAID]),
        (selectors.OVERDUE, _("Overdue"), listing.counts[selectors.OVERDUE]),
        (selectors.CREDIT_NOTES, _("Credit notes"), listing.counts[selectors.CREDIT_NOTES]),
    ]
    context = {"form": form, "listing": listing, "tab": tab, "tabs": tabs, "filters": filters}
    return render(request, "quotes/invoices/list.html", context)


# --- one invoice ----------------------------------------------------------------------------------


@require_GET
@perms.role_required(*READERS)
def invoice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = selectors.invoice_for_page(request.user, pk)
    return _render_detail(request, invoice)


def _render_detail(request: HttpRequest, invoice, *, payment_form=None, status: int = 200) -> HttpResponse:
    office = request.user.is_office_manager
    page = selectors.invoice_page(invoice)
    draft = invoice.status == InvoiceStatus.DRAFT
    payable = office and not invoice.is_credit_note and invoice.status in invoicing.PAYABLE_STATUSES
    if payment_form is None and payable:
        payment_form = PaymentForm(
            initial={"token": uuid.uuid4(), "paid_on": timezone.localdate(), "amount": page["amount_due"]}
        )
    context = {
        "invoice": invoice,
        "page": page,
        "is_office_manager": office,
        "is_draft": draft,
        "may_edit": office and draft,
        "may_issue": office and draft,
        "may_send": office and not draft and bool(invoice.pdf),
        "may_credit": office
        and not invoice.is_credit_note
        and invoice.status in invoicing.CREDITABLE_STATUSES
        and page["anything_to_credit"]
        and not invoicing.deposit_deducted(invoice),
        "payment_form": payment_form if payable else None,
        "today": timezone.localdate(),
    }
    return render(request, "quotes/invoices/detail.html", context, status=status)


@require_POST
@perms.role_required(WRITER)
def invoice_create_from_quote(request: HttpRequest, pk: int) -> HttpResponse:
    """Invoice the accepted quote ``pk``: its final invoice, or a deposit invoice (``kind=deposit``)."""
    quote = quote_for_page(request.user, pk)
    form = FromQuoteForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            for error in errors:
                messages.error(request, error if field == "__all__" else f"{form.fields[field].label or ''} {error}")
        return redirect(quote)
    data = form.cleaned_data
    try:
        if data["kind"] == DEPOSIT:
            invoice = services.deposit_invoice_from_quote(
                quote=quote, by=request.user, percent=data["percent"], token=data["token"]
            )
        else:
            invoice = services.invoice_from_quote(quote=quote, by=request.user, token=data["token"])
    except ValidationError as exc:
        error_messages(request, exc)
        return redirect(quote)
    messages.success(request, _("The draft is ready: check it, then issue it."))
    return redirect(invoice)


@require_http_methods(["GET", "POST"])
@perms.role_required(WRITER)
def invoice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = selectors.invoice_for_page(request.user, pk)
    if invoice.status != InvoiceStatus.DRAFT:
        messages.error(request, _("This invoice is issued and can no longer be changed: issue a credit note instead."))
        return redirect(invoice)
    if request.method == "POST":
        form = InvoiceForm(request.POST, invoice=invoice)
        if form.is_valid():
            try:
                services.invoice_update(invoice=invoice, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The draft is saved."))
                return redirect(invoice)
    else:
        form = InvoiceForm(
            invoice=invoice,
            initial={
                "subject": invoice.subject,
                "contact": invoice.contact_id,
                "payment_terms": invoice.payment_terms,
                "notes": invoice.notes,
            },
        )
    return render(request, "quotes/invoices/form.html", {"form": form, "invoice": invoice}, status=_status(form))


@require_POST
@perms.role_required(WRITER)
def invoice_issue(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = selectors.invoice_for_page(request.user, pk)
    try:
        invoice = services.invoice_issue(invoice=invoice, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        if invoice.is_credit_note:
            messages.success(request, _("Credit note %(number)s is issued.") % {"number": invoice.number})
        else:
            messages.success(
                request,
                _("Invoice %(number)s is issued, due on %(date)s: send it to the client.")
                % {"number": invoice.number, "date": invoice.due_date.strftime("%d/%m/%Y")},
            )
    return redirect(invoice)


@require_POST
@perms.role_required(WRITER)
def invoice_send(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = selectors.invoice_for_page(request.user, pk)
    try:
        invoice = services.invoice_send(invoice=invoice, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(
            request,
            _("%(number)s is on its way to %(email)s, with its Factur-X PDF.")
            % {"number": invoice.number, "email": services.recipient_of(invoice)},
        )
    return redirect(invoice)


@require_GET
@perms.role_required(*READERS)
def invoice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The Factur-X PDF as issued; before issue, a preview (marked as a draft, not stored)."""
    invoice = selectors.invoice_for_page(request.user, pk)
    if invoice.pdf:
        try:
            handle = invoice.pdf.open("rb")
        except OSError as exc:  # the file lost on disk: a 404, not a 500
            raise Http404 from exc
        response = FileResponse(handle, content_type="application/pdf", filename=f"{invoice.number}.pdf")
    else:
        response = HttpResponse(base_pdf(invoice), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="draft-invoice-{invoice.pk}.pdf"'
    # A client's invoice is private: no shared cache keeps it, no browser guesses another type.
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_POST
@perms.role_required(WRITER)
def invoice_payment(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = selectors.invoice_for_page(request.user, pk)
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            payments.payment_record(invoice=invoice, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            invoice.refresh_from_db()
            if invoice.status == InvoiceStatus.PAID:
                messages.success(
                    request, _("The payment is recorded: %(number)s is paid.") % {"number": invoice.number}
                )
            else:
                messages.success(request, _("The payment is recorded."))
            return redirect(invoice)
    invoice.refresh_from_db()
    if invoice.is_credit_note or invoice.status not in invoicing.PAYABLE_STATUSES:
        for error in form.non_field_errors():
            messages.error(request, error)
        return redirect(invoice)
    return _render_detail(request, invoice, payment_form=form, status=400)


@require_http_methods(["GET", "POST"])
@perms.role_required(WRITER)
def credit_note_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A credit note of the issued invoice ``pk``: everything left, or chosen lines and quantities."""
    invoice = selectors.invoice_for_page(request.user, pk)
    if invoice.is_credit_note or invoice.status not in invoicing.CREDITABLE_STATUSES:
        messages.error(request, _("Only an issued invoice that is not already cancelled can be credited."))
        return redirect(invoice)
    try:
        invoicing.check_deposit_not_deducted(invoice)
    except ValidationError as exc:
        error_messages(request, exc)
        return redirect(invoice)
    rows = selectors.invoice_page(invoice)["credit_rows"]
    if request.method == "POST":
        form = CreditNoteForm(request.POST, rows=rows)
        if form.is_valid():
            try:
                note = credit_notes.credit_note_create(
                    invoice=invoice,
                    by=request.user,
                    full=form.cleaned_data["full"],
                    lines=form.quantities(),
                    token=form.cleaned_data["token"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The draft credit note is ready: check it, then issue it."))
                return redirect(note)
    else:
        form = CreditNoteForm(rows=rows, initial={"token": uuid.uuid4()})
    context = {"form": form, "invoice": invoice}
    return render(request, "quotes/invoices/credit_note.html", context, status=_status(form))


@require_POST
@perms.role_required(WRITER)
def invoice_delete(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = selectors.invoice_for_page(request.user, pk)
    back = invoice.quote or invoice.credited_invoice
    try:
        services.invoice_delete(invoice=invoice, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
        return redirect(invoice)
    if invoice.kind == InvoiceKind.CREDIT_NOTE:
        messages.success(request, _("The draft credit note is deleted."))
    else:
        messages.success(request, _("The draft invoice is deleted."))
    return redirect(back) if back is not None else redirect("quotes:invoice_list")
