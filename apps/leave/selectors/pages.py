"""What a person's own leave pages read, gathered so that each page is one call the read cache
(apps/core/cache.py) keeps: plain rows and values, no model instance whose relations a template
would then read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from apps.leave.selectors.approvals import deputies_of
from apps.leave.selectors.balances import Balance, balances_for
from apps.leave.selectors.office import active_leave_types
from apps.leave.selectors.requests import RequestRow, my_requests, split_upcoming


@dataclass(frozen=True, slots=True)
class DeputyRow:
    """A period when someone decides in the manager's place, as “my leave” shows it."""

    deputy: str
    start_date: dt.date
    end_date: dt.date


@dataclass(frozen=True)
class MyLeavePage:
    balances: list[Balance]  # their leave_type: a LeaveType read alone (name, colour), no relation
    upcoming: list[RequestRow]
    past: list[RequestRow]
    more_past: int
    deputies: list[DeputyRow]


def my_leave_page(user, today: dt.date, *, past_shown: int) -> MyLeavePage:
    """“My leave”: the person's balances on ``today``, their requests not ended yet (soonest first)
    and the latest ``past_shown`` ended ones, and, for a manager, their deputies from today on."""
    upcoming, past = split_upcoming(my_requests(user), today)
    deputies = []
    if user.is_manager:
        deputies = [
            DeputyRow(str(row.deputy), row.start_date, row.end_date)
            for row in deputies_of(user).filter(end_date__gte=today)
        ]
    return MyLeavePage(
        balances=balances_for(user, on=today),
        upcoming=upcoming,
        past=past[:past_shown],
        more_past=max(len(past) - past_shown, 0),
        deputies=deputies,
    )


@dataclass(frozen=True)
class RequestFormChoices:
    """The request form's choices as ``(pk, label)``: the active types, and the active people for
    whoever may record someone else's leave (empty otherwise)."""

    leave_types: list[tuple[int, str]]
    people: list[tuple[int, str]]


def request_form_choices(*, with_people: bool) -> RequestFormChoices:
    """The labels are those of the form's fields (apps/leave/forms.py): a type's name, and
    “Full Name (e-mail)” for a person, ordered as its ``active_people()``."""
    leave_types = [(leave_type.pk, str(leave_type)) for leave_type in active_leave_types()]
    people = []
    if with_people:
        rows = (
            get_user_model()
            .objects.filter(is_active=True)
            .order_by("last_name", "first_name")
            .values_list("pk", "first_name", "last_name", "email")
        )
        people = [(pk, f"{f'{first} {last}'.strip() or email} ({email})") for pk, first, last, email in rows]
    return RequestFormChoices(leave_types, people)
