"""Beat-driven e-mails: approvals still pending after 2 working days, and tomorrow's absences.

Both go through ``reminder_send_once``: a job that runs twice (or on two workers) sends once.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.accounts.models import OFFICE_MANAGER_GROUP
from apps.core.dates import date_text
from apps.leave import counting
from apps.leave.models import TAKEN_STATUSES, ApprovalStep, Decision, LeavePolicy, LeaveRequest, LeaveStatus
from apps.leave.services._common import holidays_for_subdivision, request_context, request_path
from apps.notifications.services import reminder_send_once

REMINDER_AFTER_WORKING_DAYS = 2


def reminder_due_date(step: ApprovalStep) -> dt.date:
    """The step's creation day plus 2 working days (the requester's site holidays)."""
    created = timezone.localdate(step.created_at)
    site = step.request.person.site
    subdivision = site.holiday_subdivision if site else ""
    holidays = holidays_for_subdivision(subdivision, created.year, created.year + 1)
    return counting.add_working_days(created, REMINDER_AFTER_WORKING_DAYS, holidays)


def leave_send_pending_reminders(*, today: dt.date | None = None) -> int:
    """Remind each approver of the steps still pending 2 working days after they opened.

    One query reads every open step with what the e-mail needs; each reminder is sent once.
    Returns how many reminders went out.
    """
    today = today or timezone.localdate()
    steps = (
        ApprovalStep.objects.filter(
            decision=Decision.PENDING,
            approver__isnull=False,
            approver__is_active=True,
            request__status__in=[LeaveStatus.PENDING, LeaveStatus.CANCELLATION_REQUESTED],
            created_at__date__lte=today - dt.timedelta(days=REMINDER_AFTER_WORKING_DAYS),
        )
        .select_related("approver", "on_behalf_of", "request__person__site", "request__leave_type")
        .order_by("pk")
    )
    sent = 0
    for step in steps:
        due = reminder_due_date(step)
        if due > today:
            continue
        context = request_context(step.request, recipient=step.approver) | {
            "approver": step.approver.get_full_name(),
            "on_behalf_of": step.on_behalf_of.get_full_name() if step.on_behalf_of else "",
            "submitted": _in_language(step.approver, date_text, timezone.localdate(step.created_at), DAY_FORMAT),
        }
        sent += reminder_send_once(
            kind="leave_pending_reminder",
            obj=step.request,
            recipient=step.approver,
            due_date=due,
            context=context,
            url=request_path(step.request),
        )
    return sent


DAY_FORMAT = "l j F Y"


def _in_language(recipient, function, *args):
    """``function(*args)`` in the recipient's language, as notify() renders their message."""
    with translation.override(getattr(recipient, "language", "") or settings.LANGUAGE_CODE):
        return function(*args)


def _part_of_day(leave: LeaveRequest, day: dt.date) -> str:
    if leave.start_date == day and leave.start_half == counting.AFTERNOON:
        return str(_("from the afternoon"))
    if leave.end_date == day and leave.end_half == counting.MORNING:
        return str(_("the morning only, back in the afternoon"))
    return ""


def _absences_text(leaves: list[LeaveRequest], day: dt.date) -> list[dict]:
    return [
        {
            "person": leave.person.get_full_name(),
            "leave_type": leave.leave_type.name,
            "part": _part_of_day(leave, day),
            "pending": leave.status == LeaveStatus.PENDING,
        }
        for leave in leaves
    ]


def leave_send_tomorrow_absences(*, today: dt.date | None = None) -> int:
    """E-mail each office manager the list of people absent tomorrow (a working day), once per date.

    Office managers see every leave type, sick leave included. Returns how many e-mails went out.
    """
    today = today or timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    if not counting.is_working_day(tomorrow, holidays_for_subdivision("", tomorrow.year, tomorrow.year)):
        return 0
    leaves = (
        LeaveRequest.objects.filter(
            Q(status__in=TAKEN_STATUSES) | Q(status=LeaveStatus.PENDING),
            start_date__lte=tomorrow,
            end_date__gte=tomorrow,
        )
        .select_related("person", "leave_type")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    leaves = list(leaves)
    if not leaves:
        return 0
    policy = LeavePolicy.load()
    office_managers = get_user_model().objects.filter(groups__name=OFFICE_MANAGER_GROUP, is_active=True)
    sent = 0
    for recipient in office_managers:
        sent += reminder_send_once(
            kind="leave_tomorrow_absences",
            obj=policy,
            recipient=recipient,
            due_date=tomorrow,
            context={
                "date": _in_language(recipient, date_text, tomorrow, DAY_FORMAT),
                "absences": _in_language(recipient, _absences_text, leaves, tomorrow),
            },
            url="/leave/",
        )
    return sent
