"""A person's leave: their page, the request form with its live preview, a request's page and its
supporting document."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core import cache as read_cache
from apps.core import permissions as perms
from apps.leave import selectors, services, wording
from apps.leave.forms import DecisionCommentForm, LeaveRequestForm, RefuseForm
from apps.leave.models import LeaveStatus
from apps.leave.services._common import is_office_manager

from ._helpers import add_errors, bound

PAST_SHOWN = 20


@require_GET
@perms.login_required
def my_leave(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    page = read_cache.cached(
        ("leave.my_leave", read_cache.viewer_key(user), today, PAST_SHOWN),
        lambda: selectors.my_leave_page(user, today, past_shown=PAST_SHOWN),
    )
    context = {
        "balances": page.balances,
        "upcoming": page.upcoming,
        "past": page.past,
        "more_past": page.more_past,
        "deputies": page.deputies,
        "today_iso": today.isoformat(),  # the day the lists were split on (the fragments' key)
    }
    return render(request, "leave/my_leave.html", context)


def _submit(request: HttpRequest, form: LeaveRequestForm) -> HttpResponse | None:
    data = form.cleaned_data
    try:
        submission = services.leave_request_submit(
            person=form.person_or_self(),
            leave_type=data["leave_type"],
            start=data["start_date"],
            start_half=data["start_half"],
            end=data["end_date"],
            end_half=data["end_half"],
            comment=data["comment"],
            document=data.get("document"),
            submitted_by=request.user,
        )
    except ValidationError as exc:
        add_errors(form, exc)
        return None
    leave_request = submission.request
    if leave_request.status == LeaveStatus.APPROVED:
        messages.success(request, _("The leave has been recorded."))
    else:
        messages.success(request, _("Your request has been sent for approval."))
    for warning in submission.warnings:
        messages.warning(request, warning)
    return redirect("leave:request_detail", pk=leave_request.pk)


@require_http_methods(["GET", "POST"])
@perms.login_required
def request_create(request: HttpRequest) -> HttpResponse:
    form = LeaveRequestForm(*bound(request, files=True), user=request.user)
    if request.method == "POST" and form.is_valid():
        response = _submit(request, form)
        if response is not None:
            return response
    _use_kept_choices(form)
    return render(request, "leave/request_form.html", {"form": form})


def _use_kept_choices(form: LeaveRequestForm) -> None:
    """Draw the form's choices from the read cache rather than from its querysets (the office manager's
    list of people is a few hundred rows); the fields still validate against their querysets."""
    with_people = "person" in form.fields
    choices = read_cache.cached(
        ("leave.request_form_choices", with_people),
        lambda: selectors.request_form_choices(with_people=with_people),
    )
    for name, rows in (("leave_type", choices.leave_types), ("person", choices.people)):
        if name in form.fields:
            field = form.fields[name]
            empty = [] if field.empty_label is None else [("", field.empty_label)]
            field.choices = [*empty, *rows]


@require_POST
@perms.login_required
def request_preview(request: HttpRequest) -> HttpResponse:
    """The HTMX partial beside the form: days counted, balance after, warnings and errors (saves nothing)."""
    form = LeaveRequestForm(request.POST, user=request.user)
    both_dates = bool(request.POST.get("start_date") and request.POST.get("end_date"))
    preview, leave_type = None, None
    if form.is_valid():
        leave_type = form.cleaned_data["leave_type"]
        preview = services.leave_request_preview(
            person=form.person_or_self(),
            leave_type=leave_type,
            start=form.cleaned_data["start_date"],
            start_half=form.cleaned_data["start_half"],
            end=form.cleaned_data["end_date"],
            end_half=form.cleaned_data["end_half"],
            submitted_by=request.user,
            check_document=False,
        )
    return render(
        request,
        "leave/partials/_preview.html",
        # Field errors only once both dates are typed: "required" on the empty form is no news.
        {
            "preview": preview,
            "days_counted": wording.days_counted(preview.days) if preview else "",
            "leave_type": leave_type,
            "form_errors": form.errors if both_dates else None,
        },
    )


def _visible(request: HttpRequest, pk: int):
    return perms.get_visible_or_404(selectors.leave_requests_visible_to(request.user), pk=pk)


@require_GET
@perms.login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    leave_request = _visible(request, pk)
    user = request.user
    status = leave_request.status
    decides = selectors.can_decide(user, leave_request)
    is_requester = leave_request.person_id == user.pk
    office = is_office_manager(user) and not is_requester
    can_cancel = (is_requester and status in (LeaveStatus.PENDING, LeaveStatus.APPROVED)) or (
        office and status in (LeaveStatus.PENDING, LeaveStatus.APPROVED, LeaveStatus.CANCELLATION_REQUESTED)
    )
    details = selectors.sees_details(user, leave_request)
    context = {
        "leave_request": leave_request,
        "type_label": selectors.type_label(user, leave_request),
        "period": wording.request_period(leave_request),
        "days_text": wording.days_text(leave_request.days),
        # A private type's kind, comment and document: the person and office managers only.
        "shows_type": details,
        "shows_comment": details and bool(leave_request.comment),
        "shows_document": details and bool(leave_request.document),
        "shows_document_deleted": details and leave_request.document_deleted_at is not None,
        "steps": list(leave_request.steps.all()),
        "can_approve": decides and status == LeaveStatus.PENDING,
        "can_decide_cancellation": decides and status == LeaveStatus.CANCELLATION_REQUESTED,
        "can_cancel": can_cancel,
        "cancel_needs_approval": is_requester and status == LeaveStatus.APPROVED,
        "refuse_form": RefuseForm(),
        "comment_form": DecisionCommentForm(),
    }
    return render(request, "leave/request_detail.html", context)


@require_GET
@perms.login_required
def request_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The supporting document, for the person and office managers (and the manager's side only
    when the type is not private): never from a public URL."""
    leave_request = _visible(request, pk)
    if not leave_request.document or not selectors.sees_details(request.user, leave_request):
        raise Http404
    try:
        handle = leave_request.document.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = mimetypes.guess_type(leave_request.document.name)[0] or "application/octet-stream"
    extension = leave_request.document.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(handle, content_type=content_type, filename=f"leave-{leave_request.pk}.{extension}")
    patch_cache_control(response, private=True, no_store=True)
    return response
