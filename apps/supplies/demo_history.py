"""The demo's supplies history: ``ctx.years`` of staff requests and the stock ledger they drew on.

Built in memory, then written with ``bulk_create`` (see apps/supplies/demo.py):

1. requests: about one a person a month from each person's hiring (or the start of the history;
   about half as many beyond the last twelve months),
   with one to four lines (now and then something not in the catalogue, with an estimated price
   and a link), and the demo scenes (staff@example.com has a request in every status, the office
   manager's queue and the director's inbox are not empty);
2. the decisions the rules give: under the automatic threshold approved at once; above it the
   office manager decides within two days (most approved, a few refused with a reason or approved
   in part); above the second threshold the director too; a few cancelled before any decision;
   the latest still pending;
3. the ledger of every stocked (item, site): an opening receipt, the issues of approved lines
   (a line waits for the delivery when the shelf is short), a supplier's delivery of the reorder
   quantity a few days after the stock falls to its threshold, a yearly inventory count and now and
   then a breakage, each move with its ``balance_after`` (never negative) and the stock the sum;
4. each request's status from its lines: ready when every approved line is in hand, delivered a
   few days later, still approved while a purchase has not arrived.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import uuid
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote_plus

from django.utils import timezone

from apps.core.demo import DemoContext
from apps.supplies.models import (
    Awaiting,
    Category,
    InventoryCount,
    InventoryCountLine,
    LineDecision,
    MoveKind,
    RequestKind,
    RequestLine,
    RequestStatus,
    SiteStock,
    StockMove,
    SupplyRequest,
)

BATCH_SIZE = 2000
CENT = Decimal("0.01")
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
# Mean requests per person per month: about 1 (0: 37 %, 1: 37 %, 2: 18 %, 3: 8 %).
REQUESTS_A_MONTH = ((0.37, 0), (0.74, 1), (0.92, 2), (1.0, 3))
OLDER_HISTORY = 0.55  # beyond the last twelve months, this share of it
CATEGORY_WEIGHT = {
    Category.PAPER: 3.0,
    Category.WRITING: 3.0,
    Category.FILING: 2.0,
    Category.OTHER: 2.0,
    Category.PRINTING: 1.2,
    Category.IT_ACCESSORIES: 1.0,
    Category.KITCHEN: 0.8,
    Category.CLEANING: 0.4,
    Category.FIRST_AID: 0.3,
    Category.FURNITURE: 0.3,
}
# What the shelves hold: consumables; furniture and dearer IT accessories are bought when asked for.
UNSTOCKED_CATEGORIES = frozenset({Category.FURNITURE})
STOCKED_IT_BELOW = Decimal("40")
SITE_COVERAGE = (1.0, 0.7, 0.5)  # head office, then the other sites

REASONS = (
    "Réassort du bureau", "Stock de l'open space épuisé", "Pour le rendez-vous client de jeudi",
    "Préparation du séminaire d'équipe", "Nouvel arrivant dans l'équipe", "Archivage de fin de trimestre",
    "Pour la salle de réunion", "Le mien est cassé", "Préparation du salon professionnel",
    "Envoi des contrats clients", "Pour le télétravail", "Formation interne de la semaine prochaine",
    "Réunion mensuelle des commerciaux", "Clôture comptable", "Accueil des stagiaires",
)  # fmt: skip
EQUIPMENT_REASONS = (
    "Mon écran scintille depuis une semaine.", "Je télétravaille deux jours par semaine.",
    "Recommandation de la médecine du travail.", "Mon ordinateur a plus de quatre ans et rame.",
    "Pour les présentations chez les clients.", "Mal de dos avec la chaise actuelle.",
)  # fmt: skip
REFUSALS = (
    "Nous en avons encore en stock à l'accueil : sers-toi directement.",
    "Hors budget ce trimestre, à redemander en janvier.",
    "Un modèle équivalent est au catalogue : demande plutôt celui-là.",
    "Quantité trop importante pour un usage individuel.",
    "Déjà commandé pour toute l'équipe la semaine dernière.",
    "À voir d'abord avec ton manager.",
)
ADJUSTMENTS = (
    "Cartons abîmés à la livraison", "Dégât des eaux dans la réserve", "Produit périmé",
    "Prêté au site voisin", "Casse", "Erreur de saisie à la réception",
)  # fmt: skip
# (description, estimated unit price, retailer's search page) for things not in the catalogue.
FREE_SUPPLIES = (
    ("Agenda semainier 2027 Quo Vadis", "14.90", "https://www.fnac.com/SearchResult/ResultList.aspx?Search="),
    (
        "Recharges pour stylo plume Parker (boîte de 5)",
        "6.50",
        "https://www.fnac.com/SearchResult/ResultList.aspx?Search=",
    ),
    ("Carnet Moleskine grand format", "19.90", "https://www.fnac.com/SearchResult/ResultList.aspx?Search="),
    ("Pochettes cadeau pour les clients (lot de 20)", "24.00", "https://www.raja.fr/recherche?q="),
    ("Badges visiteurs imprimés (lot de 100)", "39.00", "https://www.manutan.fr/fr/maf/recherche?q="),
    ("Tapis anti-fatigue pour poste debout", "45.00", "https://www.manutan.fr/fr/maf/recherche?q="),
    ("Plante verte pour l'accueil", "35.00", "https://www.truffaut.com/recherche?q="),
)
FREE_EQUIPMENT = (
    ("Écran 27 pouces Dell P2723D", "289.00", "https://www.ldlc.com/recherche/"),
    ("Écran 24 pouces iiyama ProLite", "139.00", "https://www.ldlc.com/recherche/"),
    ("Station d'accueil Dell WD19S", "189.00", "https://www.ldlc.com/recherche/"),
    ("Ordinateur portable Lenovo ThinkPad T14", "1099.00", "https://www.ldlc.com/recherche/"),
    ("Casque Jabra Evolve2 75", "259.00", "https://www.ldlc.com/recherche/"),
    ("Fauteuil ergonomique Steelcase Series 1", "489.00", "https://www.manutan.fr/fr/maf/recherche?q="),
    ("Bureau assis-debout électrique", "549.00", "https://www.manutan.fr/fr/maf/recherche?q="),
    ("Smartphone Samsung Galaxy A55", "379.00", "https://www.ldlc.com/recherche/"),
    ("Tablette Apple iPad 10,9 pouces", "409.00", "https://www.ldlc.com/recherche/"),
)


def _link(base: str, description: str) -> str:
    return f"{base}{quote_plus(description)}" + ("/" if base.endswith("/recherche/") else "")


@dataclass(eq=False)
class _Line:
    item: object | None
    description: str
    quantity: int
    unit_price: Decimal
    vat_rate: Decimal
    link: str = ""
    decision: str = LineDecision.PENDING
    due_at: dt.datetime | None = None  # when it is to be issued, or when the purchase arrives
    fulfilled_at: dt.datetime | None = None
    issued: int = 0
    stock: SiteStock | None = None  # the shelf it is issued from, if stocked on the requester's site
    row: RequestLine | None = None

    @property
    def amount(self) -> Decimal:
        return (self.quantity * self.unit_price).quantize(CENT)


@dataclass(eq=False)
class _Request:
    person: object
    kind: str
    reason: str
    created_at: dt.datetime
    lines: list[_Line]
    outcome: str = "approve"  # approve, partly, refuse, cancel, pending, director (forced scenes only)
    office_at: dt.datetime | None = None
    director_at: dt.datetime | None = None
    cancel_at: dt.datetime | None = None
    arrival: dt.datetime | None = None  # forced arrival of purchased lines (scenes)
    deliver_after: dt.timedelta | None = None
    never_delivered: bool = False
    total: Decimal = Decimal("0")
    auto: bool = False
    needs_director: bool = False
    refusal_reason: str = ""


class History:
    """Plans requests and the ledger for the given sites, then writes them."""

    def __init__(self, ctx: DemoContext, *, items, sites, people, office, director, settings):
        self.ctx, self.rng, self.now = ctx, ctx.rng, ctx.now
        self.tz = timezone.get_current_timezone()
        self.items = [item for item, _plan in items]
        self.by_name = {item.name: item for item in self.items}
        self.popularity = {item.pk: plan.popularity for item, plan in items}
        self.sites, self.office, self.director, self.settings = sites, office, director, settings
        self.site_ids = {site.pk for site in sites}
        self.people = [p for p in people if p.site_id in self.site_ids]
        self.start = ctx.history_start
        self.requests: list[_Request] = []
        self.stocked: dict[tuple[int, int], SiteStock] = {}
        self.moves: list[tuple[StockMove, _Line | None]] = []
        self.count_lines: list[InventoryCountLine] = []

    # -- planning ------------------------------------------------------------------------------

    def _at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=self.tz)

    def _working(self, moment: dt.datetime) -> dt.datetime:
        """The same moment, or the next weekday's morning if it falls on a weekend or at night."""
        local = timezone.localtime(moment, self.tz)
        if local.hour >= 19:
            local = self._at(local.date() + DAY, 8, self.rng.randint(30, 59))
        elif local.hour < 8:
            local = self._at(local.date(), 8, self.rng.randint(30, 59))
        while local.weekday() >= 5:
            local = self._at(local.date() + DAY, 9, self.rng.randint(0, 59))
        return local

    def _pools(self):
        rng = self.rng
        active = [i for i in self.items if i.is_active]
        archived_too = list(self.items)

        def weights(pool):
            total, cumulative = 0.0, []
            for item in pool:
                total += CATEGORY_WEIGHT.get(item.category, 1.0) * self.popularity.get(item.pk, 1.0)
                cumulative.append(total)
            return pool, cumulative

        # Archived items were still bought in the first half of the history.
        self.cut = self.start + (self.ctx.today - self.start) / 2
        self.pool_now, self.pool_before = weights(active), weights(archived_too)
        self.stock_site_rank = {site.pk: rank for rank, site in enumerate(sorted(self.sites, key=_head_first))}
        for item in self.items:
            if item.category in UNSTOCKED_CATEGORIES:
                continue
            if item.category == Category.IT_ACCESSORIES and item.unit_price >= STOCKED_IT_BELOW:
                continue
            for site in self.sites:
                coverage = SITE_COVERAGE[min(self.stock_site_rank[site.pk], len(SITE_COVERAGE) - 1)]
                # An archived item may still have its shelf.
                if (item.is_active or rng.random() < 0.5) and rng.random() < coverage:
                    self.stocked[(item.pk, site.pk)] = SiteStock(item=item, site=site)

    def _quantity(self, item) -> int:
        rng = self.rng
        if item.unit_price >= 40:
            return 1 if rng.random() < 0.9 else 2
        if item.unit == "ream":
            return rng.choice((1, 2, 2, 5, 5, 10))
        if item.unit_price < 3:
            return rng.choice((1, 2, 3, 5, 10))
        return rng.choice((1, 1, 1, 2, 3))

    def _pick(self, when: dt.date):
        pool, cumulative = self.pool_before if when < self.cut else self.pool_now
        return self.rng.choices(pool, cum_weights=cumulative, k=1)[0]

    def _catalogue_line(self, item, quantity: int | None = None) -> _Line:
        return _Line(
            item=item,
            description=item.name,
            quantity=quantity or self._quantity(item),
            unit_price=item.unit_price,
            vat_rate=item.vat_rate,
        )

    def _free_line(self, entry, quantity: int = 1) -> _Line:
        description, price, base = entry
        return _Line(
            item=None,
            description=description,
            quantity=quantity,
            unit_price=Decimal(price),
            vat_rate=Decimal("20.00"),
            link=_link(base, description) if self.rng.random() < 0.8 else "",
        )

    def _random_request(self, person, created: dt.datetime) -> _Request:
        rng = self.rng
        if rng.random() < 0.04:
            line = self._free_line(rng.choice(FREE_EQUIPMENT))
            return _Request(person, RequestKind.EQUIPMENT, rng.choice(EQUIPMENT_REASONS), created, [line])
        count = rng.choices((1, 2, 3, 4), weights=(45, 30, 17, 8))[0]
        lines, seen = [], set()
        for _ in range(count):
            if rng.random() < 0.04:
                lines.append(self._free_line(rng.choice(FREE_SUPPLIES), rng.choice((1, 1, 2))))
                continue
            item = self._pick(created.date())
            if item.pk not in seen:
                seen.add(item.pk)
                lines.append(self._catalogue_line(item))
        return _Request(person, RequestKind.SUPPLIES, rng.choice(REASONS), created, lines)

    def plan_requests(self) -> None:
        self._pools()
        rng, today = self.rng, self.ctx.today
        for person in self.people:
            rate = 0.3 if person.pk in (self.office.pk, getattr(self.director, "pk", None)) else 1.0
            first = max(self.start, person.hired_on or self.start)
            month = first.replace(day=1)
            while month <= today:
                next_month = (month + dt.timedelta(days=32)).replace(day=1)
                # As many as today in the last year, about half as many further back (keeps 5 years fast).
                recent = (today - month).days <= 365
                draw = rng.random() / (rate if recent else rate * OLDER_HISTORY)
                howmany = next((n for limit, n in REQUESTS_A_MONTH if draw < limit), 0)
                for _ in range(howmany):
                    # Over the whole month (those that fall after today are not asked yet).
                    day = self.ctx.random_date(max(first, month), next_month - DAY)
                    created = self._working(self._at(day, rng.randint(8, 18), rng.randint(0, 59)))
                    if created < self.now:
                        self.requests.append(self._random_request(person, created))
                month = next_month
        self.requests.extend(self._scenes())
        for request in self.requests:
            self._decide(request)

    def _scenes(self) -> list[_Request]:
        """Recent requests the demo accounts must find, whatever the random history gave."""
        accounts = self.ctx.data.get("accounts", {})
        staff = accounts.get("staff")
        now, scenes = self.now, []
        item = self.by_name.get
        chair = "Fauteuil de bureau ergonomique à mécanisme synchrone"

        def ago(days: float) -> dt.datetime:
            return now - dt.timedelta(days=days)

        if staff is not None and staff.site_id in self.site_ids:
            scenes += [
                _Request(staff, RequestKind.SUPPLIES, "Mon casque actuel grésille pendant les visios clients.",
                         ago(0.1), [self._catalogue_line(item("Casque USB Jabra Evolve2 30 stéréo"), 1)],
                         outcome="pending"),
                _Request(staff, RequestKind.EQUIPMENT, "Double écran pour les tableaux de bord commerciaux.",
                         ago(2), [self._free_line(FREE_EQUIPMENT[0]),
                                  self._free_line(("Écran 34 pouces incurvé Dell P3424WE", "489.00",
                                                   "https://www.ldlc.com/recherche/"))],
                         outcome="director", office_at=ago(1.8)),
                _Request(staff, RequestKind.SUPPLIES, "Pour préparer l'année prochaine.", ago(3),
                         [self._free_line(FREE_SUPPLIES[0])], outcome="approve", arrival=now + 3 * DAY),
                _Request(staff, RequestKind.EQUIPMENT, "Poignet douloureux en fin de journée.", ago(4),
                         [self._catalogue_line(item("Souris ergonomique verticale Logitech Lift"), 1),
                          self._free_line(("Clavier mécanique rétroéclairé Logitech G413", "89.00",
                                           "https://www.ldlc.com/recherche/"))],
                         outcome="partly", office_at=ago(3.8), arrival=now + 4 * DAY),
                _Request(staff, RequestKind.SUPPLIES, "Mon bureau est mal éclairé l'après-midi.", ago(8),
                         [self._catalogue_line(item("Lampe de bureau LED noire"), 1)],
                         outcome="approve", arrival=ago(1), never_delivered=True),
                _Request(staff, RequestKind.SUPPLIES, "Mal de dos avec la chaise actuelle.", ago(15),
                         [self._catalogue_line(item(chair), 1)],
                         outcome="refuse", office_at=ago(14),
                         refusal_reason="Un fauteuil ergonomique est attribué sur avis de la médecine du travail : "
                         "prends d'abord rendez-vous avec elle."),
                _Request(staff, RequestKind.SUPPLIES, "Pour la salle de réunion Rhône.", ago(10),
                         [self._catalogue_line(item("Tableau blanc magnétique 120 × 90 cm"), 1)],
                         outcome="cancel", cancel_at=ago(9.9)),
                _Request(staff, RequestKind.SUPPLIES, "Pour le télétravail.", ago(20),
                         [self._catalogue_line(item("Repose-pieds réglable"), 1)],
                         outcome="approve", arrival=ago(16), deliver_after=DAY),
            ]  # fmt: skip
        others = [p for p in self.people if p.pk not in {getattr(a, "pk", None) for a in accounts.values()}]
        if others:
            rng = self.rng
            scenes += [
                _Request(rng.choice(others), RequestKind.SUPPLIES, "L'imprimante de l'étage n'a plus de toner.",
                         ago(0.2), [self._catalogue_line(item("Toner HP 415A noir (W2030A)"), 1)], outcome="pending"),
                _Request(rng.choice(others), RequestKind.SUPPLIES, "Réunions clients plus nombreuses.", ago(0.6),
                         [self._catalogue_line(item("Chaise visiteur empilable"), 4)], outcome="pending"),
                _Request(rng.choice(others), RequestKind.SUPPLIES, "Visioconférences depuis l'open space.", ago(1.1),
                         [self._catalogue_line(item("Webcam Logitech C920"), 1)], outcome="pending"),
                _Request(rng.choice(others), RequestKind.SUPPLIES, "Trois arrivées dans l'équipe en janvier.",
                         ago(3), [self._catalogue_line(item(chair), 3)],
                         outcome="director", office_at=ago(2.7)),
            ]  # fmt: skip
        return scenes

    def _decide(self, r: _Request) -> None:
        """Approval times and line decisions, as the thresholds and the approvers would give them."""
        rng, now, settings = self.rng, self.now, self.settings
        r.total = sum((line.amount for line in r.lines), Decimal("0"))
        r.auto = r.total < settings.auto_approve_below
        r.needs_director = r.total > settings.director_above
        scene = r.outcome != "approve" or r.office_at is not None or r.arrival is not None
        if not scene and not r.auto:
            draw = rng.random()
            r.outcome = (
                "refuse" if draw < 0.07
                else "partly" if draw < 0.15 and len(r.lines) > 1
                else "cancel" if draw < 0.19
                else "approve"
            )  # fmt: skip
        if r.auto and r.outcome == "approve":
            approved_at = r.created_at
        else:
            if r.office_at is None and r.outcome != "pending":
                r.office_at = self._working(r.created_at + dt.timedelta(hours=rng.uniform(0.5, 40)))
            if r.outcome == "cancel":
                # Cancelled by the requester before anyone decided (later, lines would have been issued).
                if r.cancel_at is None:
                    r.cancel_at = r.created_at + (r.office_at - r.created_at) * rng.uniform(0.1, 0.9)
                r.office_at = None
                r.cancel_at = r.cancel_at if r.cancel_at <= now else None
                return
            if r.office_at is not None and r.office_at > now:
                r.office_at = None
            if r.office_at is None:
                return  # still pending, awaiting the office manager
            if r.outcome == "refuse":
                r.refusal_reason = r.refusal_reason or rng.choice(REFUSALS)
                for line in r.lines:
                    line.decision = LineDecision.REFUSED
                return
            approved_at = r.office_at
            if r.needs_director:
                if r.outcome != "director":
                    r.director_at = self._working(r.office_at + dt.timedelta(hours=rng.uniform(2, 60)))
                if r.director_at is None or r.director_at > now:
                    r.director_at = None
                    # Awaiting the director, who chooses among the lines the office manager approved
                    # (left pending, the director's page offered nothing to approve).
                    for line in r.lines:
                        line.decision = LineDecision.APPROVED
                    return
                approved_at = r.director_at
        refused_one = False
        for index, line in enumerate(r.lines):
            refuse = r.outcome == "partly" and index > 0 and (not refused_one or rng.random() < 0.3)
            refused_one = refused_one or refuse
            line.decision = LineDecision.REFUSED if refuse else LineDecision.APPROVED
            if refuse:
                continue
            stock = self.stocked.get((line.item.pk, r.person.site_id)) if line.item is not None else None
            if stock is not None:
                line.due_at = self._working(approved_at + dt.timedelta(hours=rng.uniform(0.3, 6)))
            else:
                arrival = r.arrival or self._working(approved_at + dt.timedelta(days=rng.uniform(2, 10)))
                line.due_at = arrival
                line.fulfilled_at = arrival if arrival <= now else None
            line.stock = stock

    # -- the ledger ----------------------------------------------------------------------------

    def plan_ledger(self) -> None:
        months = max(1.0, (self.ctx.today - self.start).days / 30.4)
        demand: dict[tuple[int, int], int] = {}
        largest: dict[tuple[int, int], int] = {}
        issues: dict[tuple[int, int], list[_Line]] = {}
        for r in self.requests:
            for line in r.lines:
                if line.stock is not None and line.decision == LineDecision.APPROVED:
                    key = (line.item.pk, r.person.site_id)
                    demand[key] = demand.get(key, 0) + line.quantity
                    largest[key] = max(largest.get(key, 0), line.quantity)
                    issues.setdefault(key, []).append(line)
        for key, stock in self.stocked.items():
            monthly = demand.get(key, 0) / months
            stock.reorder_threshold = max(1, math.ceil(monthly * 0.6))
            # Four months of use, and at least the largest line asked for, so one delivery serves it.
            reorder = max(3, math.ceil(monthly * 4), largest.get(key, 0))
            stock.reorder_quantity = reorder if reorder < 10 else 5 * math.ceil(reorder / 5)
        counts = self._counts()
        for key, stock in self.stocked.items():
            self._simulate(stock, issues.get(key, []), counts.get(stock.site_id, []))
        self._force_low()

    def _counts(self) -> dict[int, list[InventoryCount]]:
        """A count of every site's shelves at the end of June each year of the history."""
        created: dict[int, list[InventoryCount]] = {}
        rows = []
        for year in range(self.start.year, self.ctx.today.year + 1):
            day = dt.date(year, 6, 28)
            while day.weekday() >= 5:
                day -= DAY
            if not self.start < day < self.ctx.today - dt.timedelta(days=7):
                continue
            for site in self.sites:
                count = InventoryCount(
                    site=site,
                    by=self.office,
                    at=self._at(day, 17),
                    note="Inventaire annuel",
                    submission_token=uuid.UUID(int=self.rng.getrandbits(128), version=4),
                )
                rows.append(count)
                created.setdefault(site.pk, []).append(count)
        InventoryCount.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        return created

    def _simulate(self, stock: SiteStock, lines: list[_Line], counts: list[InventoryCount]) -> None:
        rng, now = self.rng, self.now
        threshold, reorder = stock.reorder_threshold, stock.reorder_quantity
        supplier = stock.item.supplier.name if stock.item.supplier else "fournisseur"
        events: list[tuple] = []
        seq = 0

        def push(at, kind, payload=None):
            nonlocal seq
            seq += 1
            heapq.heappush(events, (at, seq, kind, payload))

        state = {"quantity": 0, "receipt": None, "low_since": None}

        def move(at, kind, delta, *, line=None, reason="", count=None):
            state["quantity"] += delta
            self.moves.append(
                (
                    StockMove(
                        stock=stock, kind=kind, delta=delta, balance_after=state["quantity"], reason=reason,
                        count=count, by=self.office, at=at,
                    ),
                    line,
                )
            )  # fmt: skip
            low = state["quantity"] <= threshold
            if low and state["low_since"] is None:
                state["low_since"] = timezone.localtime(at, self.tz).date()
            elif not low:
                state["low_since"] = None
            if low and state["receipt"] is None:
                order(at, reorder)

        def order(at, quantity, days=(2, 5)):
            arrives = self._working(at + dt.timedelta(days=rng.uniform(*days)))
            state["receipt"] = arrives
            if arrives <= now:
                push(arrives, "receipt", quantity)

        opening = self._at(min(self.start, self.ctx.today - dt.timedelta(days=60)) - DAY, 9)
        move(opening, MoveKind.RECEIVED, threshold + reorder + rng.randint(0, reorder), reason="Stock initial")
        for line in lines:
            if line.due_at is not None and line.due_at <= now:
                push(line.due_at, "issue", line)
        for count in counts:
            push(count.at, "count", count)
        years = (self.ctx.today - self.start).days / 365.25
        for _ in range(sum(rng.random() < 0.15 for _ in range(max(1, round(years))))):
            push(self._working(self._at(self.ctx.random_date(self.start, self.ctx.today), 10)), "adjust")
        while events:
            at, _seq, kind, payload = heapq.heappop(events)
            if at > now:
                continue
            quantity = state["quantity"]
            if kind == "receipt":
                state["receipt"] = None
                move(at, MoveKind.RECEIVED, payload, reason=f"Livraison {supplier}")
            elif kind == "issue":
                line = payload
                if quantity >= line.quantity:
                    line.issued, line.fulfilled_at = line.quantity, at
                    move(at, MoveKind.ISSUED, -line.quantity, line=line)
                    continue
                # Short: the line waits for the delivery (an urgent order if none is on its way).
                if state["receipt"] is None:
                    order(at, max(reorder, line.quantity - quantity + threshold + 1), days=(1, 2))
                if state["receipt"] <= now:
                    push(state["receipt"] + HOUR, "issue", line)
            elif kind == "count":
                difference = 0 if rng.random() < 0.88 else rng.choice((-2, -1, -1, 1, 2))
                difference = max(difference, -quantity)
                self.count_lines.append(
                    InventoryCountLine(count=payload, stock=stock, expected=quantity, counted=quantity + difference)
                )
                if difference:
                    move(at, MoveKind.COUNTED, difference, count=payload, reason="Écart constaté à l'inventaire")
            elif kind == "adjust" and quantity > 0:
                move(at, MoveKind.ADJUSTED, -min(quantity, rng.randint(1, 2)), reason=rng.choice(ADJUSTMENTS))
        stock.quantity, stock.low_since = state["quantity"], state["low_since"]
        stock.last_at = self.moves[-1][0].at

    def _force_low(self) -> None:
        """A few items at or below their threshold on every site, so the reorder list is not empty."""
        wanted = max(2, self.ctx.count(3))
        for site in self.sites:
            # Active items only: the reorder list leaves archived ones out.
            stocks = [s for s in self.stocked.values() if s.site_id == site.pk and s.item.is_active]
            low = sum(1 for s in stocks if s.quantity <= s.reorder_threshold)
            candidates = [s for s in stocks if s.quantity > s.reorder_threshold]
            for stock in self.rng.sample(candidates, k=min(len(candidates), max(0, wanted - low))):
                at = min(self.now, max(stock.last_at + HOUR, self.now - dt.timedelta(days=self.rng.uniform(1, 4))))
                delta = stock.reorder_threshold - stock.quantity - self.rng.randint(0, stock.reorder_threshold)
                stock.quantity += delta
                stock.low_since = timezone.localtime(at, self.tz).date()
                self.moves.append(
                    (
                        StockMove(
                            stock=stock, kind=MoveKind.ADJUSTED, delta=delta, balance_after=stock.quantity,
                            reason=self.rng.choice(ADJUSTMENTS), by=self.office, at=at,
                        ),
                        None,
                    )
                )  # fmt: skip

    # -- writing -------------------------------------------------------------------------------

    def _status(self, r: _Request, row: SupplyRequest) -> None:
        now = self.now
        if r.outcome == "cancel":
            if r.cancel_at is not None:
                row.status, row.cancelled_at, row.cancelled_by = RequestStatus.CANCELLED, r.cancel_at, r.person
            else:
                row.awaiting = Awaiting.OFFICE_MANAGER
            return
        if not r.auto and r.office_at is None:
            row.awaiting = Awaiting.OFFICE_MANAGER
            return
        row.office_decided_by = self.office if r.office_at else None
        row.office_decided_at = r.office_at
        if r.outcome == "refuse":
            row.status, row.refusal_reason = RequestStatus.REFUSED, r.refusal_reason
            return
        if r.needs_director:
            if r.director_at is None:
                row.awaiting = Awaiting.DIRECTOR
                return
            row.director_decided_by, row.director_decided_at = self.director, r.director_at
        approved = [line for line in r.lines if line.decision == LineDecision.APPROVED]
        partly = len(approved) < len(r.lines)
        row.status = RequestStatus.PARTLY_APPROVED if partly else RequestStatus.APPROVED
        if approved and all(line.fulfilled_at is not None for line in approved):
            row.ready_at = max(line.fulfilled_at for line in approved)
            row.pickup_note = self.settings.pickup_place
            row.status = RequestStatus.READY
            delay = r.deliver_after or dt.timedelta(hours=self.rng.uniform(1, 72))
            delivered = self._working(row.ready_at + delay)
            if delivered <= now and not r.never_delivered:
                row.status, row.delivered_at = RequestStatus.DELIVERED, delivered

    def save(self) -> dict[str, int]:
        rows = []
        for r in self.requests:
            row = SupplyRequest(
                requester=r.person,
                site_id=r.person.site_id,
                kind=r.kind,
                reason=r.reason,
                needed_by=r.created_at.date() + dt.timedelta(days=self.rng.randint(3, 21)),
                status=RequestStatus.PENDING,
                needs_director=r.needs_director,
                auto_approved=r.auto and r.outcome != "cancel",
                total_excl_vat=r.total,
                submission_token=uuid.UUID(int=self.rng.getrandbits(128), version=4),
                created_at=r.created_at,
            )
            self._status(r, row)
            rows.append(row)
        SupplyRequest.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        lines = []
        for r, row in zip(self.requests, rows, strict=True):
            for position, line in enumerate(r.lines):
                fulfilled = line.fulfilled_at if line.decision == LineDecision.APPROVED else None
                line.row = RequestLine(
                    request=row, position=position, item=line.item, description=line.description[:255],
                    link=line.link, quantity=line.quantity, unit_price=line.unit_price, vat_rate=line.vat_rate,
                    decision=line.decision, issued_quantity=line.issued, fulfilled_at=fulfilled,
                )  # fmt: skip
                lines.append(line.row)
        RequestLine.objects.bulk_create(lines, batch_size=BATCH_SIZE)
        # The stock rows with their final figures; the moves and count lines take their keys on saving.
        SiteStock.objects.bulk_create(self.stocked.values(), batch_size=BATCH_SIZE)
        moves = []
        for move, line in self.moves:
            if line is not None:
                move.request_line = line.row
            moves.append(move)
        StockMove.objects.bulk_create(moves, batch_size=BATCH_SIZE)
        InventoryCountLine.objects.bulk_create(self.count_lines, batch_size=BATCH_SIZE)
        return {"requests": len(rows), "request lines": len(lines), "stock moves": len(moves)}


def _head_first(site) -> tuple:
    return (not site.is_head_office, site.name)
