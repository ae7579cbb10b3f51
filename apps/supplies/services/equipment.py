"""The equipment register's writes: items, who holds them (assign, return), problems and warranty notices.

The people app calls ``equipment_assign`` and ``equipment_return`` for onboarding and offboarding,
and ``apps.supplies.selectors.equipment.equipment_held_by(person)`` to list what a person holds.

Rules:
- only an office manager records items, assignments and returns (``PermissionDenied`` otherwise);
- an asset tag is unique (upper-cased; the next "EQ-00042" is taken when it is left blank), a serial
  number too when it is given; prices are not negative; every date lies within
  ``apps.core.ranges`` (1900–2200); the warranty does not end before the purchase;
- an item is held by one person at a time. **Assigning an item that is held is refused**: its return
  is recorded first (``equipment_return``), so nobody's assignment is ever closed behind their back.
  Two assignments of one item at the same moment give one assignment and one clear
  ``ValidationError`` (a row lock, and the database's one-open-assignment constraint behind it);
- "in service" means "held": ``equipment_assign`` sets both, ``equipment_return`` clears the holder
  and puts the item in stock (or in repair, lost, retired); the database checks they agree;
- a problem with an item opens a premises ticket linked to it (``equipment_problem_report``);
- a warranty ending within ``WARRANTY_NOTICE_DAYS`` is told once to each office manager
  (``equipment_warranty_reminders``, a daily beat job).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.selectors import office_managers
from apps.core.ranges import EARLIEST_DAY, LATEST_DAY
from apps.core.uniqueness import is_unique_violation, unique_or
from apps.notifications.services import reminder_send_once
from apps.premises.models import TicketCategory, TicketUrgency
from apps.premises.services.common import fmt_date, is_office_manager
from apps.premises.services.tickets import ticket_report
from apps.supplies.models import (
    GONE_STATES,
    MAX_PRICE,
    UNHELD_STATES,
    WARRANTY_NOTICE_DAYS,
    Assignment,
    EquipmentItem,
    EquipmentKind,
    EquipmentState,
    EquipmentTicket,
)

TAG_PREFIX = "EQ-"
_TAG_ATTEMPTS = 5  # a generated tag taken by a concurrent save is drawn again, this many times at most

# What equipment_create and equipment_update take besides ``by`` (the form's fields).
EQUIPMENT_FIELDS = (
    "asset_tag",
    "kind",
    "model",
    "serial_number",
    "supplier",
    "purchase_date",
    "purchase_price",
    "warranty_end",
    "site",
    "state",
    "notes",
)
# Chairs and desks are furniture for the premises queue; everything else is IT.
FURNITURE_KINDS = (EquipmentKind.CHAIR, EquipmentKind.DESK)


def _require_office_manager(by) -> None:
    if not is_office_manager(by):
        raise PermissionDenied(_("Only an office manager may do this."))


def _day_or_today(day: dt.date | None, field: str) -> dt.date:
    day = day or timezone.localdate()
    _check_day(day, field)
    if day > timezone.localdate():
        raise ValidationError({field: _("This date is in the future: record it on the day it happens.")})
    return day


def _check_day(day: dt.date | None, field: str) -> None:
    if day is not None and not EARLIEST_DAY <= day <= LATEST_DAY:
        message = _("Enter a date between %(earliest)d and %(latest)d.")
        raise ValidationError({field: message % {"earliest": EARLIEST_DAY.year, "latest": LATEST_DAY.year}})


def next_asset_tag() -> str:
    """The tag after the highest "EQ-<number>" in the register ("EQ-00001" for the first one)."""
    last = (
        EquipmentItem.objects.filter(asset_tag__regex=r"^EQ-[0-9]+$")
        .order_by(Length("asset_tag").desc(), "-asset_tag")
        .values_list("asset_tag", flat=True)
        .first()
    )
    number = int(last[len(TAG_PREFIX) :]) + 1 if last else 1
    return f"{TAG_PREFIX}{number:05d}"


def _check_item(item: EquipmentItem) -> None:
    """Every rule of an item's fields, with a message per field; the database's checks stand behind them."""
    errors: dict[str, str] = {}
    for field in ("purchase_date", "warranty_end"):
        try:
            _check_day(getattr(item, field), field)
        except ValidationError as exc:
            errors.update({key: value[0] for key, value in exc.message_dict.items()})
    if (
        "purchase_date" not in errors
        and "warranty_end" not in errors
        and item.purchase_date
        and item.warranty_end
        and item.warranty_end < item.purchase_date
    ):
        errors["warranty_end"] = _("The warranty cannot end before the purchase date.")
    if item.purchase_price is not None:
        if item.purchase_price < 0:
            errors["purchase_price"] = _("A price cannot be negative.")
        elif item.purchase_price > MAX_PRICE:
            errors["purchase_price"] = _("This price is too large.")
    if item.holder_id is None and item.state not in UNHELD_STATES:
        errors["state"] = _("An item is in service when it is assigned to someone: assign it from its page.")
    if item.holder_id is not None and item.state != EquipmentState.IN_SERVICE:
        errors["state"] = _("This item is assigned: record its return to change its state.")
    if errors:
        raise ValidationError(errors)
    _check_unique(item)
    item.full_clean(validate_unique=False, validate_constraints=False)


ALREADY_CREATED = "already_created"


def _check_not_created(token) -> None:
    if token is not None and EquipmentItem.objects.filter(submission_token=token).exists():
        raise ValidationError(_("This item has already been added to the register."), code=ALREADY_CREATED)


def _check_unique(item: EquipmentItem) -> None:
    if item.pk is None:
        _check_not_created(item.submission_token)  # the same form saved at the same moment
    others = EquipmentItem.objects.exclude(pk=item.pk)
    errors = {}
    if item.asset_tag and others.filter(asset_tag=item.asset_tag).exists():
        errors["asset_tag"] = _("Another item already has the asset tag %(tag)s.") % {"tag": item.asset_tag}
    if item.serial_number and others.filter(serial_number=item.serial_number).exists():
        errors["serial_number"] = _("Another item already has this serial number.")
    if errors:
        raise ValidationError(errors)


def _apply(item: EquipmentItem, fields: dict) -> None:
    unknown = set(fields) - set(EQUIPMENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown equipment fields: {sorted(unknown)}")
    for name, value in fields.items():
        if name in ("asset_tag", "model", "serial_number", "supplier", "notes"):
            value = (value or "").strip()
        if name == "asset_tag":
            value = value.upper()
        if name == "purchase_price" and value is not None:
            value = Decimal(value)
        setattr(item, name, value)


def _save(item: EquipmentItem, *, generate_tag: bool) -> EquipmentItem:
    """Save after the checks; a tag or serial taken by a concurrent save becomes the same error as the
    check's, and a generated tag taken meanwhile is drawn again."""
    for attempt in range(_TAG_ATTEMPTS):
        if generate_tag:
            item.asset_tag = next_asset_tag()
        _check_item(item)
        try:
            with unique_or(lambda: _check_unique(item)):
                item.save()
        except ValidationError as exc:
            taken = getattr(exc, "error_dict", {}).keys() == {"asset_tag"}
            if generate_tag and taken and attempt < _TAG_ATTEMPTS - 1:
                continue
            raise
        return item
    raise AssertionError("unreachable")  # pragma: no cover


@transaction.atomic
def equipment_create(*, by, token=None, **fields) -> EquipmentItem:
    """Record a new item (``EQUIPMENT_FIELDS`` as keywords); returns it.

    A blank ``asset_tag`` takes the next "EQ-00042". The state is one of an item nobody holds (in
    stock by default): an item goes in service by being assigned (``equipment_assign``). ``token`` is
    the form's one-time token: the same form sent twice (even at once) adds one item, the second
    getting a ValidationError with code ``already_created``.
    """
    _require_office_manager(by)
    item = EquipmentItem(state=EquipmentState.IN_STOCK, submission_token=token)
    _check_not_created(token)
    _apply(item, fields)
    return _save(item, generate_tag=not item.asset_tag)


@transaction.atomic
def equipment_update(*, item: EquipmentItem, by, **fields) -> EquipmentItem:
    """Change an item's fields (``EQUIPMENT_FIELDS`` as keywords; those not given are kept); returns it.

    The holder is not a field: it changes through ``equipment_assign`` and ``equipment_return``. A
    held item stays in service; an item nobody holds cannot be put in service here.
    """
    _require_office_manager(by)
    item = EquipmentItem.objects.select_for_update().get(pk=item.pk)
    _apply(item, fields)
    return _save(item, generate_tag=not item.asset_tag)


def _already_held(item: EquipmentItem, holder) -> ValidationError:
    return ValidationError(
        {
            "person": _("%(tag)s is already held by %(person)s: record its return first.")
            % {"tag": item.asset_tag, "person": holder}
        }
    )


def _open_assignment_check(item: EquipmentItem) -> None:
    """What the one-open-assignment constraint refused: the assignment that won the race."""
    current = Assignment.objects.filter(item_id=item.pk, end__isnull=True).select_related("person").first()
    if current is not None:
        raise _already_held(item, current.person)


@transaction.atomic
def equipment_assign(*, item: EquipmentItem, person, by, on: dt.date | None = None, note: str = "") -> Assignment:
    """Hand ``item`` to ``person`` from ``on`` (today by default); returns the new assignment.

    Refused (ValidationError): an item already held (its return is recorded first, never closed
    silently here), a lost or retired item, a deactivated person, a day in the future or before the
    item's last return. The item becomes "in service", held by ``person``. Two assignments at once
    give one assignment: the item's row is locked, and the database's one-open-assignment
    constraint turns any race past the lock into the same ValidationError.
    """
    _require_office_manager(by)
    given, item = item, EquipmentItem.objects.select_for_update().get(pk=item.pk)
    on = _day_or_today(on, "on")
    if person is None or not person.is_active:
        message = _("This person's account is deactivated: equipment cannot be assigned to them.")
        raise ValidationError({"person": message})
    if item.state in GONE_STATES:
        raise ValidationError(
            _("%(tag)s is %(state)s: it cannot be assigned.")
            % {"tag": item.asset_tag, "state": item.get_state_display().lower()}
        )
    if item.holder_id is not None:
        raise _already_held(item, item.holder)
    last_end = (
        Assignment.objects.filter(item=item, end__isnull=False).order_by("-end").values_list("end", flat=True).first()
    )
    if last_end is not None and on < last_end:
        raise ValidationError(
            {"on": _("It was returned on %(date)s: assign it from that day on.") % {"date": fmt_date(last_end)}}
        )
    assignment = Assignment(item=item, person=person, start=on, assigned_by=by, note=(note or "").strip()[:255])
    assignment.full_clean(validate_constraints=False)
    with unique_or(lambda: _open_assignment_check(item)):
        assignment.save()
    item.holder, item.state = person, EquipmentState.IN_SERVICE
    item.save(update_fields=["holder", "state"])
    given.holder, given.state = person, item.state  # the caller's copy says it too
    return assignment


@transaction.atomic
def equipment_return(
    *, item: EquipmentItem, by, on: dt.date | None = None, state: str = EquipmentState.IN_STOCK, note: str = ""
) -> Assignment:
    """Record that ``item`` came back on ``on`` (today by default); returns the closed assignment.

    ``state`` is what becomes of it: in stock (the default), in repair, lost or retired. Refused: an
    item nobody holds, a day before the assignment began or in the future.
    """
    _require_office_manager(by)
    given, item = item, EquipmentItem.objects.select_for_update().get(pk=item.pk)
    on = _day_or_today(on, "on")
    if state not in UNHELD_STATES:
        raise ValidationError({"state": _("Choose what becomes of the item: in stock, in repair, lost or retired.")})
    assignment = Assignment.objects.select_for_update().filter(item=item, end__isnull=True).first()
    if assignment is None:
        raise ValidationError(_("%(tag)s is not assigned to anyone.") % {"tag": item.asset_tag})
    if on < assignment.start:
        raise ValidationError(
            {
                "on": _("It was assigned on %(date)s: it cannot be returned before.")
                % {"date": fmt_date(assignment.start)}
            }
        )
    assignment.end, assignment.returned_by = on, by
    assignment.return_note = (note or "").strip()[:255]
    assignment.save(update_fields=["end", "returned_by", "return_note"])
    item.holder, item.state = None, state
    item.save(update_fields=["holder", "state"])
    given.holder, given.state = None, state
    return assignment


def ticket_category_for(item: EquipmentItem) -> str:
    return TicketCategory.FURNITURE if item.kind in FURNITURE_KINDS else TicketCategory.IT


@transaction.atomic
def equipment_problem_report(
    *, item: EquipmentItem, by, description: str, urgency: str = TicketUrgency.NORMAL, token=None
):
    """The holder (or an office manager) reports a problem with ``item``: a premises ticket (IT, or
    furniture for a chair or a desk) on the item's site (else the reporter's), its place the item's tag
    and model, linked to the item; returns the ticket. The office managers are told by the ticket.

    ``token`` is the form's one-time token: the same report sent twice (even at once) opens one
    ticket, the second getting a ValidationError with code ``already_reported`` (and its ticket and
    link rolled back)."""
    if not (is_office_manager(by) or (item.holder_id is not None and item.holder_id == by.pk)):
        raise PermissionDenied(_("Only the person who holds this item or an office manager may report a problem."))
    site = item.site or by.site
    if site is None:
        raise ValidationError(_("This item has no site and neither do you: ask the office manager to set one."))
    if token is not None and EquipmentTicket.objects.filter(submission_token=token).exists():
        raise _already_reported()
    place = f"{item.asset_tag} · {item.model or item.get_kind_display()}"[:200]
    ticket = ticket_report(
        by=by, site=site, description=description, category=ticket_category_for(item), urgency=urgency, place=place
    )
    try:
        with transaction.atomic():
            EquipmentTicket.objects.create(item=item, ticket=ticket, submission_token=token)
    except IntegrityError as exc:  # the same report saved at the same moment
        if not is_unique_violation(exc):
            raise
        raise _already_reported() from exc
    return ticket


ALREADY_REPORTED = "already_reported"


def _already_reported() -> ValidationError:
    return ValidationError(_("This problem has already been reported."), code=ALREADY_REPORTED)


def warranty_notice_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The warranty ends shown and told: from today to ``WARRANTY_NOTICE_DAYS`` days ahead."""
    return today, today + dt.timedelta(days=WARRANTY_NOTICE_DAYS)


def equipment_warranty_reminders(*, today: dt.date | None = None) -> int:
    """Tell each office manager once about every item whose warranty ends within the notice window
    (lost and retired items aside); returns how many notices were sent.

    Safe to run any number of times: each notice goes through the reminder ledger, keyed by the
    warranty's end (a warranty extended to a new date is told again). Two queries find the work.
    """
    start, end = warranty_notice_window(today or timezone.localdate())
    items = list(
        EquipmentItem.objects.filter(warranty_end__range=(start, end))
        .exclude(state__in=GONE_STATES)
        .select_related("site", "holder")
        .order_by("warranty_end", "pk")
    )
    if not items:
        return 0
    managers = list(office_managers())
    sent = 0
    for item in items:
        url = reverse("supplies:equipment_detail", args=[item.pk])
        for manager in managers:
            sent += reminder_send_once(
                kind="supplies_warranty_ends",
                obj=item,
                recipient=manager,
                due_date=item.warranty_end,
                context={"item": item, "warranty_end": item.warranty_end},
                url=url,
            )
    return sent
