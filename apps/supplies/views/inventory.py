"""Inventory counts (office manager, on a phone): choose a site, type the figures counted on its
shelves, and see the differences the count made to the stock."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from apps.core import permissions as perms
from apps.supplies import services
from apps.supplies.forms.stock import InventoryCountForm
from apps.supplies.models import InventoryCount
from apps.supplies.selectors import stock as selectors
from apps.supplies.services.inventory import ALREADY_APPLIED

RECENT_COUNTS = 10


@require_GET
@perms.role_required(perms.OFFICE_MANAGER)
def inventory(request: HttpRequest) -> HttpResponse:
    counts = selectors.counts_visible_to(request.user)[:RECENT_COUNTS]
    return render(request, "supplies/stock/inventory.html", {"sites": selectors.inventory_sites(), "counts": counts})


def _show_errors(form: InventoryCountForm, exc: ValidationError, shown: set[str]) -> None:
    """The service's errors next to their item, or on top for an item no longer on the sheet."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        form.add_error(name if name in shown else None, errors)


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def inventory_count(request: HttpRequest, site_pk: int) -> HttpResponse:
    site = perms.get_visible_or_404(selectors.stock_sites_visible_to(request.user).filter(is_active=True), pk=site_pk)
    sheet = selectors.inventory_sheet(site)
    item_ids = [line.item_id for group in sheet for line in group.lines]
    if request.method == "POST":
        form = InventoryCountForm(request.POST, item_ids=item_ids)
        if form.is_valid():
            try:
                count = services.inventory_count_apply(
                    site=site,
                    by=request.user,
                    counted=form.counted(),
                    note=form.cleaned_data["note"],
                    token=form.cleaned_data["token"],
                )
            except ValidationError as exc:
                if getattr(exc, "code", None) == ALREADY_APPLIED:
                    done = InventoryCount.objects.filter(submission_token=form.cleaned_data["token"]).first()
                    if done is not None:
                        messages.info(request, _("This count had already been recorded: here is what it changed."))
                        return redirect("supplies:inventory_count_detail", pk=done.pk)
                _show_errors(form, exc, set(form.fields))
            else:
                messages.success(request, _("The count of %(site)s has been recorded.") % {"site": site.name})
                return redirect("supplies:inventory_count_detail", pk=count.pk)
    else:
        form = InventoryCountForm(initial={"token": uuid.uuid4()}, item_ids=item_ids)
    context = {"site": site, "sheet": sheet, "form": form, "item_count": len(item_ids)}
    return render(request, "supplies/stock/inventory_count.html", context)


@require_GET
@perms.role_required(perms.OFFICE_MANAGER)
def inventory_count_detail(request: HttpRequest, pk: int) -> HttpResponse:
    count = perms.get_visible_or_404(selectors.counts_visible_to(request.user), pk=pk)
    lines = selectors.count_lines(count)
    differences = [line for line in lines if line.difference]
    context = {"count": count, "lines": lines, "differences": differences}
    return render(request, "supplies/stock/inventory_count_detail.html", context)
