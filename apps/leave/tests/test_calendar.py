"""The team calendar: who sees whom, with which detail; sick leave stays private."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.tests.factories import UserFactory
from apps.core.tests.files import pdf_bytes
from apps.leave import selectors, services

D = dt.date
START, END = D(2026, 5, 1), D(2026, 5, 31)


def sick_leave(org, sick, person):
    return services.leave_request_submit(
        person=person,
        leave_type=sick,
        start=D(2026, 5, 4),
        end=D(2026, 5, 6),
        document=SimpleUploadedFile("arret.pdf", pdf_bytes()),
        submitted_by=org.office_manager,
    ).request


def labels(user, person):
    calendar = selectors.team_calendar(user, START, END)
    return [(a.label, a.leave_type is not None, a.pending) for a in calendar.absences_of(person.pk)]


def test_staff_see_colleagues_as_absent_without_the_leave_type(org, leave):
    leave(org.colleague, D(2026, 5, 11), D(2026, 5, 12))
    assert labels(org.staff, org.colleague) == [("Absent", False, True)]
    assert labels(org.colleague, org.colleague) == [("Congés payés", True, True)]


def test_managers_see_their_team_with_the_type(org, leave):
    request = leave(org.staff, D(2026, 5, 11), D(2026, 5, 12))
    services.leave_request_approve(request=request, by=org.manager)
    assert labels(org.manager, org.staff) == [("Congés payés", True, False)]


def test_sick_leave_is_shown_as_absent_to_the_manager_and_as_sick_to_the_office_manager(org, leave, sick):
    sick_leave(org, sick, org.staff)
    assert labels(org.manager, org.staff) == [("Absent", False, False)]
    assert labels(org.director, org.staff) == [("Absent", False, False)]
    assert labels(org.colleague, org.staff) == [("Absent", False, False)]
    assert labels(org.office_manager, org.staff) == [("Arrêt maladie", True, False)]
    assert labels(org.staff, org.staff) == [("Arrêt maladie", True, False)]


def test_people_outside_ones_teams_are_not_shown(org, leave):
    leave(org.staff, D(2026, 5, 11), D(2026, 5, 12))
    people = {p.pk for p in selectors.team_calendar(org.outsider, START, END).people}
    assert org.staff.pk not in people
    assert selectors.team_calendar(org.outsider, START, END).absences == []
    assert org.staff.pk in {p.pk for p in selectors.team_calendar(org.director, START, END).people}


def test_cancelled_and_refused_leave_is_not_shown(org, leave):
    request = leave(org.staff, D(2026, 5, 11), D(2026, 5, 12))
    services.leave_request_cancel(request=request, by=org.staff)
    assert labels(org.manager, org.staff) == []


def test_public_holidays_per_site_are_included(org):
    calendar = selectors.team_calendar(org.manager, START, END)
    assert D(2026, 5, 14) in calendar.holidays[org.site.pk]


def test_the_calendar_costs_a_fixed_number_of_queries(org, leave, django_assert_max_num_queries):
    people = [UserFactory(site=org.site, team=org.team) for _ in range(30)]
    for person in people:
        leave(person, D(2026, 5, 11), D(2026, 5, 12))
    with django_assert_max_num_queries(5):
        calendar = selectors.team_calendar(org.office_manager, START, END)
        [(a.label, p.team, p.site) for a in calendar.absences for p in calendar.people[:1]]
    assert len(calendar.absences) == 30
