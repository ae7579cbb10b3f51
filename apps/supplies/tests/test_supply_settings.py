"""The thresholds page: two amounts excl. VAT, the director's at least the automatic one, and the pick-up place."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.supplies.models import SupplySettings

pytestmark = pytest.mark.django_db
URL = "/supplies/settings/"


def post(client, **changes):
    data = {"auto_approve_below": "60.00", "director_above": "750.00", "pickup_place": "Accueil, 2e étage"}
    return client.post(URL, {**data, **changes})


def test_url_name():
    assert reverse("supplies:settings") == URL


def test_office_manager_changes_the_thresholds(org, client_for):
    client = client_for(org.office_manager)
    assert client.get(URL).status_code == 200
    response = post(client)
    assert response.status_code == 302
    row = SupplySettings.current()
    assert (row.auto_approve_below, row.director_above, row.pickup_place) == (
        Decimal("60.00"),
        Decimal("750.00"),
        "Accueil, 2e étage",
    )


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"director_above": "40.00"}, "director_above"),
        ({"auto_approve_below": "-1"}, "auto_approve_below"),
        ({"director_above": "abc"}, "director_above"),
        ({"director_above": "1.234"}, "director_above"),
        ({"director_above": "1e12"}, "director_above"),
        ({"auto_approve_below": ""}, "auto_approve_below"),
    ],
)
def test_bad_thresholds_are_refused_next_to_the_field(org, client_for, changes, field):
    response = post(client_for(org.office_manager), **changes)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    row = SupplySettings.current()
    assert (row.auto_approve_below, row.director_above) == (Decimal("50.00"), Decimal("500.00"))


def test_equal_thresholds_are_allowed(org, client_for):
    assert post(client_for(org.office_manager), director_above="60.00").status_code == 302


@pytest.mark.parametrize("who", ["staff", "manager", "director"])
def test_the_thresholds_are_the_office_managers(org, client_for, who):
    client = client_for(getattr(org, who))
    assert client.get(URL).status_code == 403
    assert post(client).status_code == 403
