"""The leave reads that pages and cards make: what they give, and in how many queries."""

import datetime as dt

from apps.accounts.tests.factories import TeamFactory, UserFactory
from apps.leave import selectors, services
from apps.leave.models import LeaveStatus

D = dt.date


def test_one_persons_balances_are_the_bulk_ones(org, leave, credit, cp, rtt, clock):
    credit(org.staff, rtt, 5, period=D(2026, 1, 1))
    leave(org.staff, D(2026, 5, 4), D(2026, 5, 6))  # pending: counted apart from the ledger
    approved = leave(org.staff, D(2026, 3, 9), D(2026, 3, 10))
    services.leave_request_approve(request=approved, by=org.manager)
    for on in (D(2026, 3, 2), D(2026, 6, 15)):
        one = selectors.balances_for(org.staff, on=on)
        assert one == selectors.balances_bulk([org.staff], on=on)[org.staff.pk]
        assert [b.leave_type.code for b in one] == [
            b.leave_type.code for b in selectors.balances_bulk([org.colleague])[org.colleague.pk]
        ]
    assert selectors.balances_for(org.colleague) == selectors.balances_bulk([org.colleague])[org.colleague.pk]


def test_one_persons_balances_cost_two_queries(org, leave, django_assert_num_queries):
    leave(org.staff, D(2026, 5, 4), D(2026, 5, 6))
    selectors.balances_for(org.staff)
    with django_assert_num_queries(2):
        selectors.balances_for(org.staff)


def test_my_requests_are_my_rows_latest_first(org, leave):
    first = leave(org.staff, D(2026, 5, 4), D(2026, 5, 6))
    second = leave(org.staff, D(2026, 6, 1), D(2026, 6, 1), start_half="afternoon")
    leave(org.colleague, D(2026, 6, 8), D(2026, 6, 9))
    rows = selectors.my_requests(org.staff)
    assert [r.pk for r in rows] == [second.pk, first.pk]
    assert (rows[0].start_half, rows[0].days, rows[0].status) == ("afternoon", second.days, LeaveStatus.PENDING)
    assert rows[0].leave_type.name == second.leave_type.name and rows[0].leave_type.colour == second.leave_type.colour


def test_who_else_is_away_is_one_query_for_requests_of_many_teams(org, leave, django_assert_num_queries):
    requests, mates = [], {}
    for team in [TeamFactory(site=org.site) for _ in range(5)]:
        person, mate = UserFactory(site=org.site, team=team), UserFactory(site=org.site, team=team)
        requests.append(leave(person, D(2026, 5, 4), D(2026, 5, 5)))
        leave(mate, D(2026, 5, 5), D(2026, 5, 6))
        mates[requests[-1].pk] = mate.get_full_name()
    with django_assert_num_queries(1):
        away = selectors.also_away(requests)
    for request in requests:
        [line] = away[request.pk]
        assert line.startswith(mates[request.pk])


def test_the_away_names_include_open_cancellations_of_inactive_people(org, leave, clock):
    request = leave(org.staff, D(2026, 3, 2), D(2026, 3, 4))
    services.leave_request_approve(request=request, by=org.manager)
    request.status = LeaveStatus.CANCELLATION_REQUESTED  # as the dashboard always read it
    request.save(update_fields=["status"])
    org.staff.is_active = False
    org.staff.save(update_fields=["is_active"])
    assert selectors.dashboard_summary(D(2026, 3, 3)) == (1, [org.staff.get_full_name()])
    assert selectors.dashboard_summary(D(2026, 3, 5)) == (1, [])


def test_the_approvals_and_their_stand_ins_cost_one_query_for_any_number(org, leave, django_assert_num_queries):
    services.deputy_create(
        person=org.manager, deputy=org.other_manager, start=D(2026, 3, 1), end=D(2026, 3, 6), by=org.manager
    )
    for person in (org.staff, org.colleague, UserFactory(site=org.site, team=org.team)):
        leave(person, D(2026, 5, 4), D(2026, 5, 5))
    assert not (org.other_manager.is_office_manager or org.manager.is_office_manager)  # roles read before
    with django_assert_num_queries(1):
        pending = selectors.leave_requests_pending_for(org.other_manager, history=False)
        names = {str(r.current_step.on_behalf_of) for r in pending}
    assert len(pending) == 3 and names == {str(org.manager)}
    assert not org.staff.is_office_manager
    with django_assert_num_queries(1):
        assert selectors.leave_requests_pending_for(org.staff, history=False) == []


def test_someone_without_a_team_sees_only_themselves_on_the_calendar(org, leave):
    loner, other_loner = UserFactory(site=org.site, team=None), UserFactory(site=org.site, team=None)
    for person in (loner, other_loner, org.staff):
        leave(person, D(2026, 5, 4), D(2026, 5, 5))
    assert [p.pk for p in selectors.calendar_people(loner)] == [loner.pk]
    calendar = selectors.team_calendar(loner, D(2026, 5, 1), D(2026, 5, 31))
    assert [p.pk for p in calendar.people] == [loner.pk]
    assert {a.person_id for a in calendar.absences} == {loner.pk}
