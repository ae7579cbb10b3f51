"""The register's rows kept in the read cache (``selectors.register_rows``): a repeat costs fewer
queries, a check changed shows at the next request, the statuses follow the day, and who may not
see the register still gets nothing."""

import datetime as dt

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import User
from apps.premises.models import CheckItem, CheckResult, Ticket, TicketStatus
from apps.premises.services import checkrecord_create, ticket_transition
from apps.premises.tests.factories import CheckItemFactory

URL = "/premises/register/"


def _get(client, status=200):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == status
    return response.content.decode(), len(queries)


def test_a_repeat_reads_less_and_a_changed_check_shows_at_once(org, client_for, commit):
    User.objects.update(language="en")
    with commit():
        item = CheckItemFactory(site=org.site, name="Boiler service")
    client = client_for(org.office_manager)
    _, first_queries = _get(client)
    again, again_queries = _get(client)
    assert again_queries < first_queries
    assert "Boiler service" in again
    with commit():
        CheckItem.objects.filter(pk=item.pk).update(name="Lift inspection")
    html = _get(client)[0]
    assert "Lift inspection" in html and "Boiler service" not in html


def test_the_statuses_follow_the_day(org, client_for, commit, settings):
    User.objects.update(language="en")
    with commit():
        CheckItemFactory(site=org.site, name="Boiler service", first_due_date=dt.date(2026, 3, 15))
    client = client_for(org.office_manager)
    with time_machine.travel(dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC), tick=False):
        assert "Overdue" not in _get(client)[0]
    with time_machine.travel(dt.datetime(2026, 4, 5, 10, tzinfo=dt.UTC), tick=False):
        assert "Overdue" in _get(client)[0]


def test_kept_rows_are_not_served_to_who_may_not_see_the_register(org, client_for, commit):
    with commit():
        CheckItemFactory(site=org.site, name="Boiler service")
    assert "Boiler service" in _get(client_for(org.office_manager))[0]
    assert "Boiler service" in _get(client_for(org.director))[0]
    _get(client_for(org.staff), status=403)


def test_a_new_check_and_a_resolved_ticket_show_at_the_next_request(org, client_for, commit):
    User.objects.update(language="en")
    paris = dt.timezone(dt.timedelta(hours=1))
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, tzinfo=paris), tick=False):
        with commit():
            item = CheckItemFactory(site=org.site, name="Boiler service", first_due_date=dt.date(2026, 2, 15))
        client = client_for(org.office_manager)
        assert 'data-status="overdue"' in _get(client)[0]
        assert 'data-status="overdue"' in _get(client)[0]  # kept
        with commit():
            record = checkrecord_create(
                item=item,
                by=org.office_manager,
                done_on=dt.date(2026, 3, 1),
                done_by="Chauffage SA",
                result=CheckResult.NON_COMPLIANT,
                to_fix="Burner to replace",
            )
        html = _get(client)[0]
        assert 'data-status="to_fix"' in html and "Non-compliant" in html  # the new check and its result
        assert "/2027" in html  # due one interval after the check
        with commit():
            ticket_transition(
                ticket=Ticket.objects.get(source_check=record), by=org.office_manager, status=TicketStatus.RESOLVED
            )
        assert 'data-status="ok"' in _get(client)[0]
