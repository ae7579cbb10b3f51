"""Helpers the staff-request tests share: a valid submission, with only what a test changes given."""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils import timezone

from apps.supplies.models import RequestKind
from apps.supplies.services.requests import LineInput, request_submit


def next_week() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=7)


def submit(requester, *, lines, **changes):
    arguments = {
        "requester": requester,
        "site": requester.site,
        "kind": RequestKind.SUPPLIES,
        "reason": "Réassort du bureau",
        "needed_by": next_week(),
        "lines": lines,
        "token": uuid.uuid4(),
        **changes,
    }
    return request_submit(**arguments)


def item_line(item, quantity=1) -> LineInput:
    return LineInput(item_id=item.pk, quantity=quantity)


def free_line(price="10.00", quantity=1, description="Lampe de bureau LED", link="") -> LineInput:
    return LineInput(description=description, unit_price=price, quantity=quantity, link=link)
