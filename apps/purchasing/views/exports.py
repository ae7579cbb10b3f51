"""The accountant's exports (the office manager's): the period form, the invoices CSV, the FEC journal,
and the account mapping the FEC uses."""

from __future__ import annotations

import datetime as dt
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from apps.accounts.models import Company
from apps.core import permissions as perms
from apps.purchasing import exports
from apps.purchasing.forms.budgets import AccountMappingForm, PeriodForm
from apps.purchasing.models import AccountingSettings, AccountMapping
from apps.purchasing.services import budgets as services
from apps.purchasing.views.budgets import add_errors

OFFICE = perms.OFFICE_MANAGER


def _default_period(today: dt.date) -> dict:
    """Last month, the accountant's usual request."""
    first_of_month = today.replace(day=1)
    end = first_of_month - dt.timedelta(days=1)
    return {"start": end.replace(day=1), "end": end}


def _period_form(request: HttpRequest) -> PeriodForm:
    bound = "start" in request.GET or "end" in request.GET
    return PeriodForm(request.GET if bound else None, initial=_default_period(timezone.localdate()))


def _page(request: HttpRequest, form: PeriodForm, status: int = 200) -> HttpResponse:
    context = {"form": form, "max_years": 5}
    if form.is_bound and form.is_valid():
        context["totals"] = exports.period_totals(form.cleaned_data["start"], form.cleaned_data["end"])
        context["query"] = request.GET.urlencode()
    return render(request, "purchasing/exports/page.html", context, status=status)


@require_GET
@perms.role_required(OFFICE)
def export_page(request: HttpRequest) -> HttpResponse:
    return _page(request, _period_form(request))


def _download(request: HttpRequest, write, *, filename, content_type: str, encoding: str = "utf-8") -> HttpResponse:
    form = PeriodForm(request.GET)
    if not form.is_valid():
        # Back to the page with the form's message (a bookmarked or edited link), never a 500.
        return _page(request, form, status=400)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    out = io.StringIO()
    write(exports.invoices_for_export(start, end), out)
    response = HttpResponse(out.getvalue().encode(encoding), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename(start, end)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@perms.role_required(OFFICE)
def export_invoices_csv(request: HttpRequest) -> HttpResponse:
    """The invoices of the period, one row per VAT rate (UTF-8 with BOM, ``;``, decimal comma)."""
    return _download(
        request,
        exports.write_invoices_csv,
        filename=lambda start, end: f"factures-fournisseurs-{start:%Y%m%d}-{end:%Y%m%d}.csv",
        content_type="text/csv; charset=utf-8",
    )


@require_GET
@perms.role_required(OFFICE)
def export_fec(request: HttpRequest) -> HttpResponse:
    """The purchases journal of the period in the FEC layout (tab-separated, ISO 8859-15)."""
    company = Company.objects.filter(pk=1).only("siren").first()
    siren = company.siren if company else ""
    return _download(
        request,
        exports.write_fec,
        filename=lambda start, end: exports.fec_filename(siren, end),
        content_type=f"text/plain; charset={exports.FEC_ENCODING}",
        encoding=exports.FEC_ENCODING,
    )


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def account_mapping(request: HttpRequest) -> HttpResponse:
    setup = AccountingSettings.current()
    mappings = {row.category: (row.account, row.label) for row in AccountMapping.objects.all()}
    form = AccountMappingForm(request.POST or None, mappings=mappings, setup=setup)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_mapping_save(accounts=form.accounts(), by=request.user, **form.settings())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The accounts have been saved: the next exports use them."))
            return redirect("purchasing:accounts")
    return render(request, "purchasing/exports/accounts.html", {"form": form})
