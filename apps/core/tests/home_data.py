"""What the home pages (my space, the inbox, the dashboard, the agenda) show, made through the apps'
own services and factories: a leave request waiting for a decision, a room booking."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

from apps.leave import services as leave_services
from apps.leave.models import EntryKind, LeavePolicy, LeaveType, LedgerEntry
from apps.premises.models import BookingStatus
from apps.premises.tests.factories import BookingFactory, FloorFactory, RoomFactory

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
# Monday 2 March 2026, 09:00 in Paris: the clock of every home-page test.
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=PARIS)

# Text a person may type into a name, a comment or a booking title.
HOSTILE = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')


def submit_leave(person, start: dt.date, end: dt.date, *, comment: str = "", by=None):
    """A paid-leave request of ``person`` (with enough balance), waiting for its approver."""
    policy = LeavePolicy.load()
    policy.counting = "ouvres"
    policy.save()
    paid = LeaveType.objects.get(code="CP")
    LedgerEntry.objects.create(
        person=person,
        leave_type=paid,
        kind=EntryKind.OPENING,
        period=dt.date(2024, 6, 1),
        date=dt.date(2024, 6, 1),
        days=Decimal(30),
    )
    return leave_services.leave_request_submit(
        person=person,
        leave_type=paid,
        start=start,
        end=end,
        comment=comment,
        document=None,
        submitted_by=by or person,
    ).request


def book_room(person, site, *, title: str, day: dt.date, hour: int, pending: bool = False, room_name="Rhône"):
    """A one-hour booking of a room of ``site`` (one that needs approval when ``pending``)."""
    floor = FloorFactory(site=site)
    room = RoomFactory(floor=floor, name=room_name, needs_approval=pending, capacity=20)
    start = dt.datetime(day.year, day.month, day.day, hour, tzinfo=PARIS)
    return BookingFactory(
        room=room,
        person=person,
        title=title,
        start=start,
        end=start + dt.timedelta(hours=1),
        status=BookingStatus.PENDING if pending else BookingStatus.CONFIRMED,
    )


def rename(user, first_name: str, last_name: str = "") -> None:
    user.first_name, user.last_name = first_name, last_name
    user.save(update_fields=["first_name", "last_name"])
