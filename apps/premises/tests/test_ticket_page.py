"""The ticket queue's pages kept between requests in the read cache (apps/premises/selectors/tickets.py,
``queue_page``): a new ticket, a triage or a change of status shows at the next request; each filter
has its own page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import User
from apps.premises import services
from apps.premises.models import TicketStatus, TicketUrgency
from apps.premises.tests.factories import TicketFactory

pytestmark = pytest.mark.usefixtures("read_cache")
URL = "/premises/tickets/"


@pytest.fixture(autouse=True)
def _english(org):
    User.objects.update(language="en")


def _rows(client_for, user, query=""):
    response = client_for(user).get(URL + query)
    assert response.status_code == 200
    return response.content.decode().count('data-testid="ticket-row"')


def test_a_new_ticket_and_its_closing_show_at_the_next_request(org, client_for, commit):
    assert _rows(client_for, org.office_manager) == 0
    assert _rows(client_for, org.office_manager) == 0  # kept
    with commit():
        ticket = TicketFactory(site=org.site, reporter=org.staff)
    assert _rows(client_for, org.office_manager) == 1
    with commit():
        services.ticket_transition(ticket=ticket, by=org.office_manager, status=TicketStatus.IN_PROGRESS)
        services.ticket_transition(ticket=ticket, by=org.office_manager, status=TicketStatus.RESOLVED)
        services.ticket_transition(ticket=ticket, by=org.office_manager, status=TicketStatus.CLOSED)
    assert _rows(client_for, org.office_manager) == 0
    assert _rows(client_for, org.office_manager, "?status=all") == 1


def test_each_filter_is_its_own_page(org, client_for, commit):
    with commit():
        TicketFactory(site=org.site, reporter=org.staff, urgency=TicketUrgency.CRITICAL)
        TicketFactory(site=org.site, reporter=org.staff, urgency=TicketUrgency.LOW)
    assert _rows(client_for, org.office_manager) == 2
    assert _rows(client_for, org.office_manager, "?urgency=critical") == 1
    assert _rows(client_for, org.office_manager, "?urgency=low") == 1
    assert _rows(client_for, org.office_manager, "?urgency=nonsense") == 2  # a bad filter is ignored


def test_staff_still_cannot_open_the_queue(org, client_for):
    assert client_for(org.staff).get(URL).status_code == 403


def test_the_kept_rows_are_rendered_for_each_office_manager(org, client_for, commit):
    second = User.objects.create_user(
        email="office2@test.fr", password="pw-Secret-42", language="en", first_name="Zoé", last_name="Second"
    )
    second.groups.add(*org.office_manager.groups.all())
    with commit():
        TicketFactory(site=org.site, reporter=org.staff)
    first = client_for(org.office_manager).get(URL).content.decode()
    again = client_for(second).get(URL).content.decode()
    assert first.count('data-testid="ticket-row"') == again.count('data-testid="ticket-row"') == 1
    assert "Zoé Second" in again and "Zoé Second" not in first  # each page is the viewer's own


def test_a_renamed_reporter_shows_at_the_next_request(org, client_for, commit):
    with commit():
        TicketFactory(site=org.site, reporter=org.staff)
    assert org.staff.get_full_name() in client_for(org.office_manager).get(URL).content.decode()
    with commit():
        org.staff.last_name = "Renamed"
        org.staff.save()
    assert "Renamed" in client_for(org.office_manager).get(URL).content.decode()


def test_the_kept_queue_costs_no_ticket_query(org, client_for):
    TicketFactory(site=org.site, reporter=org.staff)
    client = client_for(org.office_manager)
    assert client.get(URL).status_code == 200
    with CaptureQueriesContext(connection) as again:
        assert client.get(URL).content.decode().count('data-testid="ticket-row"') == 1
    assert not any("premises_ticket" in str(q["sql"]) for q in again.captured_queries)
