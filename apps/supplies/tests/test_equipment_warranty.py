"""A warranty ending within 60 days: on the office manager's dashboard, and told to each office
manager once (the daily beat job may run any number of times)."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from apps.notifications.models import Notification
from apps.supplies import contributions, tasks
from apps.supplies.models import EquipmentState
from apps.supplies.services.equipment import equipment_assign
from apps.supplies.tests.factories import EquipmentItemFactory

TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def clock():
    with time_machine.travel(dt.datetime(2026, 3, 2, 7, 40, tzinfo=dt.UTC), tick=False) as traveller:
        yield traveller


@pytest.fixture
def warranties(org, clock):
    """Ends in 10 days, in 60 (the last day told), in 61 (not yet), ended yesterday, and a retired item."""
    return {
        "soon": EquipmentItemFactory(asset_tag="EQ-00010", warranty_end=TODAY + dt.timedelta(days=10)),
        "last_day": EquipmentItemFactory(asset_tag="EQ-00060", warranty_end=TODAY + dt.timedelta(days=60)),
        "later": EquipmentItemFactory(asset_tag="EQ-00061", warranty_end=TODAY + dt.timedelta(days=61)),
        "ended": EquipmentItemFactory(asset_tag="EQ-00001", warranty_end=TODAY - dt.timedelta(days=1)),
        "retired": EquipmentItemFactory(
            asset_tag="EQ-00099", warranty_end=TODAY + dt.timedelta(days=5), state=EquipmentState.RETIRED
        ),
    }


def test_the_dashboard_counts_warranties_ending_within_60_days(org, warranties, django_assert_max_num_queries):
    assert org.office_manager.is_office_manager  # the roles, loaded once per request by the layout
    with django_assert_max_num_queries(4):  # requests, reorder, warranties: one count each
        cards = {card.title: card for card in contributions.dashboard_cards(org.office_manager)}
    card = cards["Warranties ending"]
    assert card.value == 2
    assert card.url == "/supplies/equipment/?warranty=soon" and card.severity == "warning"


def test_the_card_is_for_the_office_manager_only(org, warranties):
    assert contributions.dashboard_cards(org.staff) == []
    assert contributions.dashboard_cards(org.director) == []


def test_each_office_manager_is_told_once_per_warranty(org, warranties, clock, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.equipment_warranty_reminders.delay().get() == 2
    assert tasks.equipment_warranty_reminders() == 0  # the beat job ran twice: nothing more
    clock.shift(dt.timedelta(days=5))
    assert tasks.equipment_warranty_reminders() == 1  # "later" entered the window, told once
    notices = Notification.objects.filter(recipient=org.office_manager, kind="supplies_warranty_ends")
    assert notices.count() == 3
    assert not Notification.objects.filter(recipient=org.staff).exists()
    [first, *_others] = [message for message in mail.outbox if "EQ-00010" in message.subject]
    assert first.to == [org.office_manager.email]
    assert "The warranty of EQ-00010 (Lenovo ThinkPad T14) ends on 12 March 2026." in first.body
    assert "/supplies/equipment/" in first.body


def test_a_new_warranty_end_is_told_again(org, warranties):
    assert tasks.equipment_warranty_reminders() == 2
    item = warranties["soon"]
    item.warranty_end = TODAY + dt.timedelta(days=30)
    item.save(update_fields=["warranty_end"])
    assert tasks.equipment_warranty_reminders() == 1


def test_my_space_counts_what_i_hold(org, clock):
    item = EquipmentItemFactory()
    equipment_assign(item=item, person=org.staff, by=org.office_manager)
    card = _card(contributions.my_space_cards(org.staff), "My equipment")
    assert card.value == 1 and card.url == "/supplies/equipment/mine/"
    assert _card(contributions.my_space_cards(org.colleague), "My equipment").value == 0


def _card(cards, title):
    return next(card for card in cards if card.title == title)
