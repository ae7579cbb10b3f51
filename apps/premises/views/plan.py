"""Floor plans: staff see what is free at a given time (and book a free spot in one click); the office
manager uploads the plan image and places rooms and desks on it (static/js/premises_plan.js)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core import permissions as perms
from apps.core.ranges import parse_day
from apps.premises import selectors, services
from apps.premises.forms import PlanForm, PlanPositionForm
from apps.premises.models import Desk, Room, SitePremisesSettings
from apps.premises.services.common import is_office_manager

from ._helpers import parse_time, serve_file


def _moment(request: HttpRequest) -> dt.datetime:
    now = timezone.localtime()
    day = parse_day(request.GET.get("date"), now.date())
    time = parse_time(request.GET.get("time"), now.time().replace(second=0, microsecond=0))
    return timezone.make_aware(dt.datetime.combine(day, time))


def _book_url(site, spot, at: dt.datetime, closes: dt.time) -> str:
    end = min(at + dt.timedelta(hours=1), timezone.make_aware(dt.datetime.combine(at.date(), closes)))
    if end <= at:
        end = at + dt.timedelta(hours=1)
    query = {
        "site": site.pk,
        "space": f"{spot.kind}:{spot.obj.pk}",
        "date": at.date().isoformat(),
        "start": at.strftime("%H:%M"),
        "end": end.strftime("%H:%M"),
    }
    return reverse("premises:booking_new") + "?" + urlencode(query)


@require_GET
@perms.login_required
def floor_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan with green (free) and red (busy) shapes at the time asked, and the same as a list."""
    floor = perms.get_visible_or_404(selectors.floors_visible_to(request.user), pk=pk)
    at = _moment(request)
    status = selectors.floor_status(floor=floor, at=at, viewer=request.user)
    rules = SitePremisesSettings.for_site(floor.site)
    spots = [
        {"spot": spot, "book_url": _book_url(floor.site, spot, at, rules.closes_at) if spot.is_free else ""}
        for spot in status.rooms + status.desks
        if spot.is_bookable or not spot.is_free
    ]
    context = {
        "floor": floor,
        "site": floor.site,
        "at": at,
        "spots": spots,
        "placed": [s for s in spots if s["spot"].obj.has_plan_position],
        "floors": list(selectors.floors_for_site(floor.site)),
        "is_office_manager": is_office_manager(request.user),
    }
    return render(request, "premises/floor_plan.html", context)


@require_GET
@perms.login_required
def floor_plan_image(request: HttpRequest, pk: int) -> HttpResponse:
    floor = perms.get_visible_or_404(selectors.floors_visible_to(request.user), pk=pk)
    return serve_file(floor.plan)


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def floor_plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload the plan image (POST) and place rooms and desks on it (the page's script posts positions)."""
    floor = perms.get_visible_or_404(selectors.floors_visible_to(request.user), pk=pk)
    form = PlanForm(request.POST or None, request.FILES or None, instance=floor)
    if request.method == "POST" and form.is_valid():
        try:
            services.floor_save(floor=form.instance, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The plan has been saved."))
            return redirect("premises:floor_plan_edit", pk=floor.pk)
    context = {
        "floor": floor,
        "site": floor.site,
        "form": form,
        "rooms": list(Room.objects.filter(floor=floor, is_active=True).order_by("name")),
        "desks": list(Desk.objects.filter(floor=floor, is_active=True).order_by("label")),
    }
    return render(request, "premises/floor_plan_edit.html", context)


@require_POST
@perms.role_required(perms.OFFICE_MANAGER)
def floor_plan_position(request: HttpRequest, pk: int) -> JsonResponse:
    """Place one room or desk on the plan (x, y, width, height in percent), or take it off (no values)."""
    floor = perms.get_visible_or_404(selectors.floors_visible_to(request.user), pk=pk)
    form = PlanPositionForm(request.POST)
    if not form.is_valid():
        return JsonResponse(
            {"ok": False, "errors": [str(e) for errors in form.errors.values() for e in errors]}, status=400
        )
    data = form.cleaned_data
    model = Room if data["kind"] == "room" else Desk
    obj = perms.get_visible_or_404(model.objects.filter(floor=floor), pk=data["id"])
    obj.plan_x, obj.plan_y, obj.plan_w, obj.plan_h = data["x"], data["y"], data["w"], data["h"]
    try:
        if isinstance(obj, Room):
            services.room_save(room=obj, by=request.user)
        else:
            services.desk_save(desk=obj, by=request.user)
    except (ValidationError, PermissionDenied) as exc:
        errors = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        return JsonResponse({"ok": False, "errors": errors}, status=400)
    return JsonResponse({"ok": True})
