"""The office manager's leave pages: everyone's balances, adjustments, the opening-balance import,
leave types, the company policy and the payroll export."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from apps.core import permissions as perms
from apps.core.htmx import render_page_or_partial
from apps.core.ranges import parse_page
from apps.leave import payroll, selectors, services
from apps.leave.forms import (
    BalanceAdjustForm,
    BalanceFilterForm,
    BalanceImportForm,
    LeavePolicyForm,
    LeaveTypeForm,
    PayrollMonthForm,
)
from apps.leave.models import LeavePolicy
from apps.leave.services import configuration

from ._helpers import add_errors, bound

PEOPLE_PER_PAGE = 25
HISTORY_SHOWN = 30


@require_GET
@perms.role_required(perms.OFFICE_MANAGER)
def balance_list(request: HttpRequest) -> HttpResponse:
    """Everyone's balances, 25 people a page: the bulk selector costs the same for any page."""
    filters = BalanceFilterForm(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    people = selectors.people_for_balances(q=criteria.get("q", ""), team=criteria.get("team"))
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(parse_page(request.GET.get("page")))
    balances = selectors.balances_bulk(page.object_list)
    rows = [(person, balances[person.pk]) for person in page.object_list]
    context = {
        "filters": filters,
        "page": page,
        "rows": rows,
        "balance_types": selectors.balance_types(),
        "filtered": bool(criteria and any(criteria.values())),
    }
    response = render_page_or_partial(request, "leave/balance_list.html", "leave/partials/_balance_rows.html", context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def balance_adjust(request: HttpRequest, person_pk: int) -> HttpResponse:
    """One person's balances, their ledger history, and a manual adjustment (a reason is required)."""
    person = perms.get_visible_or_404(selectors.people_visible_for_ledger(request.user), pk=person_pk)
    form = BalanceAdjustForm(*bound(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.leave_balance_adjust(
                person=person,
                leave_type=form.cleaned_data["leave_type"],
                days=form.cleaned_data["days"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The balance of %(name)s has been adjusted.") % {"name": person})
            return redirect("leave:balance_adjust", person_pk=person.pk)
    context = {
        "person": person,
        "form": form,
        "balances": selectors.balances_for(person),
        "entries": list(selectors.ledger_entries_for(person)[:HISTORY_SHOWN]),
    }
    return render(request, "leave/balance_adjust.html", context)


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def balance_import(request: HttpRequest) -> HttpResponse:
    """Opening balances from a CSV file: every row is checked, nothing is imported if one is wrong."""
    form = BalanceImportForm(*bound(request, files=True))
    row_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            count = services.leave_balances_import_csv(file=form.cleaned_data["file"], by=request.user)
        except ValidationError as exc:
            row_errors = exc.messages
        else:
            messages.success(
                request,
                ngettext("%(count)d balance imported.", "%(count)d balances imported.", count) % {"count": count},
            )
            return redirect("leave:balance_list")
    return render(request, "leave/balance_import.html", {"form": form, "row_errors": row_errors})


@require_GET
@perms.role_required(perms.OFFICE_MANAGER)
def type_list(request: HttpRequest) -> HttpResponse:
    return render(request, "leave/type_list.html", {"types": selectors.all_leave_types()})


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def type_create(request: HttpRequest) -> HttpResponse:
    form = LeaveTypeForm(*bound(request))
    if request.method == "POST" and form.is_valid():
        try:
            leave_type = configuration.leave_type_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The leave type %(name)s has been created.") % {"name": leave_type.name})
            return redirect("leave:type_list")
    return render(request, "leave/type_form.html", {"form": form, "heading": _("New leave type"), "leave_type": None})


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def type_edit(request: HttpRequest, pk: int) -> HttpResponse:
    leave_type = perms.get_visible_or_404(selectors.all_leave_types(), pk=pk)
    heading = leave_type.name  # before the form writes its input into the instance
    form = LeaveTypeForm(*bound(request), instance=leave_type)
    if request.method == "POST" and form.is_valid():
        try:
            leave_type = configuration.leave_type_update(leave_type=leave_type, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The leave type %(name)s has been saved.") % {"name": leave_type.name})
            return redirect("leave:type_list")
    return render(request, "leave/type_form.html", {"form": form, "heading": heading, "leave_type": leave_type})


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def policy_edit(request: HttpRequest) -> HttpResponse:
    form = LeavePolicyForm(*bound(request), instance=LeavePolicy.load())
    if request.method == "POST" and form.is_valid():
        try:
            configuration.leave_policy_update(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The leave policy has been saved."))
            return redirect("leave:policy")
    return render(request, "leave/policy_form.html", {"form": form})


@require_GET
@perms.role_required(perms.OFFICE_MANAGER)
def payroll_export(request: HttpRequest) -> HttpResponse:
    """Without ``month``: the month picker. With it: the CSV (UTF-8 with BOM, ``;``, decimal comma)."""
    form = PayrollMonthForm(request.GET if "month" in request.GET else None)
    if form.is_bound and form.is_valid():
        year, month = form.cleaned_data["month"]
        out = io.StringIO()
        payroll.write_payroll_csv(payroll.payroll_rows(year=year, month=month), out)
        response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="leave-{year}-{month:02d}.csv"'
        return response
    return render(request, "leave/payroll_export.html", {"form": form})
