"""The equipment pages: the office manager's register, items and assignments; everyone's own equipment
and reporting a problem with it. Staff see only what they hold (404 otherwise) and get 403 on the
office pages."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from apps.premises.models import Ticket, TicketCategory
from apps.supplies.models import Assignment, EquipmentItem, EquipmentKind, EquipmentState, EquipmentTicket
from apps.supplies.services.equipment import equipment_assign
from apps.supplies.tests.factories import EquipmentItemFactory

TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def held_by_staff(org):
    item = EquipmentItemFactory(asset_tag="EQ-00001", model="ThinkPad T14", site=org.site)
    equipment_assign(item=item, person=org.staff, by=org.office_manager, on=dt.date(2026, 1, 5))
    item.refresh_from_db()
    return item


@pytest.fixture
def held_by_outsider(org):
    item = EquipmentItemFactory(asset_tag="EQ-00002", model="iPhone 13", kind=EquipmentKind.PHONE, site=org.site)
    equipment_assign(item=item, person=org.outsider, by=org.office_manager)
    item.refresh_from_db()
    return item


def _url(name, *args):
    return reverse(f"supplies:{name}", args=args)


# --- the register (office manager) ---------------------------------------------------------------


def test_the_register_lists_filters_and_highlights_warranties_ending(org, client_for, held_by_staff):
    EquipmentItemFactory(
        asset_tag="EQ-00010", model="Dell P2422H", kind=EquipmentKind.SCREEN, warranty_end=TODAY + dt.timedelta(days=20)
    )
    EquipmentItemFactory(asset_tag="EQ-00011", kind=EquipmentKind.SCREEN, warranty_end=TODAY + dt.timedelta(days=90))
    client = client_for(org.office_manager)
    page = client.get(_url("equipment_list")).content.decode()
    assert "EQ-00001" in page and "EQ-00010" in page and "EQ-00011" in page
    assert page.count('data-testid="warranty-soon"') == 2  # the row and the phone card of EQ-00010

    screens = client.get(_url("equipment_list"), {"kind": "screen"}).content.decode()
    assert "EQ-00001" not in screens and "EQ-00010" in screens

    held = client.get(_url("equipment_list"), {"holder": org.staff.pk}).content.decode()
    assert "EQ-00001" in held and "EQ-00010" not in held

    soon = client.get(_url("equipment_list"), {"warranty": "soon"}).content.decode()
    assert "EQ-00010" in soon and "EQ-00011" not in soon

    found = client.get(_url("equipment_list"), {"q": "thinkpad"}).content.decode()
    assert "EQ-00001" in found and "EQ-00010" not in found


def test_the_register_answers_htmx_with_its_rows_alone(org, client_for, held_by_staff):
    response = client_for(org.office_manager).get(_url("equipment_list"), {"kind": "laptop"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "EQ-00001" in page and "<html" not in page
    # The "labels for this list" link follows the filters.
    assert f'href="{_url("equipment_labels")}?kind=laptop"' in page


def test_bad_filters_and_pages_are_ignored(org, client_for, held_by_staff):
    response = client_for(org.office_manager).get(
        _url("equipment_list"), {"holder": "999999", "site": "abc", "page": "99999999999999999999"}
    )
    assert response.status_code == 200


def test_the_register_costs_the_same_queries_for_many_items(org, client_for, django_assert_max_num_queries):
    for number in range(60):
        item = EquipmentItemFactory(site=org.site, warranty_end=TODAY + dt.timedelta(days=number))
        if number % 2:
            equipment_assign(item=item, person=org.staff, by=org.office_manager)
    client = client_for(org.office_manager)
    client.get(_url("equipment_list"))
    with django_assert_max_num_queries(12):
        assert client.get(_url("equipment_list")).status_code == 200


def test_an_item_is_added_with_the_next_tag(org, client_for):
    EquipmentItemFactory(asset_tag="EQ-00041")
    response = client_for(org.office_manager).post(
        _url("equipment_new"),
        {
            "asset_tag": "",
            "kind": "laptop",
            "model": "MacBook Air",
            "state": "in_stock",
            "purchase_price": "1299.00",
            "purchase_date": "2026-01-15",
            "warranty_end": "2027-01-15",
            "site": org.site.pk,
        },
    )
    item = EquipmentItem.objects.get(asset_tag="EQ-00042")
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"purchase_price": "-5"}, "purchase_price"),
        ({"purchase_date": "2026-02-01", "warranty_end": "2025-02-01"}, "warranty_end"),
        ({"purchase_date": "0001-01-01"}, "purchase_date"),
        ({"warranty_end": "9999-12-31"}, "warranty_end"),
        ({"purchase_date": "yesterday"}, "purchase_date"),
        ({"site": "999999"}, "site"),
    ],
)
def test_bad_input_is_shown_next_to_its_field_and_nothing_is_saved(org, client_for, data, field):
    response = client_for(org.office_manager).post(
        _url("equipment_new"), {"kind": "laptop", "state": "in_stock", **data}
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not EquipmentItem.objects.exists()


def test_a_duplicate_serial_number_is_shown_on_its_field(org, client_for, held_by_staff):
    response = client_for(org.office_manager).post(
        _url("equipment_new"), {"kind": "laptop", "state": "in_stock", "serial_number": held_by_staff.serial_number}
    )
    assert response.context["form"].errors["serial_number"] == ["Another item already has this serial number."]


def test_an_item_is_edited_and_a_held_one_keeps_its_state(org, client_for, held_by_staff):
    client = client_for(org.office_manager)
    form = client.get(_url("equipment_edit", held_by_staff.pk)).context["form"]
    assert "state" not in form.fields
    response = client.post(
        _url("equipment_edit", held_by_staff.pk),
        {"asset_tag": "EQ-00001", "kind": "laptop", "model": "ThinkPad T14 Gen 4", "site": org.site.pk},
    )
    assert response.status_code == 302
    held_by_staff.refresh_from_db()
    assert held_by_staff.model == "ThinkPad T14 Gen 4" and held_by_staff.state == EquipmentState.IN_SERVICE


def test_the_office_manager_sees_the_holder_the_history_and_the_tickets(org, client_for, held_by_staff):
    client_for(org.staff).post(_url("equipment_report", held_by_staff.pk), {"description": "Clavier", "urgency": "low"})
    response = client_for(org.office_manager).get(_url("equipment_detail", held_by_staff.pk))
    page = response.content.decode()
    assert str(org.staff) in page
    assert response.context["assignments"][0].person == org.staff
    assert len(response.context["tickets"]) == 1
    assert response.context["return_form"] is not None and response.context["assign_form"] is None


def test_assign_and_return_from_the_item_page(org, client_for):
    item = EquipmentItemFactory(site=org.site)
    client = client_for(org.office_manager)
    response = client.post(_url("equipment_assign", item.pk), {"person": org.colleague.pk, "note": "Arrivée"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.holder == org.colleague
    response = client.post(_url("equipment_return", item.pk), {"state": "in_repair", "note": "Charnière"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.holder is None and item.state == EquipmentState.IN_REPAIR


def test_an_unknown_person_is_a_form_error(org, client_for):
    item = EquipmentItemFactory(site=org.site)
    response = client_for(org.office_manager).post(_url("equipment_assign", item.pk), {"person": "987654"})
    assert response.status_code == 400
    assert response.context["assign_form"].errors["person"] == ["Choose an active person from the list."]
    assert not Assignment.objects.exists()


def test_a_return_dated_before_the_assignment_is_a_form_error(org, client_for, held_by_staff):
    response = client_for(org.office_manager).post(
        _url("equipment_return", held_by_staff.pk), {"on": "2026-01-04", "state": "in_stock"}
    )
    assert response.status_code == 400
    assert "cannot be returned before" in response.context["return_form"].errors["on"][0]
    held_by_staff.refresh_from_db()
    assert held_by_staff.holder == org.staff


def test_assigning_a_held_item_from_a_stale_page_is_a_clean_error(org, client_for, held_by_staff):
    response = client_for(org.office_manager).post(
        _url("equipment_assign", held_by_staff.pk), {"person": org.colleague.pk}
    )
    assert response.status_code == 400
    assert "record its return first" in response.context["assign_form"].errors["person"][0]


# --- staff: my equipment, reporting a problem -------------------------------------------------


def test_my_equipment_lists_what_i_hold(org, client_for, held_by_staff, held_by_outsider):
    response = client_for(org.staff).get(_url("my_equipment"))
    page = response.content.decode()
    assert "EQ-00001" in page and "EQ-00002" not in page
    assert _url("equipment_report", held_by_staff.pk) in page


def test_a_staff_member_sees_their_item_but_not_the_history_nor_forms(org, client_for, held_by_staff):
    response = client_for(org.staff).get(_url("equipment_detail", held_by_staff.pk))
    assert response.status_code == 200
    assert response.context["assignments"] == []
    assert response.context["assign_form"] is None and response.context["return_form"] is None


def test_others_equipment_is_not_found(org, client_for, held_by_outsider):
    client = client_for(org.staff)
    assert client.get(_url("equipment_detail", held_by_outsider.pk)).status_code == 404
    assert client.get(_url("equipment_report", held_by_outsider.pk)).status_code == 404
    assert client.post(_url("equipment_report", held_by_outsider.pk), {"description": "x"}).status_code == 404
    assert not Ticket.objects.exists()


def test_an_item_returned_is_no_longer_visible_to_its_former_holder(org, client_for, held_by_staff):
    client_for(org.office_manager).post(_url("equipment_return", held_by_staff.pk), {"state": "in_stock"})
    assert client_for(org.staff).get(_url("equipment_detail", held_by_staff.pk)).status_code == 404


@pytest.mark.parametrize("name", ["equipment_list", "equipment_new", "equipment_labels"])
def test_staff_are_refused_the_office_pages(org, client_for, name):
    assert client_for(org.staff).get(_url(name)).status_code == 403


def test_staff_are_refused_editing_assigning_and_returning(org, client_for, held_by_staff):
    client = client_for(org.staff)
    assert client.get(_url("equipment_edit", held_by_staff.pk)).status_code == 403
    assert client.post(_url("equipment_assign", held_by_staff.pk), {"person": org.staff.pk}).status_code == 403
    assert client.post(_url("equipment_return", held_by_staff.pk), {"state": "lost"}).status_code == 403
    held_by_staff.refresh_from_db()
    assert held_by_staff.state == EquipmentState.IN_SERVICE


def test_assign_and_return_refuse_get(org, client_for, held_by_staff):
    client = client_for(org.office_manager)
    assert client.get(_url("equipment_assign", held_by_staff.pk)).status_code == 405
    assert client.get(_url("equipment_return", held_by_staff.pk)).status_code == 405
    assert client_for(org.staff).put(_url("my_equipment")).status_code == 405


def test_reporting_a_problem_opens_a_linked_it_ticket(org, client_for, held_by_staff):
    response = client_for(org.staff).post(
        _url("equipment_report", held_by_staff.pk), {"description": "L'écran clignote", "urgency": "high"}
    )
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("premises:ticket_detail", args=[ticket.pk])
    assert ticket.category == TicketCategory.IT and ticket.urgency == "high"
    assert ticket.site == org.site and ticket.reporter == org.staff
    assert ticket.place == "EQ-00001 · ThinkPad T14"
    assert EquipmentTicket.objects.get().item == held_by_staff
    # The reporter follows it like any ticket.
    assert client_for(org.staff).get(response["Location"]).status_code == 200


def test_a_chair_is_a_furniture_ticket_on_the_holders_site_when_it_has_none(org, client_for):
    chair = EquipmentItemFactory(kind=EquipmentKind.CHAIR, model="", site=None)
    equipment_assign(item=chair, person=org.staff, by=org.office_manager)
    client_for(org.staff).post(_url("equipment_report", chair.pk), {"description": "Vérin cassé", "urgency": "normal"})
    ticket = Ticket.objects.get()
    assert ticket.category == TicketCategory.FURNITURE and ticket.site == org.site
    assert ticket.place == f"{chair.asset_tag} · Chair"


def test_an_empty_problem_is_a_form_error_and_opens_nothing(org, client_for, held_by_staff):
    response = client_for(org.staff).post(
        _url("equipment_report", held_by_staff.pk), {"description": " ", "urgency": "x"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"description", "urgency"}
    assert not Ticket.objects.exists() and not EquipmentTicket.objects.exists()


def test_a_holder_does_not_see_the_tickets_a_former_holder_reported(org, client_for, held_by_staff):
    client_for(org.staff).post(_url("equipment_report", held_by_staff.pk), {"description": "Mine", "urgency": "low"})
    client_for(org.office_manager).post(_url("equipment_return", held_by_staff.pk), {"state": "in_stock"})
    client_for(org.office_manager).post(_url("equipment_assign", held_by_staff.pk), {"person": org.colleague.pk})
    response = client_for(org.colleague).get(_url("equipment_detail", held_by_staff.pk))
    assert response.status_code == 200 and response.context["tickets"] == []
    assert len(client_for(org.office_manager).get(_url("equipment_detail", held_by_staff.pk)).context["tickets"]) == 1


def test_the_item_page_costs_the_same_queries_for_a_long_history(org, client_for, django_assert_max_num_queries):
    item = EquipmentItemFactory(site=org.site)
    client = client_for(org.office_manager)
    for day in range(1, 25):
        on = dt.date(2026, 1, day)
        equipment_assign(item=item, person=org.staff if day % 2 else org.colleague, by=org.office_manager, on=on)
        client.post(_url("equipment_return", item.pk), {"on": on.isoformat(), "state": "in_stock"})
    with django_assert_max_num_queries(14):
        response = client.get(_url("equipment_detail", item.pk))
    assert len(response.context["assignments"]) == 24


def test_my_equipment_costs_the_same_queries_for_many_items(org, client_for, django_assert_max_num_queries):
    for _ in range(15):
        equipment_assign(item=EquipmentItemFactory(site=org.site), person=org.staff, by=org.office_manager)
    client = client_for(org.staff)
    with django_assert_max_num_queries(10):
        response = client.get(_url("my_equipment"))
    assert len(response.context["items"]) == 15


def test_the_cards_show_on_the_dashboard_and_on_my_space(org, client_for, held_by_staff):
    EquipmentItemFactory(warranty_end=TODAY + dt.timedelta(days=3))
    assert "Warranties ending" in client_for(org.office_manager).get(reverse("dashboard:index")).content.decode()
    assert _url("my_equipment") in client_for(org.staff).get(reverse("core:my_space")).content.decode()
