"""Issuing a quote and its life afterwards: the checklist and the issue button, the PDF, sending, the
client's answer, the signed copy, revising.

The office manager does everything; the director reads the checklist and downloads the PDF and the
signed copy (every write is a 403 for them); anyone else gets 403, and an unknown quote a 404."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core import permissions as perms
from apps.core.forms import add_service_errors
from apps.core.http import error_messages
from apps.quotes.forms.issue import AcceptForm, DeclineForm, SignedCopyForm
from apps.quotes.models import QuoteStatus
from apps.quotes.pdf import quote_pdf_bytes
from apps.quotes.selectors import issue as selectors
from apps.quotes.services import issue as issuing
from apps.quotes.services import lifecycle

READERS = (perms.OFFICE_MANAGER, perms.DIRECTOR)
OFFICE = perms.OFFICE_MANAGER


def _office_only(request: HttpRequest) -> None:
    if not request.user.is_office_manager:
        raise PermissionDenied


def _to_detail(quote) -> HttpResponse:
    return redirect("quotes:quote_detail", quote.pk)


def _no_store(response: HttpResponse) -> HttpResponse:
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response


# --- issuing ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@perms.role_required(*READERS)
def quote_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what the devis must show and lacks (with where to fix it) and the issue button. POST (the
    office manager): issue it."""
    quote = selectors.quote_for_page(request.user, pk)
    status = 200
    if request.method == "POST":
        _office_only(request)
        try:
            quote = issuing.quote_issue(quote=quote, by=request.user)
        except ValidationError as exc:
            if quote.status != QuoteStatus.DRAFT or getattr(exc, "code", "") == "already_issued":
                error_messages(request, exc)
                return _to_detail(quote)
            error_messages(request, exc)
            status = 400
            quote = selectors.quote_for_page(request.user, pk)
        else:
            messages.success(
                request, _("The quote is issued as %(reference)s: its PDF is ready.") % {"reference": quote.reference}
            )
            return _to_detail(quote)
    if quote.status != QuoteStatus.DRAFT and status == 200:
        messages.info(request, issuing.already_issued_message(quote))
        return _to_detail(quote)
    page = selectors.issue_page(request.user, quote)
    context = {"quote": quote, "page": page, "is_office_manager": request.user.is_office_manager}
    return render(request, "quotes/issue/issue.html", context, status=status)


@require_GET
@perms.role_required(*READERS)
def quote_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF: a draft's preview (marked BROUILLON, made now), or the file stored at issue."""
    quote = selectors.quote_for_page(request.user, pk)
    if quote.status == QuoteStatus.DRAFT or not quote.pdf:
        content = quote_pdf_bytes(quote)
        name = f"{quote.reference or f'apercu-devis-{quote.pk}'}.pdf"
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return _no_store(response)
    try:
        handle = quote.pdf.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type="application/pdf", filename=f"{quote.reference}.pdf")
    return _no_store(response)


# --- sending ------------------------------------------------------------------------------------


@require_POST
@perms.role_required(OFFICE)
def quote_send(request: HttpRequest, pk: int) -> HttpResponse:
    quote = selectors.quote_for_page(request.user, pk)
    try:
        quote, outbox = lifecycle.quote_send(quote=quote, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, _("The quote is e-mailed to %(to)s with its PDF.") % {"to": outbox.to})
    return _to_detail(quote)


@require_POST
@perms.role_required(OFFICE)
def quote_mark_sent(request: HttpRequest, pk: int) -> HttpResponse:
    quote = selectors.quote_for_page(request.user, pk)
    try:
        quote = lifecycle.quote_mark_sent(quote=quote, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, _("The quote is marked as sent."))
    return _to_detail(quote)


# --- the client's answer ------------------------------------------------------------------------


def _answer(request: HttpRequest, pk: int, *, form_class, template: str, act, success: str) -> HttpResponse:
    quote = selectors.quote_for_page(request.user, pk)
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                act(quote, form.cleaned_data)
            except ValidationError as exc:
                if quote.status not in lifecycle.ANSWERABLE_STATUSES:
                    error_messages(request, exc)
                    return _to_detail(quote)
                add_service_errors(form, exc)
            else:
                messages.success(request, success)
                return _to_detail(quote)
    else:
        if quote.status not in lifecycle.ANSWERABLE_STATUSES:
            messages.error(request, _("This quote is not waiting for the client's answer."))
            return _to_detail(quote)
        form = form_class()
    status = 400 if form.is_bound and form.errors else 200
    return render(request, template, {"quote": quote, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def quote_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(
        request,
        pk,
        form_class=AcceptForm,
        template="quotes/issue/accept.html",
        act=lambda quote, data: lifecycle.quote_accept(quote=quote, by=request.user, accepted_on=data["accepted_on"]),
        success=_("The quote is marked accepted. Attach the signed copy when you have it."),
    )


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def quote_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(
        request,
        pk,
        form_class=DeclineForm,
        template="quotes/issue/decline.html",
        act=lambda quote, data: lifecycle.quote_decline(
            quote=quote, by=request.user, reason=data["reason"], declined_on=data["declined_on"]
        ),
        success=_("The quote is marked declined."),
    )


# --- the signed copy ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@perms.role_required(*READERS)
def quote_signed_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the signed copy, served after the role check. POST (the office manager): attach it."""
    quote = selectors.quote_for_page(request.user, pk)
    if request.method == "GET":
        if not quote.signed_copy:
            raise Http404
        try:
            handle = quote.signed_copy.open("rb")
        except (FileNotFoundError, OSError) as exc:
            raise Http404 from exc
        name = quote.signed_copy.name.rsplit("/", 1)[-1]
        content_type = mimetypes.guess_type(name)[0]
        if content_type not in ("application/pdf", "image/png", "image/jpeg"):
            content_type = "application/octet-stream"
        response = FileResponse(
            handle,
            content_type=content_type,
            as_attachment=content_type == "application/octet-stream",
            filename=f"{quote.reference}-signe.{name.rsplit('.', 1)[-1]}",
        )
        return _no_store(response)
    _office_only(request)
    form = SignedCopyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            lifecycle.quote_signed_copy_attach(quote=quote, by=request.user, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            if quote.status != QuoteStatus.ACCEPTED:
                error_messages(request, exc)
                return _to_detail(quote)
            form.add_error("file", exc)
        else:
            messages.success(request, _("The signed copy is attached."))
            return _to_detail(quote)
    return render(request, "quotes/issue/signed_copy.html", {"quote": quote, "form": form}, status=400)


# --- revising -----------------------------------------------------------------------------------


@require_POST
@perms.role_required(OFFICE)
def quote_revise(request: HttpRequest, pk: int) -> HttpResponse:
    quote = selectors.quote_for_page(request.user, pk)
    try:
        revision, created = lifecycle.quote_revise(quote=quote, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
        return _to_detail(quote)
    if created:
        messages.success(
            request,
            _("Version %(version)d is a draft with the same number: change it, then issue it.")
            % {"version": revision.version},
        )
    return _to_detail(revision)
