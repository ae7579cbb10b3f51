"""The ticket queue in a real browser: a table at 1366 px, a card per ticket at 390 px (urgency,
status, handler and due date readable, nothing wider than the screen), overdue tickets marked in
words; and a ticket page with its history. ``SCREENSHOT_DIR=...`` keeps screenshots of each."""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from apps.accounts.models import TICKET_HANDLER_GROUP, User
from apps.core.tests.browser import sign_in
from apps.premises.models import TicketUrgency
from apps.premises.services import ticket_comment, ticket_transition, ticket_triage
from apps.premises.tests.factories import TicketFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}


@pytest.fixture
def tickets(org):
    org.colleague.first_name, org.colleague.last_name = "Karim", "Benali"
    org.colleague.save()
    org.colleague.groups.add(Group.objects.get_or_create(name=TICKET_HANDLER_GROUP)[0])
    org.office_manager.first_name, org.office_manager.last_name = "Olivia", "Martin"
    org.office_manager.save()
    User.objects.update(language="fr")
    today = timezone.localdate()
    om = org.office_manager
    late = TicketFactory(
        site=org.site, reporter=org.staff, place="Cuisine du 2e", description="Le robinet fuit sous l'évier."
    )
    ticket_triage(
        ticket=late,
        by=om,
        assignee=org.colleague,
        urgency=TicketUrgency.HIGH,
        supplier="Plomberie Durand",
        due_date=today - dt.timedelta(days=2),
    )
    ticket_transition(ticket=late, by=org.colleague, status="in_progress", note="Je passe demain matin.")
    ticket_comment(ticket=late, by=om, body="Devis de 400 € validé.", internal=True)
    soon = TicketFactory(site=org.site, reporter=org.staff, place="Accueil", category="electricity")
    ticket_triage(ticket=soon, by=om, assignee=om, due_date=today + dt.timedelta(days=5))
    TicketFactory(site=org.site, reporter=org.colleague, place="Salle Rhône", category="it", urgency="critical")
    return late


def _shot(page, name: str) -> None:
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOT_DIR}/{name}.png", full_page=True)


def test_the_queue_is_a_table_on_a_desktop_and_cards_on_a_phone(live_server, page, org, tickets):
    sign_in(page, live_server, org.office_manager)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/premises/tickets/")
    rows = page.get_by_test_id("ticket-row")
    _shot(page, "queue-1366")
    assert rows.count() == 3 and rows.first.is_visible()
    assert not page.get_by_test_id("ticket-cards").is_visible()
    assert page.locator("tr.ticket-overdue").get_by_text("En retard").is_visible()

    page.set_viewport_size(PHONE)
    page.reload()
    assert not rows.first.is_visible()
    cards = page.get_by_test_id("ticket-card")
    assert cards.count() == 3
    late = cards.filter(has_text="Le robinet fuit")
    for text in ("Haute", "En cours", "Karim Benali", "Plomberie Durand", "Échéance", "En retard"):
        assert late.get_by_text(text, exact=False).first.is_visible(), text
    # Nothing runs off the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _shot(page, "queue-390")

    page.get_by_label(re.compile("qui me sont attribuées", re.I)).check()
    page.wait_for_url(re.compile(r"mine=on"))
    assert page.get_by_test_id("ticket-card").count() == 1
    assert "Accueil" in page.get_by_test_id("ticket-card").inner_text()


def test_the_ticket_page_shows_its_history(live_server, page, org, tickets):
    sign_in(page, live_server, org.office_manager)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/premises/tickets/{tickets.pk}/")
    history = page.get_by_test_id("history")
    _shot(page, "ticket-history-1366")
    text = history.inner_text()
    lines = ["A signalé le problème.", "A changé l'urgence", "A confié la demande à Karim Benali.", "Plomberie Durand"]
    lines += ["A changé le statut de « Nouvelle »", "Je passe demain matin.", "Devis de 400 € validé."]
    positions = [text.index(line) for line in lines]
    assert positions == sorted(positions), text
    assert page.locator(".page-header").get_by_text("En retard").is_visible()
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _shot(page, "ticket-history-390")
    # The reporter does not see the internal note.
    page.context.clear_cookies()
    sign_in(page, live_server, org.staff)
    page.goto(f"{live_server.url}/premises/tickets/{tickets.pk}/")
    assert "Devis de 400" not in page.get_by_test_id("history").inner_text()
