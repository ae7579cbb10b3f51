"""The budget page (the office manager's, and the director's read-only) and the budget form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from apps.core import permissions as perms
from apps.purchasing.charts import spend_chart
from apps.purchasing.forms.budgets import BudgetForm
from apps.purchasing.selectors import budgets as selectors
from apps.purchasing.services import budgets as services

OFFICE = perms.OFFICE_MANAGER
READERS = (perms.OFFICE_MANAGER, perms.DIRECTOR)


def add_errors(form: BaseForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@require_GET
@perms.role_required(*READERS)
def budget_overview(request: HttpRequest) -> HttpResponse:
    """The year's budgets with committed, invoiced and remaining, and the chart of one budget (or all)."""
    today = timezone.localdate()
    year = _int(request.GET.get("year"), today.year)
    if not selectors.FIRST_YEAR <= year <= today.year + selectors.YEARS_AHEAD:
        year = today.year
    data = selectors.year_budgets(year)
    chosen = data.line(_int(request.GET.get("chart"), 0))
    spend, amount = (chosen.spend, chosen.amount) if chosen is not None else (data.budgeted, data.amount)
    context = {
        "year": year,
        "years": sorted({*selectors.budget_years(today), year}, reverse=True),
        "data": data,
        "chosen": chosen,
        "chart": spend_chart(spend, amount),
        "closed": year < today.year,
        "can_edit": request.user.has_role(OFFICE),
        "page_url": reverse("purchasing:budgets"),
    }
    return render(request, "purchasing/budgets/overview.html", context)


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def budget_create(request: HttpRequest) -> HttpResponse:
    initial = {"year": _int(request.GET.get("year"), timezone.localdate().year)}
    form = BudgetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            budget = services.budget_create(by=request.user, **form.budget_fields())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The budget “%(budget)s” has been saved.") % {"budget": budget})
            return redirect(f"{reverse('purchasing:budgets')}?year={budget.year}")
    return render(request, "purchasing/budgets/form.html", {"form": form, "budget": None})


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def budget_edit(request: HttpRequest, pk: int) -> HttpResponse:
    budget = perms.get_visible_or_404(selectors.budgets_visible_to(request.user), pk=pk)
    closed = budget.year < timezone.localdate().year
    initial = {
        "year": budget.year,
        "category": budget.category,
        "site": budget.site_id,
        "team": budget.team_id,
        "amount": budget.amount,
        "note": budget.note,
    }
    form = BudgetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            budget = services.budget_update(budget=budget, by=request.user, **form.budget_fields())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The budget “%(budget)s” has been saved.") % {"budget": budget})
            return redirect(f"{reverse('purchasing:budgets')}?year={budget.year}")
    return render(request, "purchasing/budgets/form.html", {"form": form, "budget": budget, "closed": closed})
