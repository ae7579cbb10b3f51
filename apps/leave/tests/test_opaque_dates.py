"""apps.core.prepared.Opaque: the date PostgreSQL plans without looking at filters as the date does."""

import datetime as dt

from django.db import connection
from django.db.models import DateField

from apps.core.prepared import Opaque
from apps.leave.models import LeaveRequest

D = dt.date


def test_an_opaque_date_filters_as_the_date(org, leave):
    request = leave(org.staff, D(2026, 5, 4), D(2026, 5, 6))
    for day, found in ((D(2026, 5, 3), False), (D(2026, 5, 4), True), (D(2026, 5, 6), True), (D(2026, 5, 7), False)):
        opaque = LeaveRequest.objects.filter(
            start_date__lte=Opaque(day, DateField()), end_date__gte=Opaque(day, DateField())
        )
        assert list(opaque.values_list("pk", flat=True)) == ([request.pk] if found else [])


def test_an_opaque_date_is_a_parameter(org):
    sql, params = LeaveRequest.objects.filter(
        start_date__lte=Opaque(D(2026, 5, 4), DateField())
    ).query.sql_with_params()
    assert "2026" not in sql and len(params) == 1
    if connection.vendor == "postgresql":
        assert "(SELECT %s::date)" in sql
