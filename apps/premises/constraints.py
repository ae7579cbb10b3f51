"""The PostgreSQL exclusion constraints that make a double booking impossible in the database.

They are added by migration 0002 on PostgreSQL only (see ``apps.premises.models.bookings`` for why
they are not declared in ``Meta``). Half-open ranges ``[start, end)``: a booking ending at 11:00 and
the next one starting at 11:00 do not overlap.
"""

from __future__ import annotations

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.db import models

ROOM_CONSTRAINT = "premises_booking_no_room_overlap"
DESK_CONSTRAINT = "premises_booking_no_desk_overlap"
ACTIVE = ("confirmed", "pending", "blocked")


class TsTzRange(models.Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


def booking_exclusion_constraints() -> list[ExclusionConstraint]:
    during = TsTzRange("start", "end", RangeBoundary())
    return [
        ExclusionConstraint(
            name=name,
            index_type="GIST",
            expressions=[(field, RangeOperators.EQUAL), (during, RangeOperators.OVERLAPS)],
            condition=models.Q(status__in=ACTIVE, **{f"{field}__isnull": False}),
        )
        for name, field in ((ROOM_CONSTRAINT, "room"), (DESK_CONSTRAINT, "desk"))
    ]


def is_overlap_violation(exc: Exception) -> bool:
    text = str(exc)
    return ROOM_CONSTRAINT in text or DESK_CONSTRAINT in text
