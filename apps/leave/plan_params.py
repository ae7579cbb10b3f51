"""SQL pieces for the prepared reads (apps/core/prepared.py) that let PostgreSQL keep one plan for
every request: a prepared statement is planned once and reused only when its generic plan costs
no more than one planned for the values at hand; otherwise it is planned again on each request,
which here costs more than running it.

``OpaqueDate(day)``: a date the planner does not look at, ``(SELECT $1::date)``; each plan then
estimates a range of dates alike (the index on the dates still serves). A plain parameter on other
databases. (The code's constants, statuses and decisions, are written into the SQL by
apps/core/prepared.py itself, so the plan kept can use the partial indexes on them.)
"""

from __future__ import annotations

import re

from django.db.models import DateField, Expression

_CONSTANT = re.compile(r"[a-z_]+")


class OpaqueDate(Expression):
    output_field = DateField()

    def __init__(self, value):
        super().__init__()
        self.value = value

    def as_sql(self, compiler, connection):
        return "%s", [connection.ops.adapt_datefield_value(self.value)]

    def as_postgresql(self, compiler, connection):
        return "(SELECT %s::date)", [connection.ops.adapt_datefield_value(self.value)]
