"""Asking for new equipment: described lines or IT and furniture items, the same approvals."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.supplies.models import Awaiting, Category, RequestKind, RequestStatus, SupplyRequest
from apps.supplies.tests.factories import CatalogueItemFactory

pytestmark = pytest.mark.django_db

URL = reverse("supplies:equipment_request")


def form_data(client, org, rows: list[dict], **changes) -> dict:
    token = client.get(URL).context["details_form"]["token"].value()
    data = {
        "lines-TOTAL_FORMS": len(rows),
        "lines-INITIAL_FORMS": 0,
        "lines-MIN_NUM_FORMS": 0,
        "lines-MAX_NUM_FORMS": 10,
        "reason": "Mon écran clignote depuis une semaine",
        "needed_by": (timezone.localdate() + dt.timedelta(days=10)).isoformat(),
        "site": org.site.pk,
        "token": str(token),
        **changes,
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"lines-{index}-{key}"] = value
    return data


def test_the_page_offers_it_and_furniture_items_only(org, client_for):
    screen = CatalogueItemFactory(name="Écran 27 pouces", category=Category.IT_ACCESSORIES)
    CatalogueItemFactory(name="Ramette", category=Category.PAPER)
    response = client_for(org.staff).get(URL)
    assert response.status_code == 200
    choices = list(response.context["formset"].forms[0].fields["item"].queryset)
    assert choices == [screen]


def test_a_described_line_makes_an_equipment_request_for_the_office_manager(org, client_for):
    client = client_for(org.staff)
    rows = [
        {"description": "Écran 27 pouces USB-C", "unit_price": "289.90", "quantity": 1, "link": "https://ex.com/e"},
        {},
    ]
    response = client.post(URL, form_data(client, org, rows))
    assert response.status_code == 302 and response["Location"] == reverse("supplies:my_requests")
    request = SupplyRequest.objects.get()
    assert request.kind == RequestKind.EQUIPMENT and request.status == RequestStatus.PENDING
    assert request.awaiting == Awaiting.OFFICE_MANAGER and request.total_excl_vat == Decimal("289.90")
    line = request.lines.get()
    assert (line.description, line.link, line.item) == ("Écran 27 pouces USB-C", "https://ex.com/e", None)


def test_a_catalogue_line_takes_its_price_from_the_catalogue(org, client_for):
    chair = CatalogueItemFactory(name="Fauteuil", category=Category.FURNITURE, unit_price=Decimal("320.00"))
    client = client_for(org.staff)
    client.post(URL, form_data(client, org, [{"item": chair.pk, "quantity": 2}]))
    request = SupplyRequest.objects.get()
    assert request.total_excl_vat == Decimal("640.00") and request.needs_director


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ({"description": "Casque", "unit_price": "-3", "quantity": 1}, "unit_price"),
        ({"description": "Casque", "unit_price": "30", "quantity": 0}, "quantity"),
        ({"description": "Casque", "unit_price": "30", "quantity": "1.5"}, "quantity"),
        ({"description": "Casque", "quantity": 1}, "unit_price"),
        ({"unit_price": "30", "quantity": 1}, "description"),
        ({"item": "999999", "quantity": 1}, "item"),
    ],
)
def test_a_bad_line_is_shown_next_to_its_field(org, client_for, row, field):
    client = client_for(org.staff)
    response = client.post(URL, form_data(client, org, [row]))
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors[field]
    assert not SupplyRequest.objects.exists()


def test_an_empty_request_is_refused(org, client_for):
    client = client_for(org.staff)
    response = client.post(URL, form_data(client, org, [{}, {}]))
    assert "Add at least one thing" in response.content.decode()
    assert not SupplyRequest.objects.exists()


def test_the_same_form_twice_saves_once(org, client_for):
    client = client_for(org.staff)
    data = form_data(client, org, [{"description": "Souris", "unit_price": "25", "quantity": 1}])
    client.post(URL, data)
    assert client.post(URL, data).status_code == 302
    assert SupplyRequest.objects.count() == 1


def test_more_rows_are_bounded(org, client_for):
    client = client_for(org.staff)
    assert len(client.get(URL, {"rows": "6"}).context["formset"].forms) == 6
    assert len(client.get(URL, {"rows": "99999999999999"}).context["formset"].forms) == 10
    assert len(client.get(URL, {"rows": "x"}).context["formset"].forms) == 1
