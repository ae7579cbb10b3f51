"""The equipment register: the office manager's list, items, assignments and labels; everyone's own
equipment, with a problem reported as a premises ticket linked to the item.

Staff see only what they hold now (another item is a 404); the office pages answer 403 to them.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.selectors import company_display_name
from apps.core import permissions as perms
from apps.core.forms import add_service_errors
from apps.core.htmx import render_page_or_partial
from apps.core.ranges import parse_page
from apps.premises.selectors import may_open_ticket
from apps.premises.services.common import is_office_manager
from apps.supplies.forms.equipment import AssignForm, EquipmentFilterForm, EquipmentForm, ProblemForm, ReturnForm
from apps.supplies.models import GONE_STATES, EquipmentItem, EquipmentTicket
from apps.supplies.selectors import equipment as selectors
from apps.supplies.services import equipment as services

from ._equipment_labels import labels_pdf_bytes


def _filters(request: HttpRequest) -> tuple[EquipmentFilterForm, dict]:
    form = EquipmentFilterForm(request.GET or None, holders=selectors.equipment_holders())
    return form, (form.cleaned_data if form.is_bound and form.is_valid() else {})


def _filtered(request: HttpRequest, criteria: dict, today):
    return selectors.equipment_filtered(
        request.user,
        today=today,
        kind=criteria.get("kind", ""),
        state=criteria.get("state", ""),
        site=criteria.get("site"),
        holder=criteria.get("holder"),
        q=criteria.get("q", ""),
        warranty=criteria.get("warranty", ""),
    )


@require_GET
@perms.role_required(perms.OFFICE_MANAGER)
def equipment_list(request: HttpRequest) -> HttpResponse:
    """The register, filtered; an HTMX request (the filter bar) gets the rows partial alone."""
    today = timezone.localdate()
    form, criteria = _filters(request)
    page = selectors.equipment_page(_filtered(request, criteria, today), page=parse_page(request.GET.get("page")))
    context = {
        "form": form,
        "page": page,
        "today": today,
        "soon": {item.pk for item in page.object_list if selectors.warranty_ends_soon(item, today)},
        "filtered": any(criteria.values()),
        "max_labels": selectors.MAX_LABELS,
    }
    response = render_page_or_partial(
        request, "supplies/equipment/list.html", "supplies/equipment/partials/_rows.html", context
    )
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def equipment_new(request: HttpRequest) -> HttpResponse:
    form = EquipmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.equipment_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            token = form.cleaned_data.get("token")
            done = EquipmentItem.objects.filter(submission_token=token).first() if token else None
            if getattr(exc, "code", None) == services.ALREADY_CREATED and done is not None:
                messages.info(request, exc.messages[0])
                return redirect(done.get_absolute_url())
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(tag)s has been added to the register.") % {"tag": item.asset_tag})
            return redirect(item.get_absolute_url())
    return render(request, "supplies/equipment/form.html", {"form": form, "item": None})


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def equipment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = perms.get_visible_or_404(selectors.equipment_visible_to(request.user), pk=pk)
    form = EquipmentForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.equipment_update(item=item, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The item has been saved."))
            return redirect(item.get_absolute_url())
    return render(request, "supplies/equipment/form.html", {"form": form, "item": item})


def _render_detail(request: HttpRequest, item, *, assign_form=None, return_form=None, status: int = 200):
    manager = is_office_manager(request.user)
    today = timezone.localdate()
    context = {
        "item": item,
        "today": today,
        "warranty_soon": selectors.warranty_ends_soon(item, today),
        "is_office_manager": manager,
        "assignments": selectors.assignments_of(item) if manager else [],
        # A former holder's reports are theirs: a staff member sees the tickets they may open.
        "tickets": [ticket for ticket in selectors.tickets_of(item) if may_open_ticket(request.user, ticket)],
        "assign_form": None,
        "return_form": None,
    }
    # A form sent back with its errors is shown again, even if the item changed meanwhile (someone
    # else assigned it): the error says why.
    if assign_form is not None or return_form is not None:
        context["assign_form"], context["return_form"] = assign_form, return_form
    elif manager and item.holder_id is None and item.state not in GONE_STATES:
        context["assign_form"] = AssignForm(people=selectors.assignable_people())
    elif manager and item.holder_id is not None:
        context["return_form"] = ReturnForm()
    return render(request, "supplies/equipment/detail.html", context, status=status)


@require_GET
@perms.login_required
def equipment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = perms.get_visible_or_404(selectors.equipment_visible_to(request.user), pk=pk)
    return _render_detail(request, item)


@require_POST
@perms.role_required(perms.OFFICE_MANAGER)
def equipment_assign(request: HttpRequest, pk: int) -> HttpResponse:
    item = perms.get_visible_or_404(selectors.equipment_visible_to(request.user), pk=pk)
    form = AssignForm(request.POST, people=selectors.assignable_people())
    if form.is_valid():
        data = form.cleaned_data
        try:
            assignment = services.equipment_assign(
                item=item, person=data["person"], by=request.user, on=data["on"], note=data["note"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(tag)s is now assigned to %(person)s.") % {"tag": item.asset_tag, "person": assignment.person},
            )
            return redirect(item.get_absolute_url())
    item.refresh_from_db()
    return _render_detail(request, item, assign_form=form, status=400)


@require_POST
@perms.role_required(perms.OFFICE_MANAGER)
def equipment_return(request: HttpRequest, pk: int) -> HttpResponse:
    item = perms.get_visible_or_404(selectors.equipment_visible_to(request.user), pk=pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.equipment_return(item=item, by=request.user, on=data["on"], state=data["state"], note=data["note"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The return of %(tag)s has been recorded.") % {"tag": item.asset_tag})
            return redirect(item.get_absolute_url())
    item.refresh_from_db()
    return _render_detail(request, item, return_form=form, status=400)


@require_GET
@perms.login_required
def my_equipment(request: HttpRequest) -> HttpResponse:
    context = {
        "items": list(selectors.equipment_held_by(request.user)),
        "request_url": reverse("supplies:equipment_request"),
    }
    return render(request, "supplies/equipment/mine.html", context)


@require_http_methods(["GET", "POST"])
@perms.login_required
def equipment_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The holder (or an office manager) reports a problem: a premises ticket linked to the item."""
    item = perms.get_visible_or_404(selectors.equipment_visible_to(request.user), pk=pk)
    form = ProblemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ticket = services.equipment_problem_report(
                item=item,
                by=request.user,
                description=form.cleaned_data["description"],
                urgency=form.cleaned_data["urgency"],
                token=form.cleaned_data["token"],
            )
        except ValidationError as exc:
            token = form.cleaned_data["token"]
            done = EquipmentTicket.objects.filter(submission_token=token).first() if token else None
            if getattr(exc, "code", None) == services.ALREADY_REPORTED and done is not None:
                messages.info(request, exc.messages[0])
                return redirect("premises:ticket_detail", pk=done.ticket_id)
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Thank you: ticket #%(number)d has been sent to the office manager.") % {"number": ticket.pk}
            )
            return redirect("premises:ticket_detail", pk=ticket.pk)
    return render(request, "supplies/equipment/report.html", {"item": item, "form": form})


def _label_ids(request: HttpRequest) -> list[int]:
    """``?ids=1,2,3`` (or ``?ids=1&ids=2``, what the list's checkboxes send): the whole numbers, at most
    ``MAX_LABELS`` of them; anything else is ignored."""
    ids = []
    for value in request.GET.getlist("ids"):
        for part in value.split(","):
            part = part.strip()
            if part.isascii() and part.isdigit() and len(part) < 10:
                ids.append(int(part))
            if len(ids) >= selectors.MAX_LABELS:
                return ids
    return ids


@require_GET
@perms.role_required(perms.OFFICE_MANAGER)
def equipment_labels(request: HttpRequest) -> HttpResponse:
    """Labels to print (an A4 PDF) for the selected items, or else for the list as filtered."""
    ids = _label_ids(request)
    _form, criteria = _filters(request)
    items = selectors.equipment_for_labels(
        request.user, ids=ids, filtered=_filtered(request, criteria, timezone.localdate())
    )
    if not items:
        messages.warning(request, _("No item to print labels for: select items in the list."))
        return redirect("supplies:equipment_list")
    pdf = labels_pdf_bytes(request, items=items, company_name=company_display_name())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="etiquettes-{timezone.localdate():%Y-%m-%d}.pdf"'
    patch_cache_control(response, private=True, no_store=True)
    return response
