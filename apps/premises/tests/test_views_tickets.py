"""Repair ticket pages: report, my tickets, the office manager's queue, triage, statuses, comments."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.accounts.models import User
from apps.premises.models import Ticket, TicketComment, TicketStatus, TicketUrgency
from apps.premises.tests.factories import TicketFactory

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture(autouse=True)
def _english(org):
    """Pages in English: the assertions read the msgids."""
    User.objects.update(language="en")


def photo() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "red").save(buffer, "JPEG")
    return SimpleUploadedFile("leak.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_anyone_reports_a_problem_with_a_photo(org, room, client, client_for):
    url = reverse("premises:ticket_new")
    assert client.get(url).status_code == 302
    staff = client_for(org.staff)
    assert staff.get(url).status_code == 200
    data = {
        "site": org.site.pk,
        "room": room.pk,
        "category": "plumbing",
        "urgency": "high",
        "description": "The tap leaks.",
        "photo": photo(),
    }
    response = staff.post(url, data)
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("premises:ticket_detail", args=[ticket.pk])
    assert (ticket.reporter, ticket.room, ticket.urgency) == (org.staff, room, TicketUrgency.HIGH)
    assert staff.get(reverse("premises:ticket_photo", args=[ticket.pk])).status_code == 200
    assert client_for(org.colleague).get(reverse("premises:ticket_photo", args=[ticket.pk])).status_code == 404


def test_a_report_without_a_place_is_refused(org, client_for):
    data = {"site": org.site.pk, "category": "other", "urgency": "normal", "description": "Something"}
    response = client_for(org.staff).post(reverse("premises:ticket_new"), data)
    assert response.status_code == 200
    assert "Say where" in response.content.decode()
    assert not Ticket.objects.exists()


def test_my_tickets_lists_only_mine(org, client_for):
    TicketFactory(site=org.site, reporter=org.staff, description="My leak", place="Kitchen")
    TicketFactory(site=org.site, reporter=org.colleague, description="Their leak", place="Hall")
    html = client_for(org.staff).get(reverse("premises:my_tickets")).content.decode()
    assert "My leak" in html and "Their leak" not in html


def test_someone_elses_ticket_is_a_404(org, client_for):
    ticket = TicketFactory(site=org.site, reporter=org.colleague, place="Hall")
    staff = client_for(org.staff)
    assert staff.get(reverse("premises:ticket_detail", args=[ticket.pk])).status_code == 404
    assert staff.post(reverse("premises:ticket_comment", args=[ticket.pk]), {"body": "Hi"}).status_code == 404
    assert staff.post(reverse("premises:ticket_transition", args=[ticket.pk]), {"status": "closed"}).status_code == 404


def test_the_ticket_list_is_for_the_office_manager_sorted_by_urgency_then_age(org, client_for):
    low = TicketFactory(site=org.site, reporter=org.staff, urgency="low", description="Low one", place="A")
    critical = TicketFactory(
        site=org.site, reporter=org.staff, urgency="critical", description="Critical one", place="B"
    )
    TicketFactory(site=org.site, reporter=org.staff, status="closed", description="Closed one", place="C")
    url = reverse("premises:ticket_list")
    assert client_for(org.staff).get(url).status_code == 403
    client = client_for(org.office_manager)
    assert client.post(url).status_code == 405
    html = client.get(url).content.decode()
    assert html.index("Critical one") < html.index("Low one")
    assert "Closed one" not in html
    filtered = client.get(url, {"urgency": "low"}).content.decode()
    assert "Low one" in filtered and "Critical one" not in filtered
    assert "Closed one" in client.get(url, {"status": "all"}).content.decode()
    assert low.pk and critical.pk


def test_the_ticket_list_has_a_query_cap(org, client_for, django_assert_max_num_queries):
    for n in range(40):
        TicketFactory(site=org.site, reporter=org.staff, urgency=TicketUrgency.values[n % 4], place=f"P{n}")
    client = client_for(org.office_manager)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("premises:ticket_list"))
    assert response.content.decode().count('data-testid="ticket-row"') == 30


@pytest.mark.usefixtures("colleague_handles_tickets")
def test_triage_and_status_buttons(org, client_for):
    ticket = TicketFactory(site=org.site, reporter=org.staff, place="Hall")
    client = client_for(org.office_manager)
    html = client.get(reverse("premises:ticket_detail", args=[ticket.pk])).content.decode()
    assert 'value="in_progress"' in html and 'data-testid="triage-form"' in html
    response = client.post(
        reverse("premises:ticket_triage", args=[ticket.pk]),
        {"urgency": "critical", "assignee": org.colleague.pk, "supplier": "Plombier Martin", "due_date": "2026-03-05"},
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.urgency, ticket.assignee, ticket.supplier) == ("critical", org.colleague, "Plombier Martin")
    client.post(reverse("premises:ticket_transition", args=[ticket.pk]), {"status": "resolved"})
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.RESOLVED


def test_staff_cannot_triage_and_see_no_status_buttons_until_resolved(org, client_for):
    ticket = TicketFactory(site=org.site, reporter=org.staff, place="Hall")
    staff = client_for(org.staff)
    assert staff.post(reverse("premises:ticket_triage", args=[ticket.pk]), {"urgency": "low"}).status_code == 403
    html = staff.get(reverse("premises:ticket_detail", args=[ticket.pk])).content.decode()
    assert 'data-testid="transitions"' not in html
    assert staff.post(reverse("premises:ticket_transition", args=[ticket.pk]), {"status": "closed"}).status_code == 403
    Ticket.objects.filter(pk=ticket.pk).update(status=TicketStatus.RESOLVED)
    html = staff.get(reverse("premises:ticket_detail", args=[ticket.pk])).content.decode()
    assert 'value="closed"' in html and "Reopen" in html
    staff.post(reverse("premises:ticket_transition", args=[ticket.pk]), {"status": "closed"})
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CLOSED


def test_a_transition_that_is_not_allowed_shows_a_message(org, client_for):
    ticket = TicketFactory(site=org.site, reporter=org.staff, place="Hall", status=TicketStatus.IN_PROGRESS)
    client = client_for(org.office_manager)
    response = client.post(reverse("premises:ticket_transition", args=[ticket.pk]), {"status": "new"}, follow=True)
    assert response.status_code == 200
    assert "cannot go from" in response.content.decode()


def test_internal_notes_are_hidden_from_the_reporter(org, client_for):
    ticket = TicketFactory(site=org.site, reporter=org.staff, place="Hall")
    manager = client_for(org.office_manager)
    manager.post(reverse("premises:ticket_comment", args=[ticket.pk]), {"body": "Supplier is slow", "internal": "on"})
    manager.post(reverse("premises:ticket_comment", args=[ticket.pk]), {"body": "Plumber comes Monday"})
    assert TicketComment.objects.count() == 2
    staff = client_for(org.staff)
    html = staff.get(reverse("premises:ticket_detail", args=[ticket.pk])).content.decode()
    assert "Plumber comes Monday" in html and "Supplier is slow" not in html
    # The reporter's own comment is always public, whatever they post.
    staff.post(reverse("premises:ticket_comment", args=[ticket.pk]), {"body": "Thanks", "internal": "on"})
    assert TicketComment.objects.get(body="Thanks").is_internal is False


def test_an_empty_comment_re_renders_with_an_error(org, client_for):
    ticket = TicketFactory(site=org.site, reporter=org.staff, place="Hall")
    response = client_for(org.staff).post(reverse("premises:ticket_comment", args=[ticket.pk]), {"body": ""})
    assert response.status_code == 200
    assert not TicketComment.objects.exists()
