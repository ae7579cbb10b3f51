"""PostgreSQL: the exclusion constraints, and two people booking the same room at the same second."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction

from apps.premises.models import Booking, BookingStatus
from apps.premises.services import booking_create
from apps.premises.services import bookings as booking_services
from apps.premises.tests.conftest import TUESDAY, at
from apps.premises.tests.factories import BookingFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="exclusion constraints need PostgreSQL"),
    pytest.mark.usefixtures("clock"),
]


@pytest.mark.django_db
def test_the_database_refuses_an_overlapping_room_booking(org, room):
    BookingFactory(room=room, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    with pytest.raises(IntegrityError, match="premises_booking_no_room_overlap"), transaction.atomic():
        BookingFactory(room=room, start=at(TUESDAY, 10, 30), end=at(TUESDAY, 12))


@pytest.mark.django_db
def test_the_database_refuses_an_overlapping_desk_booking(org, desk):
    BookingFactory(room=None, desk=desk, start=at(TUESDAY, 8), end=at(TUESDAY, 18))
    with pytest.raises(IntegrityError, match="premises_booking_no_desk_overlap"), transaction.atomic():
        BookingFactory(room=None, desk=desk, start=at(TUESDAY, 9), end=at(TUESDAY, 10))


@pytest.mark.django_db
def test_the_database_allows_adjacent_and_cancelled_overlaps(org, room):
    BookingFactory(room=room, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    BookingFactory(room=room, start=at(TUESDAY, 11), end=at(TUESDAY, 12))
    BookingFactory(room=room, start=at(TUESDAY, 10), end=at(TUESDAY, 12), status=BookingStatus.CANCELLED)
    assert Booking.objects.count() == 3


@pytest.mark.django_db
def test_a_constraint_violation_becomes_the_same_clear_message(org, room, monkeypatch):
    # As if another request had committed between our check and our insert.
    BookingFactory(room=room, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    monkeypatch.setattr(booking_services, "_check", lambda *args, **kwargs: None)
    with pytest.raises(ValidationError, match="already booked"):
        booking_create(
            resource=room, person=org.staff, by=org.staff, start=at(TUESDAY, 10), end=at(TUESDAY, 11), attendees=2
        )
    assert Booking.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_booking_at_the_same_second_get_one_booking_and_one_clear_message(org, room):
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def attempt(person):
        try:
            barrier.wait(timeout=10)
            outcomes[person.email] = booking_create(
                resource=room, person=person, by=person, start=at(TUESDAY, 10), end=at(TUESDAY, 11), attendees=2
            )
        except ValidationError as exc:
            outcomes[person.email] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(p,)) for p in (org.staff, org.colleague)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    booked = [o for o in outcomes.values() if isinstance(o, Booking)]
    errors = [o for o in outcomes.values() if isinstance(o, ValidationError)]
    assert len(booked) == 1 and len(errors) == 1
    assert "already booked" in errors[0].messages[0]
    assert Booking.objects.filter(room=room, status=BookingStatus.CONFIRMED).count() == 1
