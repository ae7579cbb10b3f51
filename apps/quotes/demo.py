"""The demo company's clients, catalogue, quotes, invoices and payments (lists in demo_data.py).

Seeded by ``python manage.py seed_demo`` (see apps/core/demo.py) after accounts. Rows are written
directly with ``bulk_create`` (no service, no PDF, no e-mail), but as the services would leave them:

- the seller's identity: the demo company (accounts) already carries everything a quote must show
  (legal form, address, SIREN/SIRET, RCS city, share capital, VAT number); the quote settings get the
  company's IBAN/BIC, payment terms and a footer;
- about 30 clients (companies of the Lyon area with SIREN, SIRET and VAT numbers that pass
  python-stdnum's checksums, a Belgian one, private persons) with their contacts, and more companies
  above scale 1; a catalogue of 22 services and products (one no longer offered);
- from ``ctx.years`` back (and at least since 1 January), about ``17 × scale`` quotes a month, each
  written from the catalogue, its life decided by its dates: issued a day or two after being written,
  sent, then accepted, declined or left to expire (those still within their validity are awaiting an
  answer); a few revised (version 2 with the same number, version 1 replaced), a few abandoned drafts;
- quote numbers ``DEV-<year>-0001…``: per year in the order they were issued, with no gap, and the
  year's counter (``DocumentCounter``, series ``DEV``) ends at the last number given, exactly as if
  ``apps.core.numbering.next_number("DEV", year)`` had been called at each issue;
- accepted quotes invoiced: a deposit invoice at acceptance when the quote asks for one (per VAT rate),
  the final invoice once the work is done (deducting the deposit); numbers ``FAC-<year>-0001…`` shared
  by invoices and deposit invoices, credit notes ``AV-<year>-0001…`` (a full one and a partial one);
  payments by the due date for most, some unpaid, a few overdue, one paid in part;
- this year's showcase, dated from today: drafts, a quote issued not sent, one expiring within the
  week, a version 2 awaiting an answer, accepted this month, an invoice overdue and one due soon, and
  the 40-line quote (five sections) the benchmark opens.

Totals are stored from ``apps.quotes.totals.totals_of`` as the services do. No PDF is stored: the PDF
views build an issued quote's PDF on the fly when it has no stored file.

Idempotent: clients (by name), contacts (with a new client) and catalogue entries (by name) are
created when missing; quotes, invoices and payments are seeded once (when there is no quote and no
invoice yet).
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from apps.accounts.models import Company
from apps.core.demo import DemoContext
from apps.core.models import DocumentCounter
from apps.core.money import to_cent
from apps.core.numbering import formatted
from apps.suppliers.demo_data import fake_iban

from .demo_data import (
    BIC,
    BIG_QUOTE_SECTIONS,
    BIG_QUOTE_SUBJECT,
    CATALOGUE,
    CLIENTS,
    DECLINE_REASONS,
    DEPOSIT_TERMS,
    FREE_TEXTS,
    IBAN_SEED,
    PAYMENT_TERMS,
    QUOTE_FOOTER,
    QUOTES_A_MONTH,
    SUBJECTS,
    ClientSpec,
    growth_clients,
)
from .mentions import snapshot as invoice_snapshot
from .models import (
    CREDIT_NOTE_PREFIX,
    INVOICE_PREFIX,
    QUOTE_PREFIX,
    CatalogueEntry,
    Client,
    ClientContact,
    ClientKind,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    LineKind,
    Payment,
    PaymentMethod,
    Quote,
    QuoteLine,
    QuoteSettings,
    QuoteStatus,
)
from .pdf import issued_details_of
from .totals import totals_of

BATCH_SIZE = 2000
DAY = dt.timedelta(days=1)
ZERO = Decimal("0")
DEPOSIT_PERCENT = Decimal("30")


def seed(ctx: DemoContext) -> None:
    started = time.monotonic()
    company = _complete_company()
    settings = _seed_settings()
    clients = _seed_clients([*CLIENTS, *growth_clients(ctx.scale)])
    entries = _seed_catalogue()
    accounts = ctx.data.get("accounts", {})
    office = accounts.get("office_manager") or (ctx.people[0] if ctx.people else None)
    if office is None:
        ctx.log("quotes: no people to seed for (run accounts first)")
        return
    if Quote.objects.exists() or Invoice.objects.exists():
        ctx.log("quotes: quotes already seeded")
        return
    plan = Plan(ctx, office=office, company=company, settings=settings, clients=clients, entries=entries)
    plan.plan_history()
    plan.plan_showcase()
    written = plan.save()
    ctx.add_summary("client quotes", written["quotes"])
    ctx.add_summary("client invoices", written["invoices"])
    ctx.log(
        f"quotes: {len(clients)} clients, {len(entries)} catalogue entries, {written['quotes']} quotes "
        f"({written['quote_lines']} lines), {written['invoices']} invoices and credit notes "
        f"({written['invoice_lines']} lines), {written['payments']} payments in {time.monotonic() - started:.1f} s"
    )


# --- reference data ------------------------------------------------------------------------------


def _complete_company() -> Company | None:
    """The seller (accounts seeds it complete; a demo company missing its RCS city gets the head office's)."""
    company = Company.objects.filter(pk=1).first()
    if company is not None and not company.rcs_city and company.city:
        company.rcs_city = company.city
        company.save(update_fields=["rcs_city"])
    return company


def _seed_settings() -> QuoteSettings:
    settings = QuoteSettings.current()
    changed = []
    for name, value in (("iban", fake_iban(IBAN_SEED)), ("bic", BIC), ("quote_footer", QUOTE_FOOTER)):
        if not getattr(settings, name):
            setattr(settings, name, value)
            changed.append(name)
    if changed:
        settings.save(update_fields=[*changed, "updated_at"])
    return settings


@dataclass
class _ClientRef:
    client: Client
    contact: ClientContact | None
    spec: ClientSpec


def _seed_clients(specs: list[ClientSpec]) -> list[_ClientRef]:
    existing = {client.name: client for client in Client.objects.filter(name__in=[s.name for s in specs])}
    new = []
    for spec in specs:
        if spec.name in existing:
            continue
        client = Client(
            kind=ClientKind.PERSON if spec.person else ClientKind.COMPANY,
            name=spec.name,
            siren=spec.siren,
            siret=spec.siret,
            vat_number=spec.vat,
            address=spec.address,
            postal_code=spec.postal_code,
            city=spec.city,
            country=spec.country,
            email=_email(spec.name) if not spec.person else "",
            phone=spec.phone,
            payment_terms_days=spec.payment_terms_days,
        )
        client.full_clean()
        new.append(client)
        existing[spec.name] = client
    Client.objects.bulk_create(new)
    created = {client.name for client in new}
    contacts = []
    for spec in specs:
        if spec.name not in created:
            continue
        client = existing[spec.name]
        for index, contact in enumerate(spec.contacts):
            contacts.append(
                ClientContact(
                    client=client,
                    name=contact.name,
                    role=contact.role,
                    email=_email(contact.name.replace("Maître ", "").replace("Dr ", "")),
                    phone=spec.phone,
                    is_primary=index == 0,
                )
            )
    ClientContact.objects.bulk_create(contacts)
    primary = {c.client_id: c for c in ClientContact.objects.filter(is_primary=True, client__in=existing.values())}
    return [_ClientRef(existing[s.name], primary.get(existing[s.name].pk), s) for s in specs]


def _email(name: str) -> str:
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [w for w in "".join(c if c.isalnum() else " " for c in ascii_name).split() if w]
    return f"{'.'.join(words[:3])}@example.com"


def _seed_catalogue() -> dict[str, CatalogueEntry]:
    existing = {entry.name: entry for entry in CatalogueEntry.objects.filter(name__in=[e.name for e in CATALOGUE])}
    new = [
        CatalogueEntry(
            kind=CatalogueEntry.Kind.PRODUCT if spec.product else CatalogueEntry.Kind.SERVICE,
            name=spec.name,
            description=spec.description,
            unit=spec.unit,
            unit_price=Decimal(spec.price),
            vat_rate=spec.vat,
            is_active=spec.active,
        )
        for spec in CATALOGUE
        if spec.name not in existing
    ]
    CatalogueEntry.objects.bulk_create(new)
    existing.update({entry.name: entry for entry in new})
    return existing


# --- the plan: quotes and invoices built in memory, then written in bulk ---------------------------


@dataclass
class _Line:
    kind: str
    description: str
    unit: str = ""
    quantity: Decimal = ZERO
    unit_price: Decimal = ZERO
    vat_rate: Decimal = ZERO
    discount_percent: Decimal = ZERO
    entry: CatalogueEntry | None = None
    deposit: _Invoice | None = None  # the deposit invoice a DEPOSIT line deducts


@dataclass
class _Quote:
    ref: _ClientRef
    subject: str
    created: dt.datetime
    lines: list[_Line]
    validity_days: int = 30
    discount: Decimal = ZERO
    deposit: Decimal = ZERO
    status: str = QuoteStatus.DRAFT
    issued: dt.date | None = None
    issued_at: dt.datetime | None = None
    sent_at: dt.datetime | None = None
    accepted_at: dt.datetime | None = None
    declined_at: dt.datetime | None = None
    expired_at: dt.datetime | None = None
    superseded_at: dt.datetime | None = None
    decline_reason: str = ""
    notes: str = ""
    revision_of: _Quote | None = None
    version: int = 1
    start_date: dt.date | None = None
    duration: str = ""
    number: str = ""
    year: int | None = None
    row: Quote | None = None

    @property
    def valid_until(self) -> dt.date | None:
        return self.issued + dt.timedelta(days=self.validity_days) if self.issued else None

    @property
    def first(self) -> _Quote:
        return self.revision_of.first if self.revision_of is not None else self


@dataclass
class _Invoice:
    kind: str
    ref: _ClientRef
    subject: str
    issued: dt.date
    lines: list[_Line]
    quote: _Quote | None = None
    deposit_percent: Decimal = ZERO
    discount: Decimal = ZERO
    payment: str = "by_due"  # "by_due", "unpaid", "partial", "none" (credited / a credit note)
    status: str = InvoiceStatus.ISSUED
    credited: _Invoice | None = None
    number: str = ""
    year: int | None = None
    row: Invoice | None = None
    payments: list[tuple[dt.date, Decimal]] = field(default_factory=list)


class Plan:
    def __init__(self, ctx: DemoContext, *, office, company, settings, clients, entries) -> None:
        self.ctx, self.rng, self.office = ctx, ctx.rng, office
        self.company, self.settings = company, settings
        self.today = ctx.today
        self.start = min(ctx.history_start, dt.date(ctx.today.year, 1, 1))
        self.clients = clients
        self.weights = [ref.spec.weight for ref in clients]
        self.entries = entries
        self.offered = {name: entry for name, entry in entries.items() if entry.is_active}
        self.quotes: list[_Quote] = []
        self.invoices: list[_Invoice] = []
        self._snapshots: dict[tuple[str, int], dict] = {}

    # --- helpers ---------------------------------------------------------------------------------

    def _working(self, day: dt.date) -> dt.date:
        while day.weekday() >= 5:
            day += DAY
        return day

    def _before(self, days: int) -> dt.date:
        """The working day ``days`` days before today (never a weekend)."""
        day = self.today - dt.timedelta(days=days)
        while day.weekday() >= 5:
            day -= DAY
        return day

    def _this_month(self, days: int) -> dt.date:
        """``days`` days ago, or the first of the month if that was last month."""
        return max(self.today - dt.timedelta(days=days), self.today.replace(day=1))

    def _at(self, day: dt.date, hour: int | None = None) -> dt.datetime:
        hour = self.rng.randint(8, 18) if hour is None else hour
        naive = dt.datetime.combine(day, dt.time(hour, self.rng.randint(0, 59)))
        return min(timezone.make_aware(naive), self.ctx.now)

    def _client(self) -> _ClientRef:
        return self.rng.choices(self.clients, weights=self.weights)[0]

    def _item(self, name: str, quantity: int | Decimal) -> _Line:
        entry = self.entries[name]
        description = entry.name if self.rng.random() < 0.6 else f"{entry.name}\n{entry.description}"
        return _Line(
            kind=LineKind.ITEM,
            description=description,
            unit=entry.unit,
            quantity=Decimal(quantity),
            unit_price=entry.unit_price,
            vat_rate=entry.vat_rate,
            entry=entry,
        )

    def _lines(self) -> tuple[str, list[_Line]]:
        rng = self.rng
        subject, shape = rng.choice(SUBJECTS)
        lines = []
        for name, (low, high) in shape:
            if name in self.offered and (len(lines) == 0 or rng.random() < 0.85):
                lines.append(self._item(name, rng.randint(low, high)))
        if rng.random() < 0.15:
            lines[-1].discount_percent = Decimal(rng.choice((5, 10, 15)))
        if rng.random() < 0.2:
            lines.append(_Line(kind=LineKind.TEXT, description=rng.choice(FREE_TEXTS)))
        return subject, lines

    # --- planning --------------------------------------------------------------------------------

    def plan_history(self) -> None:
        rng = self.rng
        day = self.start
        # A quote a working day now and then, at the monthly rate (~21.7 working days a month).
        per_day = QUOTES_A_MONTH * self.ctx.scale / 21.7
        while day < self.today - dt.timedelta(days=3):
            if day.weekday() < 5:
                count = int(per_day) + (1 if rng.random() < per_day - int(per_day) else 0)
                for _ in range(count):
                    self._plan_one(day)
            day += DAY

    def _plan_one(self, day: dt.date) -> None:
        rng = self.rng
        subject, lines = self._lines()
        ref = self._client()
        quote = _Quote(ref, subject, self._at(day), lines, validity_days=rng.choice((30, 30, 30, 30, 60, 15)))
        quote.discount = Decimal(rng.choice((0, 0, 0, 0, 0, 0, 5, 10)))
        self.quotes.append(quote)
        if rng.random() < 0.02:  # written, never issued
            quote.notes = "Brouillon abandonné : le client n'a pas donné suite à l'appel."
            return
        self._issue(quote, self._working(day + dt.timedelta(days=rng.randint(0, 2))))
        if rng.random() < 0.07:  # revised: version 2 replaces it before any answer
            revised_on = self._working(quote.issued + dt.timedelta(days=rng.randint(3, 12)))
            if revised_on < self.today and revised_on < quote.valid_until:
                self._outcome(self._revise(quote, revised_on))
                return
        self._outcome(quote)

    def _issue(self, quote: _Quote, day: dt.date, *, sent: bool = True) -> None:
        quote.status = QuoteStatus.SENT if sent else QuoteStatus.ISSUED
        quote.issued = day
        quote.issued_at = max(self._at(day), quote.created)
        if sent:
            quote.sent_at = quote.issued_at + dt.timedelta(minutes=self.rng.randint(2, 90))
        if quote.deposit == ZERO and totals_of(quote.lines, quote.discount).excl_vat > 3000 and self.rng.random() < 0.4:
            quote.deposit, quote.discount = DEPOSIT_PERCENT, ZERO  # a deposit: no document discount to share out

    def _revise(self, quote: _Quote, day: dt.date) -> _Quote:
        """Version 2, issued on ``day``: same lines, a gesture on the price; version 1 is replaced."""
        lines = [_Line(**{**line.__dict__}) for line in quote.lines]
        revised = _Quote(
            quote.ref, quote.subject, self._at(day, 9), lines, validity_days=quote.validity_days, deposit=quote.deposit
        )
        revised.discount = ZERO if quote.deposit else quote.discount + Decimal("5")
        revised.revision_of, revised.version = quote, quote.version + 1
        revised.notes = "Version révisée après échange avec le client : remise commerciale ajoutée."
        self._issue(revised, day)
        revised.issued_at = max(revised.issued_at, revised.created)
        quote.status, quote.superseded_at = QuoteStatus.SUPERSEDED, revised.issued_at
        self.quotes.append(revised)
        return revised

    def _outcome(self, quote: _Quote) -> None:
        """Accepted, declined or no answer, by the dates; still awaiting when the answer is to come."""
        rng = self.rng
        draw = rng.random()
        answer_on = self._working(quote.issued + dt.timedelta(days=rng.randint(2, max(3, quote.validity_days - 2))))
        if draw < 0.5 and answer_on < self.today and answer_on <= quote.valid_until:
            self._accept(quote, answer_on)
        elif draw < 0.72 and answer_on < self.today and answer_on <= quote.valid_until:
            quote.status, quote.declined_at = QuoteStatus.DECLINED, self._at(answer_on)
            quote.decline_reason = rng.choice(DECLINE_REASONS)
        elif quote.valid_until < self.today:
            quote.status = QuoteStatus.EXPIRED
            quote.expired_at = self._at(quote.valid_until + DAY, 6)

    def _accept(self, quote: _Quote, day: dt.date, *, done_in: int | None = None) -> None:
        rng = self.rng
        quote.status, quote.accepted_at = QuoteStatus.ACCEPTED, max(self._at(day), quote.sent_at or quote.issued_at)
        quote.start_date = self._working(day + dt.timedelta(days=rng.randint(5, 20)))
        deposit = None
        if quote.deposit:
            deposit = self._deposit_invoice(quote, self._working(day + dt.timedelta(days=rng.randint(0, 2))))
        done = self._working(day + dt.timedelta(days=done_in if done_in is not None else rng.randint(10, 60)))
        if done < self.today:
            self._final_invoice(quote, done, deposit)

    def _deposit_invoice(self, quote: _Quote, day: dt.date, payment: str = "") -> _Invoice | None:
        if day > self.today:
            return None
        totals = totals_of(quote.lines, quote.discount)
        lines = [
            _Line(
                kind=LineKind.ITEM,
                description=(
                    f"Acompte de {quote.deposit.normalize():f} % sur le devis {{quote}} "
                    f"(TVA {vat.rate.normalize():f} %)"
                ),
                unit="forfait",
                quantity=Decimal("1"),
                unit_price=to_cent(vat.base * quote.deposit / 100),
                vat_rate=vat.rate,
            )
            for vat in totals.by_rate
            if vat.base > 0
        ]
        invoice = _Invoice(
            InvoiceKind.DEPOSIT,
            quote.ref,
            f"Acompte — {quote.subject}",
            day,
            lines,
            quote=quote,
            deposit_percent=quote.deposit,
            payment=payment or self._payment(day, quote.ref),
        )
        self.invoices.append(invoice)
        return invoice

    def _final_invoice(self, quote: _Quote, day: dt.date, deposit: _Invoice | None, payment: str = "") -> _Invoice:
        lines = [_Line(**{**line.__dict__}) for line in quote.lines]
        if deposit is not None:
            lines += [
                _Line(
                    kind=LineKind.DEPOSIT,
                    description=f"Acompte déjà facturé ({{deposit}}), TVA {line.vat_rate.normalize():f} %",
                    unit="forfait",
                    quantity=Decimal("1"),
                    unit_price=-line.unit_price,
                    vat_rate=line.vat_rate,
                    deposit=deposit,
                )
                for line in deposit.lines
            ]
        invoice = _Invoice(
            InvoiceKind.INVOICE,
            quote.ref,
            quote.subject,
            day,
            lines,
            quote=quote,
            discount=quote.discount,
            payment=payment or self._payment(day, quote.ref),
        )
        self.invoices.append(invoice)
        return invoice

    def _payment(self, issued: dt.date, ref: _ClientRef) -> str:
        """Most invoices are paid by their due date (those not yet due are mostly unpaid); a few run late,
        one now and then is paid in part."""
        draw = self.rng.random()
        if (self.today - issued).days > 75:
            return "unpaid" if draw < 0.003 else "by_due"
        if issued + dt.timedelta(days=ref.client.payment_terms_days) < self.today:
            return "unpaid" if draw < 0.08 else ("partial" if draw < 0.11 else "by_due")
        return "partial" if draw < 0.05 else "by_due"

    def plan_showcase(self) -> None:
        """This year's examples dated from today: every status and every card has something to show."""
        by_name = {ref.client.name: ref for ref in self.clients}

        def client(name: str) -> _ClientRef:
            return by_name.get(name) or self.clients[0]

        def quote(name: str, subject: str, lines: list[_Line], created_days: int, **fields) -> _Quote:
            made = _Quote(client(name), subject, self._at(self._before(created_days), 9), lines, **fields)
            self.quotes.append(made)
            return made

        item = self._item
        # The 40-line quote: five lots, each a section title and seven priced lines; sent, awaiting an answer.
        big_lines: list[_Line] = []
        for section, names in BIG_QUOTE_SECTIONS:
            big_lines.append(_Line(kind=LineKind.SECTION, description=section))
            big_lines.extend(item(name, self.rng.randint(1, 5)) for name in names if name in self.entries)
        big = quote("Mutuelle Dauphiné Savoie", BIG_QUOTE_SUBJECT, big_lines, 6, validity_days=60)
        big.deposit, big.duration = DEPOSIT_PERCENT, "6 mois"
        big.start_date = self._working(self.today + dt.timedelta(days=45))
        self._issue(big, self._before(5))
        # Drafts: one being written (no number yet), one just started.
        quote(
            "Startup Kiwatt",
            "Formation à la cybersécurité",
            [item("Formation intra-entreprise — journée", 2), item("Manuel de formation imprimé", 12)],
            0,
        )
        quote("Crèche Les Petits Canuts", "Renouvellement de postes de travail", [], 0)
        # Issued yesterday, not sent yet.
        issued = quote(
            "Pharmacie du Parc",
            "Contrat de maintenance annuel",
            [item("Contrat de maintenance informatique — annuel", 1), item("Licence antivirus ESET Protect", 6)],
            2,
        )
        self._issue(issued, self._before(1), sent=False)
        # Sent and expiring within the week.
        expiring = quote(
            "Hôtel Le Bellecour",
            "Renouvellement des licences",
            [item("Licence Microsoft 365 Business Standard", 18), item("Licence antivirus ESET Protect", 18)],
            28,
        )
        self._issue(expiring, self.today - dt.timedelta(days=27))
        # Revised: version 1 replaced, version 2 sent and awaiting an answer.
        first = quote(
            "Laboratoire Biolys",
            "Mise en conformité RGPD",
            [
                item("Audit RGPD", 1),
                item("Conseil — journée de consultant senior", 3),
                item("Formation intra-entreprise — journée", 1),
            ],
            12,
        )
        self._issue(first, self._before(11))
        self._revise(first, self._before(3))
        # Accepted this month: one with a deposit invoice issued, one just accepted.
        accepted = quote(
            "Expertise Comptable Rivoire",
            "Renouvellement de postes de travail",
            [
                item("Poste de travail portable (installé)", 6),
                item("Écran 27 pouces", 6),
                item("Installation et configuration d'un poste", 6),
            ],
            15,
            deposit=DEPOSIT_PERCENT,
        )
        self._issue(accepted, self._before(14))
        accepted.status, accepted.accepted_at = QuoteStatus.ACCEPTED, self._at(self._this_month(2), 9)
        self._deposit_invoice(accepted, self._this_month(1), payment="unpaid")
        just = quote(
            "Cabinet d'avocats Duret & Associés",
            "Interventions sur site",
            [item("Intervention sur site", 8), item("Frais de déplacement hors métropole", 1)],
            9,
        )
        self._issue(just, self._before(8))
        just.status, just.accepted_at = QuoteStatus.ACCEPTED, self._at(self.today, 9)
        # Declined and expired lately.
        declined = quote(
            "Transports Giraud et Fils",
            "Développement d'un portail client",
            [item("Gestion de projet", 4), item("Développement sur mesure", 25)],
            20,
        )
        self._issue(declined, self._before(19))
        declined.status, declined.declined_at = QuoteStatus.DECLINED, self._at(self._before(4))
        declined.decline_reason = "Le client a retenu une offre moins chère."
        expired = quote(
            "Menuiserie Blanchard SARL", "Audit du parc informatique", [item("Audit du système d'information", 1)], 40
        )
        self._issue(expired, self._before(39))
        expired.status, expired.expired_at = QuoteStatus.EXPIRED, self._at(expired.valid_until + DAY, 6)
        # Invoiced: one overdue, one due in a few days, one paid in part.
        for name, subject, age, payment in (
            ("Imprimerie Rhodanienne", "Maintenance mensuelle", 70, "unpaid"),
            ("Garage Central Villeurbanne", "Interventions sur site", 32, "unpaid"),
            ("Agence immobilière Confluence Habitat", "Renouvellement des licences", 45, "partial"),
        ):
            lines = (
                [item("Intervention sur site", 6)]
                if "sur site" in subject
                else [item("Contrat de maintenance informatique — mensuel", 3), item("Assistance à distance", 4)]
            )
            if "licences" in subject:
                lines = [item("Licence Microsoft 365 Business Standard", 12)]
            done = quote(name, subject, lines, age + 12)
            self._issue(done, self._before(age + 11))
            done.status, done.accepted_at = QuoteStatus.ACCEPTED, self._at(self._before(age + 5))
            self._final_invoice(done, self._before(age), None, payment=payment)
        self._plan_credit_notes()

    def _plan_credit_notes(self) -> None:
        """A full credit note cancelling an invoice sent with a mistake, and a partial one for a line not done."""
        candidates = [
            i
            for i in self.invoices
            if i.kind == InvoiceKind.INVOICE
            and 40 < (self.today - i.issued).days < 300
            and all(line.kind != LineKind.DEPOSIT for line in i.lines)
        ]
        if len(candidates) < 2:
            return
        full, partial = candidates[len(candidates) // 3], candidates[2 * len(candidates) // 3]
        full.payment, full.status = "none", InvoiceStatus.CREDITED
        self.invoices.append(
            _Invoice(
                InvoiceKind.CREDIT_NOTE,
                full.ref,
                f"Avoir — {full.subject}",
                self._working(full.issued + dt.timedelta(days=6)),
                [_Line(**{**line.__dict__}) for line in full.lines if line.kind != LineKind.DEPOSIT],
                quote=full.quote,
                discount=full.discount,
                payment="none",
                status=InvoiceStatus.CREDITED,
                credited=full,
            )
        )
        priced = next(line for line in partial.lines if line.kind == LineKind.ITEM)
        self.invoices.append(
            _Invoice(
                InvoiceKind.CREDIT_NOTE,
                partial.ref,
                f"Avoir — {partial.subject}",
                self._working(partial.issued + dt.timedelta(days=12)),
                [_Line(**{**priced.__dict__, "quantity": Decimal("1"), "discount_percent": ZERO})],
                quote=partial.quote,
                payment="none",
                credited=partial,
            )
        )

    # --- writing ---------------------------------------------------------------------------------

    def save(self) -> dict[str, int]:
        self._number_quotes()
        self._number_invoices()
        quote_rows, quote_lines = self._quote_rows()
        # Version 1 first: a version 2 names the row it revises.
        Quote.objects.bulk_create([q.row for q in self.quotes if q.revision_of is None], batch_size=BATCH_SIZE)
        for quote in self.quotes:
            if quote.revision_of is not None:
                quote.row.revision_of = quote.revision_of.row
        Quote.objects.bulk_create([q.row for q in self.quotes if q.revision_of is not None], batch_size=BATCH_SIZE)
        QuoteLine.objects.bulk_create(quote_lines, batch_size=BATCH_SIZE)
        invoice_lines, payments = self._invoice_rows()
        Invoice.objects.bulk_create(
            [i.row for i in self.invoices if i.kind != InvoiceKind.CREDIT_NOTE], batch_size=BATCH_SIZE
        )
        for invoice in self.invoices:
            if invoice.credited is not None:
                invoice.row.credited_invoice = invoice.credited.row
        Invoice.objects.bulk_create(
            [i.row for i in self.invoices if i.kind == InvoiceKind.CREDIT_NOTE], batch_size=BATCH_SIZE
        )
        for row, deducted in invoice_lines:
            if deducted is not None:  # the deposit invoice's row has its key now
                row.deposit_invoice = deducted.row
        InvoiceLine.objects.bulk_create([row for row, _ in invoice_lines], batch_size=BATCH_SIZE)
        Payment.objects.bulk_create(payments, batch_size=BATCH_SIZE)
        return {
            "quotes": len(quote_rows),
            "quote_lines": len(quote_lines),
            "invoices": len(self.invoices),
            "invoice_lines": len(invoice_lines),
            "payments": len(payments),
        }

    def _counters(self, series: str, documents: list, when) -> None:
        """Gap-free numbers per year in issue order, continuing and then ending the year's counter."""
        counters = {c.year: c for c in DocumentCounter.objects.filter(series=series)}
        last = {year: counter.last for year, counter in counters.items()}
        for document in sorted(documents, key=when):
            year = when(document)[0].year
            last[year] = last.get(year, 0) + 1
            document.number, document.year = formatted(series, year, last[year]), year
        for year, number in last.items():
            counter = counters.get(year) or DocumentCounter(series=series, year=year)
            if counter.pk is None or counter.last != number:
                counter.last = number
                counter.save()

    def _number_quotes(self) -> None:
        firsts = [q for q in self.quotes if q.revision_of is None and q.issued is not None]
        self._counters(QUOTE_PREFIX, firsts, lambda q: (q.issued, q.issued_at, q.created))
        for quote in self.quotes:
            if quote.revision_of is not None:
                quote.number, quote.year = quote.first.number, quote.first.year

    def _number_invoices(self) -> None:
        def when(invoice: _Invoice):
            return (invoice.issued, invoice.kind != InvoiceKind.DEPOSIT, invoice.ref.client.pk, id(invoice))

        ordinary = [i for i in self.invoices if i.kind != InvoiceKind.CREDIT_NOTE]
        self._counters(INVOICE_PREFIX, ordinary, when)
        self._counters(CREDIT_NOTE_PREFIX, [i for i in self.invoices if i.kind == InvoiceKind.CREDIT_NOTE], when)

    def _quote_details(self, ref: _ClientRef) -> dict:
        """What the issue service freezes on a quote (apps.quotes.pdf.issued_details_of), once per client."""
        key = ("quote", ref.client.pk)
        if key not in self._snapshots:
            self._snapshots[key] = issued_details_of(
                client=ref.client, contact=ref.contact, company=self.company, settings=self.settings
            )
        return self._snapshots[key]

    def _invoice_details(self, ref: _ClientRef) -> dict:
        """What the invoice service freezes on an invoice (its snapshot, the address in parts), once per client."""
        key = ("invoice", ref.client.pk)
        if key not in self._snapshots:
            self._snapshots[key] = invoice_snapshot(ref.client, ref.contact)
        return self._snapshots[key]

    def _quote_rows(self) -> tuple[list[Quote], list[QuoteLine]]:
        rows, lines = [], []
        terms = self.settings.payment_terms or PAYMENT_TERMS
        for quote in self.quotes:
            totals = totals_of(quote.lines, quote.discount)
            quote.row = Quote(
                number=quote.number,
                year=quote.year,
                version=quote.version,
                client=quote.ref.client,
                contact=quote.ref.contact,
                subject=quote.subject,
                status=quote.status,
                issue_date=quote.issued,
                validity_days=quote.validity_days,
                valid_until=quote.valid_until,
                discount_percent=quote.discount,
                deposit_percent=quote.deposit,
                payment_terms=DEPOSIT_TERMS if quote.deposit else terms,
                start_date=quote.start_date,
                duration=quote.duration,
                notes=quote.notes,
                total_excl_vat=totals.excl_vat,
                total_vat=totals.vat,
                total_incl_vat=totals.incl_vat,
                issued_details=self._quote_details(quote.ref) if quote.issued else {},
                created_by=self.office,
                created_at=quote.created,
                issued_at=quote.issued_at,
                sent_at=quote.sent_at,
                accepted_at=quote.accepted_at,
                declined_at=quote.declined_at,
                expired_at=quote.expired_at,
                superseded_at=quote.superseded_at,
                decline_reason=quote.decline_reason,
            )
            rows.append(quote.row)
            lines.extend(
                QuoteLine(
                    quote=quote.row,
                    kind=line.kind,
                    position=position,
                    description=line.description,
                    unit=line.unit,
                    quantity=line.quantity,
                    unit_price=line.unit_price,
                    vat_rate=line.vat_rate if line.kind == LineKind.ITEM else Decimal("20.00"),
                    discount_percent=line.discount_percent,
                    catalogue_entry=line.entry,
                )
                for position, line in enumerate(quote.lines, start=1)
            )
        return rows, lines

    def _invoice_rows(self) -> tuple[list[tuple[InvoiceLine, _Invoice | None]], list[Payment]]:
        rng = self.rng
        lines, payments = [], []
        terms = self.settings.payment_terms or PAYMENT_TERMS
        for invoice in self.invoices:
            totals = totals_of(invoice.lines, invoice.discount)
            days = invoice.ref.client.payment_terms_days
            due = invoice.issued + dt.timedelta(days=days)
            paid, paid_on = ZERO, None
            if invoice.payment == "by_due" and due < self.today:
                paid_on = max(invoice.issued, min(self.today - DAY, due - dt.timedelta(days=rng.randint(-3, 12))))
                invoice.payments = [(paid_on, totals.incl_vat)]
            elif invoice.payment == "by_due" and rng.random() < 0.3:  # paid early
                paid_on = min(self.today - DAY, invoice.issued + dt.timedelta(days=rng.randint(5, 20)))
                if paid_on >= invoice.issued:
                    invoice.payments = [(paid_on, totals.incl_vat)]
                else:
                    paid_on = None
            elif invoice.payment == "partial" and invoice.issued < self.today - DAY:
                part = to_cent(totals.incl_vat * Decimal(rng.choice((30, 40, 50))) / 100)
                invoice.payments = [(self._working(invoice.issued + dt.timedelta(days=3)), part)]
                invoice.payments = [(min(day, self.today), amount) for day, amount in invoice.payments]
            paid = sum((amount for _, amount in invoice.payments), ZERO)
            status = invoice.status
            if status == InvoiceStatus.ISSUED and paid_on is not None:
                status = InvoiceStatus.PAID
            issued_at = self._at(invoice.issued, 10)
            invoice.row = Invoice(
                kind=invoice.kind,
                number=invoice.number,
                year=invoice.year,
                status=status,
                client=invoice.ref.client,
                contact=invoice.ref.contact,
                quote=invoice.quote.row if invoice.quote else None,
                subject=invoice.subject[:200],
                issue_date=invoice.issued,
                due_date=None if invoice.kind == InvoiceKind.CREDIT_NOTE else due,
                deposit_percent=invoice.deposit_percent,
                discount_percent=invoice.discount,
                payment_terms=terms,
                total_excl_vat=totals.excl_vat,
                total_vat=totals.vat,
                total_incl_vat=totals.incl_vat,
                amount_paid=paid,
                paid_on=paid_on if status == InvoiceStatus.PAID else None,
                issued_details=self._invoice_details(invoice.ref),
                created_by=self.office,
                created_at=issued_at - dt.timedelta(minutes=20),
                issued_at=issued_at,
                sent_at=issued_at + dt.timedelta(minutes=rng.randint(2, 30)),
            )
            quote_number = invoice.quote.row.reference if invoice.quote else ""
            for position, line in enumerate(invoice.lines, start=1):
                row = InvoiceLine(
                    invoice=invoice.row,
                    kind=line.kind,
                    position=position,
                    description=line.description.format(
                        quote=quote_number, deposit=line.deposit.number if line.deposit else ""
                    )
                    if "{" in line.description
                    else line.description,
                    unit=line.unit,
                    quantity=line.quantity,
                    unit_price=line.unit_price,
                    vat_rate=line.vat_rate if line.kind in (LineKind.ITEM, LineKind.DEPOSIT) else Decimal("20.00"),
                    discount_percent=line.discount_percent,
                )
                lines.append((row, line.deposit))
            for day, amount in invoice.payments:
                payments.append(
                    Payment(
                        invoice=invoice.row,
                        paid_on=day,
                        amount=amount,
                        method=rng.choice((PaymentMethod.TRANSFER,) * 6 + (PaymentMethod.CHEQUE,)),
                        reference=f"VIR {invoice.number}" if rng.random() < 0.7 else "",
                        recorded_by=self.office,
                        created_at=min(self.ctx.now, self._at(day, 17)),
                        token=uuid.UUID(int=rng.getrandbits(128), version=4),
                    )
                )
        return lines, payments
