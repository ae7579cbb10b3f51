"""The demo company's supplies and equipment: catalogue, stock ledger, requests and the register.

Seeded by ``python manage.py seed_demo`` (see apps/core/demo.py), after accounts and premises.
Rows are written directly with ``bulk_create`` (no notification, no e-mail, no stock service):

- the catalogue (demo_catalogue.py): 129 active items at scale 1, about 500 at 6.25, a few archived,
  with French units, prices excluding VAT, VAT rates (5.5 % for food), supplier references and the
  office's usual suppliers;
- the supply settings (thresholds 50 € and 500 €, where to pick up);
- per site, ``ctx.years`` of history (demo_history.py): requests from every person, their decisions
  and fulfilment, and the stock ledger they drew on (stock = the sum of the moves, never negative),
  with thresholds, yearly inventory counts, and a few items at their threshold today;
- the equipment register (demo_equipment.py): what everyone holds and held.

Idempotent: items are keyed on their name (a larger scale adds the variants it brings); a site that
already has stock rows or requests gets no history again; only people who never held equipment get
some. ``--scale 6.25 --years 5`` takes a few seconds.
"""

from __future__ import annotations

import datetime as dt
import time

from apps.core.demo import DemoContext
from apps.suppliers.models import Supplier

from .demo_catalogue import catalogue_plan
from .demo_equipment import seed_equipment
from .demo_history import BATCH_SIZE, History
from .models import CatalogueItem, EquipmentItem, SiteStock, SupplyRequest, SupplySettings

PICKUP_PLACE = "À l'accueil de votre site, du lundi au vendredi de 9 h à 17 h"


def seed(ctx: DemoContext) -> None:
    """Catalogue, settings, each new site's history, and equipment for everyone not yet equipped."""
    sites = list(ctx.data.get("sites", {}).values())
    accounts = ctx.data.get("accounts", {})
    if not sites or not ctx.people:
        ctx.log("supplies: no sites or people to seed (run accounts first)")
        return
    started = time.monotonic()
    office = accounts.get("office_manager") or ctx.people[0]
    director = accounts.get("director") or office
    settings = SupplySettings.objects.get_or_create(pk=1, defaults={"pickup_place": PICKUP_PLACE})[0]
    items, new_items = _seed_catalogue(ctx)

    seeded = set(SiteStock.objects.values_list("site_id", flat=True).distinct())
    seeded |= set(SupplyRequest.objects.values_list("site_id", flat=True).distinct())
    fresh = [site for site in sites if site.pk not in seeded]
    written = {"requests": 0, "request lines": 0, "stock moves": 0}
    if fresh:
        history = History(
            ctx, items=items, sites=fresh, people=ctx.people, office=office, director=director, settings=settings
        )
        history.plan_requests()
        history.plan_ledger()
        written = history.save()

    head_office = next((site for site in sites if site.is_head_office), sites[0])
    equipment = seed_equipment(ctx, office=office, head_office=head_office)

    ctx.add_summary("catalogue items", CatalogueItem.objects.filter(is_active=True).count())
    ctx.add_summary("supply requests", SupplyRequest.objects.count())
    ctx.add_summary("equipment items", EquipmentItem.objects.count())
    ctx.log(
        f"supplies: {new_items} new catalogue items, {written['requests']} requests "
        f"({written['request lines']} lines), {written['stock moves']} stock moves, "
        f"{equipment['equipment items']} equipment items ({equipment['assignments']} assignments) "
        f"in {time.monotonic() - started:.1f} s"
    )


def _suppliers(names: set[str]) -> dict[str, Supplier]:
    """The directory's supplier of each name the catalogue buys from, created (name only) when missing;
    the suppliers app's demo runs after this one and fills in their details by name."""
    found = {}
    for name in sorted(name for name in names if name):
        supplier = Supplier.objects.filter(name__iexact=name).order_by("pk").first()
        found[name] = supplier or Supplier.objects.get_or_create(name=name)[0]
    return found


def _seed_catalogue(ctx: DemoContext) -> tuple[list[tuple[CatalogueItem, object]], int]:
    """The planned items, created when missing (by name, case-insensitively); ``(item, plan)`` pairs."""
    plan = catalogue_plan(ctx.scale)
    existing = {item.name.lower(): item for item in CatalogueItem.objects.select_related("supplier")}
    missing = [p for p in plan if p.name.lower() not in existing]
    suppliers = _suppliers({p.supplier_name for p in missing})
    age = round(365.25 * ctx.years)
    new = [
        CatalogueItem(
            name=p.name,
            category=p.category,
            unit=p.unit,
            supplier_reference=p.supplier_reference,
            description=p.description,
            unit_price=p.unit_price,
            vat_rate=p.vat_rate,
            supplier=suppliers.get(p.supplier_name),
            is_active=p.is_active,
            created_at=ctx.now - dt.timedelta(days=age + ctx.rng.randint(30, 400)),
        )
        for p in missing
    ]
    CatalogueItem.objects.bulk_create(new, batch_size=BATCH_SIZE)
    existing.update({item.name.lower(): item for item in new})
    return [(existing[p.name.lower()], p) for p in plan], len(new)
