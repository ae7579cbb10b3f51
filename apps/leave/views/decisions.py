"""Decisions on a request: approve, refuse (with a reason), cancel, and the approver's answer to a
cancellation. Each is one service call; the inbox posts here with ``?next=/inbox/``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.core import permissions as perms
from apps.core.http import safe_next
from apps.leave import selectors, services, wording
from apps.leave.forms import DecisionCommentForm, RefuseForm

from ._helpers import add_errors, redirect_next_or


def _visible(request: HttpRequest, pk: int):
    return perms.get_visible_or_404(selectors.leave_requests_visible_to(request.user), pk=pk)


def _name(leave_request) -> str:
    return leave_request.person.get_full_name() or leave_request.person.email


def _detail(leave_request) -> str:
    return reverse("leave:request_detail", kwargs={"pk": leave_request.pk})


@require_POST
@perms.login_required
def request_approve(request: HttpRequest, pk: int) -> HttpResponse:
    leave_request = _visible(request, pk)
    form = DecisionCommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        result = services.leave_request_approve(request=leave_request, by=request.user, comment=comment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if result.status == "approved":
            messages.success(request, _("The leave of %(name)s is approved.") % {"name": _name(leave_request)})
        else:
            messages.success(
                request,
                _("Approved; the leave of %(name)s now waits for the office manager's approval.")
                % {"name": _name(leave_request)},
            )
    return redirect_next_or(request, _detail(leave_request))


def _decision_page(request, leave_request, *, form, heading, action, button, danger):
    context = {
        "leave_request": leave_request,
        "type_label": selectors.type_label(request.user, leave_request),
        "period": wording.request_period(leave_request),
        "days_text": wording.days_text(leave_request.days),
        "form": form,
        "heading": heading,
        "action": action,
        "button": button,
        "danger": danger,
        "next": safe_next(request),
    }
    return render(request, "leave/decision_form.html", context)


@require_http_methods(["GET", "POST"])
@perms.login_required
def request_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    """A small page (or the form on the request's page) asking for the reason, which is required."""
    leave_request = _visible(request, pk)
    if request.method == "GET" and not selectors.can_decide(request.user, leave_request):
        messages.info(request, _("This request is not waiting for your decision."))
        return redirect_next_or(request, _detail(leave_request))
    form = RefuseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.leave_request_refuse(request=leave_request, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The request of %(name)s is refused.") % {"name": _name(leave_request)})
            return redirect_next_or(request, _detail(leave_request))
    return _decision_page(
        request,
        leave_request,
        form=form,
        heading=_("Refuse the leave request"),
        action=reverse("leave:request_refuse", kwargs={"pk": pk}),
        button=_("Refuse"),
        danger=True,
    )


@require_POST
@perms.login_required
def request_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    leave_request = _visible(request, pk)
    try:
        result = services.leave_request_cancel(request=leave_request, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if result.status == "cancellation_requested":
            messages.success(request, _("Your cancellation request has been sent to your approver."))
        else:
            messages.success(request, _("The leave request is cancelled."))
    return redirect_next_or(request, _detail(leave_request))


@require_POST
@perms.login_required
def cancellation_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    leave_request = _visible(request, pk)
    form = DecisionCommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        services.leave_request_cancellation_confirm(request=leave_request, by=request.user, comment=comment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The leave of %(name)s is cancelled; the days are given back.") % {"name": _name(leave_request)}
        )
    return redirect_next_or(request, _detail(leave_request))


@require_http_methods(["GET", "POST"])
@perms.login_required
def cancellation_decline(request: HttpRequest, pk: int) -> HttpResponse:
    leave_request = _visible(request, pk)
    if request.method == "GET" and not selectors.can_decide(request.user, leave_request):
        messages.info(request, _("This request is not waiting for your decision."))
        return redirect_next_or(request, _detail(leave_request))
    form = DecisionCommentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.leave_request_cancellation_decline(
                request=leave_request, by=request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, _("The leave of %(name)s is kept (cancellation declined).") % {"name": _name(leave_request)}
            )
            return redirect_next_or(request, _detail(leave_request))
    return _decision_page(
        request,
        leave_request,
        form=form,
        heading=_("Keep the leave (decline the cancellation)"),
        action=reverse("leave:cancellation_decline", kwargs={"pk": pk}),
        button=_("Decline the cancellation"),
        danger=True,
    )
