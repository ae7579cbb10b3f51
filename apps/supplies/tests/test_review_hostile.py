"""What an adversarial review found: each test failed before its fix."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.supplies.models import CatalogueImport, EquipmentItem
from apps.supplies.tests._staff import free_line, submit
from apps.supplies.tests.factories import CatalogueItemFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("next_url", ["foo", "1e5", "-1", "http://["])
def test_a_next_that_is_not_a_path_is_ignored_not_a_server_error(org, client_for, next_url):
    item = CatalogueItemFactory()
    response = client_for(org.staff).post(
        reverse("supplies:basket_add"), {"item": item.pk, "quantity": "1", "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("supplies:shop")


# --- NUL bytes: PostgreSQL refuses them in text -------------------------------------------------


def _xlsx_with(name: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Category", "Unit", "Unit price excl. VAT", "VAT rate"])
    sheet.append([name, "paper", "ream", 4.2, 20])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_refusal_reason_with_a_nul_byte_is_refused_by_the_inbox_button(org, client_for):
    supply_request = submit(org.staff, lines=[free_line("80.00", description="Chaise")])
    response = client_for(org.office_manager).post(
        reverse("supplies:request_refuse", args=[supply_request.pk]), {"reason": "Trop\x00cher"}
    )
    assert response.status_code == 302
    supply_request.refresh_from_db()
    assert "\x00" not in supply_request.refusal_reason


def test_an_xlsx_cell_with_an_escaped_nul_byte_is_not_a_server_error(org, client_for):
    client = client_for(org.office_manager)
    upload = SimpleUploadedFile("c.xlsx", _xlsx_with("Ramette_x0000_A4"))
    response = client.post(reverse("supplies:catalogue_import"), {"file": upload})
    assert response.status_code in (200, 302)
    for stage in CatalogueImport.objects.all():
        assert "\x00" not in repr(stage.rows)


def test_an_upload_whose_file_name_holds_a_nul_byte_is_not_a_server_error(org, client_for):
    client = client_for(org.office_manager)
    upload = SimpleUploadedFile(
        "cata\x00logue.csv", b"Name,Category,Unit,Unit price excl. VAT,VAT rate\nA,paper,ream,1,20\n"
    )
    response = client.post(reverse("supplies:catalogue_import"), {"file": upload})
    assert response.status_code in (200, 302)


def test_the_archive_button_clicked_twice_leaves_the_item_archived(org, client_for):
    item = CatalogueItemFactory()
    client = client_for(org.office_manager)
    url = reverse("supplies:item_archive", args=[item.pk])
    data = {"active": "0"}  # what the Archive button posts
    client.post(url, data)
    response = client.post(url, data, follow=True)
    item.refresh_from_db()
    assert not item.is_active
    assert "already archived" in response.content.decode()
    client.post(url, {"active": "1"})  # the Restore button
    item.refresh_from_db()
    assert item.is_active


def test_an_archive_post_that_does_not_say_which_changes_nothing(org, client_for):
    item = CatalogueItemFactory()
    response = client_for(org.office_manager).post(reverse("supplies:item_archive", args=[item.pk]), {"active": "x"})
    item.refresh_from_db()
    assert response.status_code == 302 and item.is_active


def test_a_new_equipment_form_sent_twice_records_one_item(org, client_for):
    client = client_for(org.office_manager)
    page = client.get(reverse("supplies:equipment_new")).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    data = {"kind": "laptop", "model": "ThinkPad T14", "state": "in_stock", "token": token}
    first = client.post(reverse("supplies:equipment_new"), data)
    second = client.post(reverse("supplies:equipment_new"), data, follow=True)
    assert EquipmentItem.objects.count() == 1
    item = EquipmentItem.objects.get()
    assert first.status_code == 302 and second.redirect_chain[-1][0] == item.get_absolute_url()
    assert "already been added" in second.content.decode()


def test_a_problem_report_sent_twice_opens_one_ticket(org, client_for):
    from apps.premises.models import Ticket
    from apps.supplies.services.equipment import equipment_assign
    from apps.supplies.tests.factories import EquipmentItemFactory

    item = EquipmentItemFactory(site=org.site)
    equipment_assign(item=item, person=org.staff, by=org.office_manager)
    client = client_for(org.staff)
    url = reverse("supplies:equipment_report", args=[item.pk])
    token = re.search(r'name="token" value="([^"]+)"', client.get(url).content.decode()).group(1)
    data = {"description": "L'écran clignote", "urgency": "normal", "token": token}
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    ticket = Ticket.objects.get()
    assert first.status_code == 302 and second.redirect_chain[-1][0] == reverse(
        "premises:ticket_detail", args=[ticket.pk]
    )
    assert "already been reported" in second.content.decode()
