"""What the director reads on the agenda (issue #12): their own approvals waiting, the company's
events (public holidays per site), "This week" landing on the week of today, and the key figures a
director reads: away this week, open safety non-compliances, spend against budget (purchasing) and
quotes awaiting an answer (quotes), never office-operations figures (unread notifications)."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from apps.accounts.tests.factories import SiteFactory, UserFactory
from apps.core import registry
from apps.core.tests.home_data import NOW, submit_leave
from apps.core.tests.pages import Page
from apps.leave import services as leave_services
from apps.notifications.services import notify
from apps.premises.models import CheckRecord, CheckResult, TicketStatus
from apps.premises.tests.factories import CheckItemFactory, TicketFactory
from apps.purchasing import contributions as purchasing_contributions
from apps.purchasing.tests.factories import BudgetFactory, SupplierInvoiceFactory
from apps.quotes import contributions as quotes_contributions
from apps.quotes.models import QuoteStatus
from apps.quotes.tests.factories_integration import QuoteFactory

D = dt.date


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):  # Monday 2 March 2026
        yield


def _figures(page: Page) -> dict[str, str]:
    return {card.text.split(" ")[0]: card.text for card in page.by_testid("card")}


def _record(item, result, recorded_by, *, ticket_status=None):
    record = CheckRecord.objects.create(
        item=item, done_on=D(2026, 2, 20), done_by="Sécurité SA", result=result, recorded_by=recorded_by
    )
    if ticket_status is not None:
        TicketFactory(site=item.site, reporter=recorded_by, source_check=record, status=ticket_status)
    return record


def test_this_week_lands_on_the_week_of_today(org, client_for):
    client = client_for(org.director)
    page = Page(client.get("/agenda/?start=2026-05-13").content)
    this_week = {text: href for href, text in page.links}["This week"]
    assert this_week == "?start=2026-03-02"
    landed = Page(client.get(reverse("agenda:index") + this_week).content)
    assert "Week 10: Monday 2 March to Sunday 8 March 2026" in landed.text
    current = next(e for e in landed.elements if e.tag == "a" and e.text == "This week")
    assert current.attrs.get("aria-current") == "page"


def test_the_director_sees_their_own_approvals_waiting(org, client_for):
    request = submit_leave(org.other_manager, D(2026, 3, 16), D(2026, 3, 17))  # a manager's: the director decides
    submit_leave(org.staff, D(2026, 3, 18), D(2026, 3, 18))  # their manager's to decide, not the director's
    page = Page(client_for(org.director).get("/agenda/").content)
    section = page.by_testid("agenda-approvals")[0].text
    name = org.other_manager.get_full_name()
    assert f"Leave request: {name}" in section
    assert org.staff.get_full_name() not in section
    assert (reverse("leave:request_detail", args=[request.pk]), f"Leave request: {name}") in page.links
    assert (reverse("core:inbox"), "Open the approvals inbox (1 request)") in page.links


def test_nothing_waiting_says_so(org, client_for):
    page = Page(client_for(org.director).get("/agenda/").content)
    assert "Nothing waits for your decision." in page.by_testid("agenda-approvals")[0].text


def test_the_company_events_are_the_public_holidays_of_its_sites(org, client_for):
    SiteFactory(name="Metz", holiday_subdivision="57")
    client = client_for(org.director)
    page = Page(client.get("/agenda/?start=2026-03-30").content)
    assert "Public holiday: Good Friday (Metz)" in page.text  # Moselle only
    page = Page(client.get("/agenda/?start=2026-04-06").content)
    assert "Public holiday: Easter Monday" in page.text
    assert "Easter Monday (" not in page.text  # every site: named once, without sites


def test_the_key_figures_are_a_directors(org, client_for):
    submit_leave(org.staff, D(2026, 3, 6), D(2026, 3, 6))  # pending: not away yet
    approved = submit_leave(org.colleague, D(2026, 3, 5), D(2026, 3, 6))
    leave_services.leave_request_approve(request=approved, by=org.manager)
    later = submit_leave(org.outsider, D(2026, 3, 9), D(2026, 3, 9))  # next week
    leave_services.leave_request_approve(request=later, by=org.other_manager)
    item = CheckItemFactory(site=org.site)
    _record(item, CheckResult.NON_COMPLIANT, org.office_manager, ticket_status=TicketStatus.IN_PROGRESS)
    _record(item, CheckResult.NON_COMPLIANT, org.office_manager, ticket_status=TicketStatus.NEW)  # just reported
    _record(item, CheckResult.NON_COMPLIANT, org.office_manager, ticket_status=TicketStatus.RESOLVED)
    _record(item, CheckResult.COMPLIANT, org.office_manager)
    notify(recipient=org.director, kind="message", context={"title": "Hello", "body": ""})
    page = Page(client_for(org.director).get("/agenda/").content)
    figures = _figures(page)
    assert figures["Away"].startswith("Away this week 1 person on leave this week")
    assert figures["Safety"].startswith("Safety non-compliances 2")
    assert "People" not in figures  # the head count is not a figure a director acts on
    assert "Unread notifications" not in page.text
    assert "Leave requests pending" not in page.text and "Room bookings today" not in page.text
    # No budget for the year yet: no spend figure, and no quote is awaiting an answer.
    assert "Spend" not in figures
    assert figures["Quotes"].startswith("Quotes awaiting an answer 0 0.00 € excl. VAT")


def test_the_director_reads_spend_against_budget_and_quotes_awaiting_an_answer(org, client_for):
    BudgetFactory(year=2026, amount=Decimal("10000.00"))
    BudgetFactory(year=2025, amount=Decimal("99000.00"))  # another year's: not counted
    SupplierInvoiceFactory(
        issued_on=D(2026, 2, 10), total_excl_vat=Decimal("2500.00"), total_vat=Decimal("500.00"), total_incl_vat=3000
    )
    SupplierInvoiceFactory(
        issued_on=D(2025, 12, 10), total_excl_vat=Decimal("7000.00"), total_vat=Decimal("0.00"), total_incl_vat=7000
    )
    QuoteFactory(created_by=org.office_manager, total_excl_vat=Decimal("1250.50"))
    QuoteFactory(created_by=org.office_manager, status=QuoteStatus.ISSUED, total_excl_vat=Decimal("1000.00"))
    QuoteFactory(created_by=org.office_manager, status=QuoteStatus.ACCEPTED)  # answered
    QuoteFactory(created_by=org.office_manager, status=QuoteStatus.DRAFT, number="", issue_date=None, valid_until=None)
    page = Page(client_for(org.director).get("/agenda/").content)
    figures = _figures(page)
    assert figures["Spend"] == "Spend against budget 2026 25 % 2,500 € committed and invoiced of 10,000 € excl. VAT"
    assert figures["Quotes"] == "Quotes awaiting an answer 2 2,250.50 € excl. VAT"
    hrefs = {href for href, _text in page.links}
    assert reverse("purchasing:budgets") in hrefs
    assert f"{reverse('quotes:quote_list')}?status=awaiting" in hrefs


def test_the_directors_figures_cost_the_same_queries_whatever_the_volume(org, django_assert_max_num_queries):
    BudgetFactory(year=2026)
    for _ in range(30):
        QuoteFactory(created_by=org.office_manager)
    assert org.director.is_director  # the roles are read once per user, before counting
    with django_assert_max_num_queries(3):  # the year's budgets, their invoices, their orders
        spend = purchasing_contributions.director_figures(org.director)
    with django_assert_max_num_queries(1):
        quotes = quotes_contributions.director_figures(org.director)
    assert [str(card.title) for card in spend + quotes] == ["Spend against budget 2026", "Quotes awaiting an answer"]


def test_director_figures_are_for_the_director_and_the_office_manager(org):
    assert registry.director_figures(org.staff) == []
    assert registry.director_figures(org.manager) == []
    assert {str(card.title) for card in registry.director_figures(org.director)} >= {
        "Away this week",
        "Safety non-compliances",
        "Quotes awaiting an answer",
    }


def test_staff_may_not_open_the_agenda(org, client_for):
    assert client_for(org.staff).get("/agenda/").status_code == 403
    assert client_for(UserFactory()).post("/agenda/").status_code in (403, 405)
