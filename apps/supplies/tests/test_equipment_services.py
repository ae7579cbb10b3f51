"""The equipment register's services: items with unique tags and sane figures, one holder at a time,
a history of assignments, and what a person holds (the people app's onboarding and offboarding)."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from apps.supplies.models import Assignment, EquipmentItem, EquipmentKind, EquipmentState
from apps.supplies.selectors.equipment import equipment_held_by
from apps.supplies.services.equipment import (
    equipment_assign,
    equipment_create,
    equipment_return,
    equipment_update,
    next_asset_tag,
)
from apps.supplies.tests.factories import EquipmentItemFactory

TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def laptop(org):
    return EquipmentItemFactory(asset_tag="EQ-00007", site=org.site)


def _first_check_passes(monkeypatch, services) -> None:
    """The race: the first uniqueness check passed (the other save had not committed yet)."""
    original, calls = services._check_unique, []

    def check(item):
        calls.append(item)
        if len(calls) > 1:
            original(item)

    monkeypatch.setattr(services, "_check_unique", check)


def _errors(exc_info) -> dict:
    return exc_info.value.message_dict


# --- items ---------------------------------------------------------------------------------------


def test_a_blank_asset_tag_takes_the_next_number(org):
    EquipmentItemFactory(asset_tag="EQ-00041")
    EquipmentItemFactory(asset_tag="EQ-9")
    EquipmentItemFactory(asset_tag="OLD-99999")
    item = equipment_create(by=org.office_manager, kind=EquipmentKind.SCREEN, model="Dell P2422H")
    assert item.asset_tag == "EQ-00042"
    assert item.state == EquipmentState.IN_STOCK and item.holder is None


def test_the_first_generated_tag(db):
    assert next_asset_tag() == "EQ-00001"


def test_a_generated_tag_taken_meanwhile_is_drawn_again(org, monkeypatch):
    """A concurrent save took the tag this one computed: the unique constraint refuses it, and the
    service draws the next one instead of failing."""
    from apps.supplies.services import equipment as services

    EquipmentItemFactory(asset_tag="EQ-00005")
    calls = iter(["EQ-00005", "EQ-00006"])  # the first draw as if computed before the other's commit
    monkeypatch.setattr(services, "next_asset_tag", lambda: next(calls))
    _first_check_passes(monkeypatch, services)
    item = equipment_create(by=org.office_manager, kind=EquipmentKind.PHONE)
    assert item.asset_tag == "EQ-00006"


def test_a_typed_asset_tag_is_unique_whatever_its_case(org, laptop):
    with pytest.raises(ValidationError) as error:
        equipment_create(by=org.office_manager, asset_tag=" eq-00007 ", kind=EquipmentKind.LAPTOP)
    assert "Another item already has the asset tag EQ-00007." in _errors(error)["asset_tag"]
    assert EquipmentItem.objects.count() == 1


def test_a_duplicate_tag_racing_past_the_check_is_the_same_clean_error(org, laptop, monkeypatch):
    from apps.supplies.services import equipment as services

    _first_check_passes(monkeypatch, services)
    with pytest.raises(ValidationError) as error:
        equipment_create(by=org.office_manager, asset_tag="EQ-00007", kind=EquipmentKind.LAPTOP)
    assert "asset_tag" in _errors(error)


def test_a_serial_number_is_unique_when_given(org, laptop):
    with pytest.raises(ValidationError) as error:
        equipment_create(by=org.office_manager, kind=EquipmentKind.LAPTOP, serial_number=laptop.serial_number)
    assert _errors(error)["serial_number"] == ["Another item already has this serial number."]
    # Two items without a serial number are fine.
    equipment_create(by=org.office_manager, kind=EquipmentKind.KEY)
    equipment_create(by=org.office_manager, kind=EquipmentKind.KEY)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"purchase_price": Decimal("-1")}, "purchase_price", "A price cannot be negative."),
        (
            {"purchase_date": dt.date(2026, 1, 10), "warranty_end": dt.date(2025, 1, 10)},
            "warranty_end",
            "The warranty cannot end before the purchase date.",
        ),
        ({"purchase_date": dt.date(1, 1, 1)}, "purchase_date", "Enter a date between 1900 and 2200."),
        ({"warranty_end": dt.date(9999, 12, 31)}, "warranty_end", "Enter a date between 1900 and 2200."),
        ({"state": EquipmentState.IN_SERVICE}, "state", None),
        ({"kind": "spaceship"}, "kind", None),
    ],
)
def test_bad_figures_are_refused_and_nothing_is_saved(org, fields, field, message):
    with pytest.raises(ValidationError) as error:
        equipment_create(by=org.office_manager, **{"kind": EquipmentKind.LAPTOP, **fields})
    assert field in _errors(error)
    if message:
        assert message in _errors(error)[field]
    assert not EquipmentItem.objects.exists()


def test_only_an_office_manager_records_items(org, laptop):
    with pytest.raises(PermissionDenied):
        equipment_create(by=org.staff, kind=EquipmentKind.LAPTOP)
    with pytest.raises(PermissionDenied):
        equipment_update(item=laptop, by=org.director, model="Renamed")


def test_an_update_changes_the_fields_given(org, laptop):
    equipment_update(item=laptop, by=org.office_manager, model="ThinkPad X1", supplier="Bechtle")
    laptop.refresh_from_db()
    assert (laptop.model, laptop.supplier, laptop.asset_tag) == ("ThinkPad X1", "Bechtle", "EQ-00007")


def test_a_held_item_stays_in_service_until_returned(org, laptop):
    equipment_assign(item=laptop, person=org.staff, by=org.office_manager)
    with pytest.raises(ValidationError) as error:
        equipment_update(item=laptop, by=org.office_manager, state=EquipmentState.IN_REPAIR)
    assert "record its return" in _errors(error)["state"][0]


def test_the_database_keeps_held_and_in_service_together(laptop, org):
    with pytest.raises(IntegrityError):
        EquipmentItem.objects.filter(pk=laptop.pk).update(holder=org.staff)


# --- assign, return, history ---------------------------------------------------------------------


def test_assign_then_return_writes_the_history_and_what_a_person_holds(org, laptop):
    assignment = equipment_assign(
        item=laptop, person=org.staff, by=org.office_manager, on=dt.date(2026, 2, 2), note="Arrivée"
    )
    laptop.refresh_from_db()
    assert laptop.holder == org.staff and laptop.state == EquipmentState.IN_SERVICE
    assert list(equipment_held_by(org.staff)) == [laptop]
    assert assignment.start == dt.date(2026, 2, 2) and assignment.assigned_by == org.office_manager

    returned = equipment_return(item=laptop, by=org.office_manager, state=EquipmentState.IN_REPAIR, note="Écran fêlé")
    laptop.refresh_from_db()
    assert returned.pk == assignment.pk and returned.end == TODAY and returned.return_note == "Écran fêlé"
    assert laptop.holder is None and laptop.state == EquipmentState.IN_REPAIR
    assert not equipment_held_by(org.staff).exists()

    equipment_assign(item=laptop, person=org.colleague, by=org.office_manager)
    history = list(Assignment.objects.filter(item=laptop).values_list("person__email", "start", "end"))
    assert history == [("colleague@test.fr", TODAY, None), ("staff@test.fr", dt.date(2026, 2, 2), TODAY)]


def test_assigning_a_held_item_is_refused_until_its_return(org, laptop):
    equipment_assign(item=laptop, person=org.staff, by=org.office_manager)
    with pytest.raises(ValidationError) as error:
        equipment_assign(item=laptop, person=org.colleague, by=org.office_manager)
    assert _errors(error)["person"] == [f"EQ-00007 is already held by {org.staff}: record its return first."]
    laptop.refresh_from_db()
    assert laptop.holder == org.staff
    assert Assignment.objects.filter(item=laptop).count() == 1


def test_a_race_past_the_lock_ends_as_the_same_clean_error(org, laptop):
    """Another request's assignment was inserted but its holder not yet written (the state a
    concurrent transaction leaves for an instant): the one-open-assignment constraint refuses the
    second, and the service answers with the validation error, not a server error."""
    Assignment.objects.create(item=laptop, person=org.colleague, start=TODAY)
    with pytest.raises(ValidationError) as error:
        equipment_assign(item=laptop, person=org.staff, by=org.office_manager)
    assert "already held by" in _errors(error)["person"][0]
    laptop.refresh_from_db()
    assert laptop.holder is None
    assert Assignment.objects.filter(item=laptop).count() == 1


def test_a_deactivated_person_gets_nothing(org, laptop):
    org.staff.is_active = False
    org.staff.save(update_fields=["is_active"])
    with pytest.raises(ValidationError) as error:
        equipment_assign(item=laptop, person=org.staff, by=org.office_manager)
    assert "deactivated" in _errors(error)["person"][0]


@pytest.mark.parametrize("state", [EquipmentState.RETIRED, EquipmentState.LOST])
def test_a_retired_or_lost_item_is_not_assigned(org, state):
    item = EquipmentItemFactory(state=state)
    with pytest.raises(ValidationError) as error:
        equipment_assign(item=item, person=org.staff, by=org.office_manager)
    assert "cannot be assigned" in error.value.messages[0]


def test_a_return_before_the_assignment_began_is_refused(org, laptop):
    equipment_assign(item=laptop, person=org.staff, by=org.office_manager, on=dt.date(2026, 2, 20))
    with pytest.raises(ValidationError) as error:
        equipment_return(item=laptop, by=org.office_manager, on=dt.date(2026, 2, 19))
    assert "cannot be returned before" in _errors(error)["on"][0]
    laptop.refresh_from_db()
    assert laptop.holder == org.staff


def test_an_assignment_cannot_start_before_the_last_return(org, laptop):
    equipment_assign(item=laptop, person=org.staff, by=org.office_manager, on=dt.date(2026, 2, 1))
    equipment_return(item=laptop, by=org.office_manager, on=dt.date(2026, 2, 20))
    with pytest.raises(ValidationError) as error:
        equipment_assign(item=laptop, person=org.colleague, by=org.office_manager, on=dt.date(2026, 2, 10))
    assert "on" in _errors(error)


@pytest.mark.parametrize("on", [dt.date(2026, 3, 3), dt.date(9999, 12, 31), dt.date(1, 1, 1)])
def test_assignment_days_in_the_future_or_out_of_range_are_refused(org, laptop, on):
    with pytest.raises(ValidationError) as error:
        equipment_assign(item=laptop, person=org.staff, by=org.office_manager, on=on)
    assert "on" in _errors(error)


def test_returning_an_item_nobody_holds_is_refused(org, laptop):
    with pytest.raises(ValidationError) as error:
        equipment_return(item=laptop, by=org.office_manager)
    assert "is not assigned to anyone" in error.value.messages[0]


def test_a_return_puts_the_item_in_a_state_nobody_holds(org, laptop):
    equipment_assign(item=laptop, person=org.staff, by=org.office_manager)
    with pytest.raises(ValidationError):
        equipment_return(item=laptop, by=org.office_manager, state=EquipmentState.IN_SERVICE)


def test_only_an_office_manager_assigns_and_returns(org, laptop):
    with pytest.raises(PermissionDenied):
        equipment_assign(item=laptop, person=org.staff, by=org.staff)
    equipment_assign(item=laptop, person=org.staff, by=org.office_manager)
    with pytest.raises(PermissionDenied):
        equipment_return(item=laptop, by=org.staff)


def test_the_callers_item_says_who_holds_it_after_assign_and_return(org, laptop):
    equipment_assign(item=laptop, person=org.staff, by=org.office_manager)
    assert laptop.holder == org.staff and laptop.state == EquipmentState.IN_SERVICE
    equipment_return(item=laptop, by=org.office_manager, state=EquipmentState.LOST)
    assert laptop.holder is None and laptop.state == EquipmentState.LOST
