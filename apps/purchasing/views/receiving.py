"""Receiving deliveries on an order, and draft orders made from approved requests and the reorder list
(office manager)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from apps.core import permissions as perms
from apps.purchasing.forms.receiving import ReceiveForm
from apps.purchasing.models import RECEIVABLE_STATUSES, OrderLine, PurchaseOrder, Receipt
from apps.purchasing.services import drafts, receiving

RECENT_RECEIPTS = 20


def _receipts(order: PurchaseOrder) -> list[Receipt]:
    receipts = list(
        Receipt.objects.filter(order=order)
        .select_related("by")
        .prefetch_related("lines__order_line")
        .order_by("-received_on", "-pk")[:RECENT_RECEIPTS]
    )
    for receipt in receipts:
        receipt.order = order
        receipt.rating_url = rating_url(receipt)
    return receipts


def rating_url(receipt: Receipt) -> str:
    """The supplier's ratings page, with what is rated (the order's number and the delivery's day)."""
    query = urlencode({"reference": receiving.rating_reference(receipt), "receipt": receipt.pk})
    return f"{reverse('suppliers:ratings', args=[receipt.order.supplier_id])}?{query}"


def _page(request: HttpRequest, order: PurchaseOrder, form: ReceiveForm | None, status: int = 200) -> HttpResponse:
    lines = list(OrderLine.objects.filter(order=order).select_related("item").order_by("position", "pk"))
    receivable = order.status in RECEIVABLE_STATUSES
    if form is None and receivable:
        form = ReceiveForm(initial={"token": uuid.uuid4()}, lines=lines)
    receipts = _receipts(order)
    just = None
    receipt_pk = request.GET.get("receipt", "")
    if receipt_pk.isdigit():
        just = next((receipt for receipt in receipts if receipt.pk == int(receipt_pk)), None)
    context = {
        "order": order,
        "lines": lines,
        "form": form if receivable else None,
        "receipts": receipts,
        "just_received": just,
    }
    return render(request, "purchasing/receiving/receive.html", context, status=status)


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def order_receive(request: HttpRequest, pk: int) -> HttpResponse:
    order = perms.get_visible_or_404(PurchaseOrder.objects.select_related("supplier", "site"), pk=pk)
    if request.method == "GET":
        return _page(request, order, None)
    lines = list(OrderLine.objects.filter(order=order).order_by("position", "pk"))
    form = ReceiveForm(request.POST, lines=lines)
    if form.is_valid():
        try:
            outcome = receiving.order_receive(
                order=order,
                by=request.user,
                quantities=form.quantities(),
                token=form.cleaned_data["token"],
                received_on=form.cleaned_data["received_on"],
                reference=form.cleaned_data["reference"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            if outcome.already_recorded:
                messages.info(request, _("This delivery has already been recorded."))
            else:
                text = _("Delivery recorded: the stock of %(site)s is updated.") % {"site": order.site.name}
                if outcome.requests_ready:
                    text += " " + ngettext(
                        "%(count)d supply request is ready; its requester has been told.",
                        "%(count)d supply requests are ready; their requesters have been told.",
                        outcome.requests_ready,
                    ) % {"count": outcome.requests_ready}
                messages.success(request, text)
            url = reverse("purchasing:order_receive", args=[order.pk])
            return redirect(f"{url}?{urlencode({'receipt': outcome.receipt.pk})}")
    order.refresh_from_db()
    if order.status not in RECEIVABLE_STATUSES:
        # Received or cancelled meanwhile (another tab): the page shows no form, so say why here.
        for error in form.non_field_errors():
            messages.error(request, error)
    return _page(request, order, form, status=200)


# --- Drafts from approved requests and from the reorder list ---------------------------------------


def _drafts_page(request: HttpRequest, source: str) -> HttpResponse:
    finder = drafts.request_candidates if source == "requests" else drafts.reorder_candidates
    if request.method == "POST":
        try:
            outcome = drafts.drafts_create(
                by=request.user, selected=request.POST.getlist("line"), token=request.POST.get("token"), source=source
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            if outcome.already:
                messages.info(request, _("These orders have already been made."))
                return redirect("purchasing:order_list")
            messages.success(
                request,
                ngettext(
                    "%(count)d draft order made: check it, then submit it.",
                    "%(count)d draft orders made, one per supplier: check them, then submit them.",
                    len(outcome.orders),
                )
                % {"count": len(outcome.orders)},
            )
            if outcome.skipped:
                messages.warning(
                    request,
                    _("Not ordered, for want of a supplier: %(lines)s.")
                    % {"lines": ", ".join(candidate.description for candidate in outcome.skipped)},
                )
            if len(outcome.orders) == 1:
                return redirect("purchasing:order_detail", outcome.orders[0].pk)
            return redirect("purchasing:order_list")
    groups = drafts.grouped(finder())
    context = {
        "source": source,
        "groups": groups,
        "token": uuid.uuid4(),
        "line_count": sum(len(group.lines) for group in groups),
    }
    return render(request, "purchasing/receiving/to_order.html", context)


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def from_requests(request: HttpRequest) -> HttpResponse:
    return _drafts_page(request, "requests")


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def from_reorder(request: HttpRequest) -> HttpResponse:
    return _drafts_page(request, "reorder")
