"""A floor, room or desk saved twice at once: the second save is refused with the error a plain
duplicate gets, never an IntegrityError (see apps/core/uniqueness.py). In one thread the rival row is
rolled back with the service's transaction."""

import pytest
from django.core.exceptions import ValidationError

from apps.core.tests.races import rival_saves_after_first_check
from apps.premises import services
from apps.premises.models import Desk, Floor, Room
from apps.premises.tests.factories import DeskFactory, FloorFactory, RoomFactory


def error_of(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


@pytest.mark.parametrize(
    "model, new, save, rival",
    [
        (
            Floor,
            lambda f: Floor(site=f.site, name="Roof", level=9),
            "floor_save",
            lambda f: FloorFactory(site=f.site, name="Roof"),
        ),
        (
            Room,
            lambda f: Room(floor=f, name="Saône", capacity=4),
            "room_save",
            lambda f: RoomFactory(floor=f, name="Saône"),
        ),
        (Desk, lambda f: Desk(floor=f, label="D-7"), "desk_save", lambda f: DeskFactory(floor=f, label="D-7")),
    ],
)
def test_a_space_created_twice_at_once_is_refused_like_a_duplicate(org, floor, monkeypatch, model, new, save, rival):
    service = getattr(services, save)
    kind = save.removesuffix("_save")
    rival_saves_after_first_check(monkeypatch, model, lambda: rival(floor))
    raced = error_of(lambda: service(**{kind: new(floor), "by": org.office_manager}))
    monkeypatch.undo()
    assert model.objects.count() == (1 if model is Floor else 0)  # the fixture's floor only
    rival(floor)
    assert raced == error_of(lambda: service(**{kind: new(floor), "by": org.office_manager}))


def test_a_room_renamed_at_once_to_a_new_name_is_refused_like_a_duplicate(org, room, monkeypatch):
    rival_saves_after_first_check(monkeypatch, Room, lambda: RoomFactory(floor=room.floor, name="Saône"))
    room.name = "Saône"
    raced = error_of(lambda: services.room_save(room=room, by=org.office_manager))
    monkeypatch.undo()
    room.refresh_from_db()
    assert room.name == "Rhône"
    RoomFactory(floor=room.floor, name="Saône")
    room.name = "Saône"
    assert raced == error_of(lambda: services.room_save(room=room, by=org.office_manager))
