import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from apps.premises.tests.factories import DeskFactory, FloorFactory, RoomFactory

PARIS = ZoneInfo("Europe/Paris")
# Monday 2 March 2026, 09:00 in Paris: every booking test runs on this clock.
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=PARIS)
TUESDAY = dt.date(2026, 3, 3)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def floor(org):
    return FloorFactory(site=org.site, name="First floor", level=1)


@pytest.fixture
def room(floor):
    return RoomFactory(floor=floor, name="Rhône", capacity=6, equipment=["screen", "video"])


@pytest.fixture
def desk(floor):
    return DeskFactory(floor=floor, label="D-101")


@pytest.fixture
def colleague_handles_tickets(org):
    """org.colleague is marked as handling repair tickets (the accounts edit page's checkbox)."""
    from django.contrib.auth.models import Group

    from apps.accounts.models import TICKET_HANDLER_GROUP

    org.colleague.groups.add(Group.objects.get(name=TICKET_HANDLER_GROUP))
    org.colleague.__dict__.pop("group_names", None)
    return org.colleague
