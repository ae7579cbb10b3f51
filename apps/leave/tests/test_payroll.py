"""Payroll export: days taken in the month, leave spanning months split, CSV for French spreadsheets."""

import csv
import datetime as dt
import io
from decimal import Decimal

from apps.leave import services
from apps.leave.payroll import payroll_rows, write_payroll_csv

D = dt.date


def test_a_leave_spanning_two_months_is_split_by_month(org, leave):
    request = leave(org.staff, D(2026, 6, 29), D(2026, 7, 3), start_half="afternoon")
    services.leave_request_approve(request=request, by=org.manager)
    pending = leave(org.colleague, D(2026, 6, 29), D(2026, 6, 30))  # not approved: not exported
    assert pending.status == "pending"
    june = payroll_rows(year=2026, month=6)
    july = payroll_rows(year=2026, month=7)
    assert [(r.person, r.leave_type.code, r.days) for r in june] == [(org.staff, "CP", Decimal("1.5"))]
    assert [(r.person, r.days, r.first_day, r.last_day) for r in july] == [
        (org.staff, Decimal(3), D(2026, 7, 1), D(2026, 7, 3))
    ]


def test_two_leaves_of_one_type_in_a_month_are_added(org, leave):
    for start, end in [(D(2026, 6, 1), D(2026, 6, 2)), (D(2026, 6, 10), D(2026, 6, 10))]:
        services.leave_request_approve(request=leave(org.staff, start, end, end_half="afternoon"), by=org.manager)
    assert [r.days for r in payroll_rows(year=2026, month=6)] == [Decimal(3)]


def test_csv_has_a_bom_semicolons_and_decimal_commas(org, leave):
    request = leave(org.staff, D(2026, 6, 29), D(2026, 7, 3), start_half="afternoon")
    services.leave_request_approve(request=request, by=org.manager)
    out = io.StringIO()
    write_payroll_csv(payroll_rows(year=2026, month=6), out)
    text = out.getvalue()
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").strip().split("\r\n")
    assert len(lines) == 2
    assert lines[1].split(";")[0] == "staff@test.fr"
    assert ";1,50;" in lines[1]


def test_a_name_written_as_a_formula_is_escaped_in_the_export(org, leave):
    org.staff.last_name = '=HYPERLINK("http://x","y")'
    org.staff.first_name = "-2+3"
    org.staff.save(update_fields=["last_name", "first_name"])
    request = leave(org.staff, D(2026, 6, 1), D(2026, 6, 2))
    services.leave_request_approve(request=request, by=org.manager)
    out = io.StringIO()
    write_payroll_csv(payroll_rows(year=2026, month=6), out)
    rows = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff")), delimiter=";"))
    assert rows[1][1] == '\'=HYPERLINK("http://x","y")'
    assert rows[1][2] == "'-2+3"
    assert rows[1][5] == "2,00"  # the number of days is still a number
