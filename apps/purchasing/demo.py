"""The demo company's purchasing: orders, deliveries, supplier invoices, budgets and the accountant's
mapping (free lines and volumes in demo_data.py).

Seeded by ``python manage.py seed_demo`` (see apps/core/demo.py) after supplies and suppliers. Rows
are written directly with ``bulk_create`` (no service, no PDF, no e-mail), but as the services would
leave them:

- from ``ctx.years`` back (and at least since 1 January), about ``9 × scale`` orders a month to the
  directory's suppliers, weighted by what the office spends with each: catalogue lines at the
  catalogue's prices and free lines (repairs, buffets, licences…); totals from
  ``apps.core.money.document_totals``; orders above the director's threshold (excl. VAT, the
  supplies settings' ``director_above``, as the orders service reads it) approved by the director first;
- each order's life by its dates: sent, delivered (now and then in two parts), invoiced (then
  closed) and paid by its due date; a few cancelled; the most recent still on their way;
- numbers ``BC-<year>-0001…``: per year in the order they were sent, with no gap, from the year's
  counter (``DocumentCounter``, series ``BC``), which ends at the last number given, exactly as if
  ``apps.core.numbering.next_number("BC", year)`` had been called once per order;
- the contracts' monthly invoices (cleaning, maintenance…, with no order) and one credit note;
- this year's showcase: an order in every status (draft, awaiting the director, approved, sent,
  partly received, received, closed, cancelled), an invoice due in a few days and one overdue;
- a budget per year and category, a little above what was spent (this year's projected from the
  months gone by; catering runs over), and the account mapping with the plan comptable's accounts.

Deliveries do not touch the stock: the supplies demo (demo_history.py) already wrote its own
"Livraison" moves, so receipt lines keep ``stock_move`` empty rather than count a delivery twice.

Idempotent: the orders and invoices, with the budgets drawn from them, are seeded once (when there
is no order and no invoice yet); the account mapping and settings are created when missing.
"""

from __future__ import annotations

import datetime as dt
import math
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from apps.core.demo import DemoContext
from apps.core.models import DocumentCounter
from apps.core.money import LineInput, document_totals, to_cent
from apps.core.numbering import formatted
from apps.suppliers.models import Contact, Contract, Supplier, SupplierCategory, SupplierCategoryTag
from apps.supplies.models import CatalogueItem, SupplySettings

from .demo_data import (
    BUDGET_CATEGORY,
    CANCEL_REASONS,
    CANCELLED_SHARE,
    FREE_LINES,
    HEAD_OFFICE_SHARE,
    ORDERS_A_MONTH,
    PARTIAL_SHARE,
    RECEIPT_NOTES,
)
from .models import (
    DEFAULT_ACCOUNTS,
    ORDER_PREFIX,
    AccountingSettings,
    AccountMapping,
    Budget,
    InvoiceKind,
    InvoiceVatLine,
    OrderLine,
    OrderStatus,
    PurchaseOrder,
    Receipt,
    ReceiptLine,
    SupplierInvoice,
)

BATCH_SIZE = 2000
DAY = dt.timedelta(days=1)
DEFAULT_DIRECTOR_ABOVE = Decimal("500.00")


def seed(ctx: DemoContext) -> None:
    started = time.monotonic()
    mappings = _seed_accounts()
    accounts = ctx.data.get("accounts", {})
    office = accounts.get("office_manager") or (ctx.people[0] if ctx.people else None)
    sites = list(ctx.data.get("sites", {}).values())
    if office is None or not sites:
        ctx.log("purchasing: no people or sites to seed for (run accounts first)")
        return
    if PurchaseOrder.objects.exists() or SupplierInvoice.objects.exists():
        ctx.log("purchasing: orders already seeded")
        return
    plan = Plan(ctx, office=office, director=accounts.get("director") or office, sites=sites)
    plan.plan_history()
    plan.plan_showcase()
    plan.plan_contract_invoices()
    written = plan.save()
    ctx.add_summary("purchase orders", written["orders"])
    ctx.add_summary("supplier invoices", written["invoices"])
    ctx.log(
        f"purchasing: {written['orders']} orders ({written['lines']} lines), {written['receipts']} deliveries, "
        f"{written['invoices']} invoices, {written['budgets']} budgets, {mappings} account mappings "
        f"in {time.monotonic() - started:.1f} s"
    )


def _seed_accounts() -> int:
    AccountingSettings.current()
    known = set(AccountMapping.objects.values_list("category", flat=True))
    rows = [
        AccountMapping(category=category, account=account, label=label)
        for category, (account, label) in DEFAULT_ACCOUNTS.items()
        if category not in known
    ]
    AccountMapping.objects.bulk_create(rows)
    return len(rows)


@dataclass
class _Line:
    description: str
    unit: str
    quantity: int
    unit_price: Decimal
    vat_rate: Decimal
    category: str
    item: CatalogueItem | None = None
    reference: str = ""
    received: int = 0
    row: OrderLine | None = None


@dataclass
class _Order:
    supplier: Supplier
    site: object
    team: object
    created: dt.datetime
    lines: list[_Line]
    status: str = OrderStatus.CLOSED
    submitted: dt.datetime | None = None
    decided: dt.datetime | None = None
    sent: dt.datetime | None = None
    expected: dt.date | None = None
    # (date, {line index: quantity}) per delivery
    deliveries: list[tuple[dt.date, dict[int, int]]] = field(default_factory=list)
    cancelled: dt.datetime | None = None
    cancel_reason: str = ""
    invoice_on: dt.date | None = None
    paid: str = "on_time"  # "on_time", "unpaid", "overdue"
    notes: str = ""
    row: PurchaseOrder | None = None


@dataclass
class _Invoice:
    supplier: Supplier
    issued: dt.date
    lines: list[LineInput]
    category: str
    site: object = None
    team: object = None
    order: _Order | None = None
    kind: str = InvoiceKind.INVOICE
    paid_on: dt.date | None = None
    notes: str = ""
    number: str = ""


class Plan:
    """The orders, deliveries and invoices of the history, built in memory, then written in bulk."""

    def __init__(self, ctx: DemoContext, *, office, director, sites) -> None:
        self.ctx, self.rng, self.office, self.director = ctx, ctx.rng, office, director
        self.today = ctx.today
        self.start = min(ctx.history_start, dt.date(ctx.today.year, 1, 1))
        self.sites = sorted(sites, key=lambda s: (not s.is_head_office, s.pk))
        self.teams = list(ctx.data.get("teams", [])) or [None]
        settings = SupplySettings.objects.filter(pk=1).first()
        self.director_above = settings.director_above if settings else DEFAULT_DIRECTOR_ABOVE
        self.suppliers = {s.name: s for s in Supplier.objects.filter(is_active=True)}
        self.contacts = {c.supplier_id: c for c in Contact.objects.filter(is_orders_contact=True)}
        self.categories: dict[int, list[str]] = defaultdict(list)
        for supplier_id, category in SupplierCategoryTag.objects.order_by("pk").values_list("supplier_id", "category"):
            self.categories[supplier_id].append(category)
        self.items: dict[int, list[CatalogueItem]] = defaultdict(list)
        for item in CatalogueItem.objects.filter(is_active=True, supplier__isnull=False).order_by("pk"):
            self.items[item.supplier_id].append(item)
        specs = ctx.data.get("supplier_specs", {})
        contracted = set(Contract.objects.filter(terminated_on__isnull=True).values_list("supplier_id", flat=True))
        self.weighted = []
        for name, supplier in sorted(self.suppliers.items()):
            spend = float(specs[name].yearly_spend) if name in specs else 800.0
            if supplier.pk in contracted:
                spend *= 0.15  # mostly billed monthly under the contract, ordered now and then
            self.weighted.append((supplier, spend))
        self.orders: list[_Order] = []
        self.invoices: list[_Invoice] = []

    # --- planning --------------------------------------------------------------------------------

    def _working(self, day: dt.date) -> dt.date:
        while day.weekday() >= 5:
            day += DAY
        return day

    def _at(self, day: dt.date, hour: int | None = None) -> dt.datetime:
        hour = self.rng.randint(8, 18) if hour is None else hour
        naive = dt.datetime.combine(day, dt.time(hour, self.rng.randint(0, 59)))
        return min(timezone.make_aware(naive), self.ctx.now)

    def _supplier(self) -> Supplier:
        suppliers, weights = zip(*self.weighted, strict=True)
        return self.rng.choices(suppliers, weights=weights)[0]

    def _site(self):
        if len(self.sites) == 1 or self.rng.random() < HEAD_OFFICE_SHARE:
            return self.sites[0]
        return self.rng.choice(self.sites[1:])

    def _lines(self, supplier: Supplier) -> list[_Line]:
        rng, items = self.rng, self.items.get(supplier.pk, [])
        lines: list[_Line] = []
        if items:
            for item in rng.sample(items, min(len(items), rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 6)))):
                budget = rng.uniform(25, 180)
                quantity = max(1, min(50, round(budget / float(item.unit_price or 1))))
                lines.append(
                    _Line(
                        description=item.name,
                        unit=str(item.get_unit_display()),
                        quantity=quantity,
                        unit_price=item.unit_price,
                        vat_rate=item.vat_rate,
                        category=BUDGET_CATEGORY.get(item.category, SupplierCategory.SUPPLIES),
                        item=item,
                        reference=item.supplier_reference,
                    )
                )
        categories = self.categories.get(supplier.pk) or [SupplierCategory.OTHER]
        free = FREE_LINES.get(categories[0], ())
        if free and (not lines or rng.random() < 0.15):
            for description, unit, price, rate, (low, high) in rng.sample(free, min(len(free), rng.choice((1, 1, 2)))):
                lines.append(_Line(description, unit, rng.randint(low, high), Decimal(price), rate, categories[0]))
        if not lines:
            lines.append(_Line("Prestation", "forfait", 1, Decimal(rng.randrange(150, 900, 10)), Decimal("20.00"),
                               categories[0]))  # fmt: skip
        return lines

    def _totals(self, lines: list[_Line]):
        return document_totals(LineInput(line.quantity, line.unit_price, line.vat_rate) for line in lines)

    def _send(self, order: _Order, day: dt.date) -> None:
        """Submitted on ``day``; the director decides the next working day when above the threshold."""
        order.submitted = self._at(day)
        if self._totals(order.lines).excl_vat > self.director_above:
            order.decided = self._at(self._working(day + DAY), 9)
            order.sent = order.decided + dt.timedelta(minutes=self.rng.randint(20, 240))
        else:
            order.sent = order.submitted + dt.timedelta(minutes=self.rng.randint(1, 30))
        order.expected = self._working(order.sent.date() + dt.timedelta(days=self.rng.randint(2, 9)))

    def _deliver(self, order: _Order, first: dt.date) -> None:
        if self.rng.random() < PARTIAL_SHARE and any(line.quantity > 1 for line in order.lines):
            part = {i: max(1, line.quantity // 2) for i, line in enumerate(order.lines)}
            rest = {i: line.quantity - part[i] for i, line in enumerate(order.lines) if line.quantity - part[i] > 0}
            order.deliveries = [
                (first, part),
                (self._working(first + dt.timedelta(days=self.rng.randint(3, 12))), rest),
            ]
        else:
            order.deliveries = [(first, {i: line.quantity for i, line in enumerate(order.lines)})]

    def plan_history(self) -> None:
        """Orders from the start of the history until yesterday, their life decided by their dates."""
        rng = self.rng
        month = self.start.replace(day=1)
        while month <= self.today:
            count = max(0, round(rng.gauss(ORDERS_A_MONTH, 2) * self.ctx.scale))
            last = min(month + relativedelta(months=1) - DAY, self.today - dt.timedelta(days=2))
            for _ in range(count):
                day = self._working(self.ctx.random_date(max(month, self.start), last))
                if day >= self.today - DAY:
                    continue
                self._plan_one(day)
            month += relativedelta(months=1)

    def _plan_one(self, day: dt.date) -> None:
        rng = self.rng
        supplier = self._supplier()
        order = _Order(supplier, self._site(), rng.choice(self.teams), self._at(day), self._lines(supplier))
        self.orders.append(order)
        draw = rng.random()
        if draw < CANCELLED_SHARE / 2:
            order.status, order.cancelled = (
                OrderStatus.CANCELLED,
                order.created + dt.timedelta(hours=rng.randint(1, 30)),
            )
            order.cancel_reason = rng.choice(CANCEL_REASONS)
            return
        self._send(order, day)
        if draw < CANCELLED_SHARE:
            order.status = OrderStatus.CANCELLED
            order.cancelled = order.sent + dt.timedelta(hours=rng.randint(2, 48))
            order.cancel_reason = rng.choice(CANCEL_REASONS)
            return
        self._deliver(order, self._working(order.expected + dt.timedelta(days=rng.choice((-1, 0, 0, 0, 1, 2, 4)))))
        order.invoice_on = self._working(order.deliveries[-1][0] + dt.timedelta(days=rng.randint(0, 8)))

    def plan_showcase(self) -> None:
        """This year's examples, dated from today, so every status and every reminder has something to show."""
        today, working = self.today, self._working
        past = self._before

        def order(name: str, lines: list[_Line] | None = None, created_days: int = 1) -> _Order | None:
            supplier = self.suppliers.get(name)
            if supplier is None:
                return None
            created = self._at(past(today, created_days))
            made = _Order(supplier, self.sites[0], self.teams[0], created, lines or self._lines(supplier))
            self.orders.append(made)
            return made

        # Drafts: being written.
        if draft := order("Lyreco", created_days=0):
            draft.status = OrderStatus.DRAFT
            draft.notes = "Livraison à l'accueil, 2e étage."
        if draft := order("Traiteur des Canuts", self._free("Traiteur des Canuts", [("Buffet cocktail", 45)])):
            draft.status = OrderStatus.DRAFT
            draft.notes = "Séminaire annuel : buffet pour 45 personnes, livraison à 12 h."
        # Above the director's threshold: waiting for the director, then approved and not yet sent.
        licences = [
            ("Licence Microsoft 365 Business Standard (un an)", 12),
            ("Configuration et déploiement d'un poste", 6),
        ]
        if waiting := order("LDLC Pro", self._free("LDLC Pro", licences), created_days=2):
            waiting.status = OrderStatus.AWAITING_DIRECTOR
            waiting.submitted = self._at(past(today, 1))
        desks = [("Bureau droit 160 × 80 cm", 3), ("Caisson mobile 3 tiroirs", 3)]
        if approved := order("Manutan", self._free("Manutan", desks), created_days=3):
            approved.status = OrderStatus.APPROVED
            approved.submitted = self._at(past(today, 2))
            approved.decided = self._at(past(today, 1), 9)
        # Sent, expected in the coming days (the agenda's deliveries).
        for name, expected_in in (("Bruneau", 2), ("Clim'Air Maintenance", 6)):
            if sent := order(name, created_days=4):
                self._send(sent, past(today, 3))
                sent.expected = working(today + dt.timedelta(days=expected_in))
        # Partly received: the rest is expected.
        if partly := order("Lyreco", created_days=8):
            self._send(partly, past(today, 8))
            while not any(line.quantity > 1 for line in partly.lines):
                partly.lines[0].quantity += 4
            partly.deliveries = [
                (past(today, 3), {i: max(1, line.quantity // 2) for i, line in enumerate(partly.lines)})
            ]
            partly.expected = working(today + dt.timedelta(days=3))
        # Received, not yet invoiced: still committed in the budget.
        if received := order("Inmac Wstore", created_days=9):
            self._send(received, past(today, 9))
            self._deliver(received, past(today, 2))
            received.deliveries = received.deliveries[:1]
            received.deliveries[0] = (past(today, 2), {i: line.quantity for i, line in enumerate(received.lines)})
        # Closed: one invoice due in a few days, one overdue.
        for name, age, due_in, paid in (("JPG", 35, 4, "unpaid"), ("Raja", 50, -6, "overdue")):
            if closed := order(name, created_days=age):
                self._send(closed, past(today, age))
                self._deliver(closed, past(today, age - 5))
                closed.deliveries = [(past(today, age - 5), {i: ln.quantity for i, ln in enumerate(closed.lines)})]
                closed.paid = paid
                payment_days = closed.supplier.payment_days
                closed.invoice_on = today + dt.timedelta(days=due_in) - dt.timedelta(days=payment_days)
        # Cancelled after sending.
        if cancelled := order("Office Depot", created_days=12):
            self._send(cancelled, past(today, 12))
            cancelled.status = OrderStatus.CANCELLED
            cancelled.cancelled = cancelled.sent + dt.timedelta(hours=26)
            cancelled.cancel_reason = "Délai de livraison trop long : commandé chez Lyreco."

    def _before(self, day: dt.date, days: int) -> dt.date:
        """The working day ``days`` days before ``day`` (never a weekend, never after today)."""
        result = day - dt.timedelta(days=days)
        while result.weekday() >= 5:
            result -= DAY
        return result

    def _site_of(self, supplier: Supplier):
        """The site nearest a local supplier (by département), else the head office."""
        cities = {"57": "Metz", "75": "Paris", "92": "Paris", "93": "Paris", "94": "Paris"}
        city = cities.get(supplier.postal_code[:2])
        return next((site for site in self.sites if city and site.city == city), self.sites[0])

    def _free(self, name: str, wanted: list[tuple[str, int]]) -> list[_Line]:
        supplier = self.suppliers.get(name)
        category = (self.categories.get(supplier.pk) or [SupplierCategory.OTHER])[0] if supplier else ""
        lines = []
        for description, unit, price, rate, _range in FREE_LINES.get(category, ()):
            for wanted_description, quantity in wanted:
                if description == wanted_description:
                    lines.append(_Line(description, unit, quantity, Decimal(price), rate, category))
        return lines

    def plan_contract_invoices(self) -> None:
        """Each contract's monthly invoice (no order), and a credit note for goods returned."""
        for contract in Contract.objects.select_related("supplier").order_by("pk"):
            supplier = contract.supplier
            category = (self.categories.get(supplier.pk) or [SupplierCategory.SERVICES])[0]
            monthly = to_cent(contract.amount_per_year / 12)
            end = min(self.today, contract.ends_on)  # a cancelled contract runs to the end of its term
            month = max(self.start, contract.starts_on).replace(day=1) + relativedelta(months=1)
            while month <= end:
                self.invoices.append(
                    _Invoice(
                        supplier=supplier,
                        issued=month,
                        lines=[LineInput(1, monthly, Decimal("20.00"))],
                        category=category,
                        site=self._site_of(supplier),
                        notes=f"{contract.subject} — {month:%m/%Y}",
                    )
                )
                month += relativedelta(months=1)
        lyreco = self.suppliers.get("Lyreco")
        if lyreco is not None and self.ctx.years >= 1:
            issued = self._before(self.today, 75)
            self.invoices.append(
                _Invoice(
                    supplier=lyreco,
                    issued=issued,
                    lines=[LineInput(2, Decimal("20.50"), Decimal("20.00"))],
                    category=SupplierCategory.SUPPLIES,
                    site=self.sites[0],
                    kind=InvoiceKind.CREDIT_NOTE,
                    notes="Avoir : deux cartons de ramettes livrés abîmés et repris.",
                )
            )

    # --- writing ---------------------------------------------------------------------------------

    def _status(self, order: _Order) -> None:
        """The status the dates give (the showcase's drafts, approvals and cancellations stay as set)."""
        if order.status in (OrderStatus.DRAFT, OrderStatus.AWAITING_DIRECTOR, OrderStatus.APPROVED):
            return
        if order.status == OrderStatus.CANCELLED:
            return
        delivered = [(day, part) for day, part in order.deliveries if day <= self.today]
        order.deliveries = delivered
        for _day, part in delivered:
            for index, quantity in part.items():
                order.lines[index].received += quantity
        complete = all(line.received == line.quantity for line in order.lines)
        if not delivered:
            order.status = OrderStatus.SENT
        elif not complete:
            order.status = OrderStatus.PARTLY_RECEIVED
        elif order.invoice_on is None or order.invoice_on > self.today:
            order.status = OrderStatus.RECEIVED
        else:
            order.status = OrderStatus.CLOSED

    def save(self) -> dict[str, int]:
        rng, office = self.rng, self.office
        for order in self.orders:
            self._status(order)
        numbered = sorted((o for o in self.orders if o.sent is not None), key=lambda o: o.sent)
        # A number is taken when the order is sent; a draft cancelled before sending has none.
        # The series is the prefix, as the orders service numbers them: next_number(ORDER_PREFIX, year).
        counters = {c.year: c for c in DocumentCounter.objects.filter(series=ORDER_PREFIX)}
        last: dict[int, int] = {year: counter.last for year, counter in counters.items()}
        numbers: dict[int, tuple[int, str]] = {}
        for order in numbered:
            year = timezone.localtime(order.sent).year
            last[year] = last.get(year, 0) + 1
            numbers[id(order)] = (year, formatted(ORDER_PREFIX, year, last[year]))

        order_rows, line_rows = [], []
        for order in self.orders:
            totals = self._totals(order.lines)
            year, number = numbers.get(id(order), (None, ""))
            received_at = None
            if order.status in (OrderStatus.RECEIVED, OrderStatus.CLOSED) and order.deliveries:
                received_at = self._at(order.deliveries[-1][0], 11)
            order.row = PurchaseOrder(
                number=number,
                year=year,
                supplier=order.supplier,
                contact=self.contacts.get(order.supplier.pk),
                site=order.site,
                team=order.team,
                status=order.status,
                expected_on=order.expected,
                notes=order.notes,
                total_excl_vat=totals.excl_vat,
                total_vat=totals.vat,
                total_incl_vat=totals.incl_vat,
                needs_director=totals.excl_vat > self.director_above and order.submitted is not None,
                created_by=office,
                created_at=order.created,
                director_decided_by=self.director if order.decided else None,
                director_decided_at=order.decided,
                submitted_at=order.submitted,
                sent_at=order.sent,
                sent_by=office if order.sent else None,
                received_at=received_at,
                closed_at=self._at(order.invoice_on, 16) if order.status == OrderStatus.CLOSED else None,
                cancelled_at=order.cancelled,
                cancel_reason=order.cancel_reason,
            )
            order_rows.append(order.row)
            for position, line in enumerate(order.lines, start=1):
                line.row = OrderLine(
                    order=order.row,
                    position=position,
                    item=line.item,
                    description=line.description,
                    supplier_reference=line.reference,
                    unit=line.unit,
                    quantity=line.quantity,
                    unit_price=line.unit_price,
                    vat_rate=line.vat_rate,
                    category=line.category,
                    received_quantity=line.received,
                )
                line_rows.append(line.row)
        PurchaseOrder.objects.bulk_create(order_rows, batch_size=BATCH_SIZE)
        OrderLine.objects.bulk_create(line_rows, batch_size=BATCH_SIZE)
        for year, number in last.items():
            counter = counters.get(year) or DocumentCounter(series=ORDER_PREFIX, year=year)
            if counter.last != number or counter.pk is None:
                counter.last = number
                counter.save()

        receipts, receipt_lines = [], []
        for order in self.orders:
            for day, part in order.deliveries:
                receipt = Receipt(
                    order=order.row,
                    received_on=day,
                    note=rng.choice(RECEIPT_NOTES).format(n=rng.randint(100000, 999999)),
                    by=office,
                    created_at=self._at(day, 11),
                    token=uuid.UUID(int=rng.getrandbits(128), version=4),
                )
                receipts.append(receipt)
                receipt_lines.extend(
                    ReceiptLine(receipt=receipt, order_line=order.lines[i].row, quantity=q) for i, q in part.items()
                )
        Receipt.objects.bulk_create(receipts, batch_size=BATCH_SIZE)
        ReceiptLine.objects.bulk_create(receipt_lines, batch_size=BATCH_SIZE)

        for order in self.orders:
            if order.status == OrderStatus.CLOSED:
                self.invoices.append(
                    _Invoice(
                        supplier=order.supplier,
                        issued=order.invoice_on,
                        lines=[LineInput(line.quantity, line.unit_price, line.vat_rate) for line in order.lines],
                        category=self._main_category(order),
                        site=order.site,
                        team=order.team,
                        order=order,
                    )
                )
        written_invoices = self._save_invoices()
        budgets = self._save_budgets()
        return {
            "orders": len(order_rows),
            "lines": len(line_rows),
            "receipts": len(receipts),
            "invoices": written_invoices,
            "budgets": budgets,
        }

    def _main_category(self, order: _Order) -> str:
        amounts: dict[str, Decimal] = defaultdict(Decimal)
        for line in order.lines:
            amounts[line.category] += line.quantity * line.unit_price
        return max(sorted(amounts), key=lambda category: amounts[category])

    def _save_invoices(self) -> int:
        rng = self.rng
        self.invoices.sort(key=lambda invoice: (invoice.issued, invoice.supplier.pk))
        sequence: dict[int, int] = {}
        rows, vat_rows, links = [], [], []
        for invoice in self.invoices:
            supplier = invoice.supplier
            sequence[supplier.pk] = sequence.get(supplier.pk, rng.randint(120, 4000)) + rng.randint(1, 40)
            prefix = "AV" if invoice.kind == InvoiceKind.CREDIT_NOTE else "FA"
            invoice.number = f"{prefix}{invoice.issued:%Y}-{sequence[supplier.pk]:05d}"
            totals = document_totals(invoice.lines)
            due = invoice.issued + dt.timedelta(days=supplier.payment_days)
            paid_on = None
            state = invoice.order.paid if invoice.order else "on_time"
            if state == "on_time" and due < self.today:
                paid_on = min(self.today - DAY, self._working(due - dt.timedelta(days=rng.randint(0, 6))))
                paid_on = max(paid_on, invoice.issued)
            row = SupplierInvoice(
                supplier=supplier,
                kind=invoice.kind,
                number=invoice.number,
                issued_on=invoice.issued,
                due_on=due,
                total_excl_vat=totals.excl_vat,
                total_vat=totals.vat,
                total_incl_vat=totals.incl_vat,
                category=invoice.category,
                site=invoice.site,
                team=invoice.team,
                paid_on=paid_on,
                notes=invoice.notes,
                created_by=self.office,
                created_at=self._at(min(self.today, self._working(invoice.issued + dt.timedelta(days=2))), 10),
            )
            rows.append(row)
            vat_rows.extend(
                InvoiceVatLine(invoice=row, rate=vat.rate, base=vat.base, vat=vat.vat) for vat in totals.by_rate
            )
            if invoice.order is not None:
                links.append((row, invoice.order.row))
        SupplierInvoice.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        InvoiceVatLine.objects.bulk_create(vat_rows, batch_size=BATCH_SIZE)
        through = SupplierInvoice.orders.through
        through.objects.bulk_create(
            [through(supplierinvoice_id=invoice.pk, purchaseorder_id=order.pk) for invoice, order in links],
            batch_size=BATCH_SIZE,
        )
        return len(rows)

    def _save_budgets(self) -> int:
        """A budget per year and category spent in, a little above the spend (this year's projected)."""
        spent: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
        for invoice in self.invoices:
            sign = -1 if invoice.kind == InvoiceKind.CREDIT_NOTE else 1
            spent[invoice.issued.year, invoice.category] += sign * document_totals(invoice.lines).excl_vat
        for order in self.orders:
            if order.status in (OrderStatus.SENT, OrderStatus.PARTLY_RECEIVED, OrderStatus.RECEIVED):
                year = timezone.localtime(order.sent).year
                spent[year, self._main_category(order)] += self._totals(order.lines).excl_vat
        this_year = self.today.year
        elapsed = max(1 / 12, (self.today.timetuple().tm_yday) / 365)
        existing = set(Budget.objects.filter(site=None, team=None).values_list("year", "category"))
        rows = []
        for (year, category), amount in sorted(spent.items()):
            # A year the history covers only the end of had its budget before the history began.
            if amount <= 0 or (year, category) in existing or self.start > dt.date(year, 1, 31):
                continue
            if year == this_year:
                factor = 0.92 if category == SupplierCategory.CATERING else self.rng.uniform(1.05, 1.2)
                planned = float(amount) / elapsed * factor
            else:
                planned = float(amount) * self.rng.uniform(1.0, 1.15)
            rows.append(
                Budget(
                    year=year,
                    category=category,
                    amount=Decimal(max(500, math.ceil(planned / 500) * 500)),
                    note="Budget voté en comité de direction" if category == SupplierCategory.IT else "",
                    updated_by=self.office,
                    updated_at=min(self.ctx.now, self._at(self._working(dt.date(year - 1, 12, 10)), 10)),
                )
            )
        Budget.objects.bulk_create(rows)
        return len(rows)
