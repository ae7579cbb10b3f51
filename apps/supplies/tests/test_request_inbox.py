"""Supply requests in the approvals inbox and on the office manager's dashboard, for the right people only."""

import pytest
from django.urls import reverse

from apps.core import registry
from apps.supplies import contributions
from apps.supplies.services import request_decide
from apps.supplies.tests.requests_helpers import submitted

pytestmark = pytest.mark.django_db


def titles(user):
    return [approval.title for approval in contributions.pending_approvals(user)]


def test_the_office_manager_gets_what_awaits_them_with_buttons(org, client_for):
    request = submitted(org.staff, "120.00", "30.00")
    (approval,) = contributions.pending_approvals(org.office_manager)
    assert approval.approve_url == reverse("supplies:request_approve", args=[request.pk]) + "?next=/inbox/"
    assert approval.refuse_url == reverse("supplies:request_refuse", args=[request.pk])
    assert approval.url == reverse("supplies:request_detail", args=[request.pk])
    assert "2 lines · 150.00 € excl. VAT" in approval.detail
    page = client_for(org.office_manager).get(reverse("core:inbox")).content.decode()
    assert f"Supply request #{request.pk}" in page and approval.approve_url.replace("&", "&amp;") in page


def test_the_director_sees_only_what_awaits_the_director(org, client_for):
    waiting_office = submitted(org.staff, "800.00")
    for_director = request_decide(request=submitted(org.colleague, "900.00"), by=org.office_manager)
    assert titles(org.director) == [f"Supply request #{for_director.pk}: {org.colleague} (director's approval)"]
    assert [a.url for a in contributions.pending_approvals(org.office_manager)] == [waiting_office.get_absolute_url()]
    page = client_for(org.director).get(reverse("core:inbox")).content.decode()
    assert f"#{for_director.pk}" in page and f"#{waiting_office.pk}:" not in page


def test_staff_and_managers_get_nothing(org):
    submitted(org.staff, "80.00")
    assert titles(org.staff) == [] and titles(org.manager) == []
    assert not contributions.approves(org.staff) and not contributions.approves(org.manager)
    assert contributions.approves(org.office_manager) and contributions.approves(org.director)


def test_an_office_managers_own_request_waits_for_the_others_and_the_director(org):
    own = submitted(org.office_manager, "80.00")
    assert titles(org.office_manager) == []
    assert [a.url for a in contributions.pending_approvals(org.director)] == [own.get_absolute_url()]


def test_the_inbox_badge_counts_supply_requests(org):
    submitted(org.staff, "80.00")
    submitted(org.colleague, "90.00")
    assert registry.pending_approvals_count(org.office_manager) >= 2


def test_the_inbox_costs_one_query_whatever_the_number_of_requests(org, django_assert_max_num_queries):
    for _ in range(10):
        submitted(org.staff, "80.00", "10.00")
    # The roles' query (the fixture's user has not read its groups yet), then the rows.
    with django_assert_max_num_queries(2):
        assert len(contributions.pending_approvals(org.office_manager)) == 10


def test_dashboard_cards_for_the_office_manager(org):
    submitted(org.staff, "80.00")
    request_decide(request=submitted(org.colleague, "20.00"), by=org.office_manager)
    waiting, to_prepare = contributions.dashboard_cards(org.office_manager)[:2]
    assert (waiting.value, waiting.severity) == (1, "warning")
    assert to_prepare.value == 1
    assert contributions.dashboard_cards(org.director) == [] and contributions.dashboard_cards(org.staff) == []
