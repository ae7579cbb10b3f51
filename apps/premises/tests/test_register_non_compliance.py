"""A check found non-compliant shows "To fix" (not a green "Up to date") until its repair ticket is
resolved or closed, and counts on the office manager's dashboard as an open safety non-compliance."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from apps.accounts.models import User
from apps.premises import contributions, selectors
from apps.premises.models import CheckResult, CheckStatus, Ticket, TicketStatus
from apps.premises.services import checkrecord_create, ticket_transition
from apps.premises.tests.factories import CheckItemFactory

pytestmark = pytest.mark.usefixtures("clock")  # 2 March 2026


@pytest.fixture(autouse=True)
def _english(org):
    User.objects.update(language="en")


@pytest.fixture
def item(org):
    return CheckItemFactory(site=org.site, name="Electrical installation", first_due_date=dt.date(2026, 3, 15))


def non_compliant(item, by, done_on=dt.date(2026, 2, 20)):
    return checkrecord_create(
        item=item, by=by, done_on=done_on, done_by="Veritas", result=CheckResult.NON_COMPLIANT, to_fix="No earth"
    )


def register_status(client) -> str:
    html = client.get(reverse("premises:register")).content.decode()
    assert html.count('data-testid="register-row"') == 1
    for status in CheckStatus.values:
        if f'data-status="{status}"' in html:
            return status
    raise AssertionError("no status shown")


def test_a_non_compliant_check_is_to_fix_until_its_ticket_is_resolved(org, item, client_for):
    record = non_compliant(item, org.office_manager)
    client = client_for(org.office_manager)
    assert register_status(client) == CheckStatus.TO_FIX  # due 20/02/2027: it would be "up to date"
    html = client.get(reverse("premises:register_item", args=[item.pk])).content.decode()
    assert 'data-status="to_fix"' in html and "To fix" in html and 'data-status="ok"' not in html

    ticket = Ticket.objects.get(source_check=record)
    ticket_transition(ticket=ticket, by=org.office_manager, status=TicketStatus.IN_PROGRESS)
    assert register_status(client) == CheckStatus.TO_FIX  # being worked on is not fixed
    ticket_transition(ticket=ticket, by=org.office_manager, status=TicketStatus.RESOLVED)
    assert register_status(client) == CheckStatus.OK


def test_a_closed_ticket_ends_the_non_compliance_too(org, item, client_for):
    Ticket.objects.filter(source_check=non_compliant(item, org.office_manager)).update(status=TicketStatus.CLOSED)
    assert register_status(client_for(org.director)) == CheckStatus.OK


def test_overdue_stays_overdue(org, item, client_for):
    non_compliant(item, org.office_manager, done_on=dt.date(2025, 2, 1))  # due again 1 Feb 2026
    assert register_status(client_for(org.office_manager)) == CheckStatus.OVERDUE


def test_observations_are_not_a_non_compliance(org, item, client_for):
    checkrecord_create(
        item=item, by=org.office_manager, done_on=dt.date(2026, 2, 20), done_by="Veritas",
        result=CheckResult.OBSERVATIONS, to_fix="Label faded",
    )  # fmt: skip
    assert register_status(client_for(org.office_manager)) == CheckStatus.OK
    assert selectors.open_non_compliances_count(dt.date(2026, 3, 2)) == 0


def test_the_register_summary_counts_the_checks_to_fix(org, item, client_for):
    non_compliant(item, org.office_manager)
    html = client_for(org.office_manager).get(reverse("premises:register")).content.decode()
    assert "1 to fix" in html
    assert selectors.register_summary(org.office_manager, dt.date(2026, 3, 2))[CheckStatus.TO_FIX] == 1


def test_open_non_compliances_count(org, item):
    first = non_compliant(item, org.office_manager)
    other = CheckItemFactory(site=org.site, name="Fire alarm")
    non_compliant(other, org.office_manager, done_on=dt.date(2026, 3, 1))
    assert selectors.open_non_compliances_count(dt.date(2026, 3, 2)) == 2
    assert selectors.open_non_compliances_count(dt.date(2026, 2, 25)) == 1  # as it stood on that day
    Ticket.objects.filter(source_check=first).update(status=TicketStatus.RESOLVED)
    assert selectors.open_non_compliances_count(dt.date(2026, 3, 2)) == 1
    other.is_active = False
    other.save()
    assert selectors.open_non_compliances_count() == 0


def test_the_dashboard_counts_open_safety_non_compliances(org, item, django_assert_max_num_queries):
    non_compliant(item, org.office_manager)
    assert org.office_manager.is_office_manager
    with translation.override("en"), django_assert_max_num_queries(1):
        cards = {str(card.title): card for card in contributions.dashboard_cards(org.office_manager)}
    card = cards["Safety non-compliances to fix"]
    assert card.value == 1 and card.severity == "danger"
    assert card.url == reverse("premises:register")
    Ticket.objects.update(status=TicketStatus.RESOLVED)
    with translation.override("en"):
        cards = {str(card.title): card for card in contributions.dashboard_cards(org.office_manager)}
    assert cards["Safety non-compliances to fix"].value == 0
