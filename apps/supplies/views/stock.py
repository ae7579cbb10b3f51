"""The stock of one catalogue item (office manager): per site its figures and settings, forms to
receive, adjust and set the thresholds, and the ledger of its moves; and the reorder list."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.core import permissions as perms
from apps.core.ranges import parse_page
from apps.core.reversing import pk_url
from apps.supplies import services
from apps.supplies.forms.stock import AdjustForm, ReceiveForm, StockSettingsForm
from apps.supplies.selectors import stock as selectors
from apps.supplies.services.stock import ALREADY_RECORDED

MOVES_PER_PAGE = 25
FORMS = {"receive": ReceiveForm, "adjust": AdjustForm, "settings": StockSettingsForm}


def add_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError on the form: per field when the form has it, on top otherwise."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)
    for name in form.errors:  # drawn as invalid, as the form's own checks are (BootstrapFormMixin)
        if name in form.fields:
            attrs = form.fields[name].widget.attrs
            if "is-invalid" not in attrs.get("class", ""):
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
            attrs["aria-invalid"] = "true"


def _form(kind: str, site, data=None):
    initial = {"token": uuid.uuid4()} if data is None and kind != "settings" else None
    return FORMS[kind](data, initial=initial, auto_id=f"id_s{site.pk}_{kind}_%s")


def _already_recorded(request: HttpRequest, exc: ValidationError, item, site) -> HttpResponse | None:
    """The same form sent again: told so, and shown the stock that includes the first."""
    if getattr(exc, "code", None) != ALREADY_RECORDED:
        return None
    messages.info(request, exc.messages[0])
    return _done(request, item, site)


def _item_and_site(request: HttpRequest, pk: int, site_pk: int):
    item = perms.get_visible_or_404(selectors.stock_items_visible_to(request.user), pk=pk)
    site = perms.get_visible_or_404(selectors.stock_sites_visible_to(request.user), pk=site_pk)
    return item, site


def _item_stock_page(request: HttpRequest, item, *, bound=None) -> HttpResponse:
    """The page; ``bound`` = (site, kind, form) shows that form with its errors, opened."""
    rows = selectors.item_stock_rows(item)
    for row in rows:
        row.forms = {kind: _form(kind, row.site) for kind in FORMS}
        row.forms["settings"].initial = {
            "reorder_threshold": row.stock.reorder_threshold,
            "reorder_quantity": row.stock.reorder_quantity,
        }
        row.open = ""
        if bound is not None and bound[0].pk == row.site.pk:
            row.forms[bound[1]] = bound[2]
            row.open = bound[1]
    page = Paginator(selectors.item_moves(item), MOVES_PER_PAGE).get_page(parse_page(request.GET.get("page")))
    context = {
        "item": item,
        "item_url": reverse("supplies:item_detail", args=[item.pk]),
        "rows": rows,
        "moves": page,
        "request_url": pk_url("supplies:request_detail"),
        "count_url": pk_url("supplies:inventory_count_detail"),
    }
    return render(request, "supplies/stock/item_stock.html", context)


@require_GET
@perms.role_required(perms.OFFICE_MANAGER)
def item_stock(request: HttpRequest, pk: int) -> HttpResponse:
    item = perms.get_visible_or_404(selectors.stock_items_visible_to(request.user), pk=pk)
    return _item_stock_page(request, item)


def _done(request: HttpRequest, item, site) -> HttpResponse:
    return redirect(reverse("supplies:item_stock", args=[item.pk]) + f"#site-{site.pk}")


def _record_move(request: HttpRequest, pk: int, site_pk: int, kind: str, record, told) -> HttpResponse:
    """The receive and adjust forms: validate, record the move through ``record(item, site, data)``,
    tell ``told(move, site)``; the page again with the form's errors, or back to the site's card."""
    item, site = _item_and_site(request, pk, site_pk)
    form = _form(kind, site, request.POST)
    if form.is_valid():
        try:
            move = record(item, site, form.cleaned_data)
        except ValidationError as exc:
            if (done := _already_recorded(request, exc, item, site)) is not None:
                return done
            add_errors(form, exc)
        else:
            messages.success(request, told(move, site))
            return _done(request, item, site)
    return _item_stock_page(request, item, bound=(site, kind, form))


@require_POST
@perms.role_required(perms.OFFICE_MANAGER)
def stock_receive(request: HttpRequest, pk: int, site_pk: int) -> HttpResponse:
    return _record_move(
        request,
        pk,
        site_pk,
        "receive",
        lambda item, site, data: services.stock_receive(
            item=item, site=site, quantity=data["quantity"], note=data["note"], by=request.user, token=data["token"]
        ),
        lambda move, site: (
            _("%(quantity)s received on %(site)s: %(stock)s in stock.")
            % {"quantity": move.delta, "site": site.name, "stock": move.balance_after}
        ),
    )


@require_POST
@perms.role_required(perms.OFFICE_MANAGER)
def stock_adjust(request: HttpRequest, pk: int, site_pk: int) -> HttpResponse:
    return _record_move(
        request,
        pk,
        site_pk,
        "adjust",
        lambda item, site, data: services.stock_adjust(
            item=item, site=site, delta=data["quantity"], reason=data["reason"], by=request.user, token=data["token"]
        ),
        lambda move, site: (
            _("Stock of %(site)s adjusted by %(change)s: %(stock)s in stock.")
            % {"site": site.name, "change": f"{move.delta:+d}", "stock": move.balance_after}
        ),
    )


@require_POST
@perms.role_required(perms.OFFICE_MANAGER)
def stock_settings(request: HttpRequest, pk: int, site_pk: int) -> HttpResponse:
    item, site = _item_and_site(request, pk, site_pk)
    form = _form("settings", site, request.POST)
    if form.is_valid():
        try:
            services.stock_settings_update(item=item, site=site, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Reorder settings of %(site)s saved.") % {"site": site.name})
            return _done(request, item, site)
    return _item_stock_page(request, item, bound=(site, "settings", form))


@require_GET
@perms.role_required(perms.OFFICE_MANAGER)
def reorder(request: HttpRequest) -> HttpResponse:
    groups = selectors.reorder_lines()
    context = {
        "groups": groups,
        "line_count": sum(len(group.lines) for group in groups),
        "stock_url": pk_url("supplies:item_stock"),
    }
    return render(request, "supplies/stock/reorder.html", context)
