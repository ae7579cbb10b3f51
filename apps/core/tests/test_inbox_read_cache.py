"""The approvals inbox and the layout's badge through the read cache (apps/core/cache.py): leave's
``pending_approvals`` is kept (CACHED_HOOKS), so a repeat request reads less, a request submitted or
decided shows at the next request, and each approver keeps their own list."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core import registry
from apps.core.tests.home_data import NOW, book_room, submit_leave
from apps.core.tests.pages import Page
from apps.leave import services as leave_services
from apps.premises import services as premises_services

D = dt.date


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _get(client_for, user, url: str) -> tuple[Page, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client_for(user).get(url)
    assert response.status_code == 200
    return Page(response.content), [query["sql"] for query in queries]


def _titles(page: Page) -> list[str]:
    return [card.text for card in page.by_testid("approval")]


def _inbox_badge(page: Page) -> int:
    found = page.by_testid("inbox-count")
    return int(found[0].text) if found else 0


def test_a_repeat_inbox_request_runs_fewer_queries(org, client_for, commit):
    with commit():
        submit_leave(org.staff, D(2026, 5, 4), D(2026, 5, 6))
    first, first_queries = _get(client_for, org.manager, "/inbox/")
    again, again_queries = _get(client_for, org.manager, "/inbox/")
    assert len(again_queries) < len(first_queries)
    # Neither the list nor the badge reads the approval steps again: the badge is the kept list's length.
    assert any("leave_approvalstep" in sql for sql in first_queries)
    assert not any("leave_approvalstep" in sql for sql in again_queries)
    assert _titles(again) == _titles(first) and len(_titles(again)) == 1


def test_a_submitted_then_approved_request_shows_at_the_next_request(org, client_for, commit):
    name = org.staff.get_full_name()
    page, _ = _get(client_for, org.manager, "/inbox/")
    assert _titles(page) == [] and _inbox_badge(page) == 0
    with commit():
        request = submit_leave(org.staff, D(2026, 5, 4), D(2026, 5, 6))
    page, _ = _get(client_for, org.manager, "/inbox/")
    assert [f"Leave request: {name}" in title for title in _titles(page)] == [True]
    assert _inbox_badge(page) == 1
    # Another page: the badge is the kept list's length, not a count of its own.
    page, _ = _get(client_for, org.manager, "/me/")
    assert _inbox_badge(page) == 1
    with commit():
        leave_services.leave_request_approve(request=request, by=org.manager)
    page, _ = _get(client_for, org.manager, "/inbox/")
    assert _titles(page) == [] and _inbox_badge(page) == 0
    page, _ = _get(client_for, org.manager, "/me/")
    assert _inbox_badge(page) == 0


def test_each_approver_keeps_their_own_inbox(org, client_for, commit):
    with commit():
        submit_leave(org.staff, D(2026, 5, 4), D(2026, 5, 6))
    manager, _ = _get(client_for, org.manager, "/inbox/")
    other, _ = _get(client_for, org.other_manager, "/inbox/")
    assert len(_titles(manager)) == 1 and _inbox_badge(manager) == 1
    assert _titles(other) == [] and _inbox_badge(other) == 0
    # The staff member's own request is never theirs to decide.
    staff, _ = _get(client_for, org.staff, "/me/")
    assert _inbox_badge(staff) == 0


def test_the_badge_counts_the_same_with_and_without_the_read_cache(org, settings, commit):
    with commit():
        submit_leave(org.staff, D(2026, 5, 4), D(2026, 5, 6))
    kept = registry.pending_approvals_count(org.manager)
    settings.READ_CACHE = False
    assert kept == registry.pending_approvals_count(org.manager) == 1


def test_menu_entries_follow_the_roles(org):
    staff = [entry.url for entry in registry.menu_entries(org.staff)]
    assert staff == [entry.url for entry in registry.menu_entries(org.colleague)]
    office = [entry.url for entry in registry.menu_entries(org.office_manager)]
    assert "/leave/" in staff and "/leave/" in office
    assert "/premises/register/" in office and "/premises/register/" not in staff


# Room bookings waiting for the office manager: kept too (premises' CACHED_HOOKS), each dropped by the
# registry once it has ended (Approval.until), with no time of day in the key.


def _book(org, *, hour: int = 10):
    return book_room(org.staff, org.site, title="Budget review", day=D(2026, 3, 2), hour=hour, pending=True)


def test_a_repeat_inbox_request_reads_no_pending_booking(org, client_for, commit):
    with commit():
        _book(org)
    first, first_queries = _get(client_for, org.office_manager, "/inbox/")
    again, again_queries = _get(client_for, org.office_manager, "/inbox/")
    assert any("premises_booking" in sql for sql in first_queries)
    assert not any("premises_booking" in sql for sql in again_queries)
    assert _titles(again) == _titles(first) and any("Budget review" in title for title in _titles(again))


def test_an_approved_booking_leaves_the_inbox_and_the_dashboard_at_the_next_request(org, client_for, commit):
    with commit():
        booking = _book(org)
    page, _ = _get(client_for, org.office_manager, "/dashboard/")
    assert "Rhône on 02/03/2026, 10:00–11:00" in page.text
    page, _ = _get(client_for, org.office_manager, "/inbox/")
    assert _inbox_badge(page) == 1
    with commit():
        premises_services.booking_approve(booking=booking, by=org.office_manager)
    page, _ = _get(client_for, org.office_manager, "/inbox/")
    assert _titles(page) == [] and _inbox_badge(page) == 0
    page, _ = _get(client_for, org.office_manager, "/dashboard/")
    assert "Rhône on" not in page.text and _inbox_badge(page) == 0


def test_a_booking_that_ends_undecided_leaves_the_kept_inbox(org, client_for, commit):
    with commit():
        _book(org, hour=10)  # 10:00–11:00
    tz = NOW.tzinfo
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 58, tzinfo=tz), tick=False):
        page, _ = _get(client_for, org.office_manager, "/inbox/")
    assert _inbox_badge(page) == 1
    # Two minutes later, well within the entry's lifetime: the kept list, less the booking that ended.
    with time_machine.travel(dt.datetime(2026, 3, 2, 11, 0, tzinfo=tz), tick=False):
        page, queries = _get(client_for, org.office_manager, "/inbox/")
    assert not any("premises_booking" in sql for sql in queries)
    assert _titles(page) == [] and _inbox_badge(page) == 0


def test_only_the_office_manager_gets_the_pending_bookings(org, client_for, commit):
    with commit():
        _book(org)
    office, _ = _get(client_for, org.office_manager, "/inbox/")
    director, _ = _get(client_for, org.director, "/inbox/")
    assert _inbox_badge(office) == 1
    assert _titles(director) == [] and _inbox_badge(director) == 0
