"""The safety and hygiene register: per-site list (printable for an inspector), a check's history,
recording a check, adding and editing checks. Office managers write; directors read; staff get 403."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.selectors import company_get, sites_for
from apps.core import permissions as perms
from apps.premises import selectors, services
from apps.premises.forms import CheckItemForm, CheckRecordForm
from apps.premises.models import CheckItem, CheckStatus, Ticket
from apps.premises.services.common import is_office_manager

from ._helpers import add_errors, serve_file
from ._pdf import register_pdf_bytes

READERS = (perms.OFFICE_MANAGER, perms.DIRECTOR)


@require_GET
@perms.role_required(*READERS)
def register(request: HttpRequest, site_pk: int | None = None) -> HttpResponse:
    sites = selectors.visible_sites(request.user)
    if site_pk is None:
        site = selectors.default_site(request.user, sites)
    else:
        site = next((s for s in sites if s.pk == site_pk), None)
        if site is None:
            raise Http404
    today = timezone.localdate()
    rows = selectors.register_rows(request.user, site, today) if site else []
    summary = {status: sum(1 for row in rows if row.status == status) for status in CheckStatus.values}
    context = {
        "site": site,
        "sites": sites,
        "rows": rows,
        "summary": summary,
        "today": today,
        "can_edit": is_office_manager(request.user),
    }
    return render(request, "premises/register/index.html", context)


@require_GET
@perms.role_required(*READERS)
def register_pdf(request: HttpRequest, site_pk: int | None = None) -> HttpResponse:
    """The printable register as a PDF: every site the user may see, or one (404 if not theirs)."""
    today = timezone.localdate()
    printed = selectors.register_for_print(request.user, today, site_id=site_pk)
    if site_pk is not None and not printed:
        raise Http404
    pdf = register_pdf_bytes(request, sites=printed, company=company_get(), today=today)
    name = f"registre-securite-{today:%Y-%m-%d}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_GET
@perms.role_required(*READERS)
def register_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = perms.get_visible_or_404(selectors.all_check_items_visible_to(request.user), pk=pk)
    records = list(selectors.check_records_for(item))
    tickets = [record.ticket for record in records if getattr(record, "ticket", None) is not None]
    context = {
        "item": item,
        "site": item.site,
        "status": item.status_on(timezone.localdate(), to_fix=selectors.has_open_non_compliance(records)),
        "records": records,
        # A ticket's link only for who may open it (a director sees the ticket's number and status).
        "openable_tickets": {ticket.pk for ticket in tickets if selectors.may_open_ticket(request.user, ticket)},
        "can_edit": is_office_manager(request.user),
    }
    return render(request, "premises/register/item.html", context)


def _item_form(request, form: CheckItemForm, *, site, heading: str, item=None) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.checkitem_save(item=form.instance, by=request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The check “%(name)s” has been saved.") % {"name": saved.display_name})
            return redirect("premises:register_item", pk=saved.pk)
    context = {"form": form, "site": site, "heading": heading, "item": item}
    return render(request, "premises/register/item_form.html", context)


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def register_item_new(request: HttpRequest, site_pk: int) -> HttpResponse:
    site = perms.get_visible_or_404(sites_for(request.user), pk=site_pk)
    form = CheckItemForm(request.POST or None, instance=CheckItem(site=site, due_date=timezone.localdate()))
    return _item_form(request, form, site=site, heading=_("New periodic check"))


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def register_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = perms.get_visible_or_404(selectors.all_check_items_visible_to(request.user), pk=pk)
    heading = item.display_name
    form = CheckItemForm(request.POST or None, instance=item)
    return _item_form(request, form, site=item.site, heading=heading, item=item)


@require_POST
@perms.role_required(perms.OFFICE_MANAGER)
def register_standard_items(request: HttpRequest, site_pk: int) -> HttpResponse:
    site = perms.get_visible_or_404(sites_for(request.user), pk=site_pk)
    created = services.register_create_standard_items(site=site, by=request.user)
    messages.success(
        request,
        _("%(count)d standard check(s) added, due today: record the last checks done.") % {"count": len(created)},
    )
    return redirect("premises:register_site", site_pk=site.pk)


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def record_new(request: HttpRequest, pk: int) -> HttpResponse:
    item = perms.get_visible_or_404(selectors.all_check_items_visible_to(request.user), pk=pk)
    form = CheckRecordForm(
        request.POST or None,
        request.FILES or None,
        initial={"done_on": timezone.localdate(), "done_by": item.supplier},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = services.checkrecord_create(
                item=item,
                by=request.user,
                done_on=data["done_on"],
                done_by=data["done_by"],
                result=data["result"],
                to_fix=data["to_fix"],
                report=data["report"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The check has been recorded."))
            if Ticket.objects.filter(source_check=record).exists():
                # The ticket's link is in the check's history, the page this redirects to.
                messages.warning(request, _("The check is non-compliant: a repair ticket has been opened."))
            return redirect("premises:register_item", pk=item.pk)
    return render(request, "premises/register/record_form.html", {"form": form, "item": item, "site": item.site})


@require_GET
@perms.role_required(*READERS)
def record_report(request: HttpRequest, pk: int) -> HttpResponse:
    record = perms.get_visible_or_404(selectors.check_records_visible_to(request.user), pk=pk)
    return serve_file(record.report)
