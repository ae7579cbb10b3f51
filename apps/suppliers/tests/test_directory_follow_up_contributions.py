"""A follow-up date in the relationship log is a card on the office manager's dashboard while it is
due, and an item on their agenda on its day, until it is marked done."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from apps.suppliers import contributions
from apps.suppliers.services.relationship import follow_up_done
from apps.suppliers.tests.factories import InteractionFactory, SupplierFactory

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC), tick=False)
def test_follow_ups_on_the_dashboard_and_the_agenda_until_done(org, django_assert_max_num_queries):
    supplier = SupplierFactory(name="Nettoyage Pro")
    due = InteractionFactory(supplier=supplier, by=org.office_manager, follow_up_on=dt.date(2026, 3, 9))
    InteractionFactory(supplier=supplier, by=org.office_manager, follow_up_on=dt.date(2026, 3, 20))
    with django_assert_max_num_queries(4):  # the follow-ups one, the compliance cards three
        cards = contributions.dashboard_cards(org.office_manager)
    assert [card.value for card in cards if card.title == "Supplier follow-ups"] == [1]
    with django_assert_max_num_queries(2):
        items = contributions.agenda_items(org.office_manager, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert [(item.start, item.title) for item in items] == [
        (dt.date(2026, 3, 9), "Follow up: Nettoyage Pro"),
        (dt.date(2026, 3, 20), "Follow up: Nettoyage Pro"),
    ]
    assert items[0].url.startswith(reverse("suppliers:log", args=[supplier.pk]))
    follow_up_done(interaction=due, by=org.office_manager)
    assert not [c for c in contributions.dashboard_cards(org.office_manager) if c.title == "Supplier follow-ups"]
    assert len(contributions.agenda_items(org.office_manager, dt.date(2026, 3, 1), dt.date(2026, 3, 31))) == 1


def test_nobody_else_sees_the_follow_ups(org):
    InteractionFactory(by=org.office_manager, follow_up_on=dt.date(2026, 3, 9))
    for user in (org.staff, org.manager, org.director):
        assert contributions.dashboard_cards(user) == []
        assert contributions.agenda_items(user, dt.date(2026, 3, 1), dt.date(2026, 3, 31)) == []
