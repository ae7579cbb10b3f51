"""Purchase orders: the list, writing a draft and its lines, the director's approval, sending, the PDF.

The office manager does everything; the director reads the orders and approves or refuses those above
the threshold; anyone else gets 403 (and an unknown order is a 404)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from apps.core import permissions as perms
from apps.core.forms import add_service_errors
from apps.core.http import error_messages, safe_next
from apps.core.ranges import parse_page
from apps.purchasing.forms.orders import CancelForm, LineForm, OrderFilterForm, OrderForm, ReasonForm
from apps.purchasing.models import RECEIVABLE_STATUSES, OrderStatus
from apps.purchasing.order_pdf import order_pdf_bytes
from apps.purchasing.selectors import orders as selectors
from apps.purchasing.services import orders as services

READERS = (perms.OFFICE_MANAGER, perms.DIRECTOR)


@require_GET
@perms.role_required(*READERS)
def order_list(request: HttpRequest) -> HttpResponse:
    form = OrderFilterForm(request.GET or None, suppliers=selectors.supplier_choices(request.user))
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    status = filters.get("status") or ""
    listing = selectors.order_list_page(
        request.user,
        status=status,
        supplier_id=filters.get("supplier"),
        search=filters.get("q", ""),
        page=parse_page(request.GET.get("page")),
    )
    tabs = [
        ("", _("All"), None),
        (selectors.TO_SEND, _("To send"), listing.counts[selectors.TO_SEND]),
        (OrderStatus.AWAITING_DIRECTOR, _("Awaiting the director"), listing.counts[OrderStatus.AWAITING_DIRECTOR]),
        (selectors.EXPECTED, _("Awaiting delivery"), listing.counts[selectors.EXPECTED]),
    ]
    context = {
        "form": form,
        "listing": listing,
        "status": status,
        "tabs": tabs,
        "status_labels": dict(OrderStatus.choices),
        "is_office_manager": request.user.is_office_manager,
    }
    return render(request, "purchasing/orders/list.html", context)


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def order_create(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = OrderForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                order = services.order_create(
                    by=request.user,
                    supplier=data["supplier"],
                    site=data["site"],
                    team=data["team"],
                    expected_on=data["expected_on"],
                    notes=data["notes"],
                    token=data["token"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The draft order is created: add its lines."))
                return redirect("purchasing:order_lines", order.pk)
    else:
        initial = {"token": uuid.uuid4()}
        supplier = request.GET.get("supplier")
        if supplier and supplier.isdigit():
            initial["supplier"] = supplier
        form = OrderForm(initial=initial)
    return render(request, "purchasing/orders/form.html", {"form": form, "order": None}, status=_status(form))


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


@require_GET
@perms.role_required(*READERS)
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order = selectors.order_for_page(request.user, pk)
    return _render_detail(request, order)


def _render_detail(request: HttpRequest, order, *, refuse_form=None, cancel_form=None, status: int = 200):
    user = request.user
    office = user.is_office_manager
    page = selectors.order_page(order)
    threshold = services.director_threshold()
    context = {
        "page": page,
        "order": order,
        "is_office_manager": office,
        "deciding": user.is_director and order.status == OrderStatus.AWAITING_DIRECTOR,
        "refuse_form": refuse_form or ReasonForm(),
        "cancel_form": cancel_form or CancelForm(),
        "may_edit": office and order.status == OrderStatus.DRAFT,
        # A draft over the threshold goes to the director; under it, it can be sent straight away. The
        # service's own test (the total excl. VAT), so the page never offers what the service refuses.
        "over_threshold": services.needs_director(order),
        "threshold": threshold,
        "may_send": office and order.status in services.SENDABLE_STATUSES,
        "may_receive": office and order.status in RECEIVABLE_STATUSES,
        "may_cancel": office and order.status in services.CANCELLABLE_STATUSES,
        "may_close": office and order.status in services.CLOSABLE_STATUSES,
    }
    return render(request, "purchasing/orders/detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def order_edit(request: HttpRequest, pk: int) -> HttpResponse:
    order = selectors.order_for_page(request.user, pk)
    if order.status != OrderStatus.DRAFT:
        messages.error(request, _("Only a draft order can be changed."))
        return redirect(order)
    if request.method == "POST":
        form = OrderForm(request.POST, order=order)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.order_update(
                    order=order,
                    by=request.user,
                    supplier=data["supplier"],
                    site=data["site"],
                    team=data["team"],
                    contact=data["contact"],
                    expected_on=data["expected_on"],
                    notes=data["notes"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The order is saved."))
                return redirect(order)
    else:
        form = OrderForm(
            order=order,
            initial={
                "supplier": order.supplier_id,
                "contact": order.contact_id,
                "site": order.site_id,
                "team": order.team_id,
                "expected_on": order.expected_on,
                "notes": order.notes,
            },
        )
    return render(request, "purchasing/orders/form.html", {"form": form, "order": order}, status=_status(form))


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def order_lines(request: HttpRequest, pk: int) -> HttpResponse:
    """The lines of a draft: add (a catalogue or a free line) and remove. With HTMX the lines' block is
    swapped in place; without JavaScript each post comes back to this page."""
    order = selectors.order_for_page(request.user, pk)
    form = LineForm(initial={"quantity": 1})
    status = 200
    if request.method == "POST":
        if order.status != OrderStatus.DRAFT:
            # Sent (or submitted) from another tab meanwhile. HTMX would swap the whole order page
            # into the lines' block: it is told to load the page instead.
            messages.error(request, _("Only a draft order can be changed."))
            return HttpResponseClientRedirect(order.get_absolute_url()) if request.htmx else redirect(order)
        if "remove" in request.POST:
            _remove_line(request, order, request.POST.get("remove"))
        else:
            form = LineForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    line = services.order_line_add(order=order, by=request.user, **data)
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    messages.success(request, _("“%(line)s” is added.") % {"line": line.description})
                    form = LineForm(initial={"quantity": 1})
            status = _status(form)
        if not request.htmx and status == 200:
            return redirect("purchasing:order_lines", order.pk)
        order.refresh_from_db()
    context = {"order": order, "page": selectors.order_page(order), "form": form}
    template = "purchasing/orders/partials/_lines.html" if request.htmx else "purchasing/orders/lines.html"
    # HTMX swaps only a 2xx answer: the form with its errors comes back as 200 to be shown.
    return render(request, template, context, status=200 if request.htmx else status)


def _remove_line(request: HttpRequest, order, line_id: str | None) -> None:
    if not (line_id or "").isdigit():
        messages.error(request, _("This line does not exist."))
        return
    try:
        removed = services.order_line_remove(order=order, line_id=int(line_id), by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        if removed:
            messages.success(request, _("The line is removed."))


@require_POST
@perms.role_required(perms.OFFICE_MANAGER)
def order_submit(request: HttpRequest, pk: int) -> HttpResponse:
    order = selectors.order_for_page(request.user, pk)
    try:
        order = services.order_submit(order=order, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        if order.status == OrderStatus.AWAITING_DIRECTOR:
            messages.success(request, _("The order waits for the director's approval; the director is told."))
        else:
            messages.success(request, _("The order is approved: you can send it."))
    return redirect(order)


@require_POST
@perms.role_required(perms.DIRECTOR)
def order_approve(request: HttpRequest, pk: int) -> HttpResponse:
    order = selectors.order_for_page(request.user, pk)
    try:
        services.order_approve(order=order, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, _("Order to %(supplier)s approved.") % {"supplier": order.supplier.name})
    return redirect(safe_next(request) or order.get_absolute_url())


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.DIRECTOR)
def order_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    """A refusal needs a reason, written in the order page's decision form (GET leads there)."""
    order = selectors.order_for_page(request.user, pk)
    if request.method == "GET":
        return redirect(f"{order.get_absolute_url()}#decision")
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, order, refuse_form=form, status=400)
    try:
        services.order_refuse(order=order, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            add_service_errors(form, exc)
            return _render_detail(request, order, refuse_form=form, status=400)
        error_messages(request, exc)
        return redirect(order)
    messages.success(request, _("The order is refused; the office manager is told."))
    return redirect(safe_next(request) or order.get_absolute_url())


@require_POST
@perms.role_required(perms.OFFICE_MANAGER)
def order_send(request: HttpRequest, pk: int) -> HttpResponse:
    order = selectors.order_for_page(request.user, pk)
    try:
        order, sent_now = services.order_send(order=order, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
        return redirect(order)
    if sent_now:
        messages.success(
            request,
            _("Order %(number)s is sent: its PDF is on its way to %(email)s.")
            % {"number": order.number, "email": order.contact.email},
        )
    else:
        messages.info(request, _("Order %(number)s had already been sent.") % {"number": order.number})
    return redirect(order)


@require_POST
@perms.role_required(perms.OFFICE_MANAGER)
def order_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    order = selectors.order_for_page(request.user, pk)
    form = CancelForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, order, cancel_form=form, status=400)
    try:
        services.order_cancel(order=order, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "reason" in exc.error_dict:
            add_service_errors(form, exc)
            return _render_detail(request, order, cancel_form=form, status=400)
        error_messages(request, exc)
    else:
        messages.success(request, _("The order is cancelled."))
    return redirect(order)


@require_POST
@perms.role_required(perms.OFFICE_MANAGER)
def order_close(request: HttpRequest, pk: int) -> HttpResponse:
    order = selectors.order_for_page(request.user, pk)
    try:
        services.order_close(order=order, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, _("The order is closed."))
    return redirect(order)


@require_GET
@perms.role_required(*READERS)
def order_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF as sent to the supplier; before sending, a preview (marked as a draft, not stored)."""
    order = selectors.order_for_page(request.user, pk)
    if order.pdf:
        return FileResponse(order.pdf.open("rb"), content_type="application/pdf", filename=f"{order.number}.pdf")
    response = HttpResponse(order_pdf_bytes(order), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="draft-order-{order.pk}.pdf"'
    return response
