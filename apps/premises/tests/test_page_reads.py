"""The plain-row reads of the day view, the register and the ticket queue give what the model
instances give: same rows, same sites and rules."""

import datetime as dt

import pytest
from django.utils import translation

from apps.accounts.selectors import sites_for
from apps.accounts.tests.factories import SiteFactory
from apps.core.cache import viewer_key
from apps.premises import selectors
from apps.premises.models import CheckRecord, CheckResult, SitePremisesSettings, TicketStatus, TicketUrgency
from apps.premises.selectors.tickets import queue_rows
from apps.premises.tests.conftest import TUESDAY, at
from apps.premises.tests.factories import (
    BookingFactory,
    CheckItemFactory,
    FloorFactory,
    RoomFactory,
    TicketFactory,
)

pytestmark = pytest.mark.usefixtures("clock")


def _fill_the_queue(org, floor):
    room = RoomFactory(floor=floor, name="Saône & <Co>")
    for n in range(35):
        TicketFactory(
            site=org.site,
            room=room if n % 3 == 0 else None,
            place="" if n % 5 == 0 else f"Hall {n}",
            reporter=org.staff if n % 2 else org.colleague,
            assignee=org.office_manager if n % 4 == 0 else None,
            supplier="Plombier <Martin>" if n % 6 == 0 else "",
            due_date=dt.date(2026, 3, 20) if n % 7 == 0 else None,
            urgency=TicketUrgency.values[n % 4],
            status=TicketStatus.values[n % 5],
        )


@pytest.mark.parametrize(
    "filters",
    [{}, {"status": "all"}, {"status": "waiting"}, {"urgency": "high"}, {"status": "all", "urgency": "low", "site": 1}],
)
def test_the_ticket_queue_pages_are_the_tickets_in_order(org, floor, filters):
    _fill_the_queue(org, floor)
    TicketFactory(place="Elsewhere", reporter=org.colleague)  # another site
    site_id = org.site.pk if filters.get("site") else None
    options = {"status": filters.get("status", ""), "urgency": filters.get("urgency", ""), "site_id": site_id}
    expected = list(selectors.ticket_queue(org.office_manager, **options))
    first = selectors.queue_page(org.office_manager, **options, page=1)
    assert first.paginator.count == len(expected)
    pages = [selectors.queue_page(org.office_manager, **options, page=n) for n in first.paginator.page_range]
    assert [row.pk for page in pages for row in page.object_list] == [ticket.pk for ticket in expected]
    assert all(isinstance(row, selectors.QueueRow) for page in pages for row in page)


def test_a_page_of_the_queue_costs_two_queries_whatever_its_size(org, floor, django_assert_num_queries):
    _fill_the_queue(org, floor)
    viewer_key(org.office_manager)  # reads the roles and caches them on the user, as on a request
    with django_assert_num_queries(2):  # the count and the rows
        page = selectors.queue_page(org.office_manager, status="all", page=2)
        assert page.number == 2 and len(page.object_list) == 5 and page.has_previous() and not page.has_next()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_queue_rows_show_what_the_tickets_show(org, floor, language):
    _fill_the_queue(org, floor)
    with translation.override(language):
        rows = queue_rows(selectors.ticket_queue(org.office_manager, status="all"))
        tickets = {t.pk: t for t in selectors.ticket_queue(org.office_manager, status="all")}
        assert len(rows) == len(tickets) == 35
        for row in rows:
            ticket = tickets[row.pk]
            assert str(row.category_label) == ticket.get_category_display()
            assert str(row.urgency_label) == ticket.get_urgency_display()
            assert str(row.status_label) == ticket.get_status_display()
            assert row.location == ticket.location
            assert row.reporter == str(ticket.reporter)
            assert row.assignee == (str(ticket.assignee) if ticket.assignee else "")


def test_someone_who_is_not_office_manager_only_queues_their_tickets(org, floor):
    _fill_the_queue(org, floor)
    rows = queue_rows(selectors.ticket_queue(org.staff, status="all"))
    assert {row.pk for row in rows} == {t.pk for t in selectors.tickets_visible_to(org.staff)}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_register_rows_are_the_register_items(org, language):
    items = [
        CheckItemFactory(site=org.site, first_due_date=dt.date(2026, 2, 1), supplier="Sécurité & Co"),
        CheckItemFactory(site=org.site, first_due_date=dt.date(2026, 3, 20), name="<Lift> A", interval_months=1),
        CheckItemFactory(site=org.site, first_due_date=dt.date(2026, 9, 1), legal_reference="Code du travail R4227"),
    ]
    for item, result in zip(items, (CheckResult.NON_COMPLIANT, CheckResult.OBSERVATIONS, None), strict=True):
        if result:
            CheckRecord.objects.create(
                item=item,
                done_on=dt.date(2026, 1, 10),
                done_by="Veritas",
                result=result,
                recorded_by=org.office_manager,
            )
    CheckItemFactory(site=SiteFactory(), first_due_date=dt.date(2026, 2, 1))  # another site
    today = dt.date(2026, 3, 2)
    with translation.override(language):
        rows = selectors.register_rows(org.office_manager, org.site, today)
        items = selectors.register_items(org.office_manager, org.site)
        assert [row.pk for row in rows] == [item.pk for item in items]
        assert [row.status for row in rows] == [item.status_on(today) for item in items]
        assert [row.display_name for row in rows] == [item.display_name for item in items]
        assert [(row.last_done_on, row.last_result) for row in rows] == [
            (item.last_done_on, item.last_result) for item in items
        ]
    assert selectors.register_rows(org.staff, org.site, today) == []


@pytest.mark.parametrize("who", ["staff", "office_manager", "director"])
def test_visible_sites_are_sites_for_with_their_rules(org, who, django_assert_num_queries):
    SiteFactory(name="Closed", is_active=False)
    paris = SiteFactory(name="Paris")
    SitePremisesSettings.objects.create(site=paris, opens_at=dt.time(7, 30), open_days=[0, 1, 2])
    user = getattr(org, who)
    expected_sites = list(sites_for(user))  # also caches the roles on the user, as on a request
    with django_assert_num_queries(1):
        sites = selectors.visible_sites(user)
        rules = {site.pk: selectors.site_rules(site) for site in sites}
    assert [(s.pk, s.name, s.is_active) for s in sites] == [(s.pk, s.name, s.is_active) for s in expected_sites]
    for site in sites:
        expected = SitePremisesSettings.for_site(site)
        got = rules[site.pk]
        assert (got.pk, got.opens_at, got.closes_at, got.open_days) == (
            expected.pk,
            expected.opens_at,
            expected.closes_at,
            expected.open_days,
        )


def test_day_spaces_are_the_floors_and_the_rooms_of_the_day_view(org, django_assert_num_queries):
    upper, ground, empty = (
        FloorFactory(site=org.site, name="Upper", level=2),
        FloorFactory(site=org.site, name="Ground", level=0),
        FloorFactory(site=org.site, name="Attic", level=3),
    )
    for floor, name in [(upper, "Alpha"), (ground, "Zeta"), (ground, "Beta"), (upper, "Gamma")]:
        RoomFactory(floor=floor, name=name)
    RoomFactory(floor=ground, name="Closed", is_active=False)
    BookingFactory(room=upper.rooms.get(name="Alpha"), person=org.staff, start=at(TUESDAY, 9), end=at(TUESDAY, 10))
    assert not org.staff.is_office_manager  # roles are cached on the user, as on a request
    with django_assert_num_queries(1):
        floors, rooms = selectors.day_spaces(org.site)
    assert [(f.pk, f.name) for f in floors] == [(f.pk, f.name) for f in selectors.floors_for_site(org.site)]
    assert empty.pk in [f.pk for f in floors]
    with django_assert_num_queries(1):
        given = selectors.day_view(site=org.site, day=TUESDAY, viewer=org.staff, rooms=rooms)
    read = selectors.day_view(site=org.site, day=TUESDAY, viewer=org.staff)
    assert [(r.room, r.bookings) for r in given] == [(r.room, r.bookings) for r in read]
    assert [r.room.name for r in read] == ["Beta", "Zeta", "Alpha", "Gamma"]
    assert read[2].bookings[0].start == at(TUESDAY, 9)
