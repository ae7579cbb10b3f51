"""The totals of quotes and invoices against hand-worked examples (EN 16931 rounding, DESIGN.md).

Each example was worked by hand: line net = quantity × unit price less the line discount, rounded half-up
to the cent; VAT per rate on the sum of that rate's nets less its share of the document discount.
"""

from __future__ import annotations

from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from apps.quotes.models import LineKind
from apps.quotes.totals import check_storable, net_of, totals_of


def item(quantity, price, rate, discount="0", kind=LineKind.ITEM):
    return SimpleNamespace(
        kind=kind, quantity=D(quantity), unit_price=D(price), vat_rate=D(rate), discount_percent=D(discount)
    )


def title(text="Section"):
    return SimpleNamespace(kind=LineKind.SECTION, quantity=D(0), unit_price=D(0), vat_rate=D(0), discount_percent=D(0))


EXAMPLES = [
    # (lines, document discount %, excl. VAT, VAT, incl. VAT)
    pytest.param([item("1", "100.00", "20")], "0", "100.00", "20.00", "120.00", id="one-line"),
    # 3 × 0.335 = 1.005 → 1.01 (half-up, where binary floats give 1.00); VAT 0.202 → 0.20.
    pytest.param([item("3", "0.335", "20")], "0", "1.01", "0.20", "1.21", id="3x0.335"),
    pytest.param([item("0.335", "3.00", "20")], "0", "1.01", "0.20", "1.21", id="0.335x3-as-stored"),
    # 2.5 × 0.05 = 0.125 → 0.13 half-up (half-even would give 0.12); VAT 0.026 → 0.03.
    pytest.param([item("2.5", "0.05", "20")], "0", "0.13", "0.03", "0.16", id="half-up-not-half-even"),
    # VAT on the rate's sum, not per line: 0.30 × 5.5 % = 0.0165 → 0.02 (per line: 3 × 0.01 = 0.03).
    pytest.param([item("1", "0.10", "5.5")] * 3, "0", "0.30", "0.02", "0.32", id="vat-on-the-sum"),
    # 99.98 @ 20 → 19.996 → 20.00; 12.50 @ 5.5 → 0.6875 → 0.69; 29.00 @ 10 → 2.90.
    pytest.param(
        [item("2", "49.99", "20"), item("1", "12.50", "5.5"), item("4", "7.25", "10")],
        "0",
        "141.48",
        "23.59",
        "165.07",
        id="three-rates",
    ),
    # 59.97 less 15 % (8.9955) = 50.9745 → 50.97; VAT 10.194 → 10.19.
    pytest.param([item("3", "19.99", "20", discount="15")], "0", "50.97", "10.19", "61.16", id="line-discount"),
    # 10 % of 150 = 15.00, shared 10.00 (20 %) and 5.00 (5.5 %): VAT 18.00 + 2.475 → 2.48.
    pytest.param(
        [item("1", "100.00", "20"), item("1", "50.00", "5.5")], "10", "135.00", "20.48", "155.48", id="global-discount"
    ),
    # 10 % of 99.99 = 9.999 → 10.00 shared 3.33 / 3.33 / 3.34 (the last rate takes what rounding left):
    # bases 30.00, 30.00, 29.99; VAT 6.00 + 3.00 + 1.64945 → 1.65.
    pytest.param(
        [item("1", "33.33", "20"), item("1", "33.33", "10"), item("1", "33.33", "5.5")],
        "10",
        "89.99",
        "10.65",
        "100.64",
        id="discount-shares-add-up",
    ),
    pytest.param(
        [item("2", "150.00", "0"), item("1", "10.00", "2.1")], "0", "310.00", "0.21", "310.21", id="zero-rate"
    ),
    # Section titles and free text count in no total.
    pytest.param(
        [title(), item("1", "80.00", "20"), item("0", "0", "0", kind=LineKind.TEXT)],
        "0",
        "80.00",
        "16.00",
        "96.00",
        id="titles-and-text",
    ),
    pytest.param(
        [item("1", "40.00", "20", discount="100"), item("1", "10.00", "20")],
        "0",
        "10.00",
        "2.00",
        "12.00",
        id="free-line",
    ),
    # A final invoice deducting a 300.00 deposit at 20 %: the VAT is the remainder's.
    pytest.param(
        [item("1", "1000.00", "20"), item("1", "-300.00", "20", kind=LineKind.DEPOSIT)],
        "0",
        "700.00",
        "140.00",
        "840.00",
        id="deposit-deducted",
    ),
    pytest.param([item("1", "250.00", "20")], "100", "0.00", "0.00", "0.00", id="full-discount"),
]


@pytest.mark.parametrize(("lines", "discount", "excl", "vat", "incl"), EXAMPLES)
def test_totals_match_the_hand_worked_example(lines, discount, excl, vat, incl):
    totals = totals_of(lines, D(discount))
    assert (totals.excl_vat, totals.vat, totals.incl_vat) == (D(excl), D(vat), D(incl))
    assert totals.incl_vat == totals.excl_vat + sum(rate.vat for rate in totals.by_rate)
    assert totals.excl_vat == sum(rate.base for rate in totals.by_rate)


def test_vat_is_broken_down_per_rate_highest_first():
    totals = totals_of([item("2", "49.99", "20"), item("1", "12.50", "5.5"), item("4", "7.25", "10")])
    assert [(r.rate, r.base, r.vat) for r in totals.by_rate] == [
        (D("20.00"), D("99.98"), D("20.00")),
        (D("10.00"), D("29.00"), D("2.90")),
        (D("5.50"), D("12.50"), D("0.69")),
    ]


@pytest.mark.parametrize(
    ("incl", "percent", "deposit"),
    [("165.07", "30", "49.52"), ("100.64", "33", "33.21"), ("1.21", "50", "0.61"), ("120.00", "0", "0.00")],
)
def test_the_deposit_is_a_share_of_the_total_incl_vat_rounded_half_up(incl, percent, deposit):
    totals = totals_of([item("1", incl, "0")])
    assert totals.deposit(D(percent)) == D(deposit)


def test_a_title_or_a_text_line_has_no_net_amount():
    assert net_of(title()) is None
    assert net_of(item("3", "0.335", "20")) == D("1.01")


def test_totals_too_large_to_store_are_refused_with_a_message():
    check_storable(totals_of([item("1000", "9999999.99", "0")]))  # 9,999,999,990.00 fits
    with pytest.raises(ValidationError, match="more than"):
        check_storable(totals_of([item("1000000", "99999999.99", "20")]))
