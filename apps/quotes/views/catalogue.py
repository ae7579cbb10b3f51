"""The catalogue's pages: the list (office manager and director), adding, editing, taking an entry
out of the offer and back (office manager only: 403 for anyone else; an unknown id: 404)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core import permissions as perms
from apps.core.ranges import parse_page
from apps.quotes.forms.catalogue import CatalogueEntryForm, CatalogueFilterForm
from apps.quotes.models import CatalogueEntry
from apps.quotes.selectors import catalogue as selectors
from apps.quotes.services import catalogue as services
from apps.quotes.views.clients import add_errors

OFFICE, DIRECTOR = perms.OFFICE_MANAGER, perms.DIRECTOR


def _entry(request: HttpRequest, pk: int) -> CatalogueEntry:
    return perms.get_visible_or_404(selectors.entries_visible_to(request.user), pk=pk)


@require_GET
@perms.role_required(OFFICE, DIRECTOR)
def catalogue(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET or None)
    filters = form.filters()
    page = selectors.catalogue_page(request.user, **filters, page=parse_page(request.GET.get("page")))
    context = {"form": form, "page": page, "filters": filters}
    template = "quotes/catalogue/partials/_rows.html" if request.htmx else "quotes/catalogue/list.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def catalogue_create(request: HttpRequest) -> HttpResponse:
    form = CatalogueEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.catalogue_entry_create(by=request.user, **form.entry_fields())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("“%(name)s” has been added to the catalogue.") % {"name": entry.name})
            return redirect("quotes:catalogue")
    return render(request, "quotes/catalogue/form.html", {"form": form, "entry": None, "heading": _("New entry")})


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def catalogue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    form = CatalogueEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.catalogue_entry_update(entry=entry, by=request.user, **form.entry_fields())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("“%(name)s” has been saved.") % {"name": entry.name})
            return redirect("quotes:catalogue")
    return render(request, "quotes/catalogue/form.html", {"form": form, "entry": entry, "heading": entry.name})


def _set_active(request: HttpRequest, pk: int, active: bool) -> HttpResponse:
    entry = _entry(request, pk)
    services.catalogue_entry_set_active(entry=entry, by=request.user, active=active)
    if active:
        messages.success(request, _("“%(name)s” is offered again.") % {"name": entry.name})
    else:
        messages.success(
            request,
            _("“%(name)s” is no longer offered in new quotes; quotes that use it keep their lines.")
            % {"name": entry.name},
        )
    return redirect("quotes:catalogue_edit", pk=entry.pk)


@require_POST
@perms.role_required(OFFICE)
def catalogue_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, False)


@require_POST
@perms.role_required(OFFICE)
def catalogue_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, True)
