"""The client directory's pages: the list, a client's page (contacts, quotes and invoices) and form,
archiving and deleting, its contacts. The office manager does everything; the director reads the
list and the pages (every write: 403); anyone else: 403. An unknown id, or another client's contact
id: 404. Each view fetches through ``clients_visible_to``, calls one service, renders or redirects."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core import permissions as perms
from apps.core.ranges import parse_page
from apps.quotes.forms.clients import ClientFilterForm, ClientForm, ContactForm
from apps.quotes.models import Client, ClientContact
from apps.quotes.selectors import clients as selectors
from apps.quotes.services import clients as services

OFFICE, DIRECTOR = perms.OFFICE_MANAGER, perms.DIRECTOR


def add_errors(form: BaseForm, exc: ValidationError) -> None:
    """A service's ValidationError on the form: per field when the form has it, on top otherwise."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            if field in form.fields and field in form.errors:
                continue  # the form said it already (the same check)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def route_exists(name: str) -> bool:
    """Whether a page of another part of the quotes app is there (the client page links to it if so)."""
    try:
        reverse(name, args=[1])
    except NoReverseMatch:
        try:
            reverse(name)
        except NoReverseMatch:
            return False
    return True


def _client(request: HttpRequest, pk: int) -> Client:
    return perms.get_visible_or_404(selectors.clients_visible_to(request.user), pk=pk)


@require_GET
@perms.role_required(OFFICE, DIRECTOR)
def client_list(request: HttpRequest) -> HttpResponse:
    form = ClientFilterForm(request.GET or None)
    filters = form.filters()
    page = selectors.client_page(request.user, **filters, page=parse_page(request.GET.get("page")))
    context = {"form": form, "page": page, "filters": filters}
    template = "quotes/clients/partials/_rows.html" if request.htmx else "quotes/clients/list.html"
    return render(request, template, context)


@require_GET
@perms.role_required(OFFICE, DIRECTOR)
def client_detail(request: HttpRequest, pk: int) -> HttpResponse:
    client = _client(request, pk)
    context = {
        "client": client,
        "overview": selectors.client_overview(client),
        "links": {
            "quote_detail": route_exists("quotes:quote_detail"),
            "invoice_detail": route_exists("quotes:invoice_detail"),
            "quote_create": route_exists("quotes:quote_create"),
            "quote_list": route_exists("quotes:quote_list"),
        },
    }
    return render(request, "quotes/clients/detail.html", context)


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def client_create(request: HttpRequest) -> HttpResponse:
    form = ClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data.get("token")
        try:
            client = services.client_create(by=request.user, token=token, **form.client_fields())
        except ValidationError as exc:
            done = Client.objects.filter(creation_token=token).first() if token else None
            if getattr(exc, "code", None) == services.ALREADY_CREATED and done is not None:
                messages.info(request, _("“%(name)s” was already added.") % {"name": done.name})
                return redirect(done.get_absolute_url())
            add_errors(form, exc)
            form.find_duplicate()
        else:
            messages.success(request, _("“%(name)s” has been added to the clients.") % {"name": client.name})
            return redirect(client.get_absolute_url())
    context = {"form": form, "heading": _("New client"), "client": None}
    return render(request, "quotes/clients/form.html", context)


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def client_edit(request: HttpRequest, pk: int) -> HttpResponse:
    client = _client(request, pk)
    form = ClientForm(request.POST or None, instance=client)
    if request.method == "POST" and form.is_valid():
        try:
            client = services.client_update(client=client, by=request.user, **form.client_fields())
        except ValidationError as exc:
            add_errors(form, exc)
            form.find_duplicate()
        else:
            messages.success(request, _("“%(name)s” has been saved.") % {"name": client.name})
            return redirect(client.get_absolute_url())
    context = {"form": form, "heading": client.name, "client": client}
    return render(request, "quotes/clients/form.html", context)


@require_POST
@perms.role_required(OFFICE)
def client_archive(request: HttpRequest, pk: int) -> HttpResponse:
    client = _client(request, pk)
    if client.is_archived:
        messages.info(request, _("“%(name)s” is already archived.") % {"name": client.name})
    else:
        services.client_archive(client=client, by=request.user)
        messages.success(
            request,
            _("“%(name)s” is archived: it is no longer proposed for new quotes; its quotes and invoices stay.")
            % {"name": client.name},
        )
    return redirect(client.get_absolute_url())


@require_POST
@perms.role_required(OFFICE)
def client_restore(request: HttpRequest, pk: int) -> HttpResponse:
    client = _client(request, pk)
    if not client.is_archived:
        messages.info(request, _("“%(name)s” is not archived.") % {"name": client.name})
    else:
        services.client_restore(client=client, by=request.user)
        messages.success(request, _("“%(name)s” is back among the current clients.") % {"name": client.name})
    return redirect(client.get_absolute_url())


@require_POST
@perms.role_required(OFFICE)
def client_delete(request: HttpRequest, pk: int) -> HttpResponse:
    client = _client(request, pk)
    try:
        services.client_delete(client=client, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(client.get_absolute_url())
    messages.success(request, _("“%(name)s” has been deleted.") % {"name": client.name})
    return redirect("quotes:client_list")


# --- contacts -------------------------------------------------------------------------------------


def _contact(client: Client, contact_pk: int) -> ClientContact:
    return perms.get_visible_or_404(selectors.contacts_of_client(client), pk=contact_pk)


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def contact_create(request: HttpRequest, pk: int) -> HttpResponse:
    client = _client(request, pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_create(client=client, by=request.user, **form.contact_fields())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("%(name)s has been added to the contacts.") % {"name": contact.name})
            return redirect(client.get_absolute_url())
    context = {"form": form, "client": client, "contact": None, "heading": _("New contact")}
    return render(request, "quotes/clients/contact_form.html", context)


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def contact_edit(request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    client = _client(request, pk)
    contact = _contact(client, contact_pk)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_update(contact=contact, by=request.user, **form.contact_fields())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("%(name)s has been saved.") % {"name": contact.name})
            return redirect(client.get_absolute_url())
    context = {"form": form, "client": client, "contact": contact, "heading": contact.name}
    return render(request, "quotes/clients/contact_form.html", context)


@require_POST
@perms.role_required(OFFICE)
def contact_delete(request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    client = _client(request, pk)
    contact = _contact(client, contact_pk)
    was_primary = contact.is_primary
    services.contact_delete(contact=contact, by=request.user)
    messages.success(request, _("%(name)s has been removed from the contacts.") % {"name": contact.name})
    if was_primary:
        messages.warning(request, _("Choose who receives this client's quotes and invoices now."))
    return redirect(client.get_absolute_url())
