"""What the premises pages show, per role: the premises menu, the day grid's bookings (masked for
others), the links of the lists, the HTMX partial of "find a free room", and hostile text typed by
someone (a booking title, a ticket's description or place, a room or a check's name) shown as text."""

import pytest
from django.urls import reverse

from apps.premises.models import BookingStatus, TicketStatus
from apps.premises.tests.conftest import TUESDAY, at
from apps.premises.tests.factories import BookingFactory, CheckItemFactory, RoomFactory, TicketFactory

pytestmark = pytest.mark.usefixtures("clock")

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE = f"{SCRIPT}{IMG}"


def _html(client_for, user, url, params=None, **headers) -> str:
    response = client_for(user).get(url, params or {}, **headers)
    assert response.status_code == 200, url
    return response.content.decode()


def _assert_text_only(html: str) -> None:
    """The hostile text is on the page, escaped: no script, no image, no attribute broken out of."""
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.fixture
def hostile_room(floor):
    return RoomFactory(floor=floor, name=f"Room {HOSTILE}")


# --- Escaping ------------------------------------------------------------------------------------


def test_the_day_grid_shows_a_hostile_booking_title_and_room_name_as_text(org, hostile_room, client_for):
    BookingFactory(room=hostile_room, person=org.staff, title=HOSTILE, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    for viewer in (org.staff, org.office_manager):  # the owner, and who sees every detail
        html = _html(client_for, viewer, reverse("premises:day"), {"date": TUESDAY.isoformat()})
        _assert_text_only(html)
        assert html.count('data-testid="booking-block"') == 1


def test_a_booking_s_pages_show_its_hostile_title_as_text(org, hostile_room, client_for):
    mine = BookingFactory(room=hostile_room, person=org.staff, title=HOSTILE, start=at(TUESDAY, 10))
    pending = BookingFactory(
        room=hostile_room, person=org.colleague, title=HOSTILE, start=at(TUESDAY, 14), status=BookingStatus.PENDING
    )
    _assert_text_only(_html(client_for, org.staff, reverse("premises:booking_detail", args=[mine.pk])))
    _assert_text_only(_html(client_for, org.staff, reverse("premises:my_bookings")))
    _assert_text_only(_html(client_for, org.office_manager, reverse("premises:approvals")))
    _assert_text_only(_html(client_for, org.office_manager, reverse("premises:booking_refuse", args=[pending.pk])))


def test_the_ticket_pages_show_a_hostile_description_and_place_as_text(org, client_for):
    ticket = TicketFactory(site=org.site, reporter=org.staff, description=HOSTILE, place=IMG)
    _assert_text_only(_html(client_for, org.office_manager, reverse("premises:ticket_list")))
    _assert_text_only(_html(client_for, org.staff, reverse("premises:my_tickets")))
    _assert_text_only(_html(client_for, org.staff, reverse("premises:ticket_detail", args=[ticket.pk])))


def test_the_spaces_find_and_floor_plan_pages_show_a_hostile_room_name_as_text(org, floor, hostile_room, client_for):
    _assert_text_only(_html(client_for, org.office_manager, reverse("premises:site_spaces", args=[org.site.pk])))
    _assert_text_only(_html(client_for, org.staff, reverse("premises:floor_plan", args=[floor.pk])))
    query = {"site": org.site.pk, "date": TUESDAY.isoformat(), "start": "10:00", "end": "11:00", "people": 2}
    _assert_text_only(_html(client_for, org.staff, reverse("premises:find_room"), query))


def test_the_register_shows_a_hostile_check_name_and_supplier_as_text(org, client_for):
    item = CheckItemFactory(site=org.site, name=SCRIPT, supplier=IMG)
    _assert_text_only(_html(client_for, org.office_manager, reverse("premises:register")))
    _assert_text_only(_html(client_for, org.director, reverse("premises:register_item", args=[item.pk])))


# --- What each role sees --------------------------------------------------------------------------

OFFICE_TABS = ["Approvals", "All tickets", "Spaces"]


def _nav(html: str) -> str:
    start = html.index('class="premises-nav')
    return html[start : html.index("</nav>", start)]


def test_the_premises_menu_shows_each_role_its_pages(org, client_for):
    staff = _nav(_html(client_for, org.staff, reverse("premises:my_bookings")))
    for tab in ["Rooms", "Find a room", "My bookings", "My tickets"]:
        assert f"</i> {tab}</a>" in staff
    assert not any(f"</i> {tab}</a>" in staff for tab in [*OFFICE_TABS, "Safety register"])
    director = _nav(_html(client_for, org.director, reverse("premises:register")))
    assert "Safety register" in director and not any(tab in director for tab in OFFICE_TABS)
    office = _nav(_html(client_for, org.office_manager, reverse("premises:ticket_list")))
    for name in ["approvals", "ticket_list", "register", "spaces"]:
        assert f'href="{reverse(f"premises:{name}")}"' in office


def test_the_menu_marks_the_page_shown(org, client_for):
    html = _nav(_html(client_for, org.office_manager, reverse("premises:register")))
    assert f'nav-link text-nowrap active" href="{reverse("premises:register")}"' in html
    assert html.count(" active") == 1


def test_others_bookings_are_busy_on_the_grid_and_only_the_office_manager_sees_who(org, room, client_for):
    booking = BookingFactory(
        room=room, person=org.colleague, title="Salary review", start=at(TUESDAY, 10), end=at(TUESDAY, 11)
    )
    detail = reverse("premises:booking_detail", args=[booking.pk])
    staff = _html(client_for, org.staff, reverse("premises:day"), {"date": TUESDAY.isoformat()})
    assert "Salary review" not in staff and "is-busy" in staff
    assert detail not in staff  # a busy block is not a link
    assert "Block a room" not in staff
    office = _html(client_for, org.office_manager, reverse("premises:day"), {"date": TUESDAY.isoformat()})
    assert "Salary review" in office and org.colleague.get_full_name() in office
    assert f'href="{detail}"' in office
    assert f'href="{reverse("premises:room_block")}"' in office
    colleague = _html(client_for, org.colleague, reverse("premises:day"), {"date": TUESDAY.isoformat()})
    assert "is-mine" in colleague and f'href="{detail}"' in colleague


def test_the_grid_places_a_booking_and_links_its_room_to_the_booking_form(org, room, client_for):
    BookingFactory(room=room, person=org.staff, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    html = _html(client_for, org.staff, reverse("premises:day"), {"date": TUESDAY.isoformat()})
    assert 'data-style="left: 16.667%; width: 8.333%;"' in html  # 10:00–11:00 of 08:00–20:00
    assert f'?site={org.site.pk}&amp;date={TUESDAY.isoformat()}&amp;space=room:{room.pk}"' in html
    assert html.count(f'data-space="room:{room.pk}"') == 1
    assert '<div class="day-grid-hour">08:00</div>' in html and '<div class="day-grid-hour">19:00</div>' in html
    assert 'data-style="--hours: 12;"' in html


def test_the_ticket_queue_links_each_ticket_and_pages_keep_the_filters(org, client_for):
    tickets = [TicketFactory(site=org.site, reporter=org.staff, place=f"Hall {n}") for n in range(31)]
    html = _html(client_for, org.office_manager, reverse("premises:ticket_list"), {"status": "all"})
    assert html.count('data-testid="ticket-row"') == 30
    assert f'href="{reverse("premises:ticket_detail", args=[tickets[0].pk])}"' in html
    assert 'href="?status=all&amp;page=2"' in html
    second = _html(client_for, org.office_manager, reverse("premises:ticket_list"), {"status": "all", "page": 2})
    assert second.count('data-testid="ticket-row"') == 1 and "2 / 2" in second


def test_a_ticket_shows_its_badges_and_the_buttons_its_viewer_may_press(org, client_for):
    ticket = TicketFactory(site=org.site, reporter=org.staff, status=TicketStatus.RESOLVED)
    office = _html(client_for, org.office_manager, reverse("premises:ticket_detail", args=[ticket.pk]))
    assert 'data-testid="urgency">Normal</span>' in office
    assert 'class="badge text-bg-success" data-testid="status">Resolved</span>' in office
    assert 'data-testid="triage-form"' in office
    reporter = _html(client_for, org.staff, reverse("premises:ticket_detail", args=[ticket.pk]))
    assert "Reopen" in reporter and 'data-testid="triage-form"' not in reporter


def test_the_register_rows_link_each_check_with_its_status(org, client_for):
    item = CheckItemFactory(site=org.site, name="Extinguishers", supplier="")
    html = _html(client_for, org.office_manager, reverse("premises:register"))
    assert f'href="{reverse("premises:register_item", args=[item.pk])}" class="fw-semibold">Extinguishers</a>' in html
    assert 'data-status="due_soon">Due soon</span>' in html  # due 15 March, the clock says 2 March
    assert '<td class="small d-none d-md-table-cell">—</td>' in html and "12 months" in html


def test_find_a_room_answers_htmx_with_the_results_alone(org, room, client_for):
    query = {"site": org.site.pk, "date": TUESDAY.isoformat(), "start": "10:00", "end": "11:00", "people": 2}
    page = _html(client_for, org.staff, reverse("premises:find_room"), query)
    assert "<html" in page and "premises-nav" in page and 'data-testid="free-room"' in page
    partial = _html(client_for, org.staff, reverse("premises:find_room"), query, HTTP_HX_REQUEST="true")
    assert "<html" not in partial and "premises-nav" not in partial
    assert partial.count('data-testid="free-room"') == 1 and "Rhône" in partial
    assert 'name="csrfmiddlewaretoken"' in partial  # its "Book" buttons post
    assert f'href="{reverse("premises:booking_new")}?site={org.site.pk}&amp;space=room:{room.pk}' in partial
