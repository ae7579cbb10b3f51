"""Repair tickets: allowed transitions only, who may act, who is told, who sees what."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.notifications.models import Notification
from apps.premises.models import TRANSITIONS, TicketCategory, TicketStatus, TicketUrgency
from apps.premises.selectors import open_tickets, ticket_comments_visible_to, tickets_visible_to
from apps.premises.services import ticket_comment, ticket_report, ticket_transition, ticket_triage
from apps.premises.tests.factories import TicketFactory

S = TicketStatus


def kinds(user):
    return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("kind", flat=True))


@pytest.fixture
def ticket(org, room):
    return ticket_report(
        by=org.staff, site=org.site, room=room, description="The heating is off", category=TicketCategory.HVAC
    )


def test_reporting_tells_the_office_managers(org, ticket):
    assert ticket.status == S.NEW and ticket.reporter == org.staff
    assert kinds(org.office_manager) == ["premises_ticket_new"]
    assert not kinds(org.staff)


def test_a_room_of_another_site_is_refused(org, room):
    from apps.accounts.tests.factories import SiteFactory

    with pytest.raises(ValidationError, match="not on the chosen site"):
        ticket_report(by=org.staff, site=SiteFactory(name="Paris"), room=room, description="x", category="other")


@pytest.mark.usefixtures("colleague_handles_tickets")
def test_triage_sets_assignee_and_tells_them(org, ticket):
    ticket_triage(ticket=ticket, by=org.office_manager, urgency=TicketUrgency.HIGH, assignee=org.colleague)
    ticket.refresh_from_db()
    assert (ticket.urgency, ticket.assignee) == (TicketUrgency.HIGH, org.colleague)
    assert kinds(org.colleague) == ["premises_ticket_assigned"]


def test_only_an_office_manager_triages(org, ticket):
    with pytest.raises(PermissionDenied):
        ticket_triage(ticket=ticket, by=org.staff, urgency=TicketUrgency.CRITICAL)


def test_the_full_life_of_a_ticket_and_the_reporter_is_told_each_step(org, ticket):
    om = org.office_manager
    for status in (S.IN_PROGRESS, S.WAITING, S.IN_PROGRESS, S.RESOLVED):
        ticket_transition(ticket=ticket, by=om, status=status)
    ticket.refresh_from_db()
    assert ticket.resolved_at is not None
    ticket_transition(ticket=ticket, by=org.staff, status=S.IN_PROGRESS)  # the reporter reopens
    ticket.refresh_from_db()
    assert ticket.resolved_at is None
    ticket_transition(ticket=ticket, by=om, status=S.RESOLVED)
    ticket_transition(ticket=ticket, by=om, status=S.CLOSED)
    assert kinds(org.staff) == ["premises_ticket_status"] * 6  # not for the reporter's own reopen


@pytest.mark.parametrize(
    ("start", "target"),
    [(S.NEW, S.NEW), (S.IN_PROGRESS, S.NEW), (S.WAITING, S.CLOSED), (S.CLOSED, S.IN_PROGRESS), (S.RESOLVED, S.NEW)],
)
def test_transitions_not_in_the_table_are_refused(org, start, target):
    ticket = TicketFactory(site=org.site, reporter=org.staff, status=start)
    assert target not in TRANSITIONS[start]
    with pytest.raises(ValidationError, match="cannot go from"):
        ticket_transition(ticket=ticket, by=org.office_manager, status=target)
    ticket.refresh_from_db()
    assert ticket.status == start


@pytest.mark.usefixtures("colleague_handles_tickets")
def test_the_reporter_cannot_move_an_open_ticket_but_the_assignee_can(org, ticket):
    with pytest.raises(PermissionDenied):
        ticket_transition(ticket=ticket, by=org.staff, status=S.RESOLVED)
    with pytest.raises(PermissionDenied):
        ticket_transition(ticket=ticket, by=org.outsider, status=S.IN_PROGRESS)
    ticket_triage(ticket=ticket, by=org.office_manager, assignee=org.colleague)
    ticket_transition(ticket=ticket, by=org.colleague, status=S.IN_PROGRESS)


def test_public_comments_tell_the_reporter_internal_notes_do_not(org, ticket):
    ticket_comment(ticket=ticket, by=org.office_manager, body="The plumber comes Thursday")
    ticket_comment(ticket=ticket, by=org.office_manager, body="Quote is 400 €", internal=True)
    ticket_comment(ticket=ticket, by=org.staff, body="Thanks")
    assert kinds(org.staff) == ["premises_ticket_comment"]
    assert [c.body for c in ticket_comments_visible_to(org.staff, ticket)] == ["The plumber comes Thursday", "Thanks"]
    assert len(ticket_comments_visible_to(org.office_manager, ticket)) == 3


def test_staff_cannot_write_internal_notes_nor_comment_on_others_tickets(org, ticket):
    with pytest.raises(PermissionDenied):
        ticket_comment(ticket=ticket, by=org.staff, body="x", internal=True)
    with pytest.raises(PermissionDenied):
        ticket_comment(ticket=ticket, by=org.outsider, body="x")


def test_staff_see_only_their_own_tickets_the_office_manager_all(org, ticket):
    other = TicketFactory(site=org.site, reporter=org.colleague)
    assert list(tickets_visible_to(org.staff)) == [ticket]
    assert set(tickets_visible_to(org.office_manager)) == {ticket, other}
    assigned = TicketFactory(site=org.site, reporter=org.colleague, assignee=org.staff)
    assert set(tickets_visible_to(org.staff)) == {ticket, assigned}


def test_open_tickets_most_urgent_then_oldest(org):
    low = TicketFactory(site=org.site, urgency=TicketUrgency.LOW)
    critical = TicketFactory(site=org.site, urgency=TicketUrgency.CRITICAL)
    normal_old = TicketFactory(site=org.site, urgency=TicketUrgency.NORMAL)
    normal_new = TicketFactory(site=org.site, urgency=TicketUrgency.NORMAL)
    TicketFactory(site=org.site, urgency=TicketUrgency.CRITICAL, status=S.CLOSED)
    assert list(open_tickets(org.office_manager)) == [critical, normal_old, normal_new, low]
