"""Spaces: settings defaults, rooms and desks saved by the office manager only, with clean data."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.premises.models import BookingStatus, CheckItem, Room, SitePremisesSettings
from apps.premises.services import booking_create, booking_move, checkitem_save, room_save, site_settings_save
from apps.premises.tests.conftest import TUESDAY, at
from apps.premises.tests.factories import RoomFactory


def test_a_site_without_settings_gets_the_defaults(org):
    rules = SitePremisesSettings.for_site(org.site)
    assert rules.pk is None
    assert (rules.opens_at, rules.closes_at, rules.open_days) == (dt.time(8), dt.time(20), [0, 1, 2, 3, 4])
    assert (rules.max_booking_hours, rules.horizon_days) == (10, 90)


def test_settings_refuse_closing_before_opening_and_no_open_day(org):
    rules = SitePremisesSettings(site=org.site, opens_at=dt.time(18), closes_at=dt.time(9), open_days=[])
    with pytest.raises(ValidationError) as exc:
        site_settings_save(settings=rules, by=org.office_manager)
    assert {"open_days"} <= set(exc.value.message_dict)
    assert not SitePremisesSettings.objects.exists()


def test_only_an_office_manager_saves_a_room(org, floor):
    with pytest.raises(PermissionDenied):
        room_save(room=Room(floor=floor, name="New", capacity=4), by=org.staff)


def test_a_room_needs_known_equipment_and_a_whole_plan_position(org, floor):
    with pytest.raises(ValidationError, match="Unknown equipment"):
        room_save(room=Room(floor=floor, name="A", capacity=4, equipment=["jacuzzi"]), by=org.office_manager)
    with pytest.raises(ValidationError, match="all four"):
        room_save(room=Room(floor=floor, name="B", capacity=4, plan_x=10), by=org.office_manager)
    with pytest.raises(ValidationError, match="inside the plan"):
        room = Room(floor=floor, name="C", capacity=4, plan_x=90, plan_y=0, plan_w=20, plan_h=10)
        room_save(room=room, by=org.office_manager)
    room = room_save(
        room=Room(floor=floor, name="D", capacity=4, equipment=["video", "screen", "video"]), by=org.office_manager
    )
    assert room.equipment == ["screen", "video"]


def test_a_new_check_is_first_due_on_its_first_due_date(org):
    item = checkitem_save(
        item=CheckItem(site=org.site, kind="lifts", interval_months=6, first_due_date=dt.date(2026, 5, 1)),
        by=org.office_manager,
    )
    assert item.due_date == dt.date(2026, 5, 1)
    with pytest.raises(PermissionDenied):
        checkitem_save(item=item, by=org.staff)


@pytest.mark.usefixtures("clock")
def test_moving_into_a_room_that_needs_approval_makes_the_booking_pending(org, room, floor):
    boardroom = RoomFactory(floor=floor, needs_approval=True)
    booking = booking_create(
        resource=room, person=org.staff, by=org.staff, start=at(TUESDAY, 10), end=at(TUESDAY, 11), attendees=2
    )
    moved = booking_move(booking=booking, by=org.staff, start=at(TUESDAY, 10), end=at(TUESDAY, 11), resource=boardroom)
    assert moved.status == BookingStatus.PENDING
