"""Leave's reads kept by the read cache (apps/core/cache.py): the director's agenda and the dashboard
(CACHED_HOOKS in apps/leave/contributions.py) and the team calendar's feed show a request submitted,
decided or cancelled, or a person renamed, at the next request, and each viewer keeps their own."""

import datetime as dt
import re

import pytest
from django.core.cache import caches

from apps.accounts.models import User
from apps.core import cache as read_cache
from apps.leave import services

D = dt.date
AGENDA = "/agenda/?start=2026-03-02"
FEED = "/leave/calendar/events/?start=2026-03-02&end=2026-03-09"


@pytest.fixture(autouse=True)
def cache_on(settings, org):
    """The read cache on, as in production, on a fresh local-memory cache; pages in English."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "leave"}}
    settings.READ_CACHE = True
    caches["default"].clear()
    read_cache.reset()
    User.objects.update(language="en")
    yield
    read_cache.reset()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """``with commit(): ...``: the writes inside are committed as far as the cache can tell (their
    on-commit bumps run at the end of the block; a test's own transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _page(client_for, user, url):
    response = client_for(user).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_absence_shows_on_the_directors_agenda_at_the_next_request(org, leave, client_for, commit):
    assert "person away" not in _page(client_for, org.director, AGENDA)
    assert "person away" not in _page(client_for, org.director, AGENDA)  # kept
    with commit():
        request = leave(org.staff, D(2026, 3, 4), D(2026, 3, 4))
    assert "1 person away" in _page(client_for, org.director, AGENDA)
    with commit():
        services.leave_request_cancel(request=request, by=org.staff)
    assert "person away" not in _page(client_for, org.director, AGENDA)


def _pending_card(html: str) -> int:
    found = re.search(r"Leave requests pending(?:</a>)?</h2>.*?<p class=\"display-6[^>]*>(\d+)</p>", html, re.S)
    assert found, "no pending card"
    return int(found.group(1))


def test_the_dashboard_counts_a_decision_at_the_next_request(org, leave, client_for, commit):
    assert _pending_card(_page(client_for, org.office_manager, "/dashboard/")) == 0
    with commit():
        request = leave(org.staff, D(2026, 3, 4), D(2026, 3, 4))
    assert _pending_card(_page(client_for, org.office_manager, "/dashboard/")) == 1
    assert _pending_card(_page(client_for, org.office_manager, "/dashboard/")) == 1
    with commit():
        services.leave_request_approve(request=request, by=org.manager)
    assert _pending_card(_page(client_for, org.office_manager, "/dashboard/")) == 0


def test_each_viewer_keeps_their_own_agenda(org, leave, client_for, commit):
    with commit():
        leave(org.staff, D(2026, 3, 4), D(2026, 3, 4))
    director = _page(client_for, org.director, AGENDA)
    office = _page(client_for, org.office_manager, AGENDA)
    assert "1 person away" in director and "1 person away" in office
    # Kept per viewer: the office manager's "my leave" lines are theirs, not the director's.
    with commit():
        leave(org.office_manager, D(2026, 3, 5), D(2026, 3, 5))
    assert "My leave" in _page(client_for, org.office_manager, AGENDA)
    assert "My leave" not in _page(client_for, org.director, AGENDA)


def _people_away(client) -> list[str]:
    response = client.get(FEED)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return sorted(e["title"] for e in response.json() if e.get("display") != "background")


def test_the_calendar_feed_is_kept_until_the_leave_or_the_people_change(
    org, leave, client_for, commit, django_assert_max_num_queries
):
    office = client_for(org.office_manager)
    assert _people_away(office) == []
    with commit():
        request = leave(org.staff, D(2026, 3, 4), D(2026, 3, 4))
    [title] = _people_away(office)
    assert org.staff.get_full_name() in title and "pending" in title
    with django_assert_max_num_queries(2):  # the session and the user: the events are kept
        assert _people_away(office) == [title]
    with commit():
        services.leave_request_approve(request=request, by=org.manager)
    [title] = _people_away(office)
    assert org.staff.get_full_name() in title and "pending" not in title
    with commit():
        org.staff.first_name = "Renamed"
        org.staff.save()
    assert "Renamed" in _people_away(office)[0]
    with commit():
        other = leave(org.colleague, D(2026, 3, 5), D(2026, 3, 5))
    assert len(_people_away(office)) == 2
    with commit():
        services.leave_request_cancel(request=other, by=org.colleague)
    assert len(_people_away(office)) == 1


def test_the_calendar_feed_is_kept_for_the_viewer_as_they_are_now(org, leave, client_for, commit):
    """The key holds the viewer's team and roles (viewer_key): a viewer moved to another team is
    never served what they saw before, even before the move is seen as committed."""
    with commit():
        leave(org.colleague, D(2026, 3, 4), D(2026, 3, 4))
    staff = client_for(org.staff)
    assert len(_people_away(staff)) == 1  # the colleague, of the staff member's team
    org.staff.team = org.other_team
    org.staff.save()  # not committed: no table's version changes
    assert _people_away(staff) == []
