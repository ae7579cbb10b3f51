"""Budgets against spend: committed (orders sent, not yet invoiced), invoiced, remaining.

How the figures are counted (excl. VAT, in the budget's year):

- **invoiced**: supplier invoices dated in the year, of the budget's category (a credit note counts
  negative);
- **committed**: the lines of orders sent to the supplier (sent, partly received, received) that no
  invoice is linked to yet, of the budget's category, for orders sent in the year; a closed order
  not yet invoiced counts what was received of it;
- **remaining** = amount − committed − invoiced (negative when over budget).

Company-wide and per-site or per-team budgets do not double count: each euro of spend goes to
**one** budget, the most specific one that matches it (a site-and-team budget, then a team budget,
then a site budget, then the company-wide budget of the category). A company-wide budget is so "the
rest of the company" once a site or a team has its own; the year's total budget is the plain sum of
the budgets, and the year's spend the plain sum of their spend plus what no budget covers (shown
apart, per category, as "not budgeted").

Every function here costs a fixed number of queries whatever the number of budgets, orders and
invoices (three for a year).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, DecimalField, F, QuerySet, Sum, When
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils import timezone

from apps.purchasing.categories import budget_category
from apps.purchasing.models import COMMITTED_STATUSES, Budget, InvoiceKind, OrderLine, OrderStatus, SupplierInvoice
from apps.suppliers.models import SupplierCategory

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
MONTHS = range(1, 13)
# Years a budget can be set for: from the first year the app could hold, to a few years ahead.
FIRST_YEAR = 2000
YEARS_AHEAD = 5


def cents(value) -> Decimal:
    return Decimal(value or 0).quantize(CENT)


@dataclass
class MonthSpend:
    month: int
    invoiced: Decimal = ZERO
    committed: Decimal = ZERO
    cumulative: Decimal = ZERO  # invoiced + committed from January to this month

    @property
    def spent(self) -> Decimal:
        return self.invoiced + self.committed


@dataclass
class Spend:
    """Committed and invoiced, month by month, of a budget (or of what no budget covers)."""

    months: list[MonthSpend] = field(default_factory=lambda: [MonthSpend(m) for m in MONTHS])

    def add(self, month: int, *, invoiced: Decimal = ZERO, committed: Decimal = ZERO) -> None:
        row = self.months[min(max(int(month or 1), 1), 12) - 1]
        row.invoiced += invoiced
        row.committed += committed

    def close(self) -> None:
        running = ZERO
        for row in self.months:
            row.invoiced, row.committed = cents(row.invoiced), cents(row.committed)
            running += row.spent
            row.cumulative = running

    @property
    def invoiced(self) -> Decimal:
        return sum((row.invoiced for row in self.months), ZERO)

    @property
    def committed(self) -> Decimal:
        return sum((row.committed for row in self.months), ZERO)

    @property
    def spent(self) -> Decimal:
        return self.invoiced + self.committed


@dataclass
class BudgetLine:
    budget: Budget
    spend: Spend

    @property
    def amount(self) -> Decimal:
        return self.budget.amount

    @property
    def committed(self) -> Decimal:
        return self.spend.committed

    @property
    def invoiced(self) -> Decimal:
        return self.spend.invoiced

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.committed - self.invoiced

    @property
    def percent(self) -> int:
        """Share of the budget spent (committed + invoiced), in whole percent; 0 € budgets spent count 100+."""
        return consumption(self.amount, self.spend.spent)

    @property
    def severity(self) -> str:
        return severity(self.percent)


@dataclass
class Unbudgeted:
    category: str
    spend: Spend

    @property
    def label(self) -> str:
        return SupplierCategory(self.category).label


@dataclass
class YearBudgets:
    year: int
    lines: list[BudgetLine]
    unbudgeted: list[Unbudgeted]
    total: Spend
    # The spend of the budgets alone (``total`` less what no budget covers): what the year's budget is
    # measured against, so that budgeted − committed − invoiced is the remaining shown.
    budgeted: Spend = field(default_factory=Spend)

    @property
    def amount(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def budgeted_spend(self) -> Decimal:
        return sum((line.spend.spent for line in self.lines), ZERO)

    @property
    def remaining(self) -> Decimal:
        return sum((line.remaining for line in self.lines), ZERO)

    def line(self, pk: int) -> BudgetLine | None:
        return next((line for line in self.lines if line.budget.pk == pk), None)


def consumption(amount: Decimal, spent: Decimal) -> int:
    if amount <= 0:
        return 100 if spent > 0 else 0
    return int((spent * 100 / amount).to_integral_value())


def severity(percent: int) -> str:
    if percent > 100:
        return "danger"
    if percent >= 90:
        return "warning"
    return "success"


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def budget_years(today: dt.date | None = None) -> list[int]:
    """The years the budget page offers: the current one and a few either side."""
    today = today or timezone.localdate()
    return list(range(today.year + 1, today.year - 5, -1))


def budgets_of_year(year: int) -> QuerySet[Budget]:
    return (
        Budget.objects.filter(year=year)
        .select_related("site", "team")
        .order_by("category", "site__name", "team__name", "pk")
    )


def budgets_visible_to(user) -> QuerySet[Budget]:
    """Every budget, for the office manager and the director (the views check the role)."""
    return Budget.objects.select_related("site", "team")


def _invoiced(year: int, categories: Iterable[str] | None) -> Iterable[dict]:
    first, last = year_bounds(year)
    invoices = SupplierInvoice.objects.filter(issued_on__gte=first, issued_on__lte=last)
    if categories is not None:
        invoices = invoices.filter(category__in=list(categories))
    return (
        invoices.annotate(month=ExtractMonth("issued_on"))
        .values("category", "site_id", "team_id", "kind", "month")
        .annotate(total=Sum("total_excl_vat"))
        .order_by()
    )


def _committed(year: int, categories: Iterable[str] | None) -> Iterable[dict]:
    # A closed order that no invoice is linked to yet is still owed to the supplier: what was received
    # of it (the rest will not come); an open one, all that was ordered.
    lines = OrderLine.objects.filter(
        order__status__in=COMMITTED_STATUSES | {OrderStatus.CLOSED}, order__year=year, order__invoices__isnull=True
    )
    if categories is not None:
        lines = lines.filter(category__in=list(categories))
    money = DecimalField(max_digits=16, decimal_places=2)
    amount = Case(
        When(order__status=OrderStatus.CLOSED, then=F("received_quantity") * F("unit_price")),
        default=F("quantity") * F("unit_price"),
        output_field=money,
    )
    return (
        lines.annotate(month=ExtractMonth(Coalesce("order__sent_at", "order__created_at")))
        .values("category", "month", site_id=F("order__site_id"), team_id=F("order__team_id"))
        .annotate(total=Sum(amount))
        .order_by()
    )


def _budget_for(budgets: list[Budget], site_id: int | None, team_id: int | None) -> Budget | None:
    """The most specific budget of a category that covers spend on ``site_id`` for ``team_id``."""
    best, best_rank = None, -1
    for budget in budgets:
        if budget.site_id not in (None, site_id) or budget.team_id not in (None, team_id):
            continue
        rank = (2 if budget.team_id else 0) + (1 if budget.site_id else 0)
        if rank > best_rank:
            best, best_rank = budget, rank
    return best


def year_budgets(year: int, *, categories: Iterable[str] | None = None) -> YearBudgets:
    """Every budget of ``year`` with its spend, and the spend no budget covers (three queries)."""
    categories = None if categories is None else sorted(set(categories))
    budgets = budgets_of_year(year)
    if categories is not None:
        budgets = budgets.filter(category__in=categories)
    budgets = list(budgets)
    by_category: dict[str, list[Budget]] = defaultdict(list)
    for budget in budgets:
        by_category[budget.category].append(budget)
    spend: dict[int, Spend] = {budget.pk: Spend() for budget in budgets}
    unbudgeted: dict[str, Spend] = defaultdict(Spend)
    total, budgeted = Spend(), Spend()

    def allocate(row: dict, **amounts: Decimal) -> None:
        total.add(row["month"], **amounts)
        budget = _budget_for(by_category.get(row["category"], []), row["site_id"], row["team_id"])
        if budget is not None:
            spend[budget.pk].add(row["month"], **amounts)
            budgeted.add(row["month"], **amounts)
        else:
            unbudgeted[row["category"]].add(row["month"], **amounts)

    for row in _invoiced(year, categories):
        sign = -1 if row["kind"] == InvoiceKind.CREDIT_NOTE else 1
        allocate(row, invoiced=sign * cents(row["total"]))
    for row in _committed(year, categories):
        allocate(row, committed=cents(row["total"]))
    for value in [*spend.values(), *unbudgeted.values(), total, budgeted]:
        value.close()
    order = {value: index for index, value in enumerate(SupplierCategory.values)}
    return YearBudgets(
        year=year,
        lines=[BudgetLine(budget=budget, spend=spend[budget.pk]) for budget in budgets],
        unbudgeted=[
            Unbudgeted(category=category, spend=value)
            for category, value in sorted(unbudgeted.items(), key=lambda item: order.get(item[0], 99))
            if value.spent
        ],
        total=total,
        budgeted=budgeted,
    )


@dataclass(frozen=True)
class CategoryConsumption:
    category: str
    amount: Decimal
    spent: Decimal

    @property
    def label(self) -> str:
        return SupplierCategory(self.category).label

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.spent

    @property
    def percent(self) -> int:
        return consumption(self.amount, self.spent)


def category_consumption(year: int) -> list[CategoryConsumption]:
    """Per category that has a budget: its budgets' total and what they have spent, the most consumed first."""
    amounts: dict[str, Decimal] = defaultdict(Decimal)
    spent: dict[str, Decimal] = defaultdict(Decimal)
    for line in year_budgets(year).lines:
        amounts[line.budget.category] += line.amount
        spent[line.budget.category] += line.spend.spent
    rows = [CategoryConsumption(category=c, amount=amounts[c], spent=spent[c]) for c in amounts]
    return sorted(rows, key=lambda row: (-row.percent, row.remaining, row.category))


def remaining_for_supplies_categories(*, categories: Iterable[str], year: int) -> dict[str, Decimal]:
    """The budget of ``year`` left per supplies category that has a budget (see apps/supplies/budgets.py).

    A supplies catalogue category counts in the budgets of its spend category
    (``apps.purchasing.categories``): what is left is that category's budgets (company-wide, sites
    and teams together) less what they have committed and invoiced. Three queries."""
    categories = list(categories)
    wanted = {category: budget_category(category) for category in categories}
    left: dict[str, Decimal] = {}
    for line in year_budgets(year, categories=set(wanted.values())).lines:
        left[line.budget.category] = left.get(line.budget.category, ZERO) + line.remaining
    return {category: left[spend] for category, spend in wanted.items() if spend in left}
