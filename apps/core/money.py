"""Document totals in Decimal, rounded as EN 16931 says (DESIGN.md, invariants): one pure function.

Purchase orders, supplier invoices, quotes and invoices all total their lines through ``document_totals``
so the page, the PDF, the export and the Factur-X XML show the same figures:

- each line's net amount = quantity × unit price, less its discount, rounded half-up to the cent;
- the document discount (a percentage) is shared among the VAT rates in proportion to their net sums,
  each share rounded, the last rate taking what rounding left so the shares add up exactly;
- the VAT of a rate = (sum of the net amounts at that rate − its share of the discount) × rate, rounded;
- total excl. VAT = sum of the bases; total incl. VAT = total excl. VAT + the VAT of every rate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0")
HUNDRED = Decimal("100")


def to_cent(value: Decimal) -> Decimal:
    """Half-up to the cent (0.005 → 0.01, −0.005 → −0.01)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LineInput:
    quantity: Decimal | int
    unit_price: Decimal
    vat_rate: Decimal  # percent: 20, 10, 5.5, 2.1, 0
    discount_percent: Decimal = ZERO


def line_net(line: LineInput) -> Decimal:
    gross = Decimal(line.quantity) * Decimal(line.unit_price)
    discount = gross * Decimal(line.discount_percent) / HUNDRED
    return to_cent(gross - discount)


@dataclass(frozen=True)
class VatBreakdown:
    rate: Decimal
    base: Decimal  # net amounts at this rate less their share of the document discount
    vat: Decimal


@dataclass(frozen=True)
class Totals:
    line_nets: list[Decimal]
    lines_total: Decimal  # sum of the line net amounts, before the document discount
    discount: Decimal  # the document discount, in euros
    excl_vat: Decimal
    vat: Decimal
    incl_vat: Decimal
    by_rate: list[VatBreakdown] = field(default_factory=list)  # by rate, highest first

    def deposit(self, percent: Decimal) -> Decimal:
        """The deposit (acompte) of ``percent`` of the total incl. VAT, rounded."""
        return to_cent(self.incl_vat * Decimal(percent) / HUNDRED)


def document_totals(lines: Iterable[LineInput], discount_percent: Decimal = ZERO) -> Totals:
    """The totals of a document's ``lines`` with a document discount of ``discount_percent``."""
    lines = list(lines)
    nets = [line_net(line) for line in lines]
    per_rate: dict[Decimal, Decimal] = {}
    for line, net in zip(lines, nets, strict=True):
        rate = Decimal(line.vat_rate).quantize(CENT)
        per_rate[rate] = per_rate.get(rate, ZERO) + net
    lines_total = sum(nets, ZERO)
    discount = to_cent(lines_total * Decimal(discount_percent) / HUNDRED)
    rates = sorted(per_rate, reverse=True)
    shares: dict[Decimal, Decimal] = {}
    left = discount
    for index, rate in enumerate(rates):
        if index == len(rates) - 1:
            shares[rate] = left
        else:
            share = to_cent(discount * per_rate[rate] / lines_total) if lines_total else ZERO
            shares[rate] = share
            left -= share
    by_rate = []
    for rate in rates:
        base = per_rate[rate] - shares[rate]
        by_rate.append(VatBreakdown(rate=rate, base=base, vat=to_cent(base * rate / HUNDRED)))
    excl_vat = sum((b.base for b in by_rate), ZERO)
    vat = sum((b.vat for b in by_rate), ZERO)
    return Totals(
        line_nets=nets,
        lines_total=lines_total,
        discount=discount,
        excl_vat=excl_vat,
        vat=vat,
        incl_vat=excl_vat + vat,
        by_rate=by_rate,
    )
