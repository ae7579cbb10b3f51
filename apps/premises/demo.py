"""The demo company's premises: floors, rooms, desks, bookings, the safety register and repair tickets.

Seeded by ``python manage.py seed_demo`` (see apps/core/demo.py), after accounts. Rows are written
directly (no e-mails). Per site:

- floors, rooms and desks: the head office has about ``6.4 × scale`` rooms (8 at scale 1, 40 at
  6.25), other sites about ``2 × scale`` (at least 3); desks for about 60 % of the site's people,
  half of them assigned, the others hot desks;
- bookings: a busy today, the coming four weeks, and ``ctx.years`` of history (bulk_create, never
  overlapping, on open days only, lighter beyond three months), a few cancelled; hot desks booked
  today and the next two weeks;
- the standard register checks with their history of records; one overdue, two due within 30 days,
  one non-compliant record with its repair ticket;
- a handful of repair tickets in every status, with comments.

Idempotent: spaces are keyed on their names; a site that already has bookings, check items or
tickets gets none of those again.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from apps.core.demo import DemoContext

from .demo_plan import floor_plan_png
from .models import (
    Booking,
    BookingStatus,
    CheckItem,
    CheckKind,
    CheckRecord,
    CheckResult,
    Desk,
    Equipment,
    Floor,
    Room,
    SitePremisesSettings,
    Ticket,
    TicketCategory,
    TicketComment,
    TicketStatus,
    TicketUrgency,
)
from .scheduling import add_months, next_due_date
from .services.register import STANDARD_CHECKS

BATCH_SIZE = 2000
ROOM_NAMES = (
    "Rhône", "Saône", "Fourvière", "Bellecour", "Croix-Rousse", "Confluence", "Part-Dieu", "Terreaux",
    "Guillotière", "Brotteaux", "Gerland", "Vaise", "Monplaisir", "Perrache", "Jacobins", "Célestins",
)  # fmt: skip
SUPPLIERS = {
    "extinguishers": "Sicli Rhône-Alpes",
    "electrical": "Bureau Veritas",
    "emergency_lighting": "Bureau Veritas",
    "fire_alarm": "Chubb France",
    "ventilation": "Dalkia",
    "pest_control": "Rentokil Initial",
}
TICKETS = (
    ("Le robinet des toilettes du 2e fuit.", TicketCategory.PLUMBING, TicketUrgency.NORMAL, TicketStatus.NEW),
    ("Plus de chauffage côté cour.", TicketCategory.HVAC, TicketUrgency.HIGH, TicketStatus.IN_PROGRESS),
    ("Le Wi-Fi décroche dans la salle de réunion.", TicketCategory.IT, TicketUrgency.NORMAL, TicketStatus.WAITING),
    ("Chaise cassée au poste 12.", TicketCategory.FURNITURE, TicketUrgency.LOW, TicketStatus.RESOLVED),
    ("Badge d'entrée qui ne fonctionne plus.", TicketCategory.SECURITY, TicketUrgency.CRITICAL, TicketStatus.CLOSED),
    ("Néon qui clignote dans le couloir.", TicketCategory.ELECTRICITY, TicketUrgency.LOW, TicketStatus.NEW),
)  # fmt: skip


def seed(ctx: DemoContext) -> None:
    """Spaces, bookings, register and tickets for every demo site."""
    sites = list(ctx.data.get("sites", {}).values())
    office_manager = ctx.data.get("accounts", {}).get("office_manager")
    if not sites or not ctx.people:
        ctx.log("premises: no sites or people to seed (run accounts first)")
        return
    office_manager = office_manager or ctx.people[0]
    totals = {"rooms": 0, "desks": 0, "bookings": 0, "records": 0, "tickets": 0}
    for site in sites:
        people = [p for p in ctx.people if p.site_id == site.pk] or ctx.people
        SitePremisesSettings.objects.get_or_create(site=site)
        rooms, desks = _seed_spaces(ctx, site, people)
        totals["rooms"] += len(rooms)
        totals["desks"] += len(desks)
        totals["bookings"] += _seed_bookings(ctx, site, rooms, desks, people)
        totals["records"] += _seed_register(ctx, site, office_manager)
        totals["tickets"] += _seed_tickets(ctx, site, rooms, people, office_manager)
    for label in ("rooms", "bookings", "tickets"):
        ctx.add_summary(label, totals[label])
    ctx.log(
        "premises: {rooms} rooms, {desks} desks, {bookings} new bookings, {records} new check records, "
        "{tickets} new tickets".format(**totals)
    )


def _seed_spaces(ctx: DemoContext, site, people) -> tuple[list[Room], list[Desk]]:
    room_count = ctx.count(6.4 if site.is_head_office else 2, minimum=8 if site.is_head_office else 3)
    floor_count = max(1, -(-room_count // 10))
    floors = [
        Floor.objects.get_or_create(site=site, name=_floor_name(level), defaults={"level": level})[0]
        for level in range(floor_count)
    ]
    rooms = []
    for n in range(room_count):
        floor = floors[n % floor_count]
        index = n // floor_count
        name = ROOM_NAMES[n] if n < len(ROOM_NAMES) else f"Salle {n + 1}"
        capacity = (2, 4, 4, 6, 8, 12, 20)[n % 7]
        equipment = [Equipment.SCREEN] + ([Equipment.VIDEO] if capacity >= 6 else [])
        equipment += [Equipment.WHITEBOARD] if n % 2 else [Equipment.PROJECTOR] if capacity >= 12 else []
        room, _ = Room.objects.get_or_create(
            floor=floor,
            name=name,
            defaults={
                "capacity": capacity,
                "equipment": sorted(equipment),
                "is_accessible": floor.level == 0 or n % 3 == 0,
                "needs_approval": capacity >= 20,
                "plan_x": 2 + (index % 5) * 19,
                "plan_y": 4 + (index // 5) * 48,
                "plan_w": 17,
                "plan_h": 40,
            },
        )
        rooms.append(room)
    _draw_plans(floors, rooms)
    desk_count = max(4, round(len(people) * 0.6))
    existing = {(d.floor_id, d.label): d for d in Desk.objects.filter(floor__in=floors)}
    new_desks = []
    for n in range(desk_count):
        floor = floors[n % floor_count]
        label = f"{floor.level}-{n // floor_count + 1:02d}"
        if (floor.pk, label) not in existing:
            assigned = people[n] if n % 2 == 0 and n < len(people) else None
            new_desks.append(Desk(floor=floor, label=label, assigned_to=assigned, is_bookable=assigned is None))
    Desk.objects.bulk_create(new_desks, batch_size=BATCH_SIZE)
    desks = list(Desk.objects.filter(floor__in=floors))
    return rooms, desks


def _draw_plans(floors: list[Floor], rooms: list[Room]) -> None:
    """A drawn plan for each floor that has none, with its rooms' boxes, so the floor plan page shows."""
    for floor in floors:
        if floor.plan:
            continue
        boxes = [
            (float(r.plan_x), float(r.plan_y), float(r.plan_w), float(r.plan_h))
            for r in rooms
            if r.floor_id == floor.pk and r.plan_x is not None
        ]
        floor.plan.save(f"demo-floor-{floor.pk}.png", ContentFile(floor_plan_png(boxes)), save=False)
        floor.save(update_fields=["plan"])


def _floor_name(level: int) -> str:
    return "Rez-de-chaussée" if level == 0 else f"{level}e étage" if level > 1 else "1er étage"


def _open_days(site, start: dt.date, end: dt.date) -> list[dt.date]:
    holidays = site.public_holidays(range(start.year, end.year + 1))
    days, day = [], start
    while day <= end:
        if day.weekday() < 5 and day not in holidays:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _seed_bookings(ctx: DemoContext, site, rooms, desks, people) -> int:
    if Booking.objects.filter(room__floor__site=site).exists():
        return 0
    rng = ctx.rng
    now = ctx.now
    bookings = []
    titles = ("Point hebdo", "Réunion client", "Comité projet", "Entretien", "Atelier", "Revue budget", "Formation")
    days = _open_days(site, ctx.history_start, ctx.today + dt.timedelta(days=28))
    for day in days:
        # Busy today and ahead, steady recently, lighter further back (keeps 5 years at 250 people fast).
        per_room = _bookings_per_room(ctx.today, day)
        for room in rooms:
            count = int(per_room) + (rng.random() < per_room % 1)
            for hour in sorted(rng.sample(range(8, 19), count)):
                person = rng.choice(people)
                # Each booking ends by the next whole hour, so sampled hours never overlap.
                minute = rng.choice((0, 0, 30))
                start = _at(day, hour, minute)
                length = 30 if minute else rng.choice((30, 60, 60))
                cancelled = rng.random() < 0.05
                bookings.append(
                    Booking(
                        room=room,
                        person=person,
                        created_by=person,
                        title=rng.choice(titles),
                        start=start,
                        end=start + dt.timedelta(minutes=length),
                        attendees=rng.randint(1, room.capacity),
                        status=BookingStatus.CANCELLED if cancelled else BookingStatus.CONFIRMED,
                        cancelled_by=person if cancelled else None,
                        cancelled_at=min(start - dt.timedelta(days=1), now) if cancelled else None,
                    )
                )
    hot_desks = [d for d in desks if d.is_bookable]
    for day in _open_days(site, ctx.today, ctx.today + dt.timedelta(days=14)):
        for desk in rng.sample(hot_desks, k=len(hot_desks) * 2 // 3):
            person = rng.choice(people)
            bookings.append(
                Booking(desk=desk, person=person, created_by=person, start=_at(day, 8), end=_at(day, 18), attendees=1)
            )
    Booking.objects.bulk_create(bookings, batch_size=BATCH_SIZE)
    return len(bookings)


def _bookings_per_room(today: dt.date, day: dt.date) -> float:
    if day == today:
        return 4
    if day > today:
        return 2
    return 1.5 if (today - day).days <= 90 else 0.7


def _seed_register(ctx: DemoContext, site, office_manager) -> int:
    if CheckItem.objects.filter(site=site).exists():
        return 0
    rng = ctx.rng
    # Days until the next due date: one overdue, the electrical check done three weeks ago (found
    # non-compliant below, its ticket open), one due soon, the others later in the interval.
    offsets = [-12, None, 25] + [None] * len(STANDARD_CHECKS)
    records = []
    for standard, offset in zip(STANDARD_CHECKS, offsets, strict=False):
        # Each check is due one interval after the previous one was done (scheduling.next_due_date).
        if standard.kind == CheckKind.ELECTRICAL:
            last_done = ctx.today - dt.timedelta(days=21)
        elif offset is not None:
            last_done = add_months(ctx.today + dt.timedelta(days=offset), -standard.interval_months)
        else:
            days_left = rng.randint(40, standard.interval_months * 30 - 20)
            last_done = add_months(ctx.today + dt.timedelta(days=days_left), -standard.interval_months)
        done = [last_done]
        while True:  # earlier checks, each done a little before it was due
            earlier = add_months(done[-1], -standard.interval_months) + dt.timedelta(days=rng.randint(0, 20))
            if earlier < ctx.history_start:
                break
            done.append(earlier)
        done.reverse()
        first_due = done[0] + dt.timedelta(days=rng.randint(0, 15))
        item = CheckItem.objects.create(
            site=site,
            kind=standard.kind,
            interval_months=standard.interval_months,
            legal_reference=str(standard.legal_reference),
            supplier=SUPPLIERS.get(standard.kind, ""),
            first_due_date=first_due,
            due_date=next_due_date(last_done, standard.interval_months),
        )
        counted_for = first_due
        for done_on in done:
            result = CheckResult.OBSERVATIONS if rng.random() < 0.2 else CheckResult.COMPLIANT
            records.append(
                CheckRecord(
                    item=item,
                    done_on=done_on,
                    done_by=item.supplier or "Services généraux",
                    result=result,
                    to_fix="Remplacer les étiquettes de contrôle." if result == CheckResult.OBSERVATIONS else "",
                    counted_for=counted_for,
                    recorded_by=office_manager,
                )
            )
            counted_for = next_due_date(done_on, standard.interval_months)
    if records:
        # The latest record of the electrical check found a problem: its ticket is open.
        electrical = [r for r in records if r.item.kind == "electrical"]
        if electrical:
            electrical[-1].result = CheckResult.NON_COMPLIANT
            electrical[-1].to_fix = "Prise du local reprographie sans terre : à reprendre."
    CheckRecord.objects.bulk_create(records, batch_size=BATCH_SIZE)
    for record in records:
        if record.result == CheckResult.NON_COMPLIANT:
            Ticket.objects.create(
                site=site,
                place="Local reprographie",
                category=TicketCategory.ELECTRICITY,
                urgency=TicketUrgency.HIGH,
                description=record.to_fix,
                reporter=office_manager,
                supplier=record.done_by,
                due_date=add_months(record.done_on, 1),
                source_check=record,
            )
    return len(records)


def _seed_tickets(ctx: DemoContext, site, rooms, people, office_manager) -> int:
    if Ticket.objects.filter(site=site, source_check__isnull=True).exists():
        return 0
    rng = ctx.rng
    created = 0
    for description, category, urgency, status in TICKETS:
        reporter = rng.choice(people)
        ticket = Ticket.objects.create(
            site=site,
            room=rng.choice(rooms) if rng.random() < 0.5 else None,
            place="" if rng.random() < 0.5 else "Couloir",
            category=category,
            urgency=urgency,
            description=description,
            reporter=reporter,
            assignee=office_manager if status != TicketStatus.NEW else None,
            status=status,
            resolved_at=ctx.now if status in (TicketStatus.RESOLVED, TicketStatus.CLOSED) else None,
        )
        # auto_now_add ignores a given value: age the ticket afterwards.
        Ticket.objects.filter(pk=ticket.pk).update(created_at=ctx.now - dt.timedelta(days=rng.randint(1, 40)))
        if status != TicketStatus.NEW:
            TicketComment.objects.create(ticket=ticket, author=office_manager, body="Pris en charge, merci.")
        created += 1
    return created
