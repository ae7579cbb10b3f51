"""Overdue tickets (due date passed, still open) carry an "Overdue" badge, in words, in the queue's
rows and cards and on the ticket page; the kept rows follow the day."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from apps.accounts.models import User
from apps.premises.models import TicketStatus
from apps.premises.tests.conftest import NOW
from apps.premises.tests.factories import TicketFactory

URL = "/premises/tickets/"
TODAY = NOW.date()  # Monday 2 March 2026


@pytest.fixture(autouse=True)
def _english(org):
    User.objects.update(language="en")


def _overdue_pks(html: str) -> set[int]:
    """The tickets whose queue row holds an "Overdue" badge."""
    rows = re.findall(r'<tr data-testid="ticket-row" data-pk="(\d+)"[^>]*>(.*?)</tr>', html, re.DOTALL)
    return {int(pk) for pk, row in rows if 'data-testid="overdue"' in row}


@pytest.mark.usefixtures("clock")
def test_open_tickets_past_their_due_date_are_marked_in_words(org, client_for):
    late = TicketFactory(site=org.site, reporter=org.staff, due_date=TODAY - dt.timedelta(days=1))
    waiting = TicketFactory(
        site=org.site, reporter=org.staff, due_date=TODAY - dt.timedelta(days=9), status=TicketStatus.WAITING
    )
    TicketFactory(site=org.site, reporter=org.staff, due_date=TODAY)  # due today: not yet late
    TicketFactory(site=org.site, reporter=org.staff, due_date=None)
    TicketFactory(
        site=org.site, reporter=org.staff, due_date=TODAY - dt.timedelta(days=3), status=TicketStatus.RESOLVED
    )
    html = client_for(org.office_manager).get(URL + "?status=all").content.decode()
    assert _overdue_pks(html) == {late.pk, waiting.pk}
    assert html.count('class="ticket-overdue"') == 2
    cards = html[html.index('data-testid="ticket-cards"') :]
    assert cards.count('data-testid="overdue"') == 2 and ">Overdue</span>" in cards.replace('"></i> ', '">')


@pytest.mark.usefixtures("clock")
def test_the_ticket_page_says_overdue_until_resolved(org, client_for):
    ticket = TicketFactory(site=org.site, reporter=org.staff, due_date=TODAY - dt.timedelta(days=1), place="Hall")
    url = reverse("premises:ticket_detail", args=[ticket.pk])
    assert client_for(org.staff).get(url).content.decode().count('data-testid="overdue"') == 2  # header, due date
    ticket.status = TicketStatus.RESOLVED
    ticket.save()
    assert 'data-testid="overdue"' not in client_for(org.staff).get(url).content.decode()


def test_the_kept_rows_turn_overdue_the_next_day(org, client_for, commit):
    with time_machine.travel(NOW.replace(hour=23, minute=50), tick=False) as clock:
        with commit():
            ticket = TicketFactory(site=org.site, reporter=org.staff, due_date=TODAY)
        client = client_for(org.office_manager)
        assert _overdue_pks(client.get(URL).content.decode()) == set()
        assert _overdue_pks(client.get(URL).content.decode()) == set()  # kept
        clock.shift(dt.timedelta(minutes=20))  # past midnight in Paris
        assert _overdue_pks(client.get(URL).content.decode()) == {ticket.pk}
