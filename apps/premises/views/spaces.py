"""The office manager's spaces pages: sites → floors → rooms and desks, and each site's booking rules.

Nothing is deleted here: rooms and desks are deactivated (their bookings stay in the history).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.selectors import sites_for
from apps.core import permissions as perms
from apps.premises import selectors, services
from apps.premises.forms import DeskForm, FloorForm, RoomForm, SiteSettingsForm
from apps.premises.models import Desk, Floor, Room, SitePremisesSettings, Weekday

from ._helpers import add_errors

OFFICE = perms.OFFICE_MANAGER


@require_GET
@perms.role_required(OFFICE)
def spaces_index(request: HttpRequest) -> HttpResponse:
    sites = selectors.visible_sites(request.user)
    counts = selectors.space_counts(sites)
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
        "floors": selectors.floors_with_spaces(site),
    }
    return render(request, "premises/spaces/site.html", context)


def _save_form(
    request, form, save, *, success: str | Callable[[Any], str], redirect_to, template: str, context: dict
) -> HttpResponse:
    """Validate ``form``, hand its instance to the ``save`` service, or re-render with the errors.

    ``success`` is formatted here and only here: an untouched template whose ``%(name)s`` becomes the
    saved object, or a callable given the saved object. A message formatted by the caller would be
    formatted again, and a name holding a "%" would break it.
    """
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.instance)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, success(saved) if callable(success) else success % {"name": saved})
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
        success=lambda saved: _("The booking rules of %(site)s have been saved.") % {"site": site.name},
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
    floor = perms.get_visible_or_404(selectors.floors_visible_to(request.user), pk=pk)
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


# --- Rooms and desks ------------------------------------------------------------------------------
# The same three views serve both: new, edit, and deactivate (or bring back).


@dataclass(frozen=True)
class _SpaceKind:
    model: type[Room] | type[Desk]
    form_class: type[RoomForm] | type[DeskForm]
    visible_to: Callable[[Any], QuerySet]
    save: Callable[..., Room | Desk]  # save(obj, by=user), the kind's service
    title_field: str  # the attribute naming one of them on the page and in messages
    context_name: str  # the template tells an edit page by ``room`` or ``desk``
    new_heading: str
    created: str
    saved: str
    reactivated: str
    deactivated: str


ROOM = _SpaceKind(
    model=Room,
    form_class=RoomForm,
    visible_to=selectors.rooms_visible_to,
    save=lambda room, by: services.room_save(room=room, by=by),
    title_field="name",
    context_name="room",
    new_heading=gettext_lazy("New room"),
    created=gettext_lazy("The room %(name)s has been created."),
    saved=gettext_lazy("The room %(name)s has been saved."),
    reactivated=gettext_lazy("The room %(name)s is active again."),
    deactivated=gettext_lazy("The room %(name)s is deactivated."),
)

DESK = _SpaceKind(
    model=Desk,
    form_class=DeskForm,
    visible_to=selectors.desks_visible_to,
    save=lambda desk, by: services.desk_save(desk=desk, by=by),
    title_field="label",
    context_name="desk",
    new_heading=gettext_lazy("New desk"),
    created=gettext_lazy("The desk %(name)s has been created."),
    saved=gettext_lazy("The desk %(name)s has been saved."),
    reactivated=gettext_lazy("The desk %(name)s is active again."),
    deactivated=gettext_lazy("The desk %(name)s is deactivated."),
)


def _space_new(request: HttpRequest, site_pk: int, kind: _SpaceKind) -> HttpResponse:
    site = perms.get_visible_or_404(sites_for(request.user), pk=site_pk)
    form = kind.form_class(
        request.POST or None, instance=kind.model(), site=site, initial={"floor": request.GET.get("floor")}
    )
    return _save_form(
        request,
        form,
        lambda obj: kind.save(obj, by=request.user),
        success=kind.created,
        redirect_to=_site_url(site),
        template="premises/spaces/form.html",
        context={"site": site, "heading": kind.new_heading},
    )


def _space_edit(request: HttpRequest, pk: int, kind: _SpaceKind) -> HttpResponse:
    space = perms.get_visible_or_404(kind.visible_to(request.user), pk=pk)
    # Read before the form writes its input into ``space``.
    site, heading = space.floor.site, getattr(space, kind.title_field)
    form = kind.form_class(request.POST or None, instance=space, site=site)
    return _save_form(
        request,
        form,
        lambda obj: kind.save(obj, by=request.user),
        success=kind.saved,
        redirect_to=_site_url(site),
        template="premises/spaces/form.html",
        context={"site": site, "heading": heading, kind.context_name: space},
    )


def _space_toggle(request: HttpRequest, pk: int, kind: _SpaceKind) -> HttpResponse:
    """Deactivate a room or desk (or bring it back): they are never deleted, their bookings are history."""
    space = perms.get_visible_or_404(kind.visible_to(request.user), pk=pk)
    space.is_active = not space.is_active
    try:
        kind.save(space, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        done = kind.reactivated if space.is_active else kind.deactivated
        messages.success(request, done % {"name": getattr(space, kind.title_field)})
    return redirect(_site_url(space.floor.site))


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def room_new(request: HttpRequest, site_pk: int) -> HttpResponse:
    return _space_new(request, site_pk, ROOM)


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def room_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _space_edit(request, pk, ROOM)


@require_POST
@perms.role_required(OFFICE)
def room_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    return _space_toggle(request, pk, ROOM)


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def desk_new(request: HttpRequest, site_pk: int) -> HttpResponse:
    return _space_new(request, site_pk, DESK)


@require_http_methods(["GET", "POST"])
@perms.role_required(OFFICE)
def desk_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _space_edit(request, pk, DESK)


@require_POST
@perms.role_required(OFFICE)
def desk_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    return _space_toggle(request, pk, DESK)
