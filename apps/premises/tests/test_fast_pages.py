"""The fast paths of the day view, the register and the ticket queue give what the ORM and the
templates they replace gave: same rows, same markup, same sites and rules."""

import datetime as dt

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import resolve
from django.utils import translation

from apps.accounts.selectors import sites_for
from apps.accounts.tests.factories import SiteFactory
from apps.core.forms import BootstrapForm, FastSelect
from apps.premises import selectors, ui_selectors
from apps.premises.forms import TicketFilterForm
from apps.premises.models import CheckRecord, CheckResult, SitePremisesSettings, TicketStatus, TicketUrgency
from apps.premises.templatetags.premises_ui import premises_nav, register_rows, ticket_queue_rows
from apps.premises.tests.conftest import TUESDAY, at
from apps.premises.tests.factories import (
    BookingFactory,
    CheckItemFactory,
    FloorFactory,
    RoomFactory,
    TicketFactory,
)
from apps.premises.ticket_queue import TicketQueue, ticket_queue

pytestmark = pytest.mark.usefixtures("clock")

# The template rows the tags replace, kept here to compare with.
OLD_TICKET_ROW = (
    "{% load i18n premises_ui %}{% url 'premises:ticket_detail' ticket.pk as ticket_url %}"
    '<tr data-testid="ticket-row">\n'
    '        <td><a href="{{ ticket_url }}">{{ ticket.pk }}</a></td>\n'
    '        <td><a href="{{ ticket_url }}" class="fw-semibold">{{ ticket.get_category_display }}</a><div class="small '
    'text-body-secondary text-truncate mw-22rem">{{ ticket.description }}</div></td>\n'
    '        <td class="small">{{ ticket.site.name }}{% if ticket.location %}<br>{{ ticket.location }}{% endif %}'
    "</td>\n"
    '        <td class="text-nowrap">{% ticket_badges ticket %}</td>\n'
    '        <td class="small">{{ ticket.assignee|default:"" }}{% if ticket.assignee and ticket.supplier %}<br>'
    "{% endif %}{{ ticket.supplier }}{% if not ticket.assignee and not ticket.supplier %}<span "
    'class="text-body-secondary">—</span>{% endif %}{% if ticket.due_date %}<div class="text-body-secondary">'
    '{% blocktranslate with date=ticket.due_date|date:"SHORT_DATE_FORMAT" %}due {{ date }}{% endblocktranslate %}'
    "</div>{% endif %}</td>\n"
    '        <td class="small text-nowrap">{{ ticket.created_at|date:"SHORT_DATE_FORMAT" }}<div '
    'class="text-body-secondary">{{ ticket.reporter }}</div></td>\n'
    "      </tr>"
)
OLD_REGISTER_ROW = (
    "{% load i18n premises_ui %}"
    '<tr data-testid="register-row">\n'
    '        <td><a href="{% url \'premises:register_item\' item.pk %}" class="fw-semibold">{{ item.display_name }}'
    '</a>{% if item.legal_reference %}<div class="small text-body-secondary">{{ item.legal_reference }}</div>'
    "{% endif %}</td>\n"
    '        <td class="text-nowrap">{% blocktranslate count months=item.interval_months %}{{ months }} month'
    "{% plural %}{{ months }} months{% endblocktranslate %}</td>\n"
    '        <td class="text-nowrap">{% if item.last_done_on %}{{ item.last_done_on|date:"SHORT_DATE_FORMAT" }}'
    '{% if item.last_result == "non_compliant" %} <span class="badge text-bg-danger">{% translate "Non-compliant" %}'
    '</span>{% elif item.last_result == "observations" %} <span class="badge text-bg-light border">'
    '{% translate "Observations" %}</span>{% endif %}{% else %}<span class="text-body-secondary">'
    '{% translate "Never" %}</span>{% endif %}</td>\n'
    '        <td class="text-nowrap">{{ item.due_date|date:"SHORT_DATE_FORMAT" }}</td>\n'
    "        <td>{% check_status_badge status %}</td>\n"
    '        <td class="small">{{ item.supplier|default:"—" }}</td>\n'
    "      </tr>"
)
OLD_NAV = """{% load i18n %}{% with url_name=request.resolver_match.url_name %}
<nav class="premises-nav mb-3 d-print-none" aria-label="{% translate 'Premises' %}">
  <ul class="nav nav-pills flex-nowrap overflow-auto small">
    <li class="nav-item"><a class="nav-link text-nowrap{% if url_name == 'day' or url_name == 'site_day' or url_name == 'floor_plan' %} active{% endif %}" href="{% url 'premises:day' %}"><i class="bi bi-calendar-week" aria-hidden="true"></i> {% translate "Rooms" %}</a></li>
    <li class="nav-item"><a class="nav-link text-nowrap{% if url_name == 'find_room' %} active{% endif %}" href="{% url 'premises:find_room' %}"><i class="bi bi-search" aria-hidden="true"></i> {% translate "Find a room" %}</a></li>
    <li class="nav-item"><a class="nav-link text-nowrap{% if url_name == 'my_bookings' %} active{% endif %}" href="{% url 'premises:my_bookings' %}"><i class="bi bi-bookmark" aria-hidden="true"></i> {% translate "My bookings" %}</a></li>
    <li class="nav-item"><a class="nav-link text-nowrap{% if url_name == 'my_tickets' or url_name == 'ticket_new' %} active{% endif %}" href="{% url 'premises:my_tickets' %}"><i class="bi bi-tools" aria-hidden="true"></i> {% translate "My tickets" %}</a></li>
    {% if roles.office_manager %}<li class="nav-item"><a class="nav-link text-nowrap{% if url_name == 'approvals' %} active{% endif %}" href="{% url 'premises:approvals' %}"><i class="bi bi-check2-square" aria-hidden="true"></i> {% translate "Approvals" %}</a></li>
    <li class="nav-item"><a class="nav-link text-nowrap{% if url_name == 'ticket_list' %} active{% endif %}" href="{% url 'premises:ticket_list' %}"><i class="bi bi-wrench-adjustable" aria-hidden="true"></i> {% translate "All tickets" %}</a></li>
    {% endif %}{% if roles.office_manager or roles.director %}<li class="nav-item"><a class="nav-link text-nowrap{% if 'register' in url_name or url_name == 'record_new' %} active{% endif %}" href="{% url 'premises:register' %}"><i class="bi bi-shield-check" aria-hidden="true"></i> {% translate "Safety register" %}</a></li>
    {% endif %}{% if roles.office_manager %}<li class="nav-item"><a class="nav-link text-nowrap{% if url_name == 'spaces' or url_name == 'site_spaces' or url_name == 'site_settings' %} active{% endif %}" href="{% url 'premises:spaces' %}"><i class="bi bi-building-gear" aria-hidden="true"></i> {% translate "Spaces" %}</a></li>
    {% endif %}</ul>
</nav>{% endwith %}"""  # noqa: E501


def _fill_the_queue(org, floor):
    room = RoomFactory(floor=floor, name="Saône & <Co>")
    for n in range(35):
        TicketFactory(
            site=org.site,
            room=room if n % 3 == 0 else None,
            place="" if n % 5 == 0 else f"Hall {n}",
            reporter=org.staff if n % 2 else org.colleague,
            assignee=org.office_manager if n % 4 == 0 else None,
            supplier="Plombier <Martin>" if n % 6 == 0 else "",
            due_date=dt.date(2026, 3, 20) if n % 7 == 0 else None,
            urgency=TicketUrgency.values[n % 4],
            status=TicketStatus.values[n % 5],
        )


@pytest.mark.parametrize(
    "filters",
    [{}, {"status": "all"}, {"status": "waiting"}, {"urgency": "high"}, {"status": "all", "urgency": "low", "site": 1}],
)
def test_the_ticket_queue_pages_are_the_orms(org, floor, filters):
    _fill_the_queue(org, floor)
    TicketFactory(place="Elsewhere", reporter=org.colleague)  # another site
    site_id = org.site.pk if filters.get("site") else None
    options = {"status": filters.get("status", ""), "urgency": filters.get("urgency", ""), "site_id": site_id}
    expected = list(ticket_queue(org.office_manager, **options))
    queue = TicketQueue(org.office_manager, **options, page_size=10)
    paginator = Paginator(queue, 10)
    assert paginator.count == len(expected)
    shown = [row.pk for number in paginator.page_range for row in paginator.page(number).object_list]
    assert shown == [ticket.pk for ticket in expected]


def test_a_queue_that_fits_on_one_page_is_counted_without_a_count(org, floor, django_assert_num_queries):
    TicketFactory(site=org.site, place="Hall")
    queue = TicketQueue(org.office_manager, page_size=30)
    with django_assert_num_queries(1):
        page = Paginator(queue, 30).get_page(None)
        assert [row.pk for row in page.object_list] and page.paginator.count == 1


def test_someone_who_is_not_office_manager_only_queues_their_tickets(org, floor):
    _fill_the_queue(org, floor)
    queue = TicketQueue(org.staff, status="all", page_size=100)
    assert {row.pk for row in queue[0:100]} == {t.pk for t in selectors.tickets_visible_to(org.staff)}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_ticket_rows_are_the_template_s(org, floor, language):
    _fill_the_queue(org, floor)
    with translation.override(language):
        queue = TicketQueue(org.office_manager, status="all", page_size=100)
        rows = queue[0:100]
        tickets = {t.pk: t for t in ticket_queue(org.office_manager, status="all")}
        old = Template(OLD_TICKET_ROW)
        expected = "\n      ".join(old.render(Context({"ticket": tickets[row.pk]})) for row in rows)
        assert ticket_queue_rows(rows) == expected


def test_the_filter_bar_is_django_s_markup(org):
    sites = [org.site, SiteFactory(name="Paris & <Co>")]

    class Reference(BootstrapForm):  # the form before: FastSelect, sites from a queryset
        status = TicketFilterForm.base_fields["status"].__class__(
            required=False, choices=TicketFilterForm.base_fields["status"].choices, widget=FastSelect
        )

    for data in (None, {"site": str(sites[1].pk), "status": "all"}, {"status": "nonsense", "site": "x"}):
        form = TicketFilterForm(data, sites=sites)
        form.is_valid() if data else None
        reference = Reference(data)
        reference.is_valid() if data else None
        assert str(form["status"]) == str(reference["status"])
        html = str(form["site"])
        for site in sites:
            assert f'<option value="{site.pk}"' in html
        assert "Paris &amp; &lt;Co&gt;" in html
        if data and data["site"] != "x":
            assert f'<option value="{sites[1].pk}" selected>' in html and form.cleaned_data["site"] == sites[1].pk


@pytest.mark.parametrize("language", ["en", "fr"])
def test_register_rows_are_the_template_s(org, language):
    items = [
        CheckItemFactory(site=org.site, first_due_date=dt.date(2026, 2, 1), supplier="Sécurité & Co"),
        CheckItemFactory(site=org.site, first_due_date=dt.date(2026, 3, 20), name="<Lift> A", interval_months=1),
        CheckItemFactory(site=org.site, first_due_date=dt.date(2026, 9, 1), legal_reference="Code du travail R4227"),
    ]
    for item, result in zip(items, (CheckResult.NON_COMPLIANT, CheckResult.OBSERVATIONS, None), strict=True):
        if result:
            CheckRecord.objects.create(
                item=item,
                done_on=dt.date(2026, 1, 10),
                done_by="Veritas",
                result=result,
                recorded_by=org.office_manager,
            )
    CheckItemFactory(site=SiteFactory(), first_due_date=dt.date(2026, 2, 1))  # another site
    today = dt.date(2026, 3, 2)
    with translation.override(language):
        rows = ui_selectors.register_rows(org.office_manager, org.site, today)
        items = ui_selectors.register_items(org.office_manager, org.site)
        assert [row.pk for row in rows] == [item.pk for item in items]
        assert [row.status for row in rows] == [item.status_on(today) for item in items]
        old = Template(OLD_REGISTER_ROW)
        expected = "\n      ".join(
            old.render(Context({"item": item, "status": item.status_on(today)})) for item in items
        )
        assert register_rows(rows) == expected
    assert ui_selectors.register_rows(org.staff, org.site, today) == []


@pytest.mark.parametrize("who", ["staff", "office_manager", "director"])
def test_visible_sites_are_sites_for_with_their_rules(org, who, django_assert_num_queries):
    SiteFactory(name="Closed", is_active=False)
    paris = SiteFactory(name="Paris")
    SitePremisesSettings.objects.create(site=paris, opens_at=dt.time(7, 30), open_days=[0, 1, 2])
    user = getattr(org, who)
    expected_sites = list(sites_for(user))  # also caches the roles on the user, as on a request
    with django_assert_num_queries(1):
        sites = ui_selectors.visible_sites(user)
        rules = {site.pk: ui_selectors.site_rules(site) for site in sites}
    assert [(s.pk, s.name, s.is_active) for s in sites] == [(s.pk, s.name, s.is_active) for s in expected_sites]
    for site in sites:
        expected = SitePremisesSettings.for_site(site)
        got = rules[site.pk]
        assert (got.pk, got.opens_at, got.closes_at, got.open_days) == (
            expected.pk,
            expected.opens_at,
            expected.closes_at,
            expected.open_days,
        )


def test_day_spaces_are_the_floors_and_the_rooms_of_the_day_view(org, django_assert_num_queries):
    upper, ground, empty = (
        FloorFactory(site=org.site, name="Upper", level=2),
        FloorFactory(site=org.site, name="Ground", level=0),
        FloorFactory(site=org.site, name="Attic", level=3),
    )
    for floor, name in [(upper, "Alpha"), (ground, "Zeta"), (ground, "Beta"), (upper, "Gamma")]:
        RoomFactory(floor=floor, name=name)
    RoomFactory(floor=ground, name="Closed", is_active=False)
    BookingFactory(room=upper.rooms.get(name="Alpha"), person=org.staff, start=at(TUESDAY, 9), end=at(TUESDAY, 10))
    assert not org.staff.is_office_manager  # roles are cached on the user, as on a request
    with django_assert_num_queries(1):
        floors, rooms = selectors.day_spaces(org.site)
    assert [(f.pk, f.name) for f in floors] == [(f.pk, f.name) for f in selectors.floors_for_site(org.site)]
    assert empty.pk in [f.pk for f in floors]
    with django_assert_num_queries(1):
        given = selectors.day_view(site=org.site, day=TUESDAY, viewer=org.staff, rooms=rooms)
    read = selectors.day_view(site=org.site, day=TUESDAY, viewer=org.staff)
    assert [(r.room, r.bookings) for r in given] == [(r.room, r.bookings) for r in read]
    assert [r.room.name for r in read] == ["Beta", "Zeta", "Alpha", "Gamma"]
    assert read[2].bookings[0].start == at(TUESDAY, 9)


@pytest.mark.parametrize("who", ["staff", "office_manager", "director"])
def test_the_premises_nav_is_the_template_s(org, who, rf: RequestFactory):
    user = getattr(org, who)
    roles = {"office_manager": user.is_office_manager, "director": user.is_director}
    for path in ["/premises/", "/premises/register/", "/premises/tickets/", "/premises/spaces/", "/premises/my/"]:
        request = rf.get(path)
        request.resolver_match = resolve(path)
        context = Context({"request": request, "roles": roles})
        old = " ".join(Template(OLD_NAV).render(context).split())
        assert " ".join(premises_nav(context).split()) == old
