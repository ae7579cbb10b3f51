"""Leave requests: who may open which, a person's own list, and how a request's type and dates read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.leave.models import ApprovalStep, LeaveRequest
from apps.leave.services._common import is_office_manager, sees_details
from apps.leave.wording import short_span


def _with_details(requests: QuerySet[LeaveRequest]) -> QuerySet[LeaveRequest]:
    return requests.select_related("person", "person__team", "leave_type", "submitted_by").prefetch_related(
        Prefetch(
            "steps",
            queryset=ApprovalStep.objects.select_related("approver", "on_behalf_of", "decided_by").order_by(
                "created_at", "pk"
            ),
        )
    )


def leave_requests_of(person) -> QuerySet[LeaveRequest]:
    return _with_details(LeaveRequest.objects.filter(person=person))


def leave_requests_visible_to(user) -> QuerySet[LeaveRequest]:
    """Requests the user may open: their own, their teams' (manager), everyone's (office manager,
    director). Anything else is a 404 for the views."""
    requests = LeaveRequest.objects.all()
    if not (is_office_manager(user) or user.is_director):
        requests = requests.filter(
            Q(person=user)
            | Q(person__team_id__in=user.managed_team_ids)
            | Q(steps__approver=user)
            | Q(steps__on_behalf_of=user)
        ).distinct()
    return _with_details(requests)


def type_label(user, leave_request: LeaveRequest) -> str:
    """The request's type as ``user`` may see it: its name, or “Absence” (sees_details)."""
    return leave_request.leave_type.name if sees_details(user, leave_request) else str(_("Absence"))


@dataclass(frozen=True, slots=True)
class TypeLabel:
    name: str
    colour: str


@dataclass(frozen=True, slots=True)
class RequestRow:
    """A row of a person's own request list: what the list shows, not a full LeaveRequest."""

    pk: int
    start_date: dt.date
    start_half: str
    end_date: dt.date
    end_half: str
    days: Decimal
    status: str
    leave_type: TypeLabel


def my_requests(person) -> list[RequestRow]:
    """One person's requests for their own page, latest first (no steps needed there): one query,
    read as plain rows."""
    rows = (
        LeaveRequest.objects.filter(person_id=person.pk)
        .order_by("-start_date", "-pk")
        .values_list(
            "pk",
            "start_date",
            "start_half",
            "end_date",
            "end_half",
            "days",
            "status",
            "leave_type_id",
            "leave_type__name",
            "leave_type__colour",
        )
    )
    types: dict[int, TypeLabel] = {}
    result = []
    for pk, start, start_half, end, end_half, days, status, type_id, type_name, colour in rows:
        leave_type = types.get(type_id)
        if leave_type is None:
            leave_type = types[type_id] = TypeLabel(type_name, colour)
        result.append(RequestRow(pk, start, start_half, end, end_half, days, status, leave_type))
    return result


def split_upcoming(requests: Iterable[RequestRow], today: dt.date) -> tuple[list, list]:
    upcoming, past = [], []
    for leave_request in requests:
        (upcoming if leave_request.end_date >= today else past).append(leave_request)
    upcoming.reverse()  # soonest first
    return upcoming, past


def date_span(start: dt.date, end: dt.date) -> str:
    """“4–8 May” style, short and localised, with the year when a date is not in this year."""
    return short_span(start, end, today=timezone.localdate())
