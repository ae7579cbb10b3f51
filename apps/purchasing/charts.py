"""The geometry of the budget page's chart: numbers only, drawn as SVG by the template.

The chart is plain SVG (attributes, CSS classes; no inline script or style, so the CSP holds): per
month a bar of what was invoiced with what was committed on top, the cumulative spend as a line, and
the budget as a horizontal line with its even spread over the year as a dashed diagonal. The page
shows the same figures in a table for screen readers and anyone who prefers numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.dates import MONTHS_3
from django.utils.text import capfirst

from apps.purchasing.selectors.budgets import MonthSpend, Spend

WIDTH, HEIGHT = 640, 250
LEFT, RIGHT, TOP, BOTTOM = 60, 632, 12, 216
SLOT = (RIGHT - LEFT) / 12
BAR = SLOT * 0.6


@dataclass(frozen=True)
class Bar:
    label: str
    x: float
    invoiced_y: float
    invoiced_h: float
    committed_y: float
    committed_h: float
    point_x: float
    point_y: float
    month: MonthSpend


@dataclass(frozen=True)
class Tick:
    y: float
    value: Decimal

    @property
    def short(self) -> str:
        """The axis label: thousands as "k" so that it fits the axis on a phone too (12.5k)."""
        if self.value >= 1000:
            return f"{format((self.value / 1000).normalize(), 'f')}k"
        return format(self.value, "f")


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    bars: list[Bar]
    ticks: list[Tick]
    budget_y: float | None
    line: str  # the cumulative spend's polyline points
    amount: Decimal
    months: list[MonthSpend]

    @property
    def is_empty(self) -> bool:
        return not self.amount and not any(month.spent for month in self.months)


def _round(value: float) -> float:
    return round(value, 1)


def _nice_top(value: Decimal) -> Decimal:
    """A round number just above ``value`` whose quarters are round too (1, 1.2, 1.6, 2, 4, 6 or 8 × a power of ten)."""
    if value <= 0:
        return Decimal("100")
    exponent = len(str(int(value))) - 1
    power = Decimal(10) ** exponent
    for step in (1, Decimal("1.2"), Decimal("1.6"), 2, 4, 6, 8, 10):
        if power * step >= value:
            return power * step
    return power * 10


def spend_chart(spend: Spend, amount: Decimal) -> Chart:
    months = spend.months
    peak = max([amount, *(month.cumulative for month in months), *(month.spent for month in months)])
    top_value = _nice_top(peak * Decimal("1.05"))
    span = BOTTOM - TOP

    def y(value: Decimal) -> float:
        clamped = max(Decimal(0), value)
        return _round(BOTTOM - float(clamped / top_value) * span)

    bars = []
    points = []
    for index, month in enumerate(months):
        x = LEFT + index * SLOT + (SLOT - BAR) / 2
        invoiced_top = y(month.invoiced)
        committed_top = y(max(Decimal(0), month.invoiced) + month.committed)
        point = (_round(LEFT + (index + 0.5) * SLOT), y(month.cumulative))
        points.append(point)
        bars.append(
            Bar(
                label=capfirst(str(MONTHS_3[month.month])),
                x=_round(x),
                invoiced_y=invoiced_top,
                invoiced_h=_round(BOTTOM - invoiced_top),
                committed_y=committed_top,
                committed_h=_round(invoiced_top - committed_top),
                point_x=point[0],
                point_y=point[1],
                month=month,
            )
        )
    ticks = [Tick(y=y(top_value * step / 4), value=(top_value * step / 4).quantize(Decimal("1"))) for step in range(5)]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=RIGHT,
        top=TOP,
        bottom=BOTTOM,
        bars=bars,
        ticks=ticks,
        budget_y=y(amount) if amount else None,
        line=" ".join(f"{px},{py}" for px, py in points),
        amount=amount,
        months=months,
    )
