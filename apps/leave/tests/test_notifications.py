"""Who is told what, and reminders sent once."""

import datetime as dt

import pytest

from apps.leave import services
from apps.notifications.models import Notification

D = dt.date


def kinds(user):
    return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("kind", flat=True))


def test_the_approver_is_told_of_a_submission_and_the_requester_of_the_decision(org, leave):
    request = leave(org.staff, D(2026, 5, 4), D(2026, 5, 5))
    assert kinds(org.manager) == ["leave_submitted"]
    services.leave_request_approve(request=request, by=org.manager)
    assert kinds(org.staff) == ["leave_approved"]
    other = leave(org.staff, D(2026, 6, 4), D(2026, 6, 5))
    services.leave_request_refuse(request=other, by=org.manager, reason="Inventory")
    assert kinds(org.staff) == ["leave_approved", "leave_refused"]
    services.leave_request_cancel(request=request, by=org.office_manager)
    assert kinds(org.staff)[-1] == "leave_cancelled"


def test_a_stand_in_is_told_on_behalf_of_whom(org, leave):
    services.deputy_create(
        person=org.manager, deputy=org.other_manager, start=D(2026, 3, 1), end=D(2026, 3, 9), by=org.manager
    )
    leave(org.staff, D(2026, 5, 4), D(2026, 5, 5))
    assert kinds(org.other_manager) == ["leave_submitted"]
    assert kinds(org.manager) == []


def test_a_pending_request_is_recalled_after_two_working_days_once(org, leave, clock):
    leave(org.staff, D(2026, 5, 4), D(2026, 5, 5))  # submitted Monday 2 March
    assert services.leave_send_pending_reminders(today=D(2026, 3, 3)) == 0
    assert services.leave_send_pending_reminders(today=D(2026, 3, 4)) == 1
    assert services.leave_send_pending_reminders(today=D(2026, 3, 4)) == 0
    assert services.leave_send_pending_reminders(today=D(2026, 3, 5)) == 0
    assert kinds(org.manager).count("leave_pending_reminder") == 1


def test_no_reminder_once_decided(org, leave):
    request = leave(org.staff, D(2026, 5, 4), D(2026, 5, 5))
    services.leave_request_approve(request=request, by=org.manager)
    assert services.leave_send_pending_reminders(today=D(2026, 3, 10)) == 0


def test_office_managers_get_tomorrows_absences_once(org, leave, sick):
    request = leave(org.staff, D(2026, 3, 3), D(2026, 3, 3), by=org.office_manager)
    services.leave_request_approve(request=request, by=org.manager)
    assert services.leave_send_tomorrow_absences(today=D(2026, 3, 2)) == 1
    assert services.leave_send_tomorrow_absences(today=D(2026, 3, 2)) == 0
    assert kinds(org.office_manager).count("leave_tomorrow_absences") == 1
    assert services.leave_send_tomorrow_absences(today=D(2026, 3, 5)) == 0  # nobody absent on Friday


@pytest.mark.parametrize(
    "kind",
    [
        "leave_submitted",
        "leave_approved",
        "leave_refused",
        "leave_cancelled",
        "leave_cancellation_requested",
        "leave_cancellation_declined",
        "leave_pending_reminder",
    ],
)
def test_every_email_renders(org, leave, kind):
    from apps.leave.services._common import request_context
    from apps.notifications.services import notify

    request = leave(org.staff, D(2026, 5, 4), D(2026, 5, 5))
    context = request_context(request, recipient=org.manager) | {
        "reason": "x",
        "on_behalf_of": "Y",
        "submitted": "02/03/2026",
    }
    notification = notify(recipient=org.manager, kind=kind, context=context, url="/leave/")
    assert notification.title
