"""The office manager's spaces pages: sites → floors → rooms and desks, and each site's booking rules.

Nothing is deleted here: rooms and desks are deactivated (their bookings stay in the history).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.selectors import sites_for
from apps.core import permissions as perms
from apps.premises import services, ui_selectors
from apps.premises.forms import DeskForm, FloorForm, RoomForm, SiteSettingsForm
from apps.premises.models import Desk, Floor, Room, SitePremisesSettings, Weekday

from ._helpers import add_errors

OFFICE = perms.OFFICE_MANAGER


@require_GET
@perms.role_required(OFFICE)
def spaces_index(request: HttpRequest) -> HttpResponse:
    sites = ui_selectors.visible_sites(request.user)
    counts = ui_selectors.space_counts(sites)
    rows = [(site, counts[site.pk]) for site in sites]
    return render(request, "premises/spaces/index.html", {"rows": rows})


@require_GET
@perms.role_required(OFFICE)
def site_spaces(request: HttpRequest, site_pk: int) -> HttpResponse:
    site = perms.get_visible_or_404(sites_for(request.user), pk=site_pk)
    rules = SitePremisesSettings.for_site(site)
    context = {
        "site": site,
        "rules": rules,
        "open_days": [Weekday(day).label for day in rules.open_days if day in Weekday.values],
        "floors": ui_selectors.floors_with_spaces(site),
    }
    return render(request, "premises/spaces/site.html", context)


def _save_form(request, form, save, *, success: str, redirect_to, template: str, context: dict) -> HttpResponse:
    """Validate ``form``, hand its instance to the ``save`` service, or re-render with the errors."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.instance)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, success % {"name": saved})
            return redirect(redirect_to)
    return render(request, template, {"form": form, **context})


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def site_settings(request: HttpRequest, site_pk: int) -> HttpResponse:
    site = perms.get_visible_or_404(sites_for(request.user), pk=site_pk)
    form = SiteSettingsForm(request.POST or None, instance=SitePremisesSettings.for_site(site))
    return _save_form(
        request,
        form,
        lambda obj: services.site_settings_save(settings=obj, by=request.user),
        # No placeholder left: "%" with a mapping then leaves the message as it is.
        success=_("The booking rules of %(site)s have been saved.") % {"site": site.name},
        redirect_to=_site_url(site),
        template="premises/spaces/form.html",
        context={"site": site, "heading": _("Booking rules of %(site)s") % {"site": site.name}},
    )


def _site_url(site) -> str:
    return reverse("premises:site_spaces", args=[site.pk])


# --- Floors --------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def floor_new(request: HttpRequest, site_pk: int) -> HttpResponse:
    site = perms.get_visible_or_404(sites_for(request.user), pk=site_pk)
    form = FloorForm(request.POST or None, request.FILES or None, instance=Floor(site=site))
    return _save_form(
        request,
        form,
        lambda obj: services.floor_save(floor=obj, by=request.user),
        success=_("The floor %(name)s has been created."),
        redirect_to=_site_url(site),
        template="premises/spaces/form.html",
        context={"site": site, "heading": _("New floor"), "multipart": True},
    )


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def floor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    floor = perms.get_visible_or_404(ui_selectors.floors_visible_to(request.user), pk=pk)
    heading = floor.name
    form = FloorForm(request.POST or None, request.FILES or None, instance=floor)
    return _save_form(
        request,
        form,
        lambda obj: services.floor_save(floor=obj, by=request.user),
        success=_("The floor %(name)s has been saved."),
        redirect_to=_site_url(floor.site),
        template="premises/spaces/form.html",
        context={"site": floor.site, "heading": heading, "multipart": True},
    )


# --- Rooms ---------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def room_new(request: HttpRequest, site_pk: int) -> HttpResponse:
    site = perms.get_visible_or_404(sites_for(request.user), pk=site_pk)
    form = RoomForm(request.POST or None, instance=Room(), site=site, initial={"floor": request.GET.get("floor")})
    return _save_form(
        request,
        form,
        lambda obj: services.room_save(room=obj, by=request.user),
        success=_("The room %(name)s has been created."),
        redirect_to=_site_url(site),
        template="premises/spaces/form.html",
        context={"site": site, "heading": _("New room")},
    )


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def room_edit(request: HttpRequest, pk: int) -> HttpResponse:
    room = perms.get_visible_or_404(ui_selectors.rooms_visible_to(request.user), pk=pk)
    site, heading = room.floor.site, room.name
    form = RoomForm(request.POST or None, instance=room, site=site)
    return _save_form(
        request,
        form,
        lambda obj: services.room_save(room=obj, by=request.user),
        success=_("The room %(name)s has been saved."),
        redirect_to=_site_url(site),
        template="premises/spaces/form.html",
        context={"site": site, "heading": heading, "room": room},
    )


@require_POST
@perms.role_required(OFFICE)
def room_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    """Deactivate a room (or bring it back): rooms are never deleted, their bookings are history."""
    room = perms.get_visible_or_404(ui_selectors.rooms_visible_to(request.user), pk=pk)
    room.is_active = not room.is_active
    try:
        services.room_save(room=room, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        done = _("The room %(name)s is active again.") if room.is_active else _("The room %(name)s is deactivated.")
        messages.success(request, done % {"name": room.name})
    return redirect(_site_url(room.floor.site))


# --- Desks ---------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def desk_new(request: HttpRequest, site_pk: int) -> HttpResponse:
    site = perms.get_visible_or_404(sites_for(request.user), pk=site_pk)
    form = DeskForm(request.POST or None, instance=Desk(), site=site, initial={"floor": request.GET.get("floor")})
    return _save_form(
        request,
        form,
        lambda obj: services.desk_save(desk=obj, by=request.user),
        success=_("The desk %(name)s has been created."),
        redirect_to=_site_url(site),
        template="premises/spaces/form.html",
        context={"site": site, "heading": _("New desk")},
    )


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def desk_edit(request: HttpRequest, pk: int) -> HttpResponse:
    desk = perms.get_visible_or_404(ui_selectors.desks_visible_to(request.user), pk=pk)
    site, heading = desk.floor.site, desk.label
    form = DeskForm(request.POST or None, instance=desk, site=site)
    return _save_form(
        request,
        form,
        lambda obj: services.desk_save(desk=obj, by=request.user),
        success=_("The desk %(name)s has been saved."),
        redirect_to=_site_url(site),
        template="premises/spaces/form.html",
        context={"site": site, "heading": heading, "desk": desk},
    )


@require_POST
@perms.role_required(OFFICE)
def desk_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    desk = perms.get_visible_or_404(ui_selectors.desks_visible_to(request.user), pk=pk)
    desk.is_active = not desk.is_active
    try:
        services.desk_save(desk=desk, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        done = _("The desk %(name)s is active again.") if desk.is_active else _("The desk %(name)s is deactivated.")
        messages.success(request, done % {"name": desk.label})
    return redirect(_site_url(desk.floor.site))
