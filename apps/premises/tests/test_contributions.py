"""What the premises app gives the dashboard, the agenda, the inbox, my space and the menu."""

import datetime as dt

import pytest
from django.urls import resolve
from django.utils import translation

from apps.premises import contributions
from apps.premises.models import BookingStatus, TicketUrgency
from apps.premises.tests.conftest import TUESDAY, at
from apps.premises.tests.factories import BookingFactory, CheckItemFactory, RoomFactory, TicketFactory

pytestmark = pytest.mark.usefixtures("clock")


def _badge(user) -> int:
    """This app's share of the inbox badge: the rows of its querysets (the layout counts them in one query)."""
    return sum(badge.count.count() for badge in contributions.badge_counts(user))


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_menu_links_to_the_rooms_and_the_problem_form(org):
    urls = [entry.url for entry in contributions.menu_entries(org.staff)]
    assert urls == ["/premises/", "/premises/tickets/new/"]


def test_the_office_managers_menu_has_the_ticket_queue_and_the_register(org):
    entries = contributions.menu_entries(org.office_manager)
    assert [(str(e.title), e.url) for e in entries] == [
        ("Rooms", "/premises/"),
        ("Tickets", "/premises/tickets/"),
        ("Register", "/premises/register/"),
    ]


def test_dashboard_cards_for_the_office_manager_only(org, room, django_assert_max_num_queries):
    CheckItemFactory(site=org.site, first_due_date=dt.date(2026, 2, 1))
    CheckItemFactory(site=org.site, first_due_date=dt.date(2026, 3, 20))
    TicketFactory(site=org.site, urgency=TicketUrgency.CRITICAL, place="Hall")
    TicketFactory(site=org.site, urgency=TicketUrgency.LOW, place="Hall", status="closed")
    BookingFactory(room=room, start=at(dt.date(2026, 3, 2), 14), end=at(dt.date(2026, 3, 2), 15))
    assert contributions.dashboard_cards(org.staff) == []
    assert org.office_manager.is_office_manager  # roles are cached on request.user, as on a request
    with django_assert_max_num_queries(1):
        cards = {str(card.title): card for card in contributions.dashboard_cards(org.office_manager)}
    assert cards["Checks overdue"].value == 1
    assert cards["Checks due within 30 days"].value == 1
    assert cards["Open repair tickets"].value == 1 and cards["Open repair tickets"].severity == "danger"
    assert cards["Room bookings today"].value == 1


def test_pending_approvals_and_their_count(org, floor, django_assert_max_num_queries):
    hall = RoomFactory(floor=floor, name="Hall", needs_approval=True, capacity=40)
    for hour in (10, 12, 14):
        BookingFactory(room=hall, person=org.staff, status=BookingStatus.PENDING, start=at(TUESDAY, hour))
    assert contributions.pending_approvals(org.staff) == []
    assert _badge(org.staff) == 0
    assert _badge(org.office_manager) == 3
    with django_assert_max_num_queries(1):
        approvals = contributions.pending_approvals(org.office_manager)
    assert len(approvals) == 3
    assert resolve(approvals[0].approve_url).url_name == "booking_approve"


def test_agenda_has_my_bookings_and_the_checks_due_for_the_register_keepers(org, room):
    BookingFactory(room=room, person=org.staff, title="Retro", start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    BookingFactory(room=room, person=org.colleague, start=at(TUESDAY, 12), end=at(TUESDAY, 13))
    CheckItemFactory(site=org.site, first_due_date=dt.date(2026, 3, 4))
    staff_items = contributions.agenda_items(org.staff, TUESDAY, TUESDAY + dt.timedelta(days=7))
    assert [item.kind for item in staff_items] == ["booking"]
    assert "Retro" in staff_items[0].title
    director_items = contributions.agenda_items(org.director, TUESDAY, TUESDAY + dt.timedelta(days=7))
    assert [item.kind for item in director_items] == ["check"]


def test_my_space_cards(org, room):
    BookingFactory(room=room, person=org.staff, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    TicketFactory(site=org.site, reporter=org.staff, place="Hall")
    cards = {str(card.title): card for card in contributions.my_space_cards(org.staff)}
    assert cards["My next booking"].value == "Rhône"
    assert cards["My open tickets"].value == 1


def test_benchmark_pages_resolve_without_a_database():
    for page in contributions.benchmark_pages():
        assert resolve(page.path)
