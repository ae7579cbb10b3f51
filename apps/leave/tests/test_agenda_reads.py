"""The agenda's own reads (apps/leave/selectors/agenda.py) give what team_calendar gives."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.models import Team
from apps.accounts.tests.factories import UserFactory
from apps.core.tests.files import pdf_bytes
from apps.leave import selectors, services
from apps.leave.models import LeaveStatus

D = dt.date
FIRST, LAST = D(2026, 5, 1), D(2026, 5, 31)


def _absences(org, leave, sick):
    leave(org.staff, D(2026, 4, 27), D(2026, 5, 5))  # begins before the range
    approved = leave(org.colleague, D(2026, 5, 11), D(2026, 5, 12), end_half="morning")
    services.leave_request_approve(request=approved, by=org.manager)
    leave(org.colleague, D(2026, 5, 12), D(2026, 5, 12), start_half="afternoon")  # the same day twice
    leave(org.other_manager, D(2026, 5, 28), D(2026, 6, 3))  # ends after it
    leave(org.outsider, D(2026, 5, 4), D(2026, 5, 4))
    leave(org.director, D(2026, 5, 18), D(2026, 5, 19))
    leave(org.office_manager, D(2026, 5, 20), D(2026, 5, 20))
    services.leave_request_submit(
        person=org.manager,
        leave_type=sick,
        start=D(2026, 5, 6),
        end=D(2026, 5, 7),
        document=SimpleUploadedFile("arret.pdf", pdf_bytes()),
        submitted_by=org.office_manager,
    )
    gone = UserFactory(site=org.site, team=org.team)
    leave(gone, D(2026, 5, 13), D(2026, 5, 13))
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    loner = UserFactory(site=org.site, team=None)
    leave(loner, D(2026, 5, 15), D(2026, 5, 15))
    refused = leave(org.staff, D(2026, 5, 26), D(2026, 5, 26))
    refused.status = LeaveStatus.REFUSED
    refused.save(update_fields=["status"])
    return loner


def _close(user, calendar) -> set[int]:
    teams = set(user.managed_team_ids) | ({user.team_id} if user.team_id else set())
    managers = set(Team.objects.filter(manager__isnull=False).values_list("manager_id", flat=True))
    return {p.pk for p in calendar.people if p.team_id in teams} | {user.pk} | managers


def test_the_agenda_reads_are_the_team_calendars(org, leave, sick, clock):
    loner = _absences(org, leave, sick)
    for user in (org.staff, org.manager, org.other_manager, org.office_manager, org.director, loner):
        calendar = selectors.team_calendar(user, FIRST, LAST)
        people = {p.pk: p for p in calendar.people}
        everyone = user.is_director or user.is_office_manager
        close = _close(user, calendar) if everyone else set(people)
        expected = [
            (a.request_id, a.person_id, str(people[a.person_id]), a.start, a.end, a.pending, a.label, a.colour)
            for a in calendar.absences
            if a.person_id in close
        ]
        absences, away = selectors.agenda_absences(user, FIRST, LAST)
        got = [(a.request_id, a.person_id, a.name, a.start, a.end, a.pending, a.label, a.colour) for a in absences]
        assert got and got == expected, user.email
        known = {a.request_id: a.leave_type is not None for a in calendar.absences}
        assert all(a.type_known == known[a.request_id] for a in absences)
        assert all(a.team_id == people[a.person_id].team_id for a in absences)
        if everyone:
            counted: dict[dt.date, set[int]] = {}
            for a in calendar.absences:
                day = max(a.start, FIRST)
                while day <= min(a.end, LAST):
                    counted.setdefault(day, set()).add(a.person_id)
                    day += dt.timedelta(days=1)
            assert away == {day: len(who) for day, who in counted.items()}
            assert away[D(2026, 5, 12)] == 1  # two requests of one person on one day: one person
        else:
            assert away is None


def test_the_agenda_is_one_query(org, leave, clock, django_assert_num_queries):
    leave(org.staff, D(2026, 5, 4), D(2026, 5, 8))
    for user in (org.staff, org.director, org.office_manager):
        selectors.agenda_absences(user, FIRST, LAST)  # the roles are read once per request, before
        with django_assert_num_queries(1):
            selectors.agenda_absences(user, FIRST, LAST)
