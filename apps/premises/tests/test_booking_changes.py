"""Cancelling, moving, blocking, approving and refusing bookings, and who is told."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.notifications.models import Notification
from apps.premises.models import Booking, BookingStatus
from apps.premises.services import (
    BlockConflicts,
    block_conflicts,
    booking_approve,
    booking_cancel,
    booking_create,
    booking_move,
    booking_refuse,
    room_block,
)
from apps.premises.tests.conftest import TUESDAY, at
from apps.premises.tests.factories import RoomFactory

pytestmark = pytest.mark.usefixtures("clock")


def kinds(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


@pytest.fixture
def booking(org, room):
    return booking_create(
        resource=room, person=org.staff, by=org.staff, start=at(TUESDAY, 10), end=at(TUESDAY, 11), attendees=3
    )


def test_owner_cancels_without_being_notified(org, booking):
    booking_cancel(booking=booking, by=org.staff)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert booking.cancelled_by == org.staff and booking.cancelled_at
    assert "premises_booking_cancelled" not in kinds(org.staff)


def test_office_manager_cancels_and_the_person_is_notified(org, booking):
    booking_cancel(booking=booking, by=org.office_manager, reason="Director's meeting")
    assert kinds(org.staff) == ["premises_booking_cancelled"]


def test_a_colleague_cannot_cancel(org, booking):
    with pytest.raises(PermissionDenied):
        booking_cancel(booking=booking, by=org.colleague)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_a_cancelled_booking_cannot_be_cancelled_again(org, booking):
    booking_cancel(booking=booking, by=org.staff)
    with pytest.raises(ValidationError, match="not active"):
        booking_cancel(booking=booking, by=org.staff)


def test_move_to_a_free_slot_keeps_the_booking(org, booking):
    moved = booking_move(booking=booking, by=org.staff, start=at(TUESDAY, 14), end=at(TUESDAY, 15))
    assert moved.pk == booking.pk and moved.start == at(TUESDAY, 14)
    assert "premises_booking_moved" not in kinds(org.staff)


def test_move_over_itself_is_allowed(org, booking):
    assert booking_move(booking=booking, by=org.staff, start=at(TUESDAY, 10, 30), end=at(TUESDAY, 11, 30)).pk


def test_move_onto_another_booking_is_refused_and_nothing_changes(org, room, booking):
    booking_create(resource=room, person=org.colleague, by=org.colleague, start=at(TUESDAY, 14), end=at(TUESDAY, 15))
    with pytest.raises(ValidationError, match="already booked"):
        booking_move(booking=booking, by=org.staff, start=at(TUESDAY, 14, 30), end=at(TUESDAY, 15, 30))
    booking.refresh_from_db()
    assert booking.start == at(TUESDAY, 10)


def test_move_checks_the_rules_again(org, booking, floor):
    small = RoomFactory(floor=floor, capacity=2)
    with pytest.raises(ValidationError, match="holds 2 people"):
        booking_move(booking=booking, by=org.staff, start=at(TUESDAY, 10), end=at(TUESDAY, 11), resource=small)
    with pytest.raises(ValidationError, match="between 08:00 and 20:00"):
        booking_move(booking=booking, by=org.staff, start=at(TUESDAY, 19), end=at(TUESDAY, 21))


def test_office_manager_moves_to_another_room_and_the_person_is_notified(org, booking, floor):
    other = RoomFactory(floor=floor)
    moved = booking_move(
        booking=booking, by=org.office_manager, start=at(TUESDAY, 10), end=at(TUESDAY, 11), resource=other
    )
    assert moved.room == other
    assert kinds(org.staff) == ["premises_booking_moved"]


def test_a_colleague_cannot_move(org, booking):
    with pytest.raises(PermissionDenied):
        booking_move(booking=booking, by=org.colleague, start=at(TUESDAY, 14), end=at(TUESDAY, 15))


def test_block_lists_conflicts_first_and_cancels_nothing(org, room, booking):
    assert block_conflicts(room=room, start=at(TUESDAY, 8), end=at(TUESDAY, 20)) == [booking]
    with pytest.raises(BlockConflicts) as exc:
        room_block(room=room, by=org.office_manager, start=at(TUESDAY, 8), end=at(TUESDAY, 20), reason="Works")
    assert exc.value.bookings == [booking]
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    assert not Booking.objects.filter(status=BookingStatus.BLOCKED).exists()


def test_block_confirmed_cancels_conflicts_and_notifies_their_people(org, room, booking):
    block = room_block(
        room=room,
        by=org.office_manager,
        start=at(TUESDAY, 8),
        end=at(TUESDAY + dt.timedelta(days=2), 20),
        reason="Painting",
        cancel_conflicts=True,
    )
    booking.refresh_from_db()
    assert block.status == BookingStatus.BLOCKED and block.reason == "Painting"
    assert booking.status == BookingStatus.CANCELLED and booking.reason == "Painting"
    assert kinds(org.staff) == ["premises_booking_cancelled"]
    notification = Notification.objects.get(recipient=org.staff)
    assert "Painting" in notification.title or "Rhône" in notification.title
    with pytest.raises(ValidationError, match="unavailable"):
        booking_create(resource=room, person=org.staff, by=org.staff, start=at(TUESDAY, 10), end=at(TUESDAY, 11))


def test_only_an_office_manager_blocks_a_room(org, room):
    with pytest.raises(PermissionDenied):
        room_block(room=room, by=org.staff, start=at(TUESDAY, 8), end=at(TUESDAY, 20), reason="Works")


def test_a_block_needs_a_reason(org, room):
    with pytest.raises(ValidationError, match="why"):
        room_block(room=room, by=org.office_manager, start=at(TUESDAY, 8), end=at(TUESDAY, 20), reason=" ")


@pytest.fixture
def pending(org, floor):
    boardroom = RoomFactory(floor=floor, name="Board room", needs_approval=True)
    return booking_create(
        resource=boardroom, person=org.staff, by=org.staff, start=at(TUESDAY, 10), end=at(TUESDAY, 11)
    )


def test_office_manager_approves_a_pending_booking(org, pending):
    booking_approve(booking=pending, by=org.office_manager)
    pending.refresh_from_db()
    assert pending.status == BookingStatus.CONFIRMED and pending.decided_by == org.office_manager
    assert kinds(org.staff) == ["premises_booking_approved"]


def test_office_manager_refuses_a_pending_booking_which_frees_the_slot(org, pending):
    booking_refuse(booking=pending, by=org.office_manager, reason="Reserved for the board")
    pending.refresh_from_db()
    assert pending.status == BookingStatus.REFUSED
    assert kinds(org.staff) == ["premises_booking_refused"]
    again = booking_create(
        resource=pending.room, person=org.colleague, by=org.office_manager, start=at(TUESDAY, 10), end=at(TUESDAY, 11)
    )
    assert again.status == BookingStatus.CONFIRMED


def test_staff_cannot_approve_and_a_decided_booking_cannot_be_decided_again(org, pending):
    with pytest.raises(PermissionDenied):
        booking_approve(booking=pending, by=org.manager)
    booking_approve(booking=pending, by=org.office_manager)
    with pytest.raises(ValidationError, match="not waiting"):
        booking_refuse(booking=pending, by=org.office_manager)
