"""The office's side of supply requests: the queue (office manager), one request's page (its requester,
the office manager, the director when it concerns them), deciding it, and handing out what was approved."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core import permissions as perms
from apps.core.dates import date_text
from apps.core.http import error_messages, safe_next
from apps.core.ranges import parse_page
from apps.core.reversing import pk_url
from apps.supplies import services
from apps.supplies.formatting import amount_text
from apps.supplies.forms.requests import DecisionForm, QueueFilterForm
from apps.supplies.models import TO_FULFIL_STATUSES, Awaiting, LineDecision, RequestStatus, SupplySettings
from apps.supplies.selectors import requests as selectors
from apps.supplies.selectors.requests import QUEUE_TAB_LABELS, QUEUE_TABS

DECIDERS = (perms.OFFICE_MANAGER, perms.DIRECTOR)


@require_GET
@perms.role_required(perms.OFFICE_MANAGER)
def request_queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None, sites=selectors.queue_sites(request.user))
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    tab = filters.get("tab") or ""
    queue = selectors.queue_page(
        request.user,
        tab=tab,
        awaiting=filters.get("awaiting", ""),
        site_id=filters.get("site"),
        search=filters.get("q", ""),
        page=parse_page(request.GET.get("page")),
    )
    tabs = [(name, QUEUE_TAB_LABELS[name], queue.counts.get(name, 0)) for name in QUEUE_TABS]
    context = {
        "form": form,
        "queue": queue,
        "tab": tab,
        "tabs": tabs,
        "today": timezone.localdate(),
        # What every row repeats, looked up once per page: the words, the link; dates and amounts
        # written by memoized functions rather than a filter per row.
        "labels": selectors.queue_labels(),
        "request_url": pk_url("supplies:request_detail"),
        "date_text": date_text,
        "euros": amount_text,
    }
    return render(request, "supplies/requests/queue.html", context)


def _render_detail(request: HttpRequest, supply_request, *, decision_form=None, status: int = 200) -> HttpResponse:
    user = request.user
    office = user.is_office_manager
    page = selectors.request_page(supply_request, with_stock=office)
    deciding = services.may_decide(supply_request, user)
    candidates = []
    if deciding:
        office_stage = supply_request.awaiting == Awaiting.OFFICE_MANAGER
        wanted = LineDecision.PENDING if office_stage else LineDecision.APPROVED
        candidates = [view.line.pk for view in page.lines if view.line.decision == wanted]
    handing_out = office and supply_request.status in TO_FULFIL_STATUSES
    if decision_form is not None and decision_form.is_bound:
        ticked = set(decision_form.cleaned_data.get("lines", ())) if hasattr(decision_form, "cleaned_data") else set()
    else:
        ticked = set(candidates)
    cancel_url = ""
    if supply_request.is_cancellable and (office or user.pk == supply_request.requester_id):
        cancel_url = reverse("supplies:request_cancel", args=[supply_request.pk])
    context = {
        "page": page,
        "supply_request": supply_request,
        "today": timezone.localdate(),
        "is_office_manager": office,
        "deciding": deciding,
        "candidates": candidates,
        "ticked": ticked,
        "director_above": (
            SupplySettings.current().director_above
            if deciding and supply_request.awaiting == Awaiting.OFFICE_MANAGER and not user.is_director
            else None
        ),
        "item_url": pk_url("supplies:item_detail") if office else None,
        # Offered when the shelf holds some of what is still owed (the service checks again).
        "may_issue": handing_out and any(view.is_short and (view.in_stock or 0) > 0 for view in page.lines),
        "decision_form": decision_form or (DecisionForm(line_ids=candidates) if deciding else None),
        "handing_out": handing_out,
        "may_deliver": office and supply_request.status == RequestStatus.READY,
        "cancel_url": cancel_url,
    }
    return render(request, "supplies/requests/detail.html", context, status=status)


@require_GET
@perms.login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    supply_request = selectors.request_for_page(request.user, pk)
    return _render_detail(request, supply_request)


@require_POST
@perms.role_required(*DECIDERS)
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    supply_request = selectors.request_for_page(request.user, pk)
    lines = list(supply_request.lines.values_list("pk", flat=True))
    form = DecisionForm(request.POST, line_ids=lines)
    if not form.is_valid():
        if "action" in form.errors:
            messages.error(request, _("Choose to approve or to refuse the request."))
            return redirect(supply_request)
        return _render_detail(request, supply_request, decision_form=form)
    try:
        decided = services.request_decide(
            request=supply_request,
            by=request.user,
            approved_line_ids=form.approved_line_ids,
            refusal_reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):  # the lines or the reason: shown next to the form
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            if form.errors:
                return _render_detail(request, supply_request, decision_form=form)
        error_messages(request, exc)
        return redirect(supply_request)
    _decided_message(request, decided)
    return redirect(safe_next(request) or decided.get_absolute_url())


def _decided_message(request: HttpRequest, decided) -> None:
    number = {"number": decided.pk}
    if decided.status == RequestStatus.PENDING:
        messages.success(request, _("Request #%(number)d now waits for the director's approval.") % number)
    elif decided.status == RequestStatus.REFUSED:
        messages.success(request, _("Request #%(number)d has been refused; the requester is told.") % number)
    elif decided.status == RequestStatus.READY:
        if decided.lines.filter(decision=LineDecision.REFUSED).exists():
            text = _("Request #%(number)d is approved in part; what was approved is ready to pick up.")
        else:
            text = _("Request #%(number)d is approved and ready to pick up.")
        messages.success(request, text % number)
    elif decided.status == RequestStatus.PARTLY_APPROVED:
        messages.success(request, _("Request #%(number)d is approved in part; the requester is told.") % number)
    else:
        messages.success(request, _("Request #%(number)d is approved; the requester is told.") % number)


@require_POST
@perms.role_required(*DECIDERS)
def request_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """The inbox's one-click approval: every line still to decide."""
    supply_request = selectors.request_for_page(request.user, pk)
    try:
        decided = services.request_decide(request=supply_request, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        _decided_message(request, decided)
    return redirect(safe_next(request) or supply_request.get_absolute_url())


@require_http_methods(["GET", "POST"])
@perms.role_required(*DECIDERS)
def request_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    """The inbox's refusal: a refusal needs a reason, written in the request page's decision form
    (GET leads there); a POST with a reason refuses every line still to decide."""
    supply_request = selectors.request_for_page(request.user, pk)
    decision_url = f"{supply_request.get_absolute_url()}#decision"
    reason = (request.POST.get("reason") or "").strip() if request.method == "POST" else ""
    if not reason:
        if request.method == "POST":
            messages.error(request, _("Say why the request is refused."))
        return redirect(decision_url)
    try:
        decided = services.request_decide(
            request=supply_request, by=request.user, approved_line_ids=[], refusal_reason=reason
        )
    except ValidationError as exc:
        error_messages(request, exc)
        return redirect(decision_url)
    _decided_message(request, decided)
    return redirect(safe_next(request) or decided.get_absolute_url())


@require_POST
@perms.role_required(perms.OFFICE_MANAGER)
def request_issue(request: HttpRequest, pk: int) -> HttpResponse:
    supply_request = selectors.request_for_page(request.user, pk)
    try:
        issued = services.request_issue(request=supply_request, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        if issued:
            text = ngettext("%(count)d unit issued from the stock.", "%(count)d units issued from the stock.", issued)
            messages.success(request, text % {"count": issued})
        else:
            messages.info(request, _("Nothing more could be issued: the shelf holds none of what is still owed."))
    return redirect(supply_request)


@require_POST
@perms.role_required(perms.OFFICE_MANAGER)
def request_line_arrived(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    supply_request = selectors.request_for_page(request.user, pk)
    line = perms.get_visible_or_404(supply_request.lines.all(), pk=line_pk)
    try:
        done = services.request_line_arrived(request=supply_request, line=line, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        if done.status == RequestStatus.READY:
            messages.success(request, _("Everything is in hand: the requester is told to pick it up."))
        else:
            messages.success(request, _("“%(line)s” is in hand.") % {"line": line.description})
    return redirect(supply_request)


@require_POST
@perms.role_required(perms.OFFICE_MANAGER)
def request_delivered(request: HttpRequest, pk: int) -> HttpResponse:
    supply_request = selectors.request_for_page(request.user, pk)
    try:
        services.request_delivered(request=supply_request, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, _("Request #%(number)d has been delivered.") % {"number": supply_request.pk})
    return redirect(supply_request)
