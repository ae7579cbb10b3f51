"""The director's agenda and the dashboard keep leave's reads between requests (CACHED_READS in
apps/leave/contributions.py): a request submitted, decided or cancelled shows at the next request."""

import datetime as dt
import re

import pytest

from apps.accounts.models import User
from apps.leave import services

pytestmark = pytest.mark.usefixtures("read_cache")

D = dt.date
AGENDA = "/agenda/?start=2026-03-02"


@pytest.fixture(autouse=True)
def _english(org):
    User.objects.update(language="en")


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
    found = re.search(r"Leave requests pending</h2>.*?<p class=\"display-6[^>]*>(\d+)</p>", html, re.S)
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


def test_the_calendar_feed_shows_a_new_absence_at_the_next_request(org, leave, client_for, commit):
    url = "/leave/calendar/events/?start=2026-03-02&end=2026-03-09"

    def people_away(user):
        response = client_for(user).get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/json"
        return sorted(e["title"] for e in response.json() if e.get("display") != "background")

    assert people_away(org.office_manager) == []
    with commit():
        request = leave(org.staff, D(2026, 3, 4), D(2026, 3, 4))
    assert len(people_away(org.office_manager)) == 1
    assert len(people_away(org.office_manager)) == 1  # kept
    assert org.staff.get_full_name() in people_away(org.office_manager)[0]
    with commit():
        org.staff.first_name = "Renamed"
        org.staff.save()
    assert "Renamed" in people_away(org.office_manager)[0]
    with commit():
        services.leave_request_cancel(request=request, by=org.staff)
    assert people_away(org.office_manager) == []


def test_a_person_changed_before_the_stamps_are_read_is_never_served_as_before(org, leave, client_for, commit):
    """The user is loaded before the page reads the stamps: a change to them committed in between
    must not have the result for the person as they were kept as theirs (the key has the person)."""
    url = "/leave/calendar/events/?start=2026-03-02&end=2026-03-09"
    with commit():
        leave(org.colleague, D(2026, 3, 4), D(2026, 3, 4))
    titles = lambda: [e["title"] for e in client_for(org.staff).get(url).json() if e.get("display") != "background"]  # noqa: E731
    assert len(titles()) == 1  # the colleague, of the staff member's team
    # Moved to the other team with no change of stamps (as if committed between the two reads).
    org.staff.team = org.other_team
    org.staff.save()
    assert titles() == []
