"""After approval: issuing what is in stock, lines bought for the request arriving, delivery."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.supplies.models import LineDecision, RequestStatus, SiteStock
from apps.supplies.services import (
    request_decide,
    request_delivered,
    request_issue,
    request_line_arrived,
    stock_for,
    stock_move,
)
from apps.supplies.tests.requests_helpers import catalogue_line, submitted

pytestmark = pytest.mark.django_db


def approved(org, *lines, approved_line_ids=None):
    return request_decide(
        request=submitted(org.staff, *lines), by=org.office_manager, approved_line_ids=approved_line_ids
    )


def test_short_stock_waits_then_is_issued_when_received(org):
    line = catalogue_line(org.site, quantity=5, in_stock=2)
    request = approved(org, line)
    assert request.status == RequestStatus.APPROVED  # 2 of 5 issued, 3 owed
    stock_move(stock=stock_for(item=line["item"], site=org.site), kind="received", delta=10)
    assert request_issue(request=request, by=org.office_manager) == 3
    request.refresh_from_db()
    assert request.status == RequestStatus.READY
    assert SiteStock.objects.get(item=line["item"], site=org.site).quantity == 7


def test_issuing_with_nothing_on_the_shelf_issues_nothing(org):
    request = approved(org, catalogue_line(org.site, quantity=5))
    assert request_issue(request=request, by=org.office_manager) == 0
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED


def test_a_free_line_arriving_makes_the_request_ready_when_all_are_in_hand(org):
    request = approved(org, catalogue_line(org.site, quantity=1, in_stock=2), "250.00", "30.00")
    free_lines = list(request.lines.filter(item=None).order_by("position"))
    request = request_line_arrived(request=request, line=free_lines[0], by=org.office_manager)
    assert request.status == RequestStatus.APPROVED
    request = request_line_arrived(request=request, line=free_lines[1], by=org.office_manager)
    assert request.status == RequestStatus.READY and request.ready_at


def test_only_approved_lines_arrive_and_only_once(org):
    request = submitted(org.staff, "20.00", "30.00")
    first, second = request.lines.order_by("position")
    request = request_decide(request=request, by=org.office_manager, approved_line_ids=[first.pk])
    with pytest.raises(ValidationError):
        request_line_arrived(request=request, line=second, by=org.office_manager)
    request_line_arrived(request=request, line=first, by=org.office_manager)
    with pytest.raises(ValidationError):  # the request is ready now
        request_line_arrived(request=request, line=first, by=org.office_manager)


def test_nothing_is_handed_out_before_approval(org):
    request = submitted(org.staff, "20.00")
    line = request.lines.get()
    with pytest.raises(ValidationError):
        request_issue(request=request, by=org.office_manager)
    with pytest.raises(ValidationError):
        request_line_arrived(request=request, line=line, by=org.office_manager)
    with pytest.raises(ValidationError):
        request_delivered(request=request, by=org.office_manager)
    line.refresh_from_db()
    assert line.decision == LineDecision.PENDING and line.fulfilled_at is None


def test_a_ready_request_is_delivered_once(org):
    request = approved(org, catalogue_line(org.site, in_stock=2))
    assert request.status == RequestStatus.READY
    request = request_delivered(request=request, by=org.office_manager)
    assert request.status == RequestStatus.DELIVERED and request.delivered_at
    with pytest.raises(ValidationError):
        request_delivered(request=request, by=org.office_manager)


@pytest.mark.parametrize("who", ["staff", "director"])
def test_only_the_office_manager_hands_out(org, who):
    request = approved(org, "20.00")
    person = getattr(org, who)
    with pytest.raises(PermissionDenied):
        request_issue(request=request, by=person)
    with pytest.raises(PermissionDenied):
        request_line_arrived(request=request, line=request.lines.get(), by=person)


def test_the_pages_buttons_hand_out_and_deliver(org, client_for):
    request = approved(org, "20.00")
    line = request.lines.get()
    client = client_for(org.office_manager)
    page = client.get(reverse("supplies:request_detail", args=[request.pk])).content.decode()
    assert "Arrived" in page and "Mark as delivered" not in page
    client.post(reverse("supplies:request_line_arrived", args=[request.pk, line.pk]))
    page = client.get(reverse("supplies:request_detail", args=[request.pk])).content.decode()
    assert "Mark as delivered" in page
    response = client.post(reverse("supplies:request_delivered", args=[request.pk]))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.DELIVERED


def test_handing_out_endpoints_refuse_staff_and_a_wrong_line(org, client_for):
    request = approved(org, "20.00")
    other = approved(org, "10.00")
    urls = [
        reverse("supplies:request_issue", args=[request.pk]),
        reverse("supplies:request_line_arrived", args=[request.pk, request.lines.get().pk]),
        reverse("supplies:request_delivered", args=[request.pk]),
    ]
    for url in urls:
        assert client_for(org.staff).post(url).status_code == 403
        assert client_for(org.office_manager).get(url).status_code == 405
    wrong_line = reverse("supplies:request_line_arrived", args=[request.pk, other.lines.get().pk])
    assert client_for(org.office_manager).post(wrong_line).status_code == 404


def test_a_refused_transition_is_a_message(org, client_for):
    request = submitted(org.staff, "20.00")
    response = client_for(org.office_manager).post(reverse("supplies:request_delivered", args=[request.pk]))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
