"""The team calendar page and its JSON feed: who sees what, half days, holidays, bounded queries."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.accounts.tests.factories import UserFactory
from apps.core.tests.files import pdf_bytes
from apps.leave import services
from apps.leave.views.calendar import PENDING_BACKGROUND, PENDING_TEXT

D = dt.date
FEED = reverse("leave:calendar_events") + "?start=2026-04-27T00:00:00%2B02:00&end=2026-06-08T00:00:00%2B02:00"


def events(client, url=FEED):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def absences(client, url=FEED):
    return [e for e in events(client, url) if e.get("display") != "background"]


def sick_leave(org, sick, person):
    return services.leave_request_submit(
        person=person,
        leave_type=sick,
        start=D(2026, 5, 4),
        end=D(2026, 5, 6),
        document=SimpleUploadedFile("arret.pdf", pdf_bytes()),
        submitted_by=org.office_manager,
    ).request


def test_the_calendar_page_loads_fullcalendar_in_french(org, clock, client_for, django_assert_max_num_queries):
    client = client_for(org.manager)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("leave:calendar"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "vendor/fullcalendar/index.global.min.js" in body and "locales/fr.global.min.js" in body
    assert 'id="filter-team"' not in body  # only those who see everyone filter


def test_the_office_manager_can_filter_by_team_and_site(org, clock, client_for):
    body = client_for(org.office_manager).get(reverse("leave:calendar")).content.decode()
    assert 'id="filter-team"' in body and 'id="filter-site"' in body


def test_the_calendar_needs_a_login_and_get(org, client, client_for):
    response = client.get(reverse("leave:calendar"))
    assert response.status_code == 302 and reverse("accounts:login") in response.url
    response = client.get(FEED)
    assert response.status_code == 302
    assert client_for(org.staff).post(reverse("leave:calendar")).status_code == 405
    assert client_for(org.staff).post(FEED).status_code == 405


def test_the_feed_refuses_a_missing_or_huge_range(org, client_for):
    client = client_for(org.staff)
    assert client.get(reverse("leave:calendar_events")).status_code == 400
    assert client.get(reverse("leave:calendar_events") + "?start=2026-01-01&end=2027-01-01").status_code == 400
    assert client.get(reverse("leave:calendar_events") + "?start=nope&end=2026-01-01").status_code == 400


def test_staff_see_colleagues_as_absent_without_the_type_and_without_a_link(org, leave, client_for):
    leave(org.colleague, D(2026, 5, 11), D(2026, 5, 12))
    [event] = absences(client_for(org.staff))
    assert org.colleague.get_full_name() in event["title"]
    assert "Absent" in event["title"] and "Congés payés" not in event["title"]
    assert "url" not in event
    assert "leave-pending" in event["classNames"]
    assert event["start"] == "2026-05-11" and event["end"] == "2026-05-13"  # FullCalendar's end is exclusive


def test_pending_leave_is_dark_text_on_a_light_box_bordered_in_the_types_colour(org, leave, cp, client_for):
    request = leave(org.colleague, D(2026, 5, 11), D(2026, 5, 12))
    [event] = absences(client_for(org.manager))
    assert (event["backgroundColor"], event["textColor"]) == (PENDING_BACKGROUND, PENDING_TEXT)
    assert event["borderColor"] == cp.colour and "color" not in event
    assert event["title"].endswith("(pending)")
    services.leave_request_approve(request=request, by=org.manager)
    [event] = absences(client_for(org.manager))
    assert event["color"] == cp.colour and "backgroundColor" not in event


def test_the_manager_sees_the_type_but_never_sick_leave_as_such(org, leave, sick, client_for):
    request = leave(org.colleague, D(2026, 5, 11), D(2026, 5, 12))
    services.leave_request_approve(request=request, by=org.manager)
    sick_leave(org, sick, org.staff)
    feed = {e["extendedProps"]["person"]: e for e in absences(client_for(org.manager))}
    assert "Congés payés" in feed[org.colleague.get_full_name()]["title"]
    assert "leave-pending" not in feed[org.colleague.get_full_name()]["classNames"]
    sick_event = feed[org.staff.get_full_name()]
    assert sick.name not in sick_event["title"] and "Absent" in sick_event["title"]
    assert sick_event["color"] == "#6c757d"


def test_the_office_manager_sees_sick_leave_and_everyone(org, leave, sick, client_for):
    sick_leave(org, sick, org.staff)
    leave(org.outsider, D(2026, 5, 18), D(2026, 5, 19))
    titles = [e["title"] for e in absences(client_for(org.office_manager))]
    assert any(sick.name in t for t in titles)
    assert any(org.outsider.get_full_name() in t for t in titles)


def test_half_days_are_named_and_marked(org, leave, client_for):
    leave(org.staff, D(2026, 5, 11), D(2026, 5, 12), start_half="afternoon", end_half="morning")
    [event] = absences(client_for(org.staff))
    assert "leave-starts-afternoon" in event["classNames"] and "leave-ends-morning" in event["classNames"]
    assert "afternoon" in event["title"] and "noon" in event["title"]


def test_public_holidays_are_background_events(org, clock, client_for):
    background = [e for e in events(client_for(org.staff)) if e.get("display") == "background"]
    days = {e["start"] for e in background}
    assert {"2026-05-01", "2026-05-08", "2026-05-14", "2026-05-25"} <= days


def test_the_team_filter_narrows_the_feed_for_the_office_manager(org, leave, client_for):
    leave(org.staff, D(2026, 5, 11), D(2026, 5, 12))
    leave(org.outsider, D(2026, 5, 18), D(2026, 5, 19))
    feed = absences(client_for(org.office_manager), f"{FEED}&team={org.other_team.pk}")
    assert [e["extendedProps"]["person"] for e in feed] == [org.outsider.get_full_name()]


def test_the_feed_costs_the_same_queries_for_many_people(org, leave, client_for, django_assert_max_num_queries):
    for _ in range(15):
        person = UserFactory(site=org.site, team=org.team)
        leave(person, D(2026, 5, 11), D(2026, 5, 12))
    client = client_for(org.office_manager)
    client.get(FEED)
    with django_assert_max_num_queries(8):
        assert len(absences(client)) == 15


@pytest.mark.parametrize("role", ["staff", "manager", "director"])
def test_outsiders_never_appear_in_a_team_members_feed(org, leave, client_for, role):
    leave(org.outsider, D(2026, 5, 18), D(2026, 5, 19))
    names = [e["extendedProps"]["person"] for e in absences(client_for(getattr(org, role)))]
    assert (org.outsider.get_full_name() in names) is (role == "director")
