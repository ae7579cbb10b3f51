"""A ticket's history: every change of status, handler (person or supplier), due date and urgency is
written by the service that makes it, in its transaction, and shown on the ticket page in time order
with who and when, among the comments; internal notes stay for office managers."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.accounts.models import User
from apps.premises.models import TicketEvent, TicketEventKind, TicketStatus, TicketUrgency
from apps.premises.services import ticket_comment, ticket_transition, ticket_triage
from apps.premises.tests.conftest import NOW
from apps.premises.tests.factories import TicketFactory

pytestmark = pytest.mark.usefixtures("colleague_handles_tickets", "clock")


@pytest.fixture(autouse=True)
def _english(org):
    User.objects.update(language="en")


@pytest.fixture
def ticket(org):
    return TicketFactory(site=org.site, reporter=org.staff, place="Kitchen")


def _life(org, ticket):
    """A ticket's life, one minute a step: triage, a status, an internal note, a supplier, a resolution."""
    om = org.office_manager
    with time_machine.travel(NOW + dt.timedelta(minutes=1), tick=False) as clock:
        ticket_triage(ticket=ticket, by=om, assignee=org.colleague, urgency=TicketUrgency.HIGH)
        clock.shift(60)
        ticket_transition(ticket=ticket, by=org.colleague, status=TicketStatus.IN_PROGRESS, note="On my way")
        clock.shift(60)
        ticket_comment(ticket=ticket, by=om, body="Quote is 400 €", internal=True)
        clock.shift(60)
        ticket_triage(ticket=ticket, by=om, supplier="Plomberie <Martin>", due_date=dt.date(2026, 3, 9))
        clock.shift(60)
        ticket_transition(ticket=ticket, by=org.colleague, status=TicketStatus.RESOLVED)


def test_each_change_is_written_with_who_and_the_values_before_and_after(org, ticket):
    _life(org, ticket)
    events = [(e.kind, e.actor, e.old_value, e.new_value) for e in TicketEvent.objects.filter(ticket=ticket)]
    om, colleague = org.office_manager, org.colleague
    assert events == [
        (TicketEventKind.URGENCY, om, "normal", "high"),
        (TicketEventKind.ASSIGNEE, om, "", str(colleague)),
        (TicketEventKind.STATUS, colleague, "new", "in_progress"),
        (TicketEventKind.SUPPLIER, om, "", "Plomberie <Martin>"),
        (TicketEventKind.DUE_DATE, om, "", "2026-03-09"),
        (TicketEventKind.STATUS, colleague, "in_progress", "resolved"),
    ]


def test_a_triage_that_changes_nothing_writes_nothing(org, ticket):
    ticket_triage(ticket=ticket, by=org.office_manager, urgency=TicketUrgency.NORMAL, supplier="")
    assert not TicketEvent.objects.exists()


def test_a_refused_change_leaves_no_trace(org, ticket):
    with pytest.raises(ValidationError):
        ticket_transition(ticket=ticket, by=org.office_manager, status="nonsense")
    with pytest.raises(ValidationError):
        ticket_triage(ticket=ticket, by=org.office_manager, assignee=org.staff)  # not a handler
    assert not TicketEvent.objects.exists()


def test_the_page_shows_the_history_in_time_order_with_who_and_when(org, ticket, client_for):
    _life(org, ticket)
    html = client_for(org.office_manager).get(reverse("premises:ticket_detail", args=[ticket.pk])).content.decode()
    history = html[html.index('data-testid="history"') :]
    lines = [
        "Reported the problem.",
        "Changed the urgency from “Normal” to “High”.",
        f"Put {org.colleague} in charge.",
        "Changed the status from “New” to “In progress”.",
        "On my way",
        "Quote is 400 €",
        "Set the supplier to Plomberie &lt;Martin&gt;.",  # escaped
        "Set the due date to 09/03/2026.",
        "Changed the status from “In progress” to “Resolved”.",
    ]
    positions = [history.index(line) for line in lines]
    assert positions == sorted(positions)
    assert "<Martin>" not in html
    assert history.count('data-testid="history-status"') == 2
    assert '<time datetime="2026-03-02T08:02:00+00:00">' in history  # when (the stored instant)
    assert str(org.colleague) in history and str(org.office_manager) in history  # who


def test_internal_notes_stay_out_of_the_reporters_history(org, ticket, client_for):
    _life(org, ticket)
    url = reverse("premises:ticket_detail", args=[ticket.pk])
    reporter = client_for(org.staff).get(url).content.decode()
    assert "On my way" in reporter and "Changed the status" in reporter
    assert "Quote is 400 €" not in reporter and "Internal note" not in reporter
    assert "Quote is 400 €" in client_for(org.office_manager).get(url).content.decode()


def test_a_handover_and_a_removal_read_as_such(org, ticket, client_for):
    om = org.office_manager
    ticket_triage(ticket=ticket, by=om, assignee=org.colleague, supplier="Martin")
    ticket_triage(ticket=ticket, by=om, assignee=om, supplier="")
    html = client_for(om).get(reverse("premises:ticket_detail", args=[ticket.pk])).content.decode()
    assert f"Handed the ticket from {org.colleague} to {om}." in html
    assert "Removed the supplier Martin." in html


def test_the_history_costs_the_same_queries_for_many_changes(org, ticket, client_for, django_assert_max_num_queries):
    client = client_for(org.office_manager)
    url = reverse("premises:ticket_detail", args=[ticket.pk])
    client.get(url)
    for day in range(1, 20):
        ticket_triage(ticket=ticket, by=org.office_manager, due_date=dt.date(2026, 4, day), supplier=f"S{day}")
        ticket_comment(ticket=ticket, by=org.office_manager, body=f"Note {day}")
    with django_assert_max_num_queries(20):
        html = client.get(url).content.decode()
    assert html.count('data-testid="history-due_date"') == 19 and html.count('data-testid="comment"') == 19
