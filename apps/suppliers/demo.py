"""The demo company's suppliers: the directory, contacts, compliance documents, contracts, the
relationship log and ratings (data in demo_data.py).

Seeded by ``python manage.py seed_demo`` (see apps/core/demo.py) after supplies, whose catalogue
creates its suppliers by name only: this fills in their details (once: a supplier whose SIREN is
already set is left as the office manager keeps it) and adds the local firms. Every identifier is
made up and passes its checksum (python-stdnum). The dashboard has something to show: one URSSAF
certificate expiring in a few days, one missing, a contract whose notice deadline is close, and a
follow-up due this week.

Idempotent: suppliers are keyed on their name; contacts, categories, documents, contracts, log
entries and ratings are added only to a supplier that has none of them yet.
"""

from __future__ import annotations

import datetime as dt
import time
import unicodedata

from dateutil.relativedelta import relativedelta

from apps.core.demo import DemoContext

from .demo_data import (
    CONTRACTS,
    EXPIRING_VIGILANCE,
    INTERACTIONS,
    MISSING_VIGILANCE,
    RATINGS,
    SUPPLIERS,
    SupplierSpec,
    fake_iban,
    fake_phone,
    fake_siren,
    fake_siret,
    fake_vat,
    growth_suppliers,
)
from .models import (
    ComplianceDocument,
    Contact,
    Contract,
    DocumentKind,
    Interaction,
    Rating,
    Supplier,
    SupplierCategoryTag,
    default_validity,
)

DAY = dt.timedelta(days=1)


def supplier_specs(scale: float) -> list[SupplierSpec]:
    """Every supplier of the demo at ``scale`` (the purchasing demo draws its orders from the same list)."""
    return [*SUPPLIERS, *growth_suppliers(scale)]


def seed(ctx: DemoContext) -> None:
    office = ctx.data.get("accounts", {}).get("office_manager") or (ctx.people[0] if ctx.people else None)
    if office is None:
        ctx.log("suppliers: no people to seed for (run accounts first)")
        return
    started = time.monotonic()
    specs = supplier_specs(ctx.scale)
    suppliers, new, filled = _seed_suppliers(ctx, specs)
    _seed_categories(specs, suppliers)
    contacts = _seed_contacts(specs, suppliers)
    documents = _seed_documents(ctx, specs, suppliers, office)
    contracts = _seed_contracts(ctx, suppliers)
    entries = _seed_log(ctx, suppliers, contacts, office)
    ratings = _seed_ratings(ctx, suppliers, office)
    ctx.data["suppliers"] = suppliers
    ctx.data["supplier_specs"] = {spec.name: spec for spec in specs}
    ctx.add_summary("suppliers", Supplier.objects.filter(is_active=True).count())
    ctx.log(
        f"suppliers: {new} new, {filled} filled in, {documents} documents, {contracts} contracts, "
        f"{entries} log entries, {ratings} ratings in {time.monotonic() - started:.1f} s"
    )


def _slug(value: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    return "".join(ch if ch.isalnum() else "-" for ch in ascii_text).strip("-").replace("--", "-")


def _details(ctx: DemoContext, spec: SupplierSpec) -> dict:
    siren = fake_siren(spec.name)
    return {
        "siren": siren,
        "siret": fake_siret(siren),
        "vat_number": fake_vat(siren),
        "iban": fake_iban(spec.name),
        "address": spec.address,
        "postal_code": spec.postal_code,
        "city": spec.city,
        "country": "FR",
        "website": spec.website,
        "payment_days": spec.payment_days,
        "payment_terms": spec.payment_terms,
        "notes": spec.notes,
        # They were suppliers before the history began.
        "created_at": ctx.now - dt.timedelta(days=round(365.25 * ctx.years) + 400 + ctx.rng.randint(0, 900)),
    }


def _seed_suppliers(ctx: DemoContext, specs: list[SupplierSpec]) -> tuple[dict[str, Supplier], int, int]:
    existing = {s.name: s for s in Supplier.objects.filter(name__in=[spec.name for spec in specs])}
    new, filled = [], 0
    for spec in specs:
        details = _details(ctx, spec)  # always drawn, so the stream does not depend on what exists
        supplier = existing.get(spec.name)
        if supplier is None:
            supplier = Supplier(name=spec.name, **details)
            supplier.full_clean(validate_unique=False, validate_constraints=False)  # checksums, no queries
            new.append(supplier)
        elif not supplier.siren:
            # Created by the supplies demo with its name only: its details, once.
            for name, value in details.items():
                setattr(supplier, name, value)
            supplier.full_clean(validate_unique=False, validate_constraints=False)  # checksums, no queries
            supplier.save()
            filled += 1
    Supplier.objects.bulk_create(new)
    existing.update({s.name: s for s in new})
    return existing, len(new), filled


def _seed_categories(specs: list[SupplierSpec], suppliers: dict[str, Supplier]) -> None:
    tagged = set(SupplierCategoryTag.objects.values_list("supplier_id", flat=True).distinct())
    SupplierCategoryTag.objects.bulk_create(
        [
            SupplierCategoryTag(supplier=suppliers[spec.name], category=category)
            for spec in specs
            if suppliers[spec.name].pk not in tagged
            for category in spec.categories
        ]
    )


def _seed_contacts(specs: list[SupplierSpec], suppliers: dict[str, Supplier]) -> dict[str, list[Contact]]:
    with_contacts = set(Contact.objects.values_list("supplier_id", flat=True).distinct())
    rows = []
    for spec in specs:
        supplier = suppliers[spec.name]
        if supplier.pk in with_contacts:
            continue
        domain = f"{_slug(spec.name).replace('-', '')}.example.com"  # RFC 2606: nobody's real mailbox
        for contact in spec.contacts:
            local = _slug(contact.name).replace("-", ".") if " " in contact.name else _slug(contact.role)
            rows.append(
                Contact(
                    supplier=supplier,
                    name=contact.name,
                    role=contact.role,
                    email=f"{local}@{domain}",
                    phone=fake_phone(f"{spec.name}:{contact.name}", spec.postal_code),
                    is_orders_contact=contact.orders,
                )
            )
    Contact.objects.bulk_create(rows)
    contacts: dict[str, list[Contact]] = {}
    by_pk = {s.pk: name for name, s in suppliers.items()}
    for contact in Contact.objects.filter(supplier_id__in=by_pk).order_by("supplier_id", "pk"):
        contacts.setdefault(by_pk[contact.supplier_id], []).append(contact)
    return contacts


def _seed_documents(ctx: DemoContext, specs: list[SupplierSpec], suppliers: dict[str, Supplier], office) -> int:
    """The documents on file: valid ones, the previous (expired) URSSAF certificate of some, one expiring soon."""
    with_documents = set(ComplianceDocument.objects.values_list("supplier_id", flat=True).distinct())
    today, rows = ctx.today, []
    for spec in specs:
        supplier = suppliers[spec.name]
        if supplier.pk in with_documents:
            continue
        # Every supplier may reach the €5,000 a year of the vigilance duty (at a large scale, most do), so
        # all have the URSSAF certificate and the Kbis on file; but one (the dashboard's example).
        kinds = [kind for kind in DocumentKind.values if kind in spec.documents or kind != DocumentKind.INSURANCE]
        if spec.name == MISSING_VIGILANCE:
            kinds.remove(DocumentKind.VIGILANCE)
        for kind in kinds:
            if kind == DocumentKind.VIGILANCE and spec.name == EXPIRING_VIGILANCE:
                expires_on = today + dt.timedelta(days=9)
                issued_on = expires_on - relativedelta(months=6) + DAY
            else:
                span = {DocumentKind.KBIS: (5, 60), DocumentKind.VIGILANCE: (10, 150)}.get(kind, (20, 300))
                issued_on = today - dt.timedelta(days=ctx.rng.randint(*span))
                expires_on = default_validity(kind, issued_on)
            at = ctx.random_datetime(issued_on, issued_on + dt.timedelta(days=6))
            rows.append(_document(supplier, kind, issued_on, expires_on, office, at))
            if kind == DocumentKind.VIGILANCE and ctx.years >= 1:
                before = issued_on - relativedelta(months=6)
                rows.append(_document(supplier, kind, before, default_validity(kind, before), office, at - 180 * DAY))
    ComplianceDocument.objects.bulk_create(rows)
    return len(rows)


def _document(supplier, kind, issued_on, expires_on, office, at) -> ComplianceDocument:
    return ComplianceDocument(
        supplier=supplier, kind=kind, issued_on=issued_on, expires_on=expires_on, uploaded_by=office, created_at=at
    )


def _seed_contracts(ctx: DemoContext, suppliers: dict[str, Supplier]) -> int:
    with_contracts = set(Contract.objects.values_list("supplier_id", flat=True).distinct())
    rows = []
    for spec in CONTRACTS:
        supplier = suppliers.get(spec.supplier)
        if supplier is None or supplier.pk in with_contracts:
            continue
        deadline = ctx.today + dt.timedelta(days=spec.deadline_in_days)
        ends_on = deadline + relativedelta(months=spec.notice_months)
        starts_on = ends_on - relativedelta(years=spec.years_running) + DAY
        rows.append(
            Contract(
                supplier=supplier,
                subject=spec.subject,
                starts_on=starts_on,
                ends_on=ends_on,
                tacit_renewal=spec.tacit_renewal,
                notice_months=spec.notice_months,
                amount_per_year=spec.amount_per_year,
                notes=spec.notes,
                created_at=ctx.random_datetime(starts_on - dt.timedelta(days=20), starts_on),
            )
        )
    # A contract the office cancelled: the old supplies framework agreement.
    old = suppliers.get("Office Depot")
    if old is not None and old.pk not in with_contracts:
        ended = ctx.today - dt.timedelta(days=400)
        rows.append(
            Contract(
                supplier=old,
                subject="Contrat cadre fournitures de bureau",
                starts_on=ended - relativedelta(years=3) + DAY,
                ends_on=ended,
                tacit_renewal=True,
                notice_months=3,
                amount_per_year=3000,
                terminated_on=ended - relativedelta(months=4),
                notes="Résilié : les fournitures sont commandées chez Lyreco.",
                created_at=ctx.now - dt.timedelta(days=400 + 3 * 365),
            )
        )
    Contract.objects.bulk_create(rows)
    return len(rows)


def _seed_log(ctx: DemoContext, suppliers: dict[str, Supplier], contacts: dict[str, list[Contact]], office) -> int:
    with_log = set(Interaction.objects.values_list("supplier_id", flat=True).distinct())
    rows = []
    for name, kind, days_ago, contact_index, summary, follow_up_in in INTERACTIONS:
        supplier = suppliers.get(name)
        if supplier is None or supplier.pk in with_log:
            continue
        people = contacts.get(name, [])
        happened_on = ctx.today - dt.timedelta(days=days_ago)
        contact = people[contact_index] if contact_index is not None and contact_index < len(people) else None
        follow_up_on, done_at = None, None
        if follow_up_in is not None:
            follow_up_on = ctx.today + dt.timedelta(days=follow_up_in)
        elif days_ago > 30:
            # An older entry whose follow-up was done.
            follow_up_on = happened_on + dt.timedelta(days=14)
            done_at = ctx.random_datetime(follow_up_on, follow_up_on + DAY)
        rows.append(
            Interaction(
                supplier=supplier,
                kind=kind,
                happened_on=happened_on,
                contact=contact,
                summary=summary,
                follow_up_on=follow_up_on,
                follow_up_done_at=done_at,
                by=office,
                created_at=ctx.random_datetime(happened_on, happened_on),
            )
        )
    Interaction.objects.bulk_create(rows)
    return len(rows)


def _seed_ratings(ctx: DemoContext, suppliers: dict[str, Supplier], office) -> int:
    rated = set(Rating.objects.values_list("supplier_id", flat=True).distinct())
    rows, seen = [], {}
    for name, prefix, quality, delay, price, comment in RATINGS:
        supplier = suppliers.get(name)
        if supplier is None or supplier.pk in rated:
            continue
        index = seen[name] = seen.get(name, -1) + 1
        rated_on = ctx.today - dt.timedelta(days=12 + 47 * index + ctx.rng.randint(0, 20))
        rows.append(
            Rating(
                supplier=supplier,
                reference=f"{prefix} du {rated_on:%d/%m/%Y}",
                quality=quality,
                delay=delay,
                price=price,
                comment=comment,
                rated_on=rated_on,
                by=office,
                created_at=ctx.random_datetime(rated_on, rated_on),
            )
        )
    Rating.objects.bulk_create(rows)
    return len(rows)
