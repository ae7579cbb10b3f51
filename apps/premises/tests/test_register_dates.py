"""Absurd register dates are refused with a clear message, by the form and by the service, never a
server error: a check dated before 2000 or in the future, a first due date before 2000 or more than
ten years ahead."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.accounts.models import User
from apps.premises.models import CheckItem, CheckRecord, CheckResult
from apps.premises.services import checkitem_save, checkrecord_create
from apps.premises.tests.factories import CheckItemFactory

pytestmark = pytest.mark.usefixtures("clock")  # 2 March 2026

TOO_EARLY = "A check cannot be dated before 01/01/2000."
IN_THE_FUTURE = "A check cannot be recorded before it is done."
FIRST_DUE = "Enter a first due date between 01/01/2000 and "  # … and 2 March 2036, in the date format


@pytest.fixture(autouse=True)
def _english(org):
    User.objects.update(language="en")


@pytest.fixture
def client(client_for, org):
    client = client_for(org.office_manager)
    client.raise_request_exception = False  # a crash is a 500 to assert on
    return client


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("1900-01-01", TOO_EARLY),
        ("1999-12-31", TOO_EARLY),
        ("2026-03-03", IN_THE_FUTURE),
        ("2200-12-31", IN_THE_FUTURE),
    ],
)
def test_a_check_dated_out_of_the_window_is_a_field_error(org, client, day, message):
    item = CheckItemFactory(site=org.site)
    data = {"done_on": day, "done_by": "Sicli", "result": CheckResult.COMPLIANT}
    response = client.post(reverse("premises:record_new", args=[item.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CheckRecord.objects.exists()


@pytest.mark.parametrize("day", ["2000-01-01", "2026-03-02"])
def test_a_check_dated_in_the_window_is_recorded(org, client, day):
    item = CheckItemFactory(site=org.site)
    data = {"done_on": day, "done_by": "Sicli", "result": CheckResult.COMPLIANT}
    assert client.post(reverse("premises:record_new", args=[item.pk]), data).status_code == 302
    assert CheckRecord.objects.count() == 1


@pytest.mark.parametrize("day", [dt.date(1900, 1, 1), dt.date(1999, 12, 31), dt.date(2026, 3, 3)])
def test_the_service_refuses_a_check_out_of_the_window(org, day):
    item = CheckItemFactory(site=org.site)
    with pytest.raises(ValidationError) as error:
        checkrecord_create(item=item, by=org.office_manager, done_on=day, done_by="X", result=CheckResult.COMPLIANT)
    assert "done_on" in error.value.message_dict
    assert not CheckRecord.objects.exists()


@pytest.mark.parametrize("day", ["1900-01-01", "1999-12-31", "2036-03-03", "2200-12-31"])
def test_a_first_due_date_out_of_the_window_is_a_field_error(org, client, day):
    data = {"kind": "electrical", "name": "", "interval_months": 12, "first_due_date": day, "is_active": "on"}
    response = client.post(reverse("premises:register_item_new", args=[org.site.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert FIRST_DUE in html and "2036." in html
    assert not CheckItem.objects.exists()


@pytest.mark.parametrize("day", ["2000-01-01", "2036-03-02"])
def test_a_first_due_date_in_the_window_is_saved(org, client, day):
    data = {"kind": "electrical", "name": "", "interval_months": 12, "first_due_date": day, "is_active": "on"}
    assert client.post(reverse("premises:register_item_new", args=[org.site.pk]), data).status_code == 302


@pytest.mark.parametrize("day", [dt.date(1900, 1, 1), dt.date(9999, 12, 31)])
def test_the_service_refuses_a_first_due_date_out_of_the_window(org, day):
    with pytest.raises(ValidationError) as error:
        checkitem_save(item=CheckItem(site=org.site, kind="lifts", first_due_date=day), by=org.office_manager)
    assert "first_due_date" in error.value.message_dict
    item = CheckItemFactory(site=org.site)
    item.first_due_date = day
    with pytest.raises(ValidationError):
        checkitem_save(item=item, by=org.office_manager)


def test_editing_an_old_check_keeps_its_first_due_date(org, client):
    # A check whose first due date was set before the window existed can still be edited.
    item = CheckItemFactory(site=org.site, first_due_date=dt.date(1999, 6, 1))
    data = {"kind": item.kind, "name": "", "interval_months": 12, "first_due_date": "1999-06-01", "is_active": "on"}
    data["supplier"] = "Veritas"
    assert client.post(reverse("premises:register_item_edit", args=[item.pk]), data).status_code == 302
    item.refresh_from_db()
    assert item.supplier == "Veritas"


def test_the_date_pickers_offer_the_window(org, client):
    item = CheckItemFactory(site=org.site)
    html = client.get(reverse("premises:record_new", args=[item.pk])).content.decode()
    assert 'min="2000-01-01"' in html and 'max="2026-03-02"' in html
    html = client.get(reverse("premises:register_item_new", args=[org.site.pk])).content.decode()
    assert 'min="2000-01-01"' in html and 'max="2036-03-02"' in html
