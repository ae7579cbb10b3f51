"""The leave app in the registries: menu, cards, agenda, approvals inbox and benchmarked pages."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve
from django.utils import translation

from apps.accounts.tests.factories import UserFactory
from apps.core import registry
from apps.core.tests.files import pdf_bytes
from apps.leave import contributions, selectors, services

D = dt.date


def _badge(user) -> int:
    """This app's share of the inbox badge, as the layout counts it."""
    return sum(registry.count_querysets([badge.count for badge in contributions.badge_counts(user)]))


def test_everyone_gets_leave_and_the_team_calendar_in_the_menu(org):
    urls = [entry.url for entry in contributions.menu_entries(org.staff)]
    assert urls == ["/leave/", "/leave/calendar/"]


def test_my_space_shows_my_paid_leave_balance_and_pending_requests(org, leave):
    leave(org.staff, D(2026, 5, 4), D(2026, 5, 6))  # credits 30 CP days, asks 3
    cards = {str(c.title): c for c in contributions.my_space_cards(org.staff)}
    assert cards["My paid leave"].value == "30"
    assert "27" in str(cards["My paid leave"].detail)
    assert cards["My pending leave requests"].value == 1


def test_the_dashboard_cards_are_for_the_office_manager(org, leave, clock, django_assert_max_num_queries):
    request = leave(org.staff, D(2026, 3, 2), D(2026, 3, 4))
    services.leave_request_approve(request=request, by=org.manager)
    leave(org.colleague, D(2026, 5, 4), D(2026, 5, 6))
    assert contributions.dashboard_cards(org.staff) == []
    assert org.office_manager.is_office_manager  # the roles are read once per request, before
    with django_assert_max_num_queries(1):
        cards = {str(c.title): c for c in contributions.dashboard_cards(org.office_manager)}
    assert cards["Leave requests pending"].value == 1
    assert cards["Away today"].value == 1
    assert org.staff.get_full_name() in cards["Away today"].detail


def test_agenda_items_keep_sick_leave_private(org, leave, sick, clock):
    for person in (org.staff, org.manager):
        services.leave_request_submit(
            person=person,
            leave_type=sick,
            start=D(2026, 5, 4),
            end=D(2026, 5, 6),
            document=SimpleUploadedFile("arret.pdf", pdf_bytes()),
            submitted_by=org.office_manager,
        )
    leave(org.colleague, D(2026, 5, 11), D(2026, 5, 12))
    director = {str(i.title) for i in contributions.agenda_items(org.director, D(2026, 5, 1), D(2026, 5, 31))}
    assert f"Absent: {org.manager.get_full_name()}" in director  # a team manager: listed by name
    assert not any(sick.name in title for title in director)
    office = [str(i.title) for i in contributions.agenda_items(org.office_manager, D(2026, 5, 1), D(2026, 5, 31))]
    assert any(sick.name in title for title in office)
    manager = [str(i.title) for i in contributions.agenda_items(org.manager, D(2026, 5, 1), D(2026, 5, 31))]
    assert f"Absent: {org.staff.get_full_name()}" in manager  # the manager's team, without the type
    mine = [str(i.title) for i in contributions.agenda_items(org.staff, D(2026, 5, 1), D(2026, 5, 31))]
    assert any(title.startswith("My leave") for title in mine)


def test_those_who_see_everyone_get_a_daily_count_and_the_people_close_to_them(org, leave, clock):
    leave(org.staff, D(2026, 5, 7), D(2026, 5, 12))  # Thu–Tue: 8 May is a holiday, then a weekend
    leave(org.colleague, D(2026, 5, 11), D(2026, 5, 11))
    leave(org.other_manager, D(2026, 5, 11), D(2026, 5, 11))  # manages a team
    leave(org.outsider, D(2026, 5, 12), D(2026, 5, 12))  # the office manager's own team
    items = contributions.agenda_items(org.director, D(2026, 5, 1), D(2026, 5, 31))
    counts = {i.start: str(i.title) for i in items if i.url.startswith("/leave/calendar/")}
    assert counts == {
        D(2026, 5, 7): "1 person away",
        D(2026, 5, 11): "3 people away",
        D(2026, 5, 12): "2 people away",
    }
    assert {i.url for i in items if i.start == D(2026, 5, 11) and i.title == counts[D(2026, 5, 11)]} == {
        "/leave/calendar/?date=2026-05-11"
    }
    named = {str(i.title) for i in items if not i.url.startswith("/leave/calendar/")}
    assert named == {f"Absent: {org.other_manager.get_full_name()} (Congés payés) — pending"}
    office = {str(i.title) for i in contributions.agenda_items(org.office_manager, D(2026, 5, 1), D(2026, 5, 31))}
    assert f"Absent: {org.outsider.get_full_name()} (Congés payés) — pending" in office
    assert not any(org.staff.get_full_name() in title for title in office)
    manager = {str(i.title) for i in contributions.agenda_items(org.manager, D(2026, 5, 1), D(2026, 5, 31))}
    assert not any("away" in title for title in manager)  # a manager sees each of their team's absences
    assert {f"Absent: {p.get_full_name()} (Congés payés) — pending" for p in (org.staff, org.colleague)} <= manager


def test_the_agenda_costs_the_same_for_many_absences(org, leave, clock, django_assert_max_num_queries):
    for _ in range(20):
        leave(UserFactory(site=org.site, team=org.other_team), D(2026, 5, 4), D(2026, 5, 8))
    assert org.director.is_director and not org.director.is_manager  # roles are read once per request, before
    with django_assert_max_num_queries(4):
        items = contributions.agenda_items(org.director, D(2026, 5, 1), D(2026, 5, 31))
    assert len(items) == 4  # one count per working day (8 May is a holiday)


def test_pending_approvals_carry_urls_detail_and_who_else_is_away(org, leave):
    request = leave(org.staff, D(2026, 5, 4), D(2026, 5, 8))
    leave(org.colleague, D(2026, 5, 6), D(2026, 5, 12))
    leave(org.outsider, D(2026, 5, 4), D(2026, 5, 8))  # another team: not listed
    approvals = {a.requester: a for a in contributions.pending_approvals(org.manager)}
    approval = approvals[org.staff]
    assert approval.approve_url == f"/leave/requests/{request.pk}/approve/?next=/inbox/"
    assert approval.refuse_url == f"/leave/requests/{request.pk}/refuse/?next=/inbox/"
    assert approval.url == f"/leave/requests/{request.pk}/"
    assert "4 days" in approval.detail and "Congés payés" in approval.detail  # 8 May is a holiday
    assert approval.on_behalf_of is None
    span = selectors.date_span(D(2026, 5, 6), D(2026, 5, 12))
    # The `leave` fixture credits 30 days; 4 are asked.
    assert approval.context == [
        "Congés payés: 30 days → 26 days after this request",
        f"Also away: {org.colleague.get_full_name()} ({span}, pending)",
    ]
    assert _badge(org.manager) == 2


def test_the_inbox_says_one_day_in_the_singular(org, leave):
    two_days = UserFactory(site=org.site, team=org.team)
    leave(org.staff, D(2026, 5, 4), D(2026, 5, 4))
    leave(org.colleague, D(2026, 5, 5), D(2026, 5, 5), start_half="afternoon")
    leave(two_days, D(2026, 5, 6), D(2026, 5, 7))
    expected = {
        "en": {org.staff: "1 day ·", org.colleague: "0.5 days ·", two_days: "2 days ·"},
        "fr": {org.staff: "1 jour ·", org.colleague: "0,5 jour ·", two_days: "2 jours ·"},
    }
    for language, words in expected.items():
        with translation.override(language):
            details = {a.requester: a.detail for a in contributions.pending_approvals(org.manager)}
        for person, word in words.items():
            assert f" {word} " in f"{details[person]} ", (language, details[person])


def test_the_inbox_shows_the_balance_after_the_request_counting_other_pending_requests(org, leave, cp, credit):
    leave(org.staff, D(2026, 6, 1), D(2026, 6, 2))  # 2 days pending; `leave` credits 30 each time
    leave(org.staff, D(2026, 5, 4), D(2026, 5, 8))  # 4 days (8 May is a holiday)
    with translation.override("fr"):
        lines = [a.context[0] for a in contributions.pending_approvals(org.manager)]
    # 60 credited, 6 days asked in all: each request is shown with the other one already counted.
    assert lines == [
        "Congés payés : 56 jours → 54 jours après cette demande",
        "Congés payés : 58 jours → 54 jours après cette demande",
    ]


def test_the_inbox_shows_no_balance_of_a_private_type_to_the_manager(org, leave, cp):
    cp.privacy = "private"  # a type with a balance that only the person and office managers may know
    cp.save(update_fields=["privacy"])
    leave(org.staff, D(2026, 5, 4), D(2026, 5, 5))
    [approval] = contributions.pending_approvals(org.manager)
    assert cp.name not in " ".join(approval.context) and "→" not in " ".join(approval.context)


def test_the_inbox_writes_the_year_of_dates_in_another_year(org, leave, clock):
    leave(org.staff, D(2027, 1, 4), D(2027, 1, 8))
    leave(org.colleague, D(2026, 5, 4), D(2026, 5, 5))
    details = {a.requester: a.detail for a in contributions.pending_approvals(org.manager)}
    assert details[org.staff].startswith("4–8 Jan. 2027 ·")
    assert details[org.colleague].startswith("4–5 May ·")


def test_a_deputy_sees_on_whose_behalf_they_decide(org, leave):
    services.deputy_create(
        person=org.manager, deputy=org.other_manager, start=D(2026, 3, 1), end=D(2026, 3, 31), by=org.manager
    )
    leave(org.staff, D(2026, 5, 4), D(2026, 5, 8))
    [approval] = contributions.pending_approvals(org.other_manager)
    assert approval.on_behalf_of == org.manager


def test_pending_approvals_cost_the_same_for_many_requests(org, leave, django_assert_max_num_queries):
    for _ in range(10):
        leave(UserFactory(site=org.site, team=org.team), D(2026, 5, 4), D(2026, 5, 8))
    assert not org.manager.is_office_manager  # the roles are read once per request, before
    # The requests and who else is away (2), the requesters' balances (balances_bulk: 4).
    with django_assert_max_num_queries(6):
        approvals = contributions.pending_approvals(org.manager)
    assert len(approvals) == 10 and all(len(a.context) == 1 + 9 for a in approvals)


def test_the_inbox_shows_the_leave_requests(org, leave, client_for):
    leave(org.staff, D(2026, 5, 4), D(2026, 5, 8))
    assert len(registry.pending_approvals(org.manager)) == 1
    body = client_for(org.manager).get("/inbox/").content.decode()
    assert 'data-testid="approval"' in body and "Also away" not in body


def test_benchmark_pages_resolve_and_open_for_their_role(org, clock):
    pages = contributions.benchmark_pages()
    assert {p.role for p in pages} == {"staff", "manager", "office_manager"}
    users = {"staff": org.staff, "manager": org.manager, "office_manager": org.office_manager}
    for page in pages:
        resolve(page.path.split("?")[0])
        client = Client()
        client.force_login(users[page.role])
        assert client.get(page.path).status_code == 200, page.path
