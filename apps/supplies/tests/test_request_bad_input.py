"""Bad input to a request gets a clear message on the field it concerns, and nothing is saved."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.notifications.models import Notification
from apps.supplies.models import RequestLine, SupplyRequest
from apps.supplies.tests._staff import free_line, item_line, submit
from apps.supplies.tests.factories import CatalogueItemFactory

pytestmark = pytest.mark.django_db


def _refused(requester, field, **arguments) -> list[str]:
    with pytest.raises(ValidationError) as error:
        submit(requester, **arguments)
    assert not SupplyRequest.objects.exists() and not RequestLine.objects.exists()
    assert not Notification.objects.exists()
    return error.value.message_dict[field]


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        (0, "at least 1"),
        (-3, "at least 1"),
        (1.5, "whole number"),
        (Decimal("2.5"), "whole number"),
        ("deux", "whole number"),
        (True, "whole number"),
        (None, "whole number"),
        (100_001, "At most 100 000"),
    ],
)
def test_zero_negative_fractional_or_huge_quantities_are_refused(org, quantity, message):
    item = CatalogueItemFactory(name="Stylo bille")
    errors = _refused(org.staff, "lines", lines=[item_line(item, quantity)])
    assert any(error.startswith("Stylo bille: ") and message in error for error in errors)


def test_a_quantity_of_100000_is_accepted(org):
    item = CatalogueItemFactory(unit_price=Decimal("0.10"))
    assert submit(org.staff, lines=[item_line(item, 100_000)]).lines.get().quantity == 100_000


def test_an_archived_item_is_refused_by_name(org):
    item = CatalogueItemFactory(name="Agrafeuse rouge", is_active=False)
    (error,) = _refused(org.staff, "lines", lines=[item_line(item, 1)])
    assert error == "Agrafeuse rouge: This item has been archived and can no longer be requested: remove it."


@pytest.mark.parametrize("item_id", [999_999, "abc"])
def test_an_unknown_item_is_refused(org, item_id):
    (error,) = _refused(org.staff, "lines", lines=[{"item_id": item_id, "quantity": 1}])
    assert "This item is not in the catalogue." in error


def test_a_request_needs_a_line(org):
    assert _refused(org.staff, "lines", lines=[]) == ["Add at least one line to your request."]


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_request_needs_a_reason(org, reason):
    assert _refused(org.staff, "reason", lines=[free_line()], reason=reason) == ["Say why you need it."]


@pytest.mark.parametrize(
    ("needed_by", "message"),
    [
        (dt.date(2020, 1, 1), "cannot be in the past"),
        (dt.date(9999, 12, 31), "Enter a date before 2201."),
        (None, "Enter the date"),
    ],
)
def test_a_past_or_absurd_date_is_refused(org, needed_by, message):
    (error,) = _refused(org.staff, "needed_by", lines=[free_line()], needed_by=needed_by)
    assert message in error


def test_today_is_a_valid_date(org):
    assert submit(org.staff, lines=[free_line()], needed_by=timezone.localdate()).pk


@pytest.mark.parametrize(
    ("price", "message"),
    [
        ("-1", "cannot be negative"),
        ("100000000", "cannot exceed"),
        ("12.345", "two decimals"),
        ("", "estimated unit price"),
        ("douze", "price in euros"),
        ("NaN", "price in euros"),
    ],
)
def test_a_bad_estimated_price_is_refused(org, price, message):
    (error,) = _refused(org.staff, "lines", lines=[free_line(price)])
    assert message in error


def test_a_free_line_needs_a_description_and_a_web_link(org):
    errors = _refused(org.staff, "lines", lines=[free_line(description="  "), free_line(link="javascript:alert(1)")])
    assert any("Describe what you need." in error for error in errors)
    assert any("http:// or https://" in error for error in errors)


def test_a_closed_site_is_refused(org):
    org.site.is_active = False
    org.site.save()
    assert _refused(org.staff, "site", lines=[free_line()]) == ["Choose an open site to pick it up from."]


def test_an_absurd_total_is_refused(org):
    lines = [free_line("99999999.99", quantity=2)]
    assert "costs too much" in _refused(org.staff, "lines", lines=lines)[0]


def test_a_bad_token_is_refused(org):
    with pytest.raises(ValidationError) as error:
        submit(org.staff, lines=[free_line()], token="x")
    assert "token" in error.value.message_dict
