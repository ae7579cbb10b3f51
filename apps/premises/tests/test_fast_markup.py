"""The markup the premises pages write in Python (day grid, badges) is what the templates wrote, escaped."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from apps.accounts.models import User
from apps.premises.models import CheckStatus, Ticket, TicketStatus, TicketUrgency
from apps.premises.templatetags.premises_ui import check_status_badge, ticket_badges
from apps.premises.tests.conftest import TUESDAY, at
from apps.premises.tests.factories import BookingFactory, RoomFactory

pytestmark = pytest.mark.usefixtures("clock")

# The templates these tags replace, kept here to compare with.
OLD_TICKET_BADGES = (
    "{% load i18n %}<span class=\"badge {% if ticket.urgency == 'critical' %}text-bg-danger{% elif ticket.urgency == "
    "'high' %}text-bg-warning{% elif ticket.urgency == 'normal' %}text-bg-info{% else %}text-bg-light border{% endif %}"
    '" data-testid="urgency">{{ ticket.get_urgency_display }}</span> <span class="badge {% if ticket.status == '
    "'new' %}text-bg-primary{% elif ticket.status == 'resolved' or ticket.status == 'closed' %}text-bg-success"
    '{% else %}text-bg-secondary{% endif %}" data-testid="status">{{ ticket.get_status_display }}</span>'
)
OLD_STATUS_BADGE = (
    '{% load i18n %}{% if status == "overdue" %}<span class="badge text-bg-danger status-badge" data-status="overdue">'
    '{% translate "Overdue" %}</span>{% elif status == "due_soon" %}<span class="badge text-bg-warning status-badge" '
    'data-status="due_soon">{% translate "Due soon" %}</span>{% else %}<span class="badge text-bg-success '
    'status-badge" data-status="ok">{% translate "Up to date" %}</span>{% endif %}'
)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_ticket_badges_are_the_template_s(language):
    with translation.override(language):
        for urgency in TicketUrgency.values:
            for status in TicketStatus.values:
                ticket = Ticket(urgency=urgency, status=status)
                assert ticket_badges(ticket) == Template(OLD_TICKET_BADGES).render(Context({"ticket": ticket}))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_check_status_badge_is_the_template_s(language):
    with translation.override(language):
        for status in CheckStatus.values:
            assert check_status_badge(status) == Template(OLD_STATUS_BADGE).render(Context({"status": status}))


def test_day_grid_escapes_names_and_titles_and_links_each_room_once(org, floor, client_for):
    User.objects.update(language="en")
    room = RoomFactory(floor=floor, name="<b>Salle</b> & co")
    title = '"><script>x</script>'
    BookingFactory(room=room, person=org.staff, title=title, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    html = client_for(org.staff).get(reverse("premises:day"), {"date": TUESDAY.isoformat()}).content.decode()
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<b>Salle</b>" not in html and "&lt;b&gt;Salle&lt;/b&gt; &amp; co" in html
    # One link to book the room (for the keyboard); the hour clicked is added by premises.js.
    assert html.count(f"&amp;space=room:{room.pk}") == 1
    assert html.count(f'data-space="room:{room.pk}"') == 1
    assert "&amp;start=" not in html  # no link per free hour
    booking = room.bookings.get()
    assert f'href="{reverse("premises:booking_detail", args=[booking.pk])}"' in html
    assert 'data-style="left: 16.667%; width: 8.333%;"' in html  # 10:00–11:00 of 08:00–20:00
