"""Payroll export data: days of leave taken in a month, per person and leave type.

``payroll_rows(year=, month=)`` splits a request spanning several months by month (half days
included, counted with the company rule and the person's site holidays); ``write_payroll_csv(rows,
out)`` writes them for a spreadsheet: UTF-8 with BOM, ``;`` separator, decimal comma.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TextIO

from django.utils.translation import gettext as _

from apps.core.csv_export import CsvWriter
from apps.leave import counting, periods
from apps.leave.models import TAKEN_STATUSES, LeavePolicy, LeaveRequest, LeaveType
from apps.leave.services._common import person_holidays


@dataclass(frozen=True)
class PayrollRow:
    person: object
    leave_type: LeaveType
    days: Decimal
    first_day: dt.date
    last_day: dt.date


def payroll_rows(*, year: int, month: int) -> list[PayrollRow]:
    """Approved leave (and leave whose cancellation is only requested) counted within the month."""
    first, last = periods.month_bounds(year, month)
    policy = LeavePolicy.load()
    # A leave ending just before the month can still count days in it (the Saturday before the
    # return, in jours ouvrables): look a few days back.
    leaves = (
        LeaveRequest.objects.filter(
            status__in=TAKEN_STATUSES, start_date__lte=last, end_date__gte=first - dt.timedelta(days=7)
        )
        .select_related("person", "person__site", "leave_type")
        .order_by("person__last_name", "person__first_name", "leave_type__order", "start_date")
    )
    totals: dict[tuple[int, int], list] = defaultdict(lambda: [None, None, Decimal(0), None, None])
    for leave in leaves:
        holidays = person_holidays(leave.person, leave.start_date, leave.end_date)
        breakdown = counting.day_breakdown(
            leave.start_date,
            leave.start_half,
            leave.end_date,
            leave.end_half,
            rule=policy.counting,
            holidays=holidays,
        )
        in_month = {day: days for day, days in breakdown.items() if first <= day <= last}
        if not in_month:
            continue
        row = totals[(leave.person_id, leave.leave_type_id)]
        row[0], row[1] = leave.person, leave.leave_type
        row[2] += sum(in_month.values())
        row[3] = min(filter(None, [row[3], min(in_month)]))
        row[4] = max(filter(None, [row[4], max(in_month)]))
    return [PayrollRow(person=p, leave_type=t, days=d, first_day=a, last_day=b) for p, t, d, a, b in totals.values()]


def write_payroll_csv(rows: list[PayrollRow], out: TextIO) -> None:
    """Write the rows for a French spreadsheet: BOM, ``;`` separator, decimal comma, formulas escaped."""
    out.write("\ufeff")
    writer = CsvWriter(out, delimiter=";", decimal_comma=True)
    writer.writerow(
        [_("E-mail"), _("Last name"), _("First name"), _("Leave code"), _("Leave type"), _("Days"), _("From"), _("To")]
    )
    for row in rows:
        writer.writerow(
            [
                row.person.email,
                row.person.last_name,
                row.person.first_name,
                row.leave_type.code,
                row.leave_type.name,
                row.days.quantize(Decimal("0.01")),
                row.first_day.strftime("%d/%m/%Y"),
                row.last_day.strftime("%d/%m/%Y"),
            ]
        )
