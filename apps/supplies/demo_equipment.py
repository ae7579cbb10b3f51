"""The demo's equipment register: what each person holds, since when, and what came before.

Each person gets a laptop, a screen (two for some) and a badge from their hiring (or a few years
before the history starts), and, depending on their role, a phone, a headset, a docking station, an
ergonomic chair and keys. Laptops are renewed every four years or so (a few sooner): the old one is
returned, then retired, or, still young, handed to a newcomer (a re-assignment). A few badges were
lost and replaced; a few items are in repair with their premises ticket; some spares wait on the
shelf; a few warranties end within 60 days. Rows are written with ``bulk_create``.

Idempotent: only people who have never held anything get equipment, so a larger ``--scale`` equips
its newcomers and a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from apps.core.demo import DemoContext
from apps.premises.models import Ticket, TicketCategory, TicketStatus, TicketUrgency
from apps.supplies.models import Assignment, EquipmentItem, EquipmentKind, EquipmentState, EquipmentTicket

BATCH_SIZE = 2000
YEAR = 365.25
K = EquipmentKind
PREFIX = {
    K.LAPTOP: "PC", K.SCREEN: "ECR", K.PHONE: "TEL", K.HEADSET: "CSQ", K.DOCKING: "DCK",
    K.CHAIR: "SIE", K.BADGE: "BDG", K.KEY: "CLE",
}  # fmt: skip
# (model, price excl. VAT, supplier, serial number pattern, warranty in years), newest last.
MODELS = {
    K.LAPTOP: (
        ("Lenovo ThinkPad T14 Gen 2", "1099.00", "LDLC Pro", "PF#######", 3),
        ("Dell Latitude 5420", "1049.00", "Dell France", "#######", 3),
        ("Lenovo ThinkPad T14 Gen 3", "1149.00", "LDLC Pro", "PF#######", 3),
        ("HP EliteBook 840 G9", "1249.00", "Inmac Wstore", "5CG#######", 3),
        ("Lenovo ThinkPad T14 Gen 4", "1099.00", "LDLC Pro", "PF#######", 3),
        ("Dell Latitude 5440", "1079.00", "Dell France", "#######", 3),
        ("Lenovo ThinkPad T14 Gen 5", "1189.00", "LDLC Pro", "PF#######", 3),
    ),
    K.SCREEN: (
        ("Dell P2419H 24 pouces", "169.00", "LDLC Pro", "CN-0#########", 3),
        ("iiyama ProLite XUB2493HS 24 pouces", "139.00", "LDLC Pro", "11########", 3),
        ("Dell P2422H 24 pouces", "179.00", "LDLC Pro", "CN-0#########", 3),
        ("Dell P2723D 27 pouces", "289.00", "LDLC Pro", "CN-0#########", 3),
    ),
    K.PHONE: (
        ("Samsung Galaxy A52", "349.00", "Bouygues Telecom Entreprises", "R58########", 2),
        ("Apple iPhone SE (3e génération)", "479.00", "Bouygues Telecom Entreprises", "35##############", 2),
        ("Samsung Galaxy A54", "399.00", "Bouygues Telecom Entreprises", "R58########", 2),
        ("Apple iPhone 15", "799.00", "Bouygues Telecom Entreprises", "35##############", 2),
    ),
    K.HEADSET: (
        ("Jabra Evolve2 30", "79.00", "LDLC Pro", "J##########", 2),
        ("Poly Voyager 4320", "159.00", "Inmac Wstore", "P##########", 2),
        ("Jabra Evolve2 65", "189.00", "LDLC Pro", "J##########", 2),
    ),
    K.DOCKING: (
        ("Lenovo ThinkPad Universal USB-C Dock", "199.00", "LDLC Pro", "ZK#######", 3),
        ("Dell WD19S", "189.00", "Dell France", "CN-0#########", 3),
    ),
    K.CHAIR: (
        ("Bruneau Ergo Plus", "249.00", "Bruneau", "", 5),
        ("Steelcase Series 1", "489.00", "Manutan", "", 5),
    ),
    K.BADGE: (("Badge d'accès Mifare DESFire", "6.00", "Sécuritas", "########", 0),),
}
KEYS = ("Clé porte principale", "Clé local reprographie", "Clé armoire à fournitures")
REPAIRS = (
    (K.HEADSET, "Le micro grésille pendant les appels."),
    (K.SCREEN, "Des lignes verticales apparaissent à l'écran."),
    (K.LAPTOP, "La batterie ne tient plus qu'une heure."),
    (K.PHONE, "Écran fissuré après une chute."),
)


@dataclass(eq=False)
class _Slot:
    person: object
    kind: str
    start: dt.date
    end: dt.date | None
    first: bool  # the person's first of this kind (a newcomer may get a returned one)
    note: str = ""
    end_note: str = ""
    key_name: str = ""
    lost: bool = False


@dataclass(eq=False)
class _Item:
    row: EquipmentItem
    assignments: list[Assignment] = field(default_factory=list)
    free_from: dt.date | None = None


class Register:
    def __init__(self, ctx: DemoContext, *, people, office, head_office):
        self.ctx, self.rng, self.today = ctx, ctx.rng, ctx.today
        accounts = ctx.data.get("accounts", {})
        # Team managers, the director and the office manager: phones and keys.
        self.leads = {team.manager_id for team in ctx.data.get("teams", [])} | {
            getattr(accounts.get(role), "pk", None) for role in ("director", "office_manager")
        }
        self.people, self.office, self.head_office = people, office, head_office
        self.items: list[_Item] = []
        self.pool: dict[str, list[_Item]] = {}
        existing = EquipmentItem.objects.values_list("asset_tag", "serial_number")
        self.serials = {serial for _tag, serial in existing if serial}
        self.numbers = dict.fromkeys(PREFIX.values(), 0)
        for tag, _serial in existing:
            prefix, _, number = tag.partition("-")
            if prefix in self.numbers and number.isdigit():
                self.numbers[prefix] = max(self.numbers[prefix], int(number))

    # -- planning ------------------------------------------------------------------------------

    def _chain(self, person, kind, since: dt.date, life: tuple[float, float], *, early: float = 0.0) -> list[_Slot]:
        rng, slots, start = self.rng, [], since
        while start < self.today:
            years = rng.uniform(0.8, 2) if rng.random() < early else rng.uniform(*life)
            end = start + dt.timedelta(days=round(years * YEAR))
            if end >= self.today:
                slots.append(_Slot(person, kind, start, None, first=not slots))
                break
            note = "Renouvellement" if years >= life[0] else "Remplacé par un modèle plus adapté au poste"
            slots.append(_Slot(person, kind, start, end, first=not slots, end_note=note))
            start = end
        return slots

    def plan(self) -> list[_Slot]:
        rng, slots = self.rng, []
        horizon = self.ctx.history_start - dt.timedelta(days=round(3 * YEAR))
        for person in self.people:
            since = max(person.hired_on or horizon, horizon)
            team = getattr(person.team, "name", "") if person.team_id else ""
            is_lead = person.pk in self.leads
            slots += self._chain(person, K.LAPTOP, since, (3.5, 4.5), early=0.12)
            for _ in range(2 if team.startswith(("Technique", "Comptabilité")) and rng.random() < 0.6 else 1):
                slots += self._chain(person, K.SCREEN, since, (5.5, 8))
            if is_lead or team == "Commercial":
                slots += self._chain(person, K.PHONE, since, (2.5, 3.5))
            if rng.random() < 0.6 or team.startswith("Support"):
                slots += self._chain(person, K.HEADSET, since + dt.timedelta(days=rng.randint(0, 400)), (3, 4))
            if team.startswith("Technique") and rng.random() < 0.5:
                slots += self._chain(person, K.DOCKING, since, (5, 6))
            if rng.random() < 0.25:
                slots += self._chain(person, K.CHAIR, since + dt.timedelta(days=rng.randint(30, 900)), (10, 12))
            slots += self._badges(person, since)
            keys = KEYS if person.pk == self.office.pk else ("Clé du bureau",) if is_lead else ()
            if not keys and rng.random() < 0.15:
                keys = ("Clé de casier",)
            slots += [_Slot(person, K.KEY, since, None, first=True, key_name=name) for name in keys]
        return [s for s in slots if s.start <= self.today]

    def _badges(self, person, since: dt.date) -> list[_Slot]:
        if self.rng.random() < 0.08 and (self.today - since).days > 90:
            lost = since + dt.timedelta(days=self.rng.randint(30, (self.today - since).days - 1))
            return [
                _Slot(person, K.BADGE, since, lost, first=True, end_note="Badge perdu", lost=True),
                _Slot(person, K.BADGE, lost, None, first=False, note="Remplacement du badge perdu"),
            ]
        return [_Slot(person, K.BADGE, since, None, first=True)]

    def _serial(self, pattern: str) -> str:
        if not pattern:
            return ""
        # Lenovo, Jabra and Poly serials mix letters and digits after their prefix; the others are digits.
        chars = string.ascii_uppercase + string.digits if pattern.startswith(("P", "ZK", "J")) else string.digits
        while True:
            serial = "".join(self.rng.choice(chars) if c == "#" else c for c in pattern)
            if serial not in self.serials:
                self.serials.add(serial)
                return serial

    def _model(self, kind: str, bought: dt.date) -> tuple:
        models = MODELS[kind]
        # Newer models for newer purchases: the catalogue of each period, the oldest first.
        span = max(1.0, (self.today - (self.ctx.history_start - dt.timedelta(days=round(3 * YEAR)))).days)
        age = (bought - (self.today - dt.timedelta(days=span))).days / span
        index = min(len(models) - 1, max(0, int(age * len(models)) + self.rng.choice((-1, 0, 0))))
        return models[max(0, index)]

    def _buy(self, kind: str, bought: dt.date, site, *, key_name: str = "") -> _Item:
        prefix = PREFIX[kind]
        self.numbers[prefix] += 1
        if kind == K.KEY:
            model, price, supplier, pattern, warranty = key_name, None, "Serrurerie Lyonnaise", "", 0
        else:
            model, price, supplier, pattern, warranty = self._model(kind, bought)
        row = EquipmentItem(
            asset_tag=f"{prefix}-{self.numbers[prefix]:05d}",
            kind=kind,
            model=model,
            serial_number=self._serial(pattern),
            supplier=supplier,
            purchase_date=bought,
            purchase_price=Decimal(price) if price else None,
            warranty_end=_add_years(bought, warranty) if warranty else None,
            site=site,
            state=EquipmentState.IN_STOCK,
            created_at=timezone.make_aware(dt.datetime.combine(bought, dt.time(10))),
        )
        item = _Item(row)
        self.items.append(item)
        return item

    def _take_from_pool(self, kind: str, start: dt.date) -> _Item | None:
        for item in self.pool.get(kind, []):
            if item.free_from <= start and (start - item.row.purchase_date).days < 3 * YEAR:
                self.pool[kind].remove(item)
                return item
        return None

    def allocate(self, slots: list[_Slot]) -> None:
        rng = self.rng
        for slot in sorted(slots, key=lambda s: (s.start, s.person.pk, s.kind)):
            item = None
            if slot.first and slot.kind in (K.LAPTOP, K.SCREEN, K.HEADSET, K.DOCKING) and rng.random() < 0.6:
                item = self._take_from_pool(slot.kind, slot.start)
            note = slot.note
            if item is None:
                bought = slot.start - dt.timedelta(days=rng.randint(0, 20))
                item = self._buy(slot.kind, bought, slot.person.site, key_name=slot.key_name)
            else:
                note = note or "Remis à neuf après retour"
            item.row.site = slot.person.site
            item.assignments.append(
                Assignment(
                    item=item.row, person=slot.person, start=slot.start, end=slot.end, assigned_by=self.office,
                    returned_by=self.office if slot.end else None, note=(slot.end_note or note)[:255],
                )
            )  # fmt: skip
            if slot.end is None:
                item.row.state, item.row.holder = EquipmentState.IN_SERVICE, slot.person
            elif slot.lost:
                item.row.state = EquipmentState.LOST
            elif (slot.end - item.row.purchase_date).days < 3 * YEAR:
                item.free_from = slot.end
                self.pool.setdefault(slot.kind, []).append(item)
            else:
                item.row.state = EquipmentState.RETIRED
        for items in self.pool.values():
            for item in items:  # returned young and not handed on: a spare on the shelf
                item.row.state, item.row.site = EquipmentState.IN_STOCK, self.head_office

    def spares(self) -> None:
        for kind, count in ((K.LAPTOP, 2), (K.SCREEN, 3), (K.HEADSET, 2)):
            for _ in range(self.ctx.count(count)):
                self._buy(kind, self.today - dt.timedelta(days=self.rng.randint(10, 120)), self.head_office)

    def warranties(self) -> None:
        """A few warranties end within 60 days (extended warranties vary), for the dashboard."""
        soon = self.today + dt.timedelta(days=60)
        ending = [i for i in self.items if i.row.warranty_end and self.today <= i.row.warranty_end <= soon]
        later = [
            i for i in self.items
            if i.row.state == EquipmentState.IN_SERVICE and i.row.warranty_end and i.row.warranty_end > soon
        ]  # fmt: skip
        for item in self.rng.sample(later, k=min(len(later), max(0, 3 - len(ending)))):
            item.row.warranty_end = self.today + dt.timedelta(days=self.rng.randint(5, 55))

    def repairs(self, protected: set[int]) -> list[tuple[_Item, str, object]]:
        chosen = []
        for kind, problem in REPAIRS[: max(2, min(len(REPAIRS), self.ctx.count(2)))]:
            held = [
                i for i in self.items
                if i.row.kind == kind and i.row.state == EquipmentState.IN_SERVICE and i.row.holder_id not in protected
            ]  # fmt: skip
            if held:
                item = self.rng.choice(held)
                holder = item.row.holder
                # Sent for repair: handed back first (an item in repair is held by nobody, as the
                # register's check says), the return dated a few days ago.
                for assignment in item.assignments:
                    if assignment.end is None:
                        assignment.end = max(assignment.start, self.today - dt.timedelta(days=self.rng.randint(2, 9)))
                        assignment.return_note = f"Envoyé au SAV : {problem}"
                item.row.state, item.row.holder = EquipmentState.IN_REPAIR, None
                item.row.notes = f"Envoyé au SAV {item.row.supplier} : {problem}"
                chosen.append((item, problem, holder))
        return chosen

    # -- writing -------------------------------------------------------------------------------

    def save(self, repairs: list[tuple[_Item, str, object]]) -> dict[str, int]:
        EquipmentItem.objects.bulk_create([i.row for i in self.items], batch_size=BATCH_SIZE)
        assignments = []
        for item in self.items:
            for assignment in item.assignments:
                assignment.item = item.row
                assignments.append(assignment)
        Assignment.objects.bulk_create(assignments, batch_size=BATCH_SIZE)
        for item, problem, holder in repairs:
            ticket = Ticket.objects.create(
                site=holder.site,
                place=f"Poste de {holder.get_full_name()}",
                category=TicketCategory.IT,
                urgency=TicketUrgency.NORMAL,
                description=f"{item.row} : {problem}",
                reporter=holder,
                assignee=self.office,
                supplier=item.row.supplier,
                status=TicketStatus.IN_PROGRESS,
            )
            EquipmentTicket.objects.create(item=item.row, ticket=ticket)
        return {"equipment items": len(self.items), "assignments": len(assignments)}


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def seed_equipment(ctx: DemoContext, *, office, head_office) -> dict[str, int]:
    """Equipment for every person who holds nothing yet; returns the counts written."""
    equipped = set(Assignment.objects.values_list("person_id", flat=True).distinct())
    people = [p for p in ctx.people if p.pk not in equipped]
    if not people:
        return {"equipment items": 0, "assignments": 0}
    register = Register(ctx, people=people, office=office, head_office=head_office)
    register.allocate(register.plan())
    register.spares()
    register.warranties()
    accounts = ctx.data.get("accounts", {})
    protected = {getattr(accounts.get("staff"), "pk", None)}
    return register.save(register.repairs(protected))
