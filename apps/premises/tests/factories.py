import datetime as dt

import factory
from django.utils import timezone

from apps.accounts.tests.factories import SiteFactory, UserFactory
from apps.premises.models import (
    Booking,
    BookingStatus,
    CheckItem,
    CheckKind,
    Desk,
    Floor,
    Room,
    Ticket,
    TicketCategory,
)


class FloorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Floor

    site = factory.SubFactory(SiteFactory)
    name = factory.Sequence(lambda n: f"Floor {n}")
    level = factory.Sequence(lambda n: n)


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    floor = factory.SubFactory(FloorFactory)
    name = factory.Sequence(lambda n: f"Room {n}")
    capacity = 6
    equipment = factory.LazyFunction(lambda: ["screen"])


class DeskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Desk

    floor = factory.SubFactory(FloorFactory)
    label = factory.Sequence(lambda n: f"D{n:03d}")


class BookingFactory(factory.django.DjangoModelFactory):
    """A booking written directly (no rule checked): for selectors and conflict set-ups."""

    class Meta:
        model = Booking

    room = factory.SubFactory(RoomFactory)
    person = factory.SubFactory(UserFactory)
    created_by = factory.SelfAttribute("person")
    title = "Meeting"
    start = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=1))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=1))
    attendees = 2
    status = BookingStatus.CONFIRMED


class CheckItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckItem

    site = factory.SubFactory(SiteFactory)
    kind = CheckKind.FIRE_EXTINGUISHERS
    interval_months = 12
    first_due_date = dt.date(2026, 3, 15)
    due_date = factory.SelfAttribute("first_due_date")


class TicketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ticket

    site = factory.SubFactory(SiteFactory)
    category = TicketCategory.PLUMBING
    description = "The tap leaks."
    reporter = factory.SubFactory(UserFactory)
