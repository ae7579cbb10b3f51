"""The plain-row reads of the home pages and the day grid give what the model-based code gave."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from apps.accounts.tests.factories import UserFactory
from apps.premises import contributions, selectors
from apps.premises.models import Booking, BookingStatus
from apps.premises.selectors import BookingView, DayRoom, RoomDay
from apps.premises.services.common import fmt_date, fmt_time
from apps.premises.tests.conftest import PARIS, TUESDAY, at
from apps.premises.tests.factories import BookingFactory, DeskFactory, RoomFactory

pytestmark = pytest.mark.usefixtures("clock")


def _badge(user) -> int:
    """This app's share of the inbox badge: the rows of its querysets (the layout counts them in one query)."""
    return sum(badge.count.count() for badge in contributions.badge_counts(user))


@pytest.fixture(autouse=True)
def _french():
    with translation.override("fr"), timezone.override(PARIS):
        yield


def _approvals_from_models(user):
    """What pending_approvals built from model instances (selectors.pending_bookings)."""
    approvals = []
    for booking in selectors.pending_bookings(user):
        times = {"start": fmt_time(booking.start), "end": fmt_time(booking.end)}
        approvals.append(
            (
                f"{booking.resource} le {fmt_date(booking.start)}, {times['start']}–{times['end']}",
                str(booking.person),
                booking.created_at,
                booking.title,
                [f"{booking.attendees} personnes · {booking.resource.floor.site}"],
            )
        )
    return approvals


def test_pending_approvals_match_the_bookings_they_list(org, floor):
    hall = RoomFactory(floor=floor, name="Hall <A>", needs_approval=True, capacity=40)
    nameless = UserFactory(first_name="", last_name="", email="nameless@test.fr")
    BookingFactory(room=hall, person=org.staff, status=BookingStatus.PENDING, start=at(TUESDAY, 10), title="Kick-off")
    BookingFactory(room=hall, person=nameless, status=BookingStatus.PENDING, start=at(TUESDAY, 14), attendees=12)
    # Only rooms wait for approval through the services; a desk written so still shows its label and site.
    desk = DeskFactory(floor=floor, label="D-7")
    BookingFactory(room=None, desk=desk, person=org.colleague, status=BookingStatus.PENDING, start=at(TUESDAY, 16))
    BookingFactory(room=hall, person=org.staff, status=BookingStatus.CONFIRMED, start=at(TUESDAY, 8))
    expected = _approvals_from_models(org.office_manager)
    approvals = contributions.pending_approvals(org.office_manager)
    got = [(a.title, str(a.requester), a.submitted_at, a.detail, a.context) for a in approvals]
    assert len(got) == 3
    assert sorted(got, key=lambda a: (a[2], a[0], a[1])) == sorted(expected, key=lambda a: (a[2], a[0], a[1]))
    assert _badge(org.office_manager) == 3


def test_pending_approvals_are_for_the_office_manager_only(org, floor):
    hall = RoomFactory(floor=floor, needs_approval=True)
    BookingFactory(room=hall, person=org.staff, status=BookingStatus.PENDING, start=at(TUESDAY, 10))
    assert contributions.pending_approvals(org.staff) == []
    assert selectors.pending_rows(org.director) == []


def _grid_the_long_way(room_days, day, opens, closes):
    """selectors.place_bookings as first written: every booking converted to local time."""
    hours = selectors.grid_hours(opens, closes)
    first, last = hours[0] * 60, (hours[-1] + 1) * 60
    span = last - first
    tz = timezone.get_current_timezone()
    placed = []
    for room_day in room_days:
        for view in room_day.bookings:
            start, end = view.start.astimezone(tz), view.end.astimezone(tz)
            start_min = start.hour * 60 + start.minute if start.date() == day else 0
            end_min = end.hour * 60 + end.minute if end.date() == day else 24 * 60
            start_min, end_min = max(start_min, first), min(end_min, last)
            if end_min <= start_min:
                continue
            left = round((start_min - first) * 100 / span, 3)
            width = round((end_min - start_min) * 100 / span, 3)
            times = f"{start.hour:02d}:{start.minute:02d}–{end.hour:02d}:{end.minute:02d}"
            placed.append((view.pk, left, width, f"left: {left}%; width: {width}%;", times))
    return placed


@pytest.mark.parametrize(
    "day",
    [dt.date(2026, 3, 3), dt.date(2026, 3, 29), dt.date(2026, 10, 25)],  # a Tuesday, the two changes of offset
)
def test_day_grid_places_blocks_as_local_time_does(day):
    utc = dt.UTC
    midnight = dt.datetime.combine(day, dt.time.min, PARIS).astimezone(utc)
    spans = [
        (midnight + dt.timedelta(hours=h, minutes=m), midnight + dt.timedelta(hours=h2, minutes=m2))
        for h, m, h2, m2 in [(8, 0, 9, 0), (9, 30, 11, 15), (6, 0, 8, 0), (20, 0, 23, 0), (12, 7, 12, 59)]
    ]
    spans += [
        (midnight - dt.timedelta(days=3, hours=5), midnight + dt.timedelta(hours=10)),  # from days before
        (midnight + dt.timedelta(hours=17), midnight + dt.timedelta(days=2)),  # into the next days
        (midnight - dt.timedelta(days=1), midnight + dt.timedelta(days=1)),  # the whole day
        (midnight + dt.timedelta(hours=2), midnight + dt.timedelta(hours=3)),  # before opening time
        (midnight + dt.timedelta(hours=23), midnight + dt.timedelta(hours=24)),  # ends at next midnight
    ]
    room = DayRoom(1, "Rhône", 6, True, False, False, "First floor")
    views = [
        BookingView(pk, start, end, BookingStatus.CONFIRMED, pk % 2 == 0, pk % 2 == 0, "Meeting", "Ann Lee")
        for pk, (start, end) in enumerate(spans, start=1)
    ]
    room_days = [RoomDay(room, views)]
    opens, closes = dt.time(7, 30), dt.time(20, 15)
    rows = selectors.place_bookings(room_days, day, opens, closes)
    got = [(b.view.pk, b.left, b.width, b.style, b.times) for b in rows[0].blocks]
    assert got == _grid_the_long_way(room_days, day, opens, closes)


def test_day_view_names_the_person_only_to_who_may_see_it(org, room):
    former = org.staff  # booked for a colleague (as an office manager once could)
    BookingFactory(room=room, person=org.colleague, created_by=former, start=at(TUESDAY, 9), title="Onboarding")
    BookingFactory(room=room, person=former, start=at(TUESDAY, 11), title="Own")
    BookingFactory(room=room, person=org.outsider, start=at(TUESDAY, 14), title="Secret")
    expected_names = {
        "Onboarding": org.colleague.get_full_name(),
        "Own": former.get_full_name(),
    }
    for viewer, names in [
        (former, {**expected_names, "Busy": ""}),
        (org.office_manager, {**expected_names, "Secret": org.outsider.get_full_name()}),
    ]:
        views = selectors.day_view(site=org.site, day=TUESDAY, viewer=viewer)[0].bookings
        shown = {view.title.replace("Occupé", "Busy"): view.person_name for view in views}
        assert shown == names
        for view in views:
            booking = Booking.objects.get(pk=view.pk)
            assert view == selectors.booking_view(booking, viewer)
