"""A staff member's own requests (follow, cancel) and their requests for new equipment."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core import permissions as perms
from apps.core.dates import date_text
from apps.core.http import safe_next
from apps.core.ranges import parse_page
from apps.core.reversing import pk_url
from apps.supplies.forms.staff_requests import (
    EQUIPMENT_MAX_ROWS,
    EQUIPMENT_ROWS,
    EquipmentLineFormSet,
    RequestDetailsForm,
)
from apps.supplies.models import RequestKind, RequestStatus
from apps.supplies.selectors import my_requests as selectors
from apps.supplies.selectors.shop import equipment_items
from apps.supplies.services import requests as services
from apps.supplies.services.requests import LineInput

from .shop import add_errors, already_sent, request_sent_message, requester_sites


def _row_texts() -> dict[str, object]:
    """The rows' words that take a value, translated once per page rather than once per row (the
    template fills them in with ``|format``; the result is escaped like any text)."""
    return {
        "statuses": {value: str(label) for value, label in RequestStatus.choices},
        "equipment": str(RequestKind.EQUIPMENT.label),
        "request": _("Request #%(number)s"),
        "needed_by": _("needed by %(day)s"),
        "confirm_cancel": _("Cancel request #%(number)s?"),
        "cancel_which": _("request #%(number)s"),
    }


@require_GET
@perms.login_required
def my_requests(request: HttpRequest) -> HttpResponse:
    context = {
        "page": selectors.my_requests_page(request.user, page=parse_page(request.GET.get("page"))),
        "detail_url": pk_url("supplies:request_detail"),
        "cancel_url": pk_url("supplies:request_cancel"),
        "texts": _row_texts(),
        "date_text": date_text,
    }
    return render(request, "supplies/my_requests/list.html", context)


@require_POST
@perms.login_required
def request_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    supply_request = perms.get_visible_or_404(selectors.requests_cancellable_by(request.user), pk=pk)
    try:
        services.request_cancel(request=supply_request, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Request #%(number)d has been cancelled.") % {"number": supply_request.pk})
    return redirect(safe_next(request) or reverse("supplies:my_requests"))


def _rows_wanted(request: HttpRequest) -> int:
    try:
        rows = int(request.GET.get("rows", EQUIPMENT_ROWS))
    except (TypeError, ValueError):
        rows = EQUIPMENT_ROWS
    return min(max(rows, 1), EQUIPMENT_MAX_ROWS)


@require_http_methods(["GET", "POST"])
@perms.login_required
def equipment_request(request: HttpRequest) -> HttpResponse:
    """Ask for new equipment: lines from the IT and furniture catalogue or described, the same approvals."""
    sites = requester_sites(request.user)
    items = equipment_items()
    if request.method == "POST":
        details_form = RequestDetailsForm(request.POST, sites=sites)
        formset = EquipmentLineFormSet(request.POST, prefix="lines", form_kwargs={"items": items})
    else:
        details_form = RequestDetailsForm(sites=sites, initial={"site": request.user.site_id})
        rows = _rows_wanted(request)
        formset = EquipmentLineFormSet(prefix="lines", form_kwargs={"items": items}, initial=[{"quantity": 1}] * rows)
        formset.extra = 0
    line_errors: list[str] = []
    if request.method == "POST" and details_form.is_valid() and formset.is_valid():
        data = details_form.cleaned_data
        lines = [
            LineInput(item_id=line["item"].pk, quantity=line["quantity"])
            if line.get("item")
            else LineInput(
                description=line["description"],
                unit_price=line["unit_price"],
                quantity=line["quantity"],
                link=line["link"],
            )
            for form in formset.forms
            if not form.is_blank()
            for line in [form.cleaned_data]
        ]
        try:
            supply_request = services.request_submit(
                requester=request.user,
                site=data["site"],
                kind=RequestKind.EQUIPMENT,
                reason=data["reason"],
                needed_by=data["needed_by"],
                lines=lines,
                token=data["token"],
            )
        except ValidationError as exc:
            if already_sent(exc):
                messages.info(request, exc.messages[0])
                return redirect("supplies:my_requests")
            line_errors = add_errors(details_form, exc)
        else:
            request_sent_message(request, supply_request)
            return redirect("supplies:my_requests")
    context = {
        "details_form": details_form,
        "formset": formset,
        "line_errors": line_errors,
        "more_rows": min(len(formset.forms) + 2, EQUIPMENT_MAX_ROWS) if len(formset.forms) < EQUIPMENT_MAX_ROWS else 0,
    }
    return render(request, "supplies/my_requests/equipment_request.html", context)
