"""Dates out of range on the leave forms and the calendar feed: a field error or a harmless answer,
never a server error (0001-01-01 and 9999-12-31 are valid dates that overflow in date arithmetic)."""

import pytest
from django.urls import reverse

from apps.leave.models import Deputy, LeaveRequest, LedgerEntry

EXTREMES = ["0001-01-01", "9999-12-31"]
OUT_OF_RANGE = "Enter a date between 1900 and 2200."


@pytest.fixture
def staff_client(org, policy, clock, client_for):
    client = client_for(org.staff)
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("day", EXTREMES)
@pytest.mark.parametrize("field", ["start_date", "end_date", "both"])
@pytest.mark.parametrize("url", ["leave:request_create", "leave:request_preview"])
def test_a_leave_request_out_of_range_is_a_field_error(staff_client, cp, day, field, url):
    data = {
        "leave_type": cp.pk,
        "start_date": "2026-05-04",
        "start_half": "morning",
        "end_date": "2026-05-06",
        "end_half": "afternoon",
        "comment": "",
    }
    for name in ("start_date", "end_date") if field == "both" else (field,):
        data[name] = day
    response = staff_client.post(reverse(url), data)
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.content.decode()
    assert not LeaveRequest.objects.exists()


@pytest.mark.parametrize("day", EXTREMES)
def test_a_deputy_out_of_range_is_a_field_error(org, client_for, clock, day):
    client = client_for(org.manager)
    client.raise_request_exception = False
    response = client.post(
        reverse("leave:deputy_list"), {"deputy": org.colleague.pk, "start_date": "2026-03-10", "end_date": day}
    )
    assert response.status_code == 200 and OUT_OF_RANGE in response.content.decode()
    assert not Deputy.objects.exists()


@pytest.mark.parametrize("days", ["9999.99", "-9999.99", "99999999", "1e400", "NaN", "Infinity"])
def test_a_balance_adjustment_out_of_range_is_refused_or_saved(org, policy, cp, client_for, days):
    client = client_for(org.office_manager)
    client.raise_request_exception = False
    url = reverse("leave:balance_adjust", kwargs={"person_pk": org.staff.pk})
    response = client.post(url, {"leave_type": cp.pk, "days": days, "reason": "Test"})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert not LedgerEntry.objects.exists()


@pytest.mark.parametrize("start, end", [(d, d) for d in EXTREMES] + [("0001-01-01", "0001-01-20")])
def test_the_calendar_feed_out_of_range_answers_without_error(staff_client, start, end):
    response = staff_client.get(reverse("leave:calendar_events"), {"start": start, "end": end})
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("number", ["99999999999999999999999", "-99999999999999999999999", "1e9", "NaN"])
def test_the_balances_list_shows_the_last_page_for_a_huge_page_number(org, policy, client_for, number):
    client = client_for(org.office_manager)
    client.raise_request_exception = False
    response = client.get(reverse("leave:balance_list"), {"page": number})
    assert response.status_code == 200
