"""A supplier's relationship log and ratings (office manager): the page lists them, its form adds one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.core import permissions as perms
from apps.core.ranges import parse_page
from apps.suppliers.forms.relationship import InteractionForm, RatingForm
from apps.suppliers.selectors import directory as selectors
from apps.suppliers.services import relationship as services
from apps.suppliers.services.directory import ALREADY_CREATED
from apps.suppliers.views.directory import OFFICE, _supplier, add_errors


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def log(request: HttpRequest, pk: int) -> HttpResponse:
    supplier = _supplier(request, pk)
    form = InteractionForm(request.POST or None, supplier=supplier)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.interaction_create(
                supplier=supplier,
                by=request.user,
                kind=data["kind"],
                happened_on=data["happened_on"],
                summary=data["summary"],
                contact=data["contact"],
                follow_up_on=data["follow_up_on"],
                token=data.get("token"),
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) != ALREADY_CREATED:
                add_errors(form, exc)
            else:
                return redirect("suppliers:log", supplier.pk)
        else:
            messages.success(request, _("The entry has been added to the log."))
            return redirect("suppliers:log", supplier.pk)
    open_only = request.GET.get("open") == "1"
    context = {
        "supplier": supplier,
        "form": form,
        "page": selectors.log_page(supplier, page=parse_page(request.GET.get("page")), open_only=open_only),
        "open_only": open_only,
    }
    return render(request, "suppliers/relationship/log.html", context)


@require_POST
@perms.role_required(OFFICE)
def log_follow_up_done(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    supplier = _supplier(request, pk)
    entry = perms.get_visible_or_404(selectors.entries_of(supplier), pk=entry_pk)
    if services.follow_up_done(interaction=entry, by=request.user):
        messages.success(request, _("The follow-up is marked done."))
    else:
        messages.info(request, _("This follow-up was already done."))
    back = request.POST.get("next", "")
    return redirect(
        reverse("suppliers:detail", args=[supplier.pk])
        if back == "detail"
        else reverse("suppliers:log", args=[supplier.pk])
    )


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def ratings(request: HttpRequest, pk: int) -> HttpResponse:
    supplier = _supplier(request, pk)
    initial = {"reference": (request.GET.get("reference") or "")[:100]}
    form = RatingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.rating_create(
                supplier=supplier,
                by=request.user,
                quality=data["quality"],
                delay=data["delay"],
                price=data["price"],
                comment=data["comment"],
                reference=data["reference"],
                rated_on=data["rated_on"],
                token=data.get("token"),
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) != ALREADY_CREATED:
                add_errors(form, exc)
            else:
                return redirect("suppliers:ratings", supplier.pk)
        else:
            messages.success(request, _("The rating has been recorded."))
            return redirect("suppliers:ratings", supplier.pk)
    context = {
        "supplier": supplier,
        "form": form,
        "summary": selectors.rating_summary(supplier),
        "page": selectors.rating_page(supplier, page=parse_page(request.GET.get("page"))),
    }
    return render(request, "suppliers/relationship/ratings.html", context)
