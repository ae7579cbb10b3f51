"""Repair tickets: anyone reports a problem and follows their own tickets; the office manager triages
the queue, moves tickets through the allowed statuses and comments (publicly or internally)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.selectors import sites_for
from apps.core import permissions as perms
from apps.core.ranges import parse_page
from apps.premises import selectors, services
from apps.premises.forms import CommentForm, TicketFilterForm, TicketForm, TransitionForm, TriageForm
from apps.premises.services.common import is_office_manager

from ._helpers import add_errors, error_messages, serve_file


@require_http_methods(["GET", "POST"])
@perms.login_required
def ticket_new(request: HttpRequest) -> HttpResponse:
    sites = sites_for(request.user).filter(is_active=True)
    initial = {"site": request.user.site_id, "room": request.GET.get("room")}
    form = TicketForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        sites=sites,
        rooms=selectors.rooms_for_office(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ticket = services.ticket_report(
                by=request.user,
                site=data["site"],
                description=data["description"],
                category=data["category"],
                urgency=data["urgency"],
                room=data["room"],
                place=data["place"],
                photo=data["photo"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, _("Thank you: ticket #%(number)d has been sent to the office manager.") % {"number": ticket.pk}
            )
            return redirect("premises:ticket_detail", pk=ticket.pk)
    return render(request, "premises/tickets/form.html", {"form": form})


@require_GET
@perms.login_required
def my_tickets(request: HttpRequest) -> HttpResponse:
    context = {
        "reported": list(selectors.my_reported_tickets(request.user)[:100]),
        "assigned": list(selectors.my_assigned_tickets(request.user)[:100]),
    }
    return render(request, "premises/tickets/mine.html", context)


@require_GET
@perms.login_required
def ticket_list(request: HttpRequest) -> HttpResponse:
    # The queue is for the people who handle tickets: office managers, and the handlers they marked
    # (who see in it the tickets they may see: those assigned to them or reported by them).
    if not selectors.may_open_queue(request.user):
        raise PermissionDenied
    form = TicketFilterForm(request.GET or None, sites=selectors.visible_sites(request.user))
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    mine = bool(filters.get("mine"))
    page = selectors.queue_page(
        request.user,
        status=filters.get("status", ""),
        urgency=filters.get("urgency", ""),
        site_id=filters.get("site"),
        mine=mine,
        page=parse_page(request.GET.get("page")),
    )
    # What the rows show besides the database, the viewer and the day (the fragment's key holds
    # today's date, on which "overdue" depends): the filters (as checked) and the page.
    rows_key = (filters.get("status", ""), filters.get("urgency", ""), filters.get("site"), mine, page.number)
    context = {"form": form, "page": page, "rows_key": rows_key, "today": timezone.localdate()}
    return render(request, "premises/tickets/list.html", context)


def _render_ticket(request: HttpRequest, ticket, **forms) -> HttpResponse:
    manager = is_office_manager(request.user)
    triage = None
    if manager:
        triage = forms.get("triage_form") or TriageForm(
            handlers=selectors.ticket_handlers(keep_pk=ticket.assignee_id),
            initial={
                "urgency": ticket.urgency,
                "assignee": ticket.assignee_id,
                "supplier": ticket.supplier,
                "due_date": ticket.due_date,
            },
        )
    context = {
        "ticket": ticket,
        "history": selectors.ticket_history_visible_to(request.user, ticket),
        "today": timezone.localdate(),
        "transitions": selectors.allowed_transitions(ticket, request.user),
        "comment_form": forms.get("comment_form") or CommentForm(may_write_internal=manager),
        "triage_form": triage,
        "is_office_manager": manager,
        "may_comment": manager or request.user.pk in (ticket.reporter_id, ticket.assignee_id),
    }
    return render(request, "premises/tickets/detail.html", context)


@require_GET
@perms.login_required
def ticket_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = perms.get_visible_or_404(selectors.tickets_visible_to(request.user), pk=pk)
    return _render_ticket(request, ticket)


@require_POST
@perms.role_required(perms.OFFICE_MANAGER)
def ticket_triage(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = perms.get_visible_or_404(selectors.tickets_visible_to(request.user), pk=pk)
    form = TriageForm(request.POST, handlers=selectors.ticket_handlers(keep_pk=ticket.assignee_id))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.ticket_triage(
                ticket=ticket,
                by=request.user,
                urgency=data["urgency"],
                assignee=data["assignee"],
                supplier=data["supplier"],
                due_date=data["due_date"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The ticket has been updated."))
            return redirect("premises:ticket_detail", pk=ticket.pk)
    return _render_ticket(request, ticket, triage_form=form)


@require_POST
@perms.login_required
def ticket_transition(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = perms.get_visible_or_404(selectors.tickets_visible_to(request.user), pk=pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
        return redirect("premises:ticket_detail", pk=ticket.pk)
    try:
        moved = services.ticket_transition(
            ticket=ticket, by=request.user, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("The ticket is now “%(status)s”.") % {"status": moved.get_status_display()})
    return redirect("premises:ticket_detail", pk=ticket.pk)


@require_POST
@perms.login_required
def ticket_comment(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = perms.get_visible_or_404(selectors.tickets_visible_to(request.user), pk=pk)
    form = CommentForm(request.POST, may_write_internal=is_office_manager(request.user))
    if form.is_valid():
        try:
            services.ticket_comment(
                ticket=ticket,
                by=request.user,
                body=form.cleaned_data["body"],
                internal=form.cleaned_data.get("internal", False),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Your comment has been added."))
            return redirect("premises:ticket_detail", pk=ticket.pk)
    return _render_ticket(request, ticket, comment_form=form)


@require_GET
@perms.login_required
def ticket_photo(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = perms.get_visible_or_404(selectors.tickets_visible_to(request.user), pk=pk)
    return serve_file(ticket.photo)
