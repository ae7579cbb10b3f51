"""The office manager's catalogue pages: the list, an item's page, its form, archiving; and the photos,
which every signed-in person sees (staff browse the catalogue with them), served by a view that checks
who asks, never from MEDIA_URL."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core import permissions as perms
from apps.core.ranges import parse_page
from apps.supplies.forms.catalogue import CatalogueItemForm, ItemFilterForm
from apps.supplies.models import CatalogueItem
from apps.supplies.selectors import catalogue as selectors
from apps.supplies.services import catalogue as services

OFFICE = perms.OFFICE_MANAGER


def add_errors(form: BaseForm, exc: ValidationError) -> None:
    """A service's ValidationError on the form: per field when the form has it, on top otherwise."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@require_GET
@perms.role_required(OFFICE)
def item_list(request: HttpRequest) -> HttpResponse:
    form = ItemFilterForm(request.GET or None)
    filters = form.filters()
    page = selectors.item_page(**filters, page=parse_page(request.GET.get("page")))
    context = {"form": form, "page": page, "filters": filters}
    template = "supplies/catalogue/partials/_rows.html" if request.htmx else "supplies/catalogue/list.html"
    return render(request, template, context)


@require_GET
@perms.role_required(OFFICE)
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = perms.get_visible_or_404(selectors.items_visible_to(request.user), pk=pk)
    stocks = selectors.item_stocks(item)
    context = {
        "item": item,
        "stocks": stocks,
        "total_stock": sum(stock.quantity for stock in stocks),
        "stock_url": reverse("supplies:item_stock", args=[item.pk]),
    }
    return render(request, "supplies/catalogue/detail.html", context)


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def item_new(request: HttpRequest) -> HttpResponse:
    form = CatalogueItemForm(request.POST or None, request.FILES or None, instance=CatalogueItem())
    if request.method == "POST" and form.is_valid():
        photo, _clear = form.photo_change()
        try:
            item = services.item_create(by=request.user, photo=photo, **form.item_fields())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("“%(name)s” has been added to the catalogue.") % {"name": item.name})
            return redirect(item.get_absolute_url())
    return render(request, "supplies/catalogue/form.html", {"form": form, "heading": _("New catalogue item")})


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = perms.get_visible_or_404(selectors.items_visible_to(request.user), pk=pk)
    heading = item.name  # read before the form writes its input into ``item``
    form = CatalogueItemForm(request.POST or None, request.FILES or None, instance=item)
    if request.method == "POST" and form.is_valid():
        photo, clear = form.photo_change()
        try:
            item = services.item_update(
                item=item, by=request.user, photo=photo, clear_photo=clear, **form.item_fields()
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("“%(name)s” has been saved.") % {"name": item.name})
            return redirect(item.get_absolute_url())
    context = {"form": form, "heading": heading, "item_pk": pk}
    return render(request, "supplies/catalogue/form.html", context)


@require_POST
@perms.role_required(OFFICE)
def item_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive an item (``active=0``, the Archive button) or bring it back (``active=1``, Restore).

    The button says which, rather than toggling: the same button clicked twice archives once."""
    item = perms.get_visible_or_404(selectors.items_visible_to(request.user), pk=pk)
    wanted = {"0": False, "1": True}.get(request.POST.get("active", ""))
    if wanted is None:
        messages.error(request, _("Choose to archive the item or to put it back in the catalogue."))
    elif wanted == item.is_active:
        if wanted:
            messages.info(request, _("“%(name)s” is already in the catalogue.") % {"name": item.name})
        else:
            messages.info(request, _("“%(name)s” is already archived.") % {"name": item.name})
    elif not wanted:
        services.item_archive(item=item, by=request.user)
        messages.success(request, _("“%(name)s” is archived: staff can no longer ask for it.") % {"name": item.name})
    else:
        services.item_restore(item=item, by=request.user)
        messages.success(request, _("“%(name)s” is back in the catalogue.") % {"name": item.name})
    return redirect(item.get_absolute_url())


def _serve(field_file) -> FileResponse:
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = field_file.name.rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    # The URL carries the photo's version (?v=), so a replaced photo is a new URL.
    patch_cache_control(response, private=True, max_age=86400)
    return response


@require_GET
@perms.login_required
def item_photo(request: HttpRequest, pk: int) -> HttpResponse:
    item = perms.get_visible_or_404(selectors.items_visible_to(request.user), pk=pk)
    return _serve(item.photo)


@require_GET
@perms.login_required
def item_thumbnail(request: HttpRequest, pk: int) -> HttpResponse:
    item = perms.get_visible_or_404(selectors.items_visible_to(request.user), pk=pk)
    return _serve(item.thumbnail)
