"""The catalogue's import (upload → preview → import all or nothing) and export (CSV or XLSX)."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from apps.core import permissions as perms
from apps.core.ranges import parse_page
from apps.supplies import spreadsheets
from apps.supplies.forms.catalogue import ImportUploadForm
from apps.supplies.models import Category, Unit, VatRate
from apps.supplies.selectors import catalogue as selectors
from apps.supplies.services import imports as services

from .catalogue import add_errors

OFFICE = perms.OFFICE_MANAGER
PREVIEW_PAGE_SIZE = 200
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _preview_url(stage) -> str:
    return f"{reverse('supplies:catalogue_import')}?token={stage.token}"


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def catalogue_import(request: HttpRequest) -> HttpResponse:
    """GET: the upload form, or the preview of a staged file (``?token=``). POST a file: stage it and
    show its preview. POST ``token`` with ``confirm``: import it all (or nothing)."""
    token = request.POST.get("token") if request.method == "POST" else request.GET.get("token")
    if token:
        stage = selectors.import_for(request.user, token)
        if stage is None:
            raise Http404
        if request.method == "POST":
            return _confirm(request, stage)
        return _preview(request, stage)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            stage = services.catalogue_import_stage(upload=form.cleaned_data["file"], by=request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect(_preview_url(stage))
    context = {
        "form": form,
        "export_url": f"{reverse('supplies:catalogue_export')}?format=xlsx",
        "categories": ", ".join(str(label) for label in Category.labels),
        "units": ", ".join(str(label) for label in Unit.labels),
        "vat_rates": ", ".join(str(label) for label in VatRate.labels),
    }
    return render(request, "supplies/catalogue/import.html", context)


def _preview(request: HttpRequest, stage) -> HttpResponse:
    if stage.imported_at is not None:
        messages.info(
            request,
            _("This file has already been imported (%(created)d created, %(updated)d updated).")
            % {"created": stage.created_count, "updated": stage.updated_count},
        )
        return redirect("supplies:item_list")
    check = services.check_rows(columns=stage.columns, rows=stage.rows)
    rows = check.rows
    errors_only = request.GET.get("errors") == "1"
    if errors_only:
        rows = [row for row in rows if row.errors]
    context = {
        "stage": stage,
        "check": check,
        "counts": {action: check.count(action) for action in ("new", "update", "unchanged", "error")},
        "columns": [spreadsheets.COLUMNS_BY_FIELD[name] for name in stage.columns],
        "page": Paginator(rows, PREVIEW_PAGE_SIZE).get_page(parse_page(request.GET.get("page"))),
        "errors_only": errors_only,
    }
    return render(request, "supplies/catalogue/import_preview.html", context)


def _confirm(request: HttpRequest, stage) -> HttpResponse:
    if request.POST.get("confirm") != "1":
        return redirect(_preview_url(stage))
    try:
        outcome = services.catalogue_import_confirm(stage=stage, by=request.user)
    except ValidationError:
        # The catalogue changed since the preview (or the file had errors): the preview shows why.
        messages.error(
            request, _("Nothing has been imported: some rows have errors. Correct the file and upload it again.")
        )
        return redirect(_preview_url(stage))
    counts = {
        "created": ngettext("%(count)d item created", "%(count)d items created", outcome.created)
        % {"count": outcome.created},
        "updated": ngettext("%(count)d updated", "%(count)d updated", outcome.updated) % {"count": outcome.updated},
    }
    if outcome.already_imported:
        already = _("This file had already been imported (%(created)s, %(updated)s): nothing more was done.")
        messages.info(request, already % counts)
    else:
        messages.success(request, _("The catalogue has been imported: %(created)s, %(updated)s.") % counts)
    return redirect("supplies:item_list")


@require_GET
@perms.role_required(OFFICE)
def catalogue_export(request: HttpRequest) -> HttpResponse:
    """Every item (active and archived) in the import's columns, headed in the viewer's language:
    ``?format=csv`` (the default) or ``xlsx``. Imported back, it changes nothing."""
    kind = request.GET.get("format", "csv")
    if kind not in ("csv", "xlsx"):
        kind = "csv"
    rows = spreadsheets.export_rows(selectors.export_items().iterator(chunk_size=1000))
    stem = f"{_('catalogue')}-{timezone.localdate():%Y-%m-%d}"
    if kind == "xlsx":
        buffer = io.BytesIO()
        spreadsheets.write_xlsx(buffer, rows, title=_("Catalogue"))
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    else:
        text = io.StringIO()
        spreadsheets.write_csv(text, rows)
        response = HttpResponse(text.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}.{kind}"'
    return response
