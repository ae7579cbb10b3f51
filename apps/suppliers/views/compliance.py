"""Compliance documents and contracts: the office manager's pages (everyone else gets 403, an unknown
supplier, document or contract 404). Thin views: forms check input, services apply the rules."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from apps.core import permissions as perms
from apps.core.forms import add_service_errors
from apps.suppliers.forms.compliance import ContractForm, DocumentForm, TerminateForm
from apps.suppliers.models import DocumentKind
from apps.suppliers.selectors import compliance as selectors
from apps.suppliers.services import compliance as services
from apps.suppliers.services.notice import last_notice_day

OFFICE = perms.OFFICE_MANAGER


def _supplier(request: HttpRequest, pk):
    return perms.get_visible_or_404(selectors.suppliers_visible_to(request.user), pk=pk)


@require_GET
@perms.role_required(OFFICE)
def compliance_overview(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "suppliers/compliance/overview.html",
        {"rows": selectors.overview_rows(today), "today": today, "labels": selectors.FLAG_LABELS},
    )


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def documents(request: HttpRequest, pk: int) -> HttpResponse:
    supplier = _supplier(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_add(supplier=supplier, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The document has been recorded."))
            return redirect("suppliers:documents", supplier.pk)
    today = timezone.localdate()
    state = selectors.compliance_states([supplier.pk], today)[supplier.pk]
    context = {
        "supplier": supplier,
        "form": form,
        "documents": selectors.documents_of(supplier),
        "state": state,
        "current_ids": {document.document_id for document in state.documents.values()},
        "kinds": DocumentKind,
        "labels": selectors.FLAG_LABELS,
        "today": today,
    }
    return render(request, "suppliers/compliance/documents.html", context)


def _serve(field_file) -> FileResponse:
    """An uploaded file, served after the role check: inline for a PDF or an image (its type read from
    the content when it was uploaded), anything else as a download; never sniffed, never stored by a
    cache, never framed (the site's X-Frame-Options and CSP apply: a sandbox CSP would stop the
    browser's PDF viewer)."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    name = field_file.name.rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(name)[0]
    if content_type not in ("application/pdf", "image/png", "image/jpeg", "image/webp"):
        content_type = "application/octet-stream"
    response = FileResponse(
        handle, content_type=content_type, as_attachment=content_type == "application/octet-stream", filename=name
    )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_GET
@perms.role_required(OFFICE)
def document_file(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    supplier = _supplier(request, pk)
    try:
        document = selectors.document_of(supplier, document_pk)
    except (selectors.ComplianceDocument.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    return _serve(document.file)


def _contract_page(request, supplier, form):
    today = timezone.localdate()
    context = {
        "supplier": supplier,
        "form": form,
        "rows": selectors.contracts_of(supplier, today),
        "today": today,
        "terminate_form": TerminateForm(),
    }
    return render(request, "suppliers/compliance/contracts.html", context)


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def contracts(request: HttpRequest, pk: int) -> HttpResponse:
    """A supplier's contracts and the form to add one; ``?file=<id>`` downloads a contract's file."""
    supplier = _supplier(request, pk)
    if request.method == "GET" and request.GET.get("file"):
        try:
            contract = selectors.contract_of(supplier, request.GET["file"])
        except (selectors.Contract.DoesNotExist, ValueError) as exc:
            raise Http404 from exc
        return _serve(contract.file)
    form = ContractForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        file = data.pop("file", None)
        try:
            services.contract_create(supplier=supplier, by=request.user, file=file, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The contract has been recorded."))
            return redirect("suppliers:contracts", supplier.pk)
    return _contract_page(request, supplier, form)


def _contract(supplier, contract_pk):
    try:
        return selectors.contract_of(supplier, contract_pk)
    except (selectors.Contract.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def contract_edit(request: HttpRequest, pk: int, contract_pk: int) -> HttpResponse:
    supplier = _supplier(request, pk)
    contract = _contract(supplier, contract_pk)
    form = ContractForm(request.POST or None, request.FILES or None, instance=contract)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        file = data.pop("file", None)
        clear = data.pop("clear_file", False)
        try:
            services.contract_update(contract=contract, by=request.user, file=file, clear_file=clear, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The contract has been saved."))
            return redirect("suppliers:contracts", supplier.pk)
    contract.refresh_from_db()
    return render(
        request,
        "suppliers/compliance/contract_form.html",
        {"supplier": supplier, "contract": contract, "form": form},
    )


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def contract_terminate(request: HttpRequest, pk: int, contract_pk: int) -> HttpResponse:
    """Record the notice given: GET shows what it means (when the contract ends), POST records it."""
    supplier = _supplier(request, pk)
    contract = _contract(supplier, contract_pk)
    today = timezone.localdate()
    form = TerminateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contract = services.contract_terminate(
                contract=contract, on=form.cleaned_data["on"], by=request.user, today=today
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            ends = services.contract_ends_on(contract)
            messages.success(
                request,
                _("The notice has been recorded: the contract ends on %(date)s.")
                % {"date": date_format(ends, "SHORT_DATE_FORMAT") if ends else "—"},
            )
            return redirect("suppliers:contracts", supplier.pk)
    deadline = services.contract_deadline(contract, today)
    context = {
        "supplier": supplier,
        "contract": contract,
        "form": form,
        "deadline": deadline,
        "ends_on": services.contract_ends_on(contract),
        "today": today,
        "last_day": last_notice_day(contract.ends_on, contract.notice_months, contract.notice_days),
    }
    return render(request, "suppliers/compliance/contract_terminate.html", context)


@require_GET
@perms.role_required(OFFICE)
def contract_list(request: HttpRequest) -> HttpResponse:
    """Every contract, the nearest deadline first; ``?all=1`` keeps the ended ones (at the end)."""
    today = timezone.localdate()
    show_all = request.GET.get("all") == "1"
    rows = selectors.contract_rows(today, include_over=show_all)
    return render(
        request,
        "suppliers/compliance/contract_list.html",
        {"rows": rows, "today": today, "show_all": show_all},
    )
