"""Decisions from the inbox and from a request's page: approve in one click, refuse with a reason,
cancel, and the approver's answer to a cancellation."""

import datetime as dt

import pytest
from django.urls import reverse

from apps.leave import services
from apps.leave.models import Decision, LeaveStatus

D = dt.date


@pytest.fixture
def pending(org, leave):
    return leave(org.staff, D(2026, 5, 4), D(2026, 5, 15))


def url(name, request, **query):
    path = reverse(f"leave:{name}", kwargs={"pk": request.pk})
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_inbox_lists_the_request_with_one_click_approval(org, pending, client_for, django_assert_max_num_queries):
    client = client_for(org.manager)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("core:inbox")).content.decode()
    approve = url("request_approve", pending, next="/inbox/")
    assert f'action="{approve}"' in body
    response = client.post(approve)
    assert response.status_code == 302 and response.url == "/inbox/"
    pending.refresh_from_db()
    assert pending.status == LeaveStatus.APPROVED
    assert 'data-testid="approval"' not in client.get("/inbox/").content.decode()


def test_approve_only_answers_post(org, pending, client_for):
    assert client_for(org.manager).get(url("request_approve", pending)).status_code == 405


def test_approve_refuses_anonymous_other_teams_and_the_requester(org, pending, client, client_for):
    response = client.post(url("request_approve", pending))
    assert response.status_code == 302 and reverse("accounts:login") in response.url
    assert client_for(org.other_manager).post(url("request_approve", pending)).status_code == 404
    assert client_for(org.staff).post(url("request_approve", pending)).status_code == 403
    pending.refresh_from_db()
    assert pending.status == LeaveStatus.PENDING


def test_approving_twice_shows_a_message_not_an_error(org, pending, client_for):
    client = client_for(org.manager)
    client.post(url("request_approve", pending))
    response = client.post(url("request_approve", pending), follow=True)
    assert response.status_code == 200
    assert "not waiting for approval" in response.content.decode()


def test_refusing_needs_a_reason(org, pending, client_for):
    client = client_for(org.manager)
    page = client.get(url("request_refuse", pending, next="/inbox/"))
    assert page.status_code == 200 and 'name="reason"' in page.content.decode()
    response = client.post(url("request_refuse", pending), {"reason": "  ", "next": "/inbox/"})
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert client.post(url("request_refuse", pending)).status_code == 200
    pending.refresh_from_db()
    assert pending.status == LeaveStatus.PENDING
    response = client.post(url("request_refuse", pending), {"reason": "Inventory week", "next": "/inbox/"})
    assert response.status_code == 302 and response.url == "/inbox/"
    pending.refresh_from_db()
    assert (pending.status, pending.refusal_reason) == (LeaveStatus.REFUSED, "Inventory week")


def test_refuse_checks_who_decides(org, pending, client_for):
    assert client_for(org.outsider).get(url("request_refuse", pending)).status_code == 404
    assert client_for(org.staff).post(url("request_refuse", pending), {"reason": "no"}).status_code == 403
    assert client_for(org.manager).put(url("request_refuse", pending)).status_code == 405


def test_the_requester_cancels_a_pending_request(org, pending, client_for):
    response = client_for(org.staff).post(url("request_cancel", pending))
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == LeaveStatus.CANCELLED


def test_cancel_is_post_only_and_hidden_from_others(org, pending, client_for):
    assert client_for(org.staff).get(url("request_cancel", pending)).status_code == 405
    assert client_for(org.outsider).post(url("request_cancel", pending)).status_code == 404
    assert client_for(org.manager).post(url("request_cancel", pending)).status_code == 403


def test_cancelling_approved_leave_asks_the_approver_who_confirms(org, pending, client_for):
    services.leave_request_approve(request=pending, by=org.manager)
    client_for(org.staff).post(url("request_cancel", pending))
    pending.refresh_from_db()
    assert pending.status == LeaveStatus.CANCELLATION_REQUESTED
    manager = client_for(org.manager)
    body = manager.get(reverse("core:inbox")).content.decode()
    assert url("cancellation_confirm", pending, next="/inbox/") in body
    response = manager.post(url("cancellation_confirm", pending, next="/inbox/"))
    assert response.status_code == 302 and response.url == "/inbox/"
    pending.refresh_from_db()
    assert pending.status == LeaveStatus.CANCELLED


def test_the_approver_may_keep_the_leave(org, pending, client_for):
    services.leave_request_approve(request=pending, by=org.manager)
    services.leave_request_cancel(request=pending, by=org.staff)
    manager = client_for(org.manager)
    assert manager.get(url("cancellation_decline", pending)).status_code == 200
    response = manager.post(url("cancellation_decline", pending), {"comment": "Busy week"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == LeaveStatus.APPROVED
    assert pending.steps.order_by("pk").last().decision == Decision.REFUSED


def test_cancellation_answers_check_method_and_who(org, pending, client_for):
    services.leave_request_approve(request=pending, by=org.manager)
    services.leave_request_cancel(request=pending, by=org.staff)
    assert client_for(org.manager).get(url("cancellation_confirm", pending)).status_code == 405
    assert client_for(org.outsider).post(url("cancellation_confirm", pending)).status_code == 404
    assert client_for(org.staff).post(url("cancellation_confirm", pending)).status_code == 403
    assert client_for(org.staff).post(url("cancellation_decline", pending)).status_code == 403


def test_next_must_be_a_local_url(org, pending, client_for):
    response = client_for(org.manager).post(url("request_approve", pending, next="https://evil.example/"))
    assert response.url == reverse("leave:request_detail", kwargs={"pk": pending.pk})
