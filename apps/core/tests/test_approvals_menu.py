"""The "Approvals" menu entry shows to people who approve something (a manager, the office manager,
the director) and to a deputy while something waits for them; never as an always-empty link to
staff who approve nothing (issue #12). It costs no query of its own."""

import datetime as dt

import pytest
import time_machine

from apps.accounts.models import User
from apps.core import registry
from apps.core.tests.home_data import NOW, submit_leave
from apps.core.tests.pages import Page
from apps.leave.models import Deputy


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _has_approvals_entry(client) -> bool:
    page = Page(client.get("/me/").content)
    return any(href == "/inbox/" for href, _ in page.links)


@pytest.mark.parametrize("who", ["manager", "office_manager", "director"])
def test_approvers_see_the_approvals_entry(org, client_for, who):
    assert _has_approvals_entry(client_for(getattr(org, who)))
    assert registry.approves(getattr(org, who))


def test_staff_who_approve_nothing_do_not_see_it(org, client_for):
    assert not registry.approves(org.staff)
    assert not _has_approvals_entry(client_for(org.staff))


def test_a_deputy_sees_it_while_a_request_waits_for_them(org, client_for):
    Deputy.objects.create(
        person=org.manager, deputy=org.staff, start_date=dt.date(2026, 3, 1), end_date=dt.date(2026, 3, 31)
    )
    client = client_for(org.staff)
    assert not _has_approvals_entry(client)  # nothing waits yet
    submit_leave(org.colleague, dt.date(2026, 3, 16), dt.date(2026, 3, 16))
    assert _has_approvals_entry(client)


def test_the_entry_costs_no_query_of_its_own(org, django_assert_max_num_queries):
    # request.user is loaded with its roles (UserManager.with_roles): deciding reads no table.
    staff, manager = (User.objects.with_roles().get(pk=u.pk) for u in (org.staff, org.manager))
    with django_assert_max_num_queries(0):
        assert registry.approves(staff) is False
        assert registry.approves(manager) is True
