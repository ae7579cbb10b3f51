"""The supplier directory's pages (office manager): the list, a supplier's page and form, archiving
and deleting, its contacts. Each view fetches through ``suppliers_visible_to`` (anyone else: 403 by
role, an unknown id or another supplier's contact: 404), calls one service, renders or redirects."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core import permissions as perms
from apps.core.ranges import parse_page
from apps.suppliers.forms.directory import ContactForm, SupplierFilterForm, SupplierForm
from apps.suppliers.models import Contact, Supplier
from apps.suppliers.selectors import compliance
from apps.suppliers.selectors import directory as selectors
from apps.suppliers.services import directory as services

OFFICE = perms.OFFICE_MANAGER


def add_errors(form: BaseForm, exc: ValidationError) -> None:
    """A service's ValidationError on the form: per field when the form has it, on top otherwise."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _supplier(request: HttpRequest, pk: int) -> Supplier:
    return perms.get_visible_or_404(selectors.suppliers_visible_to(request.user), pk=pk)


@require_GET
@perms.role_required(OFFICE)
def supplier_list(request: HttpRequest) -> HttpResponse:
    form = SupplierFilterForm(request.GET or None)
    filters = form.filters()
    page = selectors.supplier_page(**filters, page=parse_page(request.GET.get("page")))
    context = {"form": form, "page": page, "filters": filters, "flag_labels": compliance.FLAG_LABELS}
    template = "suppliers/directory/partials/_rows.html" if request.htmx else "suppliers/directory/list.html"
    return render(request, template, context)


@require_GET
@perms.role_required(OFFICE)
def supplier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    supplier = _supplier(request, pk)
    context = {
        "supplier": supplier,
        "overview": selectors.supplier_overview(supplier),
        "flag_labels": compliance.FLAG_LABELS,
    }
    return render(request, "suppliers/directory/detail.html", context)


def _saved_message(request: HttpRequest, supplier: Supplier, text: str) -> None:
    messages.success(request, text % {"name": supplier.name})
    if selectors.same_company(supplier).exists():
        messages.info(
            request,
            _("Another establishment of this company (same SIREN) is in the directory: see the supplier's page."),
        )


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def supplier_create(request: HttpRequest) -> HttpResponse:
    form = SupplierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data.get("token")
        try:
            supplier = services.supplier_create(
                by=request.user, categories=form.cleaned_data["categories"], token=token, **form.supplier_fields()
            )
        except ValidationError as exc:
            done = Supplier.objects.filter(submission_token=token).first() if token else None
            if getattr(exc, "code", None) == services.ALREADY_CREATED and done is not None:
                messages.info(request, _("“%(name)s” was already added.") % {"name": done.name})
                return redirect(done.get_absolute_url())
            add_errors(form, exc)
        else:
            _saved_message(request, supplier, _("“%(name)s” has been added to the directory."))
            return redirect(supplier.get_absolute_url())
    context = {"form": form, "heading": _("New supplier"), "supplier": None}
    return render(request, "suppliers/directory/form.html", context)


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def supplier_edit(request: HttpRequest, pk: int) -> HttpResponse:
    supplier = _supplier(request, pk)
    form = SupplierForm(request.POST or None, instance=supplier)
    if request.method == "POST" and form.is_valid():
        try:
            supplier = services.supplier_update(
                supplier=supplier, by=request.user, categories=form.cleaned_data["categories"], **form.supplier_fields()
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            _saved_message(request, supplier, _("“%(name)s” has been saved."))
            return redirect(supplier.get_absolute_url())
    context = {"form": form, "heading": supplier.name, "supplier": supplier}
    return render(request, "suppliers/directory/form.html", context)


@require_POST
@perms.role_required(OFFICE)
def supplier_archive(request: HttpRequest, pk: int) -> HttpResponse:
    supplier = _supplier(request, pk)
    if not supplier.is_active:
        messages.info(request, _("“%(name)s” is already archived.") % {"name": supplier.name})
    else:
        services.supplier_archive(supplier=supplier, by=request.user)
        messages.success(
            request,
            _("“%(name)s” is archived: it is no longer proposed for new orders; its history stays.")
            % {"name": supplier.name},
        )
    return redirect(supplier.get_absolute_url())


@require_POST
@perms.role_required(OFFICE)
def supplier_restore(request: HttpRequest, pk: int) -> HttpResponse:
    supplier = _supplier(request, pk)
    if supplier.is_active:
        messages.info(request, _("“%(name)s” is already in the directory.") % {"name": supplier.name})
    else:
        services.supplier_restore(supplier=supplier, by=request.user)
        messages.success(request, _("“%(name)s” is back in the directory.") % {"name": supplier.name})
    return redirect(supplier.get_absolute_url())


@require_POST
@perms.role_required(OFFICE)
def supplier_delete(request: HttpRequest, pk: int) -> HttpResponse:
    supplier = _supplier(request, pk)
    try:
        services.supplier_delete(supplier=supplier, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(supplier.get_absolute_url())
    messages.success(request, _("“%(name)s” has been deleted.") % {"name": supplier.name})
    return redirect("suppliers:list")


# --- contacts -------------------------------------------------------------------------------------


def _contact(supplier: Supplier, contact_pk: int) -> Contact:
    return perms.get_visible_or_404(selectors.contacts_of(supplier), pk=contact_pk)


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def contact_create(request: HttpRequest, pk: int) -> HttpResponse:
    supplier = _supplier(request, pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data.get("token")
        try:
            contact = services.contact_create(supplier=supplier, by=request.user, token=token, **form.contact_fields())
        except ValidationError as exc:
            if getattr(exc, "code", None) == services.ALREADY_CREATED:
                messages.info(request, _("This contact was already added."))
                return redirect(supplier.get_absolute_url())
            add_errors(form, exc)
        else:
            messages.success(request, _("%(name)s has been added to the contacts.") % {"name": contact.name})
            return redirect(supplier.get_absolute_url())
    context = {"form": form, "supplier": supplier, "contact": None, "heading": _("New contact")}
    return render(request, "suppliers/directory/contact_form.html", context)


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def contact_edit(request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    supplier = _supplier(request, pk)
    contact = _contact(supplier, contact_pk)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_update(contact=contact, by=request.user, **form.contact_fields())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("%(name)s has been saved.") % {"name": contact.name})
            return redirect(supplier.get_absolute_url())
    context = {"form": form, "supplier": supplier, "contact": contact, "heading": contact.name}
    return render(request, "suppliers/directory/contact_form.html", context)


@require_POST
@perms.role_required(OFFICE)
def contact_delete(request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    supplier = _supplier(request, pk)
    contact = _contact(supplier, contact_pk)
    services.contact_delete(contact=contact, by=request.user)
    messages.success(request, _("%(name)s has been removed from the contacts.") % {"name": contact.name})
    return redirect(supplier.get_absolute_url())
