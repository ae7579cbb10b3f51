"""Sending the basket: the quantities as shown, the reason, the date and the site; once only."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.supplies.basket import SESSION_KEY
from apps.supplies.models import RequestKind, RequestStatus, SupplyRequest
from apps.supplies.tests.factories import CatalogueItemFactory

pytestmark = pytest.mark.django_db

SUBMIT = reverse("supplies:request_submit")


def _token(client) -> str:
    return str(client.get(reverse("supplies:basket")).context["details_form"]["token"].value())


@pytest.fixture
def filled(org, client_for):
    """The staff member's client with 2 reams (4.20 € each) in the basket, and the form's data."""
    item = CatalogueItemFactory(name="Ramette A4", unit_price=Decimal("4.20"))
    client = client_for(org.staff)
    client.post(reverse("supplies:basket_add"), {"item": item.pk, "quantity": 2})
    data = {
        f"item_{item.pk}": 2,
        "reason": "Plus de papier à l'accueil",
        "needed_by": (timezone.localdate() + dt.timedelta(days=3)).isoformat(),
        "site": org.site.pk,
        "token": _token(client),
    }
    return client, data, item


def test_sending_the_basket_saves_the_request_and_empties_the_basket(org, filled):
    client, data, item = filled
    response = client.post(SUBMIT, {**data, f"item_{item.pk}": 4})
    assert response.status_code == 302 and response["Location"] == reverse("supplies:my_requests")
    request = SupplyRequest.objects.get()
    assert (request.requester, request.kind, request.site) == (org.staff, RequestKind.SUPPLIES, org.site)
    assert request.lines.get().quantity == 4 and request.total_excl_vat == Decimal("16.80")
    assert request.status == RequestStatus.APPROVED and request.auto_approved
    assert SESSION_KEY not in client.session
    assert "approved" in client.get(response["Location"]).content.decode()


def test_the_same_form_posted_twice_saves_once_and_never_errors(filled):
    client, data, _item = filled
    client.post(SUBMIT, data)
    second = client.post(SUBMIT, data)
    assert second.status_code == 302 and second["Location"] == reverse("supplies:my_requests")
    assert SupplyRequest.objects.count() == 1
    assert "already been sent" in client.get(second["Location"]).content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"reason": ""}, "reason", "This field is required."),
        ({"needed_by": "2020-01-01"}, "needed_by", "cannot be in the past"),
        ({"needed_by": "9999-12-31"}, "needed_by", "Enter a date between 1900 and 2200."),
        ({"needed_by": "31/02/2026"}, "needed_by", "Enter a valid date."),
        ({"site": "999999"}, "site", "Select a valid choice"),
    ],
)
def test_bad_details_are_shown_next_to_their_field_and_nothing_is_saved(filled, changes, field, message):
    client, data, _item = filled
    response = client.post(SUBMIT, {**data, **changes})
    assert response.status_code == 200
    assert any(message in error for error in response.context["details_form"].errors[field])
    assert not SupplyRequest.objects.exists()
    assert client.session[SESSION_KEY]["items"]  # the basket is kept


@pytest.mark.parametrize("quantity", ["0", "-4", "1.5", "100001"])
def test_a_bad_quantity_when_sending_is_shown_on_its_line(filled, quantity):
    client, data, item = filled
    response = client.post(SUBMIT, {**data, f"item_{item.pk}": quantity})
    assert response.status_code == 200 and response.context["lines_form"].errors[f"item_{item.pk}"]
    assert not SupplyRequest.objects.exists()


def test_an_item_archived_since_it_was_added_must_be_removed_first(filled):
    client, data, item = filled
    item.is_active = False
    item.save()
    response = client.post(SUBMIT, data)
    assert response.status_code == 200
    assert any("archived" in error for error in response.context["line_errors"])
    assert "Archived: remove it" in response.content.decode()
    assert not SupplyRequest.objects.exists()


def test_an_empty_basket_cannot_be_sent(org, client_for):
    client = client_for(org.staff)
    data = {"reason": "x", "needed_by": timezone.localdate().isoformat(), "site": org.site.pk, "token": _token(client)}
    response = client.post(SUBMIT, data)
    assert response.status_code == 200 and response.context["line_errors"] == ["Add at least one line to your request."]
    assert "Add at least one line to your request." in response.content.decode()
    assert not SupplyRequest.objects.exists()


def test_a_pending_request_says_it_went_to_the_office_manager(filled, org):
    client, data, item = filled
    response = client.post(SUBMIT, {**data, f"item_{item.pk}": 100}, follow=True)
    assert "sent to the office manager" in response.content.decode()
    assert SupplyRequest.objects.get().status == RequestStatus.PENDING


def test_the_draft_is_kept_when_the_quantities_are_updated(filled):
    client, data, _item = filled
    client.post(reverse("supplies:basket_update"), {**data, "action": "update"})
    form = client.get(reverse("supplies:basket")).context["details_form"]
    assert form["reason"].value() == "Plus de papier à l'accueil"
