"""An order's totals are EN 16931's (DESIGN.md): each line's net rounded, the VAT of a rate on the sum of
that rate's nets, rounded half-up; incl. VAT = excl. VAT + every rate's VAT. Worked by hand below."""

from decimal import Decimal

import pytest

from apps.purchasing.selectors.orders import order_page
from apps.purchasing.services import orders as services
from apps.purchasing.tests._orders import draft

pytestmark = pytest.mark.django_db

D = Decimal


def _by_rate(order):
    return {row.rate: (row.base, row.vat) for row in order_page(order).totals.by_rate}


def test_three_rates_worked_by_hand(org):
    # 20 %: 3 × 1.15 = 3.45, VAT 0.69 · 10 %: 19.99, VAT 1.999 → 2.00 · 5.5 %: 7 × 0.99 = 6.93, VAT 0.38115 → 0.38
    order = draft(org, lines=[(3, "1.15", "20.00"), (1, "19.99", "10.00"), (7, "0.99", "5.50")])
    assert (order.total_excl_vat, order.total_vat, order.total_incl_vat) == (D("30.37"), D("3.07"), D("33.44"))
    assert _by_rate(order) == {
        D("20.00"): (D("3.45"), D("0.69")),
        D("10.00"): (D("19.99"), D("2.00")),
        D("5.50"): (D("6.93"), D("0.38")),
    }


def test_vat_is_rounded_on_the_sum_of_a_rate_not_line_by_line(org):
    # Ten lines of 0.03 at 20 %: line by line 10 × 0.01 = 0.10; on the sum 0.30 × 20 % = 0.06.
    order = draft(org, lines=[(1, "0.03", "20.00")] * 10)
    assert (order.total_excl_vat, order.total_vat, order.total_incl_vat) == (D("0.30"), D("0.06"), D("0.36"))


def test_half_a_cent_rounds_up(org):
    # 0.25 at 10 % = 0.025 → 0.03 (half-up, not the banker's 0.02); 2.1 %: 3 × 33.33 = 99.99 → 2.09979 → 2.10
    order = draft(org, lines=[(1, "0.25", "10.00"), (3, "33.33", "2.10"), (5, "2.00", "0.00")])
    assert _by_rate(order) == {
        D("10.00"): (D("0.25"), D("0.03")),
        D("2.10"): (D("99.99"), D("2.10")),
        D("0.00"): (D("10.00"), D("0.00")),
    }
    assert (order.total_excl_vat, order.total_vat, order.total_incl_vat) == (D("110.24"), D("2.13"), D("112.37"))


def test_many_lines_with_cents(org):
    # 40 lines of 7 × 1.13 = 7.91 at 5.5 %: base 316.40, VAT 17.402 → 17.40; plus 1 × 0.01 at 20 %: VAT 0.002 → 0.00
    order = draft(org, lines=[(7, "1.13", "5.50")] * 40 + [(1, "0.01", "20.00")])
    assert _by_rate(order)[D("5.50")] == (D("316.40"), D("17.40"))
    assert _by_rate(order)[D("20.00")] == (D("0.01"), D("0.00"))
    assert (order.total_excl_vat, order.total_vat, order.total_incl_vat) == (D("316.41"), D("17.40"), D("333.81"))


def test_removing_a_line_recomputes_the_stored_totals(org):
    order = draft(org, lines=[(2, "10.00", "20.00"), (1, "5.00", "10.00")])
    assert order.total_incl_vat == D("29.50")
    line = order.lines.get(unit_price=D("5.00"))
    assert services.order_line_remove(order=order, line_id=line.pk, by=org.office_manager)
    order.refresh_from_db()
    assert (order.total_excl_vat, order.total_vat, order.total_incl_vat) == (D("20.00"), D("4.00"), D("24.00"))
    # Removed twice (a double click): nothing more happens.
    assert not services.order_line_remove(order=order, line_id=line.pk, by=org.office_manager)
