"""Bookings: what a viewer may see of one (others' are just "busy"), the user's own, and the ones
waiting for the office manager's approval."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core import cache as read_cache
from apps.premises.models import ACTIVE_STATUSES, Booking, BookingStatus
from apps.premises.selectors.tickets import my_open_tickets_count
from apps.premises.services.common import is_office_manager


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Local midnight of ``day`` and of the next day."""
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(day, dt.time.min, tz)
    return start, dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tz)


class BookingView(NamedTuple):
    """A booking as ``viewer`` may see it: others' bookings are "busy" with no title or person. A
    named tuple: the day view builds hundreds of them."""

    pk: int
    start: dt.datetime
    end: dt.datetime
    status: str
    is_mine: bool
    show_details: bool
    title: str
    person_name: str

    @property
    def is_blocked(self) -> bool:
        return self.status == BookingStatus.BLOCKED

    @property
    def is_pending(self) -> bool:
        return self.status == BookingStatus.PENDING


def shown_title(status: str, title: str, reason: str, details: bool, labels: tuple[str, str, str]) -> str:
    """The title a booking shows: a block its reason, a booking its title to who may see the details,
    "Busy" to anyone else. ``labels``: ``mask_labels()``."""
    if status == BookingStatus.BLOCKED:
        return reason or labels[0]
    if details:
        return title or labels[1]
    return labels[2]


def mask_labels() -> tuple[str, str, str]:
    """What a masked booking shows, in the current language: a block without a reason, a booking
    without a title, someone else's booking."""
    return _("Unavailable"), _("Booked"), _("Busy")


def booking_view(booking: Booking, viewer, *, viewer_is_office_manager: bool | None = None) -> BookingView:
    manager = is_office_manager(viewer) if viewer_is_office_manager is None else viewer_is_office_manager
    mine = viewer.pk in (booking.person_id, booking.created_by_id)
    details = mine or manager
    title = shown_title(booking.status, booking.title, booking.reason, details, mask_labels())
    person_name = booking.person.get_full_name() if details else ""
    return BookingView(booking.pk, booking.start, booking.end, booking.status, mine, details, title, person_name)


def bookings_visible_to(user) -> QuerySet[Booking]:
    """Bookings ``user`` may open in full: their own (booked for or by them); every one for an office manager."""
    bookings = Booking.objects.select_related("room__floor__site", "desk__floor__site", "person", "series")
    if is_office_manager(user):
        return bookings
    return bookings.filter(Q(person=user) | Q(created_by=user))


def my_bookings(user, *, upcoming: bool = True) -> QuerySet[Booking]:
    """The user's own active bookings: upcoming (not ended, soonest first) or past (latest first)."""
    now = timezone.now()
    bookings = Booking.objects.filter(person=user, status__in=ACTIVE_STATUSES).select_related(
        "room__floor__site", "desk__floor__site", "series"
    )
    if upcoming:
        return bookings.filter(end__gt=now).order_by("start")
    return bookings.filter(end__lte=now).order_by("-start")


def my_bookings_between(user, start: dt.datetime, end: dt.datetime) -> list[tuple]:
    """The user's active bookings (not blocks) overlapping [start, end), soonest first, as plain rows
    ``(pk, start, end, title, room name or None, desk label or None)``: the agenda shows a few fields
    of many weeks of bookings. One query, on the (person, end) index."""
    bookings = (
        Booking.objects.filter(person=user, status__in=ACTIVE_STATUSES, start__lt=end, end__gt=start)
        .exclude(status=BookingStatus.BLOCKED)
        .order_by("start", "pk")
    )
    return list(bookings.values_list("pk", "start", "end", "title", "room__name", "desk__label"))


# How many of the day's bookings my_space_summary keeps: past them (a person with more bookings ended
# earlier today), the next one is read directly.
_KEPT_OF_THE_DAY = 5


class MySpaceSummary(NamedTuple):
    """What my space shows of the premises: the next booking (as ``my_next_booking``) and the number
    of tickets reported and still open."""

    next_booking: tuple | None
    open_tickets: int


def my_space_summary(user) -> MySpaceSummary:
    """``my_next_booking`` and ``my_open_tickets_count`` through one read-cache entry per person and
    day: it keeps the first bookings not ended at the start of the day, and the one shown is the
    first of them not ended now (the same as the direct read while one of them is left)."""
    today = timezone.localdate()
    midnight, _next = day_bounds(today)
    kept, open_tickets = read_cache.cached(
        ("premises.my_space", read_cache.viewer_key(user), today),
        lambda: (list(_my_bookings_not_ended(user, midnight)[:_KEPT_OF_THE_DAY]), my_open_tickets_count(user)),
    )
    now = timezone.now()
    upcoming = next((row for row in kept if row[1] > now), None)
    if upcoming is None and len(kept) == _KEPT_OF_THE_DAY:
        upcoming = my_next_booking(user)
    return MySpaceSummary(upcoming, open_tickets)


def _my_bookings_not_ended(user, at: dt.datetime):
    bookings = Booking.objects.filter(person=user, status__in=ACTIVE_STATUSES, end__gt=at)
    return bookings.order_by("start", "pk").values_list("start", "end", "room__name", "desk__label")


def my_next_booking(user) -> tuple | None:
    """The user's next active booking (not ended yet) as ``(start, end, room name or None, desk label
    or None)``, or None. Ordering by (start, pk) rather than start alone makes PostgreSQL read the few
    bookings not ended yet through the (person, end) index, not the person's whole history by start."""
    return _my_bookings_not_ended(user, timezone.now()).first()


def _pending() -> QuerySet[Booking]:
    return Booking.objects.filter(status=BookingStatus.PENDING, end__gt=timezone.now())


def pending_bookings(user) -> QuerySet[Booking]:
    """Bookings waiting for approval, for an office manager (none for anyone else), oldest request first."""
    if not is_office_manager(user):
        return Booking.objects.none()
    return _pending().select_related("room__floor__site", "person", "created_by").order_by("created_at")


def pending_bookings_to_count(user) -> QuerySet[Booking]:
    """``pending_bookings`` without its joins: the rows the layout's inbox badge counts."""
    return _pending() if is_office_manager(user) else Booking.objects.none()


class PendingRow(NamedTuple):
    """A booking waiting for approval, with what the inbox and the dashboard show of it."""

    pk: int
    start: dt.datetime
    end: dt.datetime
    title: str
    attendees: int
    created_at: dt.datetime
    resource: str  # str(booking.resource): the room's name, or the desk's label
    site: str  # str(booking.resource.floor.site)
    first_name: str
    last_name: str
    email: str

    @property
    def requester(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email  # str(User)


_PENDING_COLUMNS = (
    "pk",
    "start",
    "end",
    "title",
    "attendees",
    "created_at",
    "room__name",
    "desk__label",
    "room__floor__site__name",
    "desk__floor__site__name",
    "person__first_name",
    "person__last_name",
    "person__email",
)


def pending_rows(user) -> list[PendingRow]:
    """``pending_bookings(user)`` as plain rows, oldest request first (the inbox and the dashboard): one query."""
    if not is_office_manager(user):
        return []
    rows = _pending().order_by("created_at", "pk").values_list(*_PENDING_COLUMNS)
    return [
        PendingRow(*head, room if room is not None else desk, room_site or desk_site, first, last, email)
        for *head, room, desk, room_site, desk_site, first, last, email in rows
    ]
