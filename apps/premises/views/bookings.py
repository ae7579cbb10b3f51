"""Booking pages: the day grid, finding a free room, the booking form (with weekly series), my
bookings, a booking's page (move, cancel), approvals and blocking a room."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core import permissions as perms
from apps.core.htmx import render_page_or_partial
from apps.core.http import safe_next
from apps.core.ranges import parse_day
from apps.core.reversing import pk_url
from apps.premises import selectors, services
from apps.premises.forms import BlockForm, BookingForm, FindRoomForm, MoveForm, ReasonForm
from apps.premises.models import BookingStatus, Room
from apps.premises.services.common import fmt_date, fmt_time, is_office_manager

from ._helpers import add_errors, error_messages, parse_time

PAST_SHOWN = 20


def day_url(site, day: dt.date) -> str:
    return reverse("premises:site_day", args=[site.pk]) + "?" + urlencode({"date": day.isoformat()})


# --- The day grid --------------------------------------------------------------------------------


@require_GET
@perms.login_required
def day(request: HttpRequest, site_pk: int | None = None) -> HttpResponse:
    """Rooms × hours of one site on one day; others' bookings show as "Busy" (selectors.booking_view)."""
    sites = selectors.visible_sites(request.user)
    if site_pk is None:
        site = selectors.default_site(request.user, sites)
    else:
        site = next((s for s in sites if s.pk == site_pk), None)
        if site is None:
            raise Http404
    if site is None:
        return render(request, "premises/day.html", {"site": None})
    shown = parse_day(request.GET.get("date"), timezone.localdate())
    grid = selectors.day_grid(request.user, site=site, day=shown)
    site_day_url, floor_plan_url = pk_url("premises:site_day"), pk_url("premises:floor_plan")
    context = {
        "site": site,
        "sites": sites,
        "day": shown,
        "day_iso": shown.isoformat(),
        "today": timezone.localdate(),
        "previous_day": shown - dt.timedelta(days=1),
        "next_day": shown + dt.timedelta(days=1),
        "rules": grid.rules,
        "closed": grid.closed,
        "hours": grid.hours,
        "grid_rows": grid.rows,
        "book_url": grid.book_url,
        "site_links": [(other, site_day_url(other.pk)) for other in sites if other.is_active],
        "floor_links": [(floor, floor_plan_url(floor.pk)) for floor in grid.floors],
        "is_office_manager": is_office_manager(request.user),
    }
    return render(request, "premises/day.html", context)


# --- Find a free room ----------------------------------------------------------------------------


@require_GET
@perms.login_required
def find_room(request: HttpRequest) -> HttpResponse:
    sites = selectors.visible_sites(request.user)
    site = selectors.pick_site(request.user, sites, request.GET.get("site"))
    if site is None:
        raise Http404
    rules = selectors.site_rules(site)
    start = timezone.localtime(selectors.default_start(site, rules))
    initial = {
        "date": start.date(),
        "start": start.time(),
        "end": min((start + dt.timedelta(hours=1)).time(), rules.closes_at),
        "people": 2,
    }
    form = FindRoomForm(request.GET if "date" in request.GET else None, initial=initial)
    rooms, rule_errors = None, []
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        rooms, rule_errors = selectors.search_free_rooms(
            site=site,
            rules=rules,
            start=timezone.make_aware(dt.datetime.combine(data["date"], data["start"])),
            end=timezone.make_aware(dt.datetime.combine(data["date"], data["end"])),
            people=data["people"],
            equipment=data["equipment"],
        )
    context = {"form": form, "site": site, "sites": sites, "rooms": rooms, "rule_errors": rule_errors}
    return render_page_or_partial(request, "premises/find.html", "premises/partials/_free_rooms.html", context)


# --- The booking form ----------------------------------------------------------------------------


def _initial_from_query(request: HttpRequest, site, rules, spaces: dict) -> dict:
    """The form's start: what the link asked (the grid's hour, a search's period) when it can be
    booked, else the next free slot within the opening hours (a desk: the part of the day)."""
    allowed = ("space", "title", "attendees")
    initial = {key: request.GET[key] for key in allowed if request.GET.get(key)}
    initial.setdefault("attendees", 1)
    space = spaces.get(initial.get("space"))
    defaults = selectors.booking_defaults(
        site=site,
        rules=rules,
        space=space,
        day=parse_day(request.GET.get("date")),
        start=parse_time(request.GET.get("start"), None),
        end=parse_time(request.GET.get("end"), None),
    )
    start, end = timezone.localtime(defaults.start), timezone.localtime(defaults.end)
    initial.update(date=start.date(), start=start.time(), end=end.time(), part=defaults.part or "day")
    return initial


def _book_once(request: HttpRequest, form: BookingForm, site, context: dict) -> HttpResponse | None:
    data = form.cleaned_data
    try:
        booking = services.booking_create(
            resource=data["space"],
            person=form.booked_for(),
            by=request.user,
            start=form.start_at,
            end=form.end_at,
            title=data["title"],
            attendees=data["attendees"],
        )
    except ValidationError as exc:
        add_errors(form, exc)
        if selectors.is_taken(data["space"], form.start_at, form.end_at):
            context["alternatives"] = _alternatives(site, data, form.start_at, form.end_at)
        return None
    params = {"resource": booking.resource, "date": fmt_date(booking.start), "start": fmt_time(booking.start)}
    if booking.status == BookingStatus.PENDING:
        messages.info(
            request, _("%(resource)s on %(date)s at %(start)s is held for you, waiting for approval.") % params
        )
    else:
        messages.success(request, _("%(resource)s is booked on %(date)s at %(start)s.") % params)
    return redirect(day_url(site, data["date"]))


def _alternatives(site, data: dict, start: dt.datetime, end: dt.datetime) -> dict:
    """The other times and spaces a refused booking offers, each as a link to the form filled in."""
    found = selectors.booking_alternatives(resource=data["space"], start=start, end=end, attendees=data["attendees"])
    base = {"site": site.pk, "attendees": data["attendees"], "title": data["title"]}

    def link(space: str, begin: dt.datetime, finish: dt.datetime) -> str:
        begin, finish = timezone.localtime(begin), timezone.localtime(finish)
        query = {
            **base,
            "space": space,
            "date": begin.date().isoformat(),
            "start": f"{begin:%H:%M}",
            "end": f"{finish:%H:%M}",
        }
        return reverse("premises:booking_new") + "?" + urlencode({k: v for k, v in query.items() if v != ""})

    kind = "room" if isinstance(data["space"], Room) else "desk"
    same = f"{kind}:{data['space'].pk}"
    return {
        "times": [
            (timezone.localtime(t.start), timezone.localtime(t.end), link(same, t.start, t.end)) for t in found.times
        ],
        "rooms": [(room, link(f"room:{room.pk}", start, end)) for room in found.rooms],
        "desks": [(desk, link(f"desk:{desk.pk}", start, end)) for desk in found.desks],
        "start": timezone.localtime(start),
        "end": timezone.localtime(end),
    }


def _book_series(request: HttpRequest, form: BookingForm, site, context: dict) -> HttpResponse | None:
    """Preview every occurrence with its conflicts; on "confirm", book them all or none."""
    data = form.cleaned_data
    series_args = {
        "resource": data["space"],
        "by": request.user,
        "start": form.start_at,
        "end": form.end_at,
        "interval_weeks": data["interval_weeks"],
        "until": data["until"],
        "attendees": data["attendees"],
    }
    try:
        if request.POST.get("step") == "confirm":
            services.booking_series_create(**series_args, person=form.booked_for(), title=data["title"])
            messages.success(request, _("The recurring booking has been saved."))
            return redirect("premises:my_bookings")
    except ValidationError as exc:
        context["series_errors"] = error_messages(exc)
    try:
        occurrences = services.booking_series_preview(**series_args)
    except ValidationError as exc:
        add_errors(form, exc)
        return None
    context.update(
        occurrences=occurrences,
        conflicts=sum(1 for o in occurrences if not o.ok),
        resource=data["space"],
    )
    return render(request, "premises/series_preview.html", context)


@require_http_methods(["GET", "POST"])
@perms.login_required
def booking_new(request: HttpRequest) -> HttpResponse:
    sites = selectors.visible_sites(request.user)
    site = selectors.pick_site(request.user, sites, request.GET.get("site"))
    if site is None:
        raise Http404
    rules = selectors.site_rules(site)
    rooms, desks = list(selectors.rooms_for_site(site, bookable_only=True)), list(selectors.bookable_desks(site))
    spaces = {f"room:{r.pk}": r for r in rooms} | {f"desk:{d.pk}": d for d in desks}
    form = BookingForm(
        request.POST or None,
        initial=_initial_from_query(request, site, rules, spaces) if request.method == "GET" else None,
        rooms=rooms,
        desks=desks,
        user=request.user,
        may_book_for_others=is_office_manager(request.user),
        rules=rules,
    )
    context = {"form": form, "site": site, "sites": sites, "rules": rules}
    # "edit" comes back from the series preview to change the form, keeping what was typed.
    if request.method == "POST" and request.POST.get("step") != "edit" and form.is_valid():
        if form.cleaned_data["repeat"]:
            response = _book_series(request, form, site, context)
        else:
            response = _book_once(request, form, site, context)
        if response is not None:
            return response
    return render(request, "premises/booking_form.html", context)


# --- My bookings and one booking -----------------------------------------------------------------


@require_GET
@perms.login_required
def my_bookings(request: HttpRequest) -> HttpResponse:
    past = list(selectors.my_bookings(request.user, upcoming=False)[:PAST_SHOWN])
    context = {"upcoming": list(selectors.my_bookings(request.user, upcoming=True)), "past": past}
    return render(request, "premises/my_bookings.html", context)


def _move_form(booking, data=None) -> MoveForm:
    site = booking.resource.floor.site
    local_start, local_end = timezone.localtime(booking.start), timezone.localtime(booking.end)
    initial = {
        "space": f"{'room' if booking.room_id else 'desk'}:{booking.resource.pk}",
        "date": local_start.date(),
        "start": local_start.time(),
        "end": local_end.time(),
    }
    return MoveForm(
        data,
        initial=initial,
        rooms=list(selectors.rooms_for_site(site, bookable_only=True)),
        desks=list(selectors.bookable_desks(site)),
    )


def _render_detail(request: HttpRequest, booking, move_form: MoveForm | None = None) -> HttpResponse:
    now = timezone.now()
    changeable = booking.status in (BookingStatus.CONFIRMED, BookingStatus.PENDING) and booking.start > now
    context = {
        "booking": booking,
        "site": booking.resource.floor.site,
        "can_cancel": booking.is_active and booking.end > now,
        "can_move": changeable,
        "move_form": move_form or (_move_form(booking) if changeable else None),
        "is_office_manager": is_office_manager(request.user),
        "next": safe_next(request),
    }
    return render(request, "premises/booking_detail.html", context)


@require_GET
@perms.login_required
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    booking = perms.get_visible_or_404(selectors.bookings_visible_to(request.user), pk=pk)
    return _render_detail(request, booking)


@require_POST
@perms.login_required
def booking_move(request: HttpRequest, pk: int) -> HttpResponse:
    booking = perms.get_visible_or_404(selectors.bookings_visible_to(request.user), pk=pk)
    form = _move_form(booking, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        start = timezone.make_aware(dt.datetime.combine(data["date"], data["start"]))
        end = timezone.make_aware(dt.datetime.combine(data["date"], data["end"]))
        try:
            moved = services.booking_move(
                booking=booking, by=request.user, start=start, end=end, resource=data["space"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("The booking has been moved to %(resource)s on %(date)s at %(start)s.")
                % {"resource": moved.resource, "date": fmt_date(moved.start), "start": fmt_time(moved.start)},
            )
            return redirect("premises:booking_detail", pk=moved.pk)
    return _render_detail(request, booking, move_form=form)


@require_POST
@perms.login_required
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = perms.get_visible_or_404(selectors.bookings_visible_to(request.user), pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        if request.POST.get("scope") == "series":
            count = services.booking_series_cancel(booking=booking, by=request.user, reason=reason)
            messages.success(request, _("%(count)d occurrence(s) cancelled.") % {"count": count})
        else:
            services.booking_cancel(booking=booking, by=request.user, reason=reason)
            messages.success(request, _("The booking has been cancelled."))
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    return redirect(safe_next(request) or reverse("premises:my_bookings"))


# --- Approvals (office manager) ------------------------------------------------------------------


@require_GET
@perms.role_required(perms.OFFICE_MANAGER)
def approvals(request: HttpRequest) -> HttpResponse:
    return render(request, "premises/approvals.html", {"bookings": list(selectors.pending_bookings(request.user))})


@require_POST
@perms.role_required(perms.OFFICE_MANAGER)
def booking_approve(request: HttpRequest, pk: int) -> HttpResponse:
    booking = perms.get_visible_or_404(selectors.bookings_visible_to(request.user), pk=pk)
    try:
        services.booking_approve(booking=booking, by=request.user)
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("The booking has been approved; %(person)s is told.") % {"person": booking.person})
    return redirect(safe_next(request) or reverse("premises:approvals"))


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def booking_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    booking = perms.get_visible_or_404(selectors.bookings_visible_to(request.user), pk=pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_refuse(booking=booking, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, _("The booking has been refused; %(person)s is told.") % {"person": booking.person}
            )
            return redirect(safe_next(request) or reverse("premises:approvals"))
    return render(
        request, "premises/booking_refuse.html", {"booking": booking, "form": form, "next": safe_next(request)}
    )


# --- Blocking a room (office manager) ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def room_block(request: HttpRequest) -> HttpResponse:
    rooms = selectors.rooms_for_office(request.user)
    today = timezone.localdate()
    initial = {"start_date": today, "end_date": today, "room": request.GET.get("room")}
    form = BlockForm(request.POST or None, initial=initial, rooms=rooms)
    conflicts = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            block = services.room_block(
                room=data["room"],
                by=request.user,
                start=form.start_at,
                end=form.end_at,
                reason=data["reason"],
                cancel_conflicts=data["confirm"],
            )
        except services.BlockConflicts as exc:
            conflicts = exc.bookings
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(room)s is unavailable from %(start)s to %(end)s.")
                % {
                    "room": block.room,
                    "start": f"{fmt_date(block.start)} {fmt_time(block.start)}",
                    "end": f"{fmt_date(block.end)} {fmt_time(block.end)}",
                },
            )
            return redirect(day_url(block.room.floor.site, timezone.localtime(block.start).date()))
    return render(request, "premises/block_form.html", {"form": form, "conflicts": conflicts})
