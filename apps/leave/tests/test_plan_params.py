"""apps/leave/plan_params.py: the date PostgreSQL plans without looking at filters as the date does."""

import datetime as dt

from django.db import connection

from apps.leave.models import LeaveRequest
from apps.leave.plan_params import OpaqueDate

D = dt.date


def test_an_opaque_date_filters_as_the_date(org, leave):
    request = leave(org.staff, D(2026, 5, 4), D(2026, 5, 6))
    for day, found in ((D(2026, 5, 3), False), (D(2026, 5, 4), True), (D(2026, 5, 6), True), (D(2026, 5, 7), False)):
        opaque = LeaveRequest.objects.filter(start_date__lte=OpaqueDate(day), end_date__gte=OpaqueDate(day))
        assert list(opaque.values_list("pk", flat=True)) == ([request.pk] if found else [])


def test_an_opaque_date_is_a_parameter(org):
    sql, params = LeaveRequest.objects.filter(start_date__lte=OpaqueDate(D(2026, 5, 4))).query.sql_with_params()
    assert "2026" not in sql and len(params) == 1
    if connection.vendor == "postgresql":
        assert "(SELECT %s::date)" in sql
