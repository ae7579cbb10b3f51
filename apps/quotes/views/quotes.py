"""Quotes: the list, writing a draft (its header and its lines, with live totals), duplicating, deleting
a draft. The office manager does everything; the director reads the list and the quotes (no write);
anyone else gets 403, and an unknown quote or line is a 404.

The line editor works with HTMX (the lines' block is swapped in place) and without JavaScript (each form
posts, then comes back to the quote's page)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from apps.core import permissions as perms
from apps.core.forms import add_service_errors
from apps.core.ranges import parse_page
from apps.quotes.forms.quotes import (
    CatalogueLineForm,
    LineForm,
    MoveForm,
    PercentsForm,
    QuoteFilterForm,
    QuoteForm,
    TextLineForm,
)
from apps.quotes.models import LineKind, QuoteLine, QuoteSettings, QuoteStatus
from apps.quotes.selectors import issue as issue_selectors
from apps.quotes.selectors import quotes as selectors
from apps.quotes.selectors.invoices import quote_invoices_panel
from apps.quotes.services import lines as line_services
from apps.quotes.services import quotes as services
from apps.quotes.totals import totals_of

READERS = (perms.OFFICE_MANAGER, perms.DIRECTOR)
WRITER = perms.OFFICE_MANAGER


def _not_editable(request: HttpRequest, quote) -> HttpResponse:
    messages.error(request, _("This quote is issued: it can no longer be changed. Revise or duplicate it instead."))
    return HttpResponseClientRedirect(quote.get_absolute_url()) if request.htmx else redirect(quote)


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


# --- the list -------------------------------------------------------------------------------------


@require_GET
@perms.role_required(*READERS)
def quote_list(request: HttpRequest) -> HttpResponse:
    figures = selectors.list_figures(request.user)
    form = QuoteFilterForm(request.GET or None, clients=selectors.client_choices(request.user), years=figures.years)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    status = filters.get("status") or ""
    page = selectors.quote_list_page(
        request.user,
        status=status,
        client_id=filters.get("client"),
        year=filters.get("year"),
        search=filters.get("q", ""),
        page=parse_page(request.GET.get("page")),
    )
    tabs = [
        ("", _("All"), figures.counts["all"]),
        (selectors.AWAITING, _("Awaiting an answer"), figures.counts[selectors.AWAITING]),
        (QuoteStatus.DRAFT, _("Drafts"), figures.counts[QuoteStatus.DRAFT]),
        (QuoteStatus.ACCEPTED, pgettext("quote list tab", "Accepted"), figures.counts[QuoteStatus.ACCEPTED]),
    ]
    context = {
        "form": form,
        "page": page,
        "status": status,
        "tabs": tabs,
        "status_labels": dict(QuoteStatus.choices),
        "is_office_manager": request.user.is_office_manager,
    }
    return render(request, "quotes/quotes/list.html", context)


# --- the header -----------------------------------------------------------------------------------


HEADER_FIELDS = (
    "client",
    "contact",
    "subject",
    "validity_days",
    "payment_terms",
    "deposit_percent",
    "discount_percent",
    "start_date",
    "duration",
    "notes",
)


def _header_values(data: dict) -> dict:
    return {name: data[name] for name in HEADER_FIELDS}


@require_http_methods(["GET", "POST"])
@perms.role_required(WRITER)
def quote_create(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = QuoteForm(request.POST)
        if form.is_valid():
            try:
                quote = services.quote_create(
                    by=request.user, token=form.cleaned_data["token"], **_header_values(form.cleaned_data)
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The draft quote is created: add its lines."))
                return redirect(f"{quote.get_absolute_url()}#lines")
    else:
        defaults = QuoteSettings.current()
        initial = {
            "token": uuid.uuid4(),
            "validity_days": defaults.validity_days,
            "payment_terms": defaults.payment_terms,
            "deposit_percent": defaults.default_deposit_percent,
            "discount_percent": 0,
        }
        client = request.GET.get("client", "")
        if client.isdigit() and len(client) < 12:
            initial["client"] = int(client)
            # The contact who "receives quotes and invoices" (the client's page says so) is proposed.
            initial["contact"] = selectors.receiving_contact_id(int(client))
        form = QuoteForm(initial=initial)
    return render(request, "quotes/quotes/form.html", {"form": form, "quote": None}, status=_status(form))


@require_http_methods(["GET", "POST"])
@perms.role_required(WRITER)
def quote_edit(request: HttpRequest, pk: int) -> HttpResponse:
    quote = selectors.quote_for_page(request.user, pk)
    if not quote.is_editable:
        return _not_editable(request, quote)
    live_url = _live_url(quote)
    if request.method == "POST":
        form = QuoteForm(request.POST, quote=quote, live_url=live_url)
        if form.is_valid():
            try:
                services.quote_update(quote=quote, by=request.user, **_header_values(form.cleaned_data))
            except ValidationError as exc:
                if getattr(exc, "code", None) == "not_editable":
                    return _not_editable(request, quote)
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The quote is saved."))
                return redirect(quote)
    else:
        form = QuoteForm(
            quote=quote,
            live_url=live_url,
            initial={name: getattr(quote, name) for name in HEADER_FIELDS}
            | {"client": quote.client_id, "contact": quote.contact_id},
        )
    context = {"form": form, "quote": quote, "page": selectors.quote_page(quote)}
    return render(request, "quotes/quotes/form.html", context, status=_status(form))


# --- one quote and its lines ----------------------------------------------------------------------


def _live_url(quote) -> str:
    return reverse("quotes:quote_totals", args=[quote.pk])


def _editor_context(request: HttpRequest, quote, **forms) -> dict:
    """What the quote's page and the lines' block show; ``forms`` replaces a blank form by a bound one
    (with its errors)."""
    may_edit = request.user.is_office_manager and quote.is_editable
    context = {
        "quote": quote,
        "page": selectors.quote_page(quote),
        "is_office_manager": request.user.is_office_manager,
        "may_edit": may_edit,
        # The duplicate button's one-time token: pressed twice, one copy.
        "duplicate_token": uuid.uuid4(),
    }
    if may_edit:
        context |= {
            "line_form": forms.get("line_form") or LineForm(live_url=_live_url(quote)),
            "text_form": forms.get("text_form") or TextLineForm(),
            "catalogue_form": forms.get("catalogue_form") or CatalogueLineForm(),
        }
    if not request.htmx:
        # The whole page also shows the quote's life (issuing, answer, versions) and its invoices.
        context |= {
            "status_panel": issue_selectors.status_panel(request.user, quote),
            "invoices_panel": quote_invoices_panel(request.user, quote),
        }
    return context


def _render_editor(request: HttpRequest, quote, *, status: int = 200, **forms) -> HttpResponse:
    """With HTMX the lines' block alone (a 200 even with errors: HTMX swaps only a 2xx); without, the
    whole page."""
    context = _editor_context(request, quote, **forms)
    if request.htmx:
        return render(request, "quotes/lines/_editor.html", context)
    return render(request, "quotes/quotes/detail.html", context, status=status)


def _after_change(request: HttpRequest, quote) -> HttpResponse:
    if request.htmx:
        quote.refresh_from_db()
        return _render_editor(request, quote)
    return redirect(f"{quote.get_absolute_url()}#lines")


@require_GET
@perms.role_required(*READERS)
def quote_detail(request: HttpRequest, pk: int) -> HttpResponse:
    quote = selectors.quote_for_page(request.user, pk)
    return render(request, "quotes/quotes/detail.html", _editor_context(request, quote))


@require_POST
@perms.role_required(WRITER)
def quote_line_add(request: HttpRequest, pk: int) -> HttpResponse:
    """A priced line (``form=item``), or a section title or free text (``form=text``)."""
    quote = selectors.quote_for_page(request.user, pk)
    if not quote.is_editable:
        return _not_editable(request, quote)
    if request.POST.get("form") == "text":
        form, name = TextLineForm(request.POST), "text_form"
    else:
        form, name = LineForm(request.POST, live_url=_live_url(quote)), "line_form"
    if form.is_valid():
        if name == "text_form":
            fields = {"kind": form.cleaned_data["kind"], "description": form.cleaned_data["description"]}
        else:
            fields = {"kind": LineKind.ITEM, **form.line_fields()}
        try:
            line_services.line_add(document=quote, by=request.user, **fields)
        except ValidationError as exc:
            if getattr(exc, "code", None) == "not_editable":
                return _not_editable(request, quote)
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The line is added."))
            return _after_change(request, quote)
    return _render_editor(request, quote, status=400, **{name: form})


@require_POST
@perms.role_required(WRITER)
def quote_line_catalogue(request: HttpRequest, pk: int) -> HttpResponse:
    quote = selectors.quote_for_page(request.user, pk)
    if not quote.is_editable:
        return _not_editable(request, quote)
    form = CatalogueLineForm(request.POST)
    if form.is_valid():
        try:
            line_services.line_add_from_catalogue(
                document=quote,
                by=request.user,
                entry=form.cleaned_data["entry"],
                quantity=form.cleaned_data["quantity"],
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) == "not_editable":
                return _not_editable(request, quote)
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The catalogue entry is added as a line."))
            return _after_change(request, quote)
    return _render_editor(request, quote, status=400, catalogue_form=form)


def _line_or_404(quote, line_pk: int) -> QuoteLine:
    return perms.get_visible_or_404(quote.lines.all(), pk=line_pk)


@require_http_methods(["GET", "POST"])
@perms.role_required(WRITER)
def quote_line_edit(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    quote = selectors.quote_for_page(request.user, pk)
    line = _line_or_404(quote, line_pk)
    if not quote.is_editable:
        return _not_editable(request, quote)
    priced = line.kind == LineKind.ITEM
    if request.method == "POST":
        form = (
            LineForm(request.POST, live_url=_live_url(quote)) if priced else TextLineForm(request.POST, with_kind=False)
        )
        if form.is_valid():
            fields = form.line_fields() if priced else {"description": form.cleaned_data["description"]}
            try:
                line_services.line_update(document=quote, by=request.user, line_id=line.pk, **fields)
            except ValidationError as exc:
                if getattr(exc, "code", None) == "not_editable":
                    return _not_editable(request, quote)
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The line is saved."))
                return redirect(f"{quote.get_absolute_url()}#line-{line.pk}")
    elif priced:
        initial = {name: getattr(line, name) for name in ("description", "quantity", "unit", "unit_price", "vat_rate")}
        form = LineForm(live_url=_live_url(quote), initial=initial | {"discount_percent": line.discount_percent})
    else:
        form = TextLineForm(with_kind=False, initial={"description": line.description})
    page = selectors.quote_page(quote)
    context = {"quote": quote, "line": line, "form": form, "priced": priced, "page": page}
    return render(request, "quotes/lines/edit.html", context, status=_status(form))


@require_POST
@perms.role_required(WRITER)
def quote_line_delete(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    quote = selectors.quote_for_page(request.user, pk)
    line = _line_or_404(quote, line_pk)
    try:
        line_services.line_delete(document=quote, by=request.user, line_id=line.pk)
    except ValidationError as exc:
        if getattr(exc, "code", None) == "not_editable":
            return _not_editable(request, quote)
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The line is deleted."))
    return _after_change(request, quote)


@require_POST
@perms.role_required(WRITER)
def quote_line_move(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    quote = selectors.quote_for_page(request.user, pk)
    line = _line_or_404(quote, line_pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Move a line up or down."))
        return _after_change(request, quote)
    try:
        line_services.line_move(
            document=quote, by=request.user, line_id=line.pk, direction=form.cleaned_data["direction"]
        )
    except ValidationError as exc:
        if getattr(exc, "code", None) == "not_editable":
            return _not_editable(request, quote)
        messages.error(request, " ".join(exc.messages))
    return _after_change(request, quote)


@require_GET
@perms.role_required(WRITER)
def quote_totals(request: HttpRequest, pk: int) -> HttpResponse:
    """The live totals (HTMX, as the person types): the saved lines plus the line in the form (in place
    of the line being edited, ``editing``), with the discount and deposit typed in the header; all
    computed by ``totals_of``, as the stored totals are. A half-typed line is left out, and said so."""
    quote = selectors.quote_for_page(request.user, pk)
    lines = selectors.quote_lines(quote)
    counted = None
    if any(key.startswith("line-") for key in request.GET):
        typed = LineForm(request.GET)
        counted = typed.is_valid()
        editing = request.GET.get("editing", "")
        if editing.isdigit():
            lines = [line for line in lines if str(line.pk) != editing]
        if counted:
            lines.append(QuoteLine(kind=LineKind.ITEM, **typed.line_fields()))
    discount, deposit = quote.discount_percent, quote.deposit_percent
    if "discount_percent" in request.GET or "deposit_percent" in request.GET:
        percents = PercentsForm(request.GET)
        if percents.is_valid():
            discount = percents.cleaned_data["discount_percent"] or 0
            deposit = percents.cleaned_data["deposit_percent"] or 0
        else:
            counted = False
    totals = totals_of(lines, discount)
    context = {
        "totals": totals,
        "deposit": totals.deposit(deposit),
        "deposit_percent": deposit,
        "discount_percent": discount,
        "preview": True,
        "counted": counted,
    }
    return render(request, "quotes/lines/_totals.html", context)


# --- duplicate, delete ----------------------------------------------------------------------------


@require_POST
@perms.role_required(WRITER)
def quote_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    quote = selectors.quote_for_page(request.user, pk)
    try:
        token = uuid.UUID(request.POST.get("token", ""))
    except ValueError:
        token = None  # an old page without the token: a copy all the same
    try:
        copy = services.quote_duplicate(quote=quote, by=request.user, token=token)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(quote)
    messages.success(
        request, _("This is a new draft copied from %(quote)s: check it before issuing it.") % {"quote": quote}
    )
    return redirect(copy)


@require_POST
@perms.role_required(WRITER)
def quote_delete(request: HttpRequest, pk: int) -> HttpResponse:
    quote = selectors.quote_for_page(request.user, pk)
    try:
        services.quote_delete(quote=quote, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(quote)
    messages.success(request, _("The draft is deleted."))
    return redirect("quotes:quote_list")
