"""The queue's "assigned to me" filter, for the office manager and for the handlers they marked (who
may open the queue and see in it the tickets they may see); each filter is its own kept page."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.premises.services import ticket_triage
from apps.premises.tests.factories import TicketFactory

URL = "/premises/tickets/"


@pytest.fixture(autouse=True)
def _english(org):
    User.objects.update(language="en")


def _pks(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'data-testid="ticket-row" data-pk="(\d+)"', html)}


@pytest.fixture
def tickets(org, colleague_handles_tickets):
    om = org.office_manager
    mine = TicketFactory(site=org.site, reporter=org.staff, place="A")
    ticket_triage(ticket=mine, by=om, assignee=om)
    theirs = TicketFactory(site=org.site, reporter=org.staff, place="B")
    ticket_triage(ticket=theirs, by=om, assignee=org.colleague)
    nobody = TicketFactory(site=org.site, reporter=org.staff, place="C")
    return mine, theirs, nobody


def test_the_office_manager_narrows_the_queue_to_their_tickets(org, client_for, tickets, commit):
    mine, theirs, nobody = tickets
    client = client_for(org.office_manager)
    html = client.get(URL).content.decode()
    assert _pks(html) == {mine.pk, theirs.pk, nobody.pk}
    assert '<label class="form-check-label" for="id_mine">Assigned to me</label>' in html
    filtered = client.get(URL + "?mine=on").content.decode()
    assert _pks(filtered) == {mine.pk}
    assert 'name="mine"' in filtered and "checked" in filtered.split('name="mine"')[1].split(">")[0]
    assert _pks(client.get(URL + "?mine=on&status=all").content.decode()) == {mine.pk}


@pytest.mark.usefixtures("read_cache")
def test_the_filter_is_its_own_kept_page(org, client_for, tickets, commit):
    mine, _theirs, _nobody = tickets
    client = client_for(org.office_manager)
    assert len(_pks(client.get(URL).content.decode())) == 3
    assert _pks(client.get(URL + "?mine=on").content.decode()) == {mine.pk}
    assert len(_pks(client.get(URL).content.decode())) == 3
    assert _pks(client.get(URL + "?mine=on").content.decode()) == {mine.pk}


def test_a_handler_opens_the_queue_and_sees_their_tickets(org, client_for, tickets):
    _mine, theirs, _nobody = tickets
    handler = client_for(org.colleague)
    html = handler.get(URL).content.decode()
    assert _pks(html) == {theirs.pk}  # only the tickets they may open
    assert _pks(handler.get(URL + "?mine=on").content.decode()) == {theirs.pk}
    assert f'href="{URL}"' in handler.get(reverse("premises:my_tickets")).content.decode()


def test_people_who_handle_no_ticket_cannot_open_the_queue(org, client_for):
    assert client_for(org.staff).get(URL).status_code == 403
    assert client_for(org.staff).get(URL + "?mine=on").status_code == 403
    assert f'href="{URL}"' not in client_for(org.staff).get(reverse("premises:my_tickets")).content.decode()
    assert Client().get(URL).status_code == 302  # anonymous: to the login page
