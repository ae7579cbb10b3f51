"""What every signed-in person does first: browse the catalogue, fill a basket, send it as a request."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm, BoundField
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.accounts.selectors import sites_for
from apps.core import permissions as perms
from apps.core.htmx import render_page_or_partial
from apps.core.http import safe_next
from apps.core.ranges import parse_page
from apps.core.reversing import pk_url
from apps.supplies.basket import Basket, FreeLine
from apps.supplies.budgets import remaining_budgets
from apps.supplies.formatting import amount_text
from apps.supplies.forms.staff_requests import (
    BasketAddForm,
    BasketLinesForm,
    FreeLineForm,
    RequestDetailsForm,
    ShopFilterForm,
)
from apps.supplies.models import CatalogueItem, Category, RequestKind, RequestStatus, Unit
from apps.supplies.selectors import shop as selectors
from apps.supplies.services import requests as services


def add_errors(form: BaseForm, exc: ValidationError) -> list[str]:
    """Show a service's errors on ``form`` (per field when it has it); returns those it has no field for."""
    others: list[str] = []
    for field, errors in exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]:
        if field in form.fields and field != "token":
            form.add_error(field, errors)
        else:
            others.extend(errors)
    return others


def request_sent_message(request: HttpRequest, supply_request) -> None:
    """Tell the requester what happens next, from the status their request got."""
    number = {"number": supply_request.pk}
    if supply_request.status == RequestStatus.READY:
        messages.success(request, _("Request #%(number)d is approved and ready to pick up.") % number)
    elif supply_request.status in (RequestStatus.APPROVED, RequestStatus.PARTLY_APPROVED):
        messages.success(
            request,
            _("Request #%(number)d is approved; you will be told when it is ready to pick up.") % number,
        )
    else:
        messages.success(request, _("Request #%(number)d has been sent to the office manager for approval.") % number)


def already_sent(exc: ValidationError) -> bool:
    return not hasattr(exc, "error_dict") and any(error.code == "already_submitted" for error in exc.error_list)


def requester_sites(user):
    return sites_for(user).filter(is_active=True).order_by("name")


# --- the catalogue -------------------------------------------------------------------------------


@require_GET
@perms.login_required
def shop(request: HttpRequest) -> HttpResponse:
    form = ShopFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    search, category = filters.get("q", ""), filters.get("category", "")
    context = {
        "form": form,
        "search": search,
        "category": category,
        "categories": Category.choices,
        "page": selectors.shop_page(search=search, category=category, page=parse_page(request.GET.get("page"))),
        "basket": Basket(request.session),
        "thumbnail_url": pk_url("supplies:item_thumbnail"),
        "units": {value: str(label) for value, label in Unit.choices},  # translated once, not once per card
        "amount_text": amount_text,
    }
    return render_page_or_partial(request, "supplies/shop/shop.html", "supplies/shop/_results.html", context)


@require_POST
@perms.login_required
def basket_add(request: HttpRequest) -> HttpResponse:
    form = BasketAddForm(request.POST)
    basket = Basket(request.session)
    added = False
    if not form.is_valid():
        message = " ".join(form.errors.get("quantity") or [_("Choose an item of the catalogue.")])
    else:
        item = selectors.requestable_items().filter(pk=form.cleaned_data["item"]).only("id", "name").first()
        if item is None:
            message = _("This item is no longer in the catalogue.")
        else:
            quantity = form.cleaned_data["quantity"]
            try:
                basket.add(item.pk, quantity)
            except ValidationError as exc:
                message = " ".join(exc.messages)
            else:
                added = True
                message = _("Added to your basket: %(quantity)d × %(item)s.") % {"quantity": quantity, "item": item}
    if request.htmx:
        return render(
            request, "supplies/shop/_basket_summary.html", {"basket": basket, "message": message, "added": added}
        )
    (messages.success if added else messages.error)(request, message)
    return redirect(safe_next(request) or reverse("supplies:shop"))


# --- the basket ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BasketRow:
    """A line of the basket page: a catalogue item (``item``, None once deleted) or a free line."""

    key: str
    quantity: int
    quantity_field: BoundField
    name: str
    unit_price: Decimal | None
    vat_rate: Decimal
    item: CatalogueItem | None = None
    free: FreeLine | None = None
    index: int = 0
    unavailable: bool = False

    @property
    def amount(self) -> Decimal | None:
        return None if self.unit_price is None else services.line_amount(self.quantity, self.unit_price)


def _rows(basket: Basket, lines_form: BasketLinesForm) -> list[BasketRow]:
    items = selectors.basket_items(basket.items)
    rows = []
    for pk, quantity in basket.items.items():
        item = items.get(pk)
        rows.append(
            BasketRow(
                key=f"item_{pk}",
                quantity=quantity,
                quantity_field=lines_form[f"item_{pk}"],
                name=item.name if item else _("Item no longer in the catalogue"),
                unit_price=item.unit_price if item else None,
                vat_rate=item.vat_rate if item else Decimal("0"),
                item=item,
                index=pk,
                unavailable=item is None or not item.is_active,
            )
        )
    for index, line in enumerate(basket.free):
        rows.append(
            BasketRow(
                key=f"free_{index}",
                quantity=line.quantity,
                quantity_field=lines_form[f"free_{index}"],
                name=line.description,
                unit_price=line.unit_price,
                vat_rate=services.DEFAULT_VAT,
                free=line,
                index=index,
            )
        )
    return rows


def _budget_lines(rows: list[BasketRow]) -> list[tuple[str, Decimal, Decimal]] | None:
    """(category, this request's cost in it, budget left this year) per category of the basket's items;
    None while there are no budgets (the page then shows no budget line)."""
    cost: dict[str, Decimal] = {}
    for row in rows:
        if row.item is not None and not row.unavailable:
            cost[row.item.category] = cost.get(row.item.category, Decimal("0")) + row.amount
    left = remaining_budgets(cost, timezone.localdate().year)
    if left is None:
        return None
    labels = dict(Category.choices)
    return [(labels.get(category, category), cost[category], left[category]) for category in cost if category in left]


def _render_basket(
    request: HttpRequest,
    basket: Basket,
    *,
    lines_form: BasketLinesForm | None = None,
    free_form: FreeLineForm | None = None,
    details_form: RequestDetailsForm | None = None,
    line_errors: list[str] | None = None,
) -> HttpResponse:
    lines_form = lines_form or BasketLinesForm(
        item_ids=basket.items,
        free_count=len(basket.free),
        initial_quantities={
            **{f"item_{pk}": q for pk, q in basket.items.items()},
            **{f"free_{i}": line.quantity for i, line in enumerate(basket.free)},
        },
    )
    if details_form is None:
        draft = basket.draft
        details_form = RequestDetailsForm(
            sites=requester_sites(request.user),
            initial={
                "reason": draft.get("reason", ""),
                "needed_by": draft.get("needed_by") or "",
                "site": draft.get("site") or request.user.site_id,
            },
        )
    rows = _rows(basket, lines_form)
    payable = [(row.quantity, row.unit_price, row.vat_rate) for row in rows if not row.unavailable]
    net, vat, gross = services.totals(payable)
    context = {
        "basket": basket,
        "rows": rows,
        "unavailable": [row for row in rows if row.unavailable],
        "lines_form": lines_form,
        "free_form": free_form or FreeLineForm(),
        "details_form": details_form,
        "line_errors": line_errors or [],
        "total_excl_vat": net,
        "total_vat": vat,
        "total_incl_vat": gross,
        "budget_lines": _budget_lines(rows),
        "thumbnail_url": pk_url("supplies:item_thumbnail"),
        "today": timezone.localdate(),
        "max_free": len(basket.free) >= 10,
    }
    return render(request, "supplies/shop/basket.html", context)


@require_GET
@perms.login_required
def basket(request: HttpRequest) -> HttpResponse:
    return _render_basket(request, Basket(request.session))


def _lines_form(basket: Basket, data) -> BasketLinesForm:
    return BasketLinesForm(data, item_ids=basket.items, free_count=len(basket.free))


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_POST
@perms.login_required
def basket_update(request: HttpRequest) -> HttpResponse:
    """The basket's buttons: remove a line, add something not in the catalogue, or change the quantities."""
    basket = Basket(request.session)
    if "reason" in request.POST:
        basket.keep_draft(request.POST)
    if (pk := _int(request.POST.get("remove"))) is not None:
        basket.remove(pk)
        messages.success(request, _("The line has been removed from your basket."))
        return redirect("supplies:basket")
    if (index := _int(request.POST.get("remove_free"))) is not None:
        basket.remove_free(index)
        messages.success(request, _("The line has been removed from your basket."))
        return redirect("supplies:basket")
    if request.POST.get("action") == "add_free":
        free_form = FreeLineForm(request.POST)
        if free_form.is_valid():
            data = free_form.cleaned_data
            try:
                basket.add_free(
                    FreeLine(
                        description=" ".join(data["description"].split()),
                        unit_price=data["unit_price"],
                        quantity=data["quantity"],
                        link=data["link"],
                    )
                )
            except ValidationError as exc:
                free_form.add_error(None, exc)
            else:
                messages.success(request, _("Added to your basket: %(item)s.") % {"item": data["description"]})
                return redirect("supplies:basket")
        return _render_basket(request, basket, free_form=free_form)
    lines_form = _lines_form(basket, request.POST)
    if not lines_form.is_valid():
        return _render_basket(request, basket, lines_form=lines_form)
    basket.set_quantities(*lines_form.quantities())
    messages.success(request, _("Your basket has been updated."))
    return redirect("supplies:basket")


@require_POST
@perms.login_required
def request_submit(request: HttpRequest) -> HttpResponse:
    """Send the basket as a request: the quantities as shown on the page, with the reason, date and site."""
    basket = Basket(request.session)
    basket.keep_draft(request.POST)
    lines_form = _lines_form(basket, request.POST)
    details_form = RequestDetailsForm(request.POST, sites=requester_sites(request.user))
    lines_ok, details_ok = lines_form.is_valid(), details_form.is_valid()
    if lines_ok:
        basket.set_quantities(*lines_form.quantities())
    if not (lines_ok and details_ok):
        return _render_basket(request, basket, lines_form=lines_form, details_form=details_form)
    data = details_form.cleaned_data
    try:
        supply_request = services.request_submit(
            requester=request.user,
            site=data["site"],
            kind=RequestKind.SUPPLIES,
            reason=data["reason"],
            needed_by=data["needed_by"],
            lines=basket.lines(),
            token=data["token"],
        )
    except ValidationError as exc:
        if already_sent(exc):
            basket.clear()
            messages.info(request, exc.messages[0])
            return redirect("supplies:my_requests")
        others = add_errors(details_form, exc)
        return _render_basket(request, basket, lines_form=lines_form, details_form=details_form, line_errors=others)
    basket.clear()
    request_sent_message(request, supply_request)
    return redirect("supplies:my_requests")
