"""The safety and hygiene register: checks, their records, the standard list, and reminders.

- ``checkitem_save(item=..., by=...)``: create or update a periodic check (office manager);
- ``register_create_standard_items(site=..., by=..., first_due=...)``: the checks every French office needs;
- ``checkrecord_create(item=..., by=..., done_on=..., done_by=..., result=..., ...)``: record a check,
  due again one interval after it, open a ticket when the result is non-compliant;
- ``register_send_reminders(today=...)``: the daily scan (30 days, 7 days, on the day, weekly after).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.models import Site
from apps.notifications.services import reminder_send_once
from apps.premises.models import (
    CheckItem,
    CheckKind,
    CheckRecord,
    CheckResult,
    Ticket,
    TicketCategory,
    TicketUrgency,
)
from apps.premises.scheduling import add_months, counts_for_current_period, next_due_date, reminder_for
from apps.premises.services.common import office_managers, page_url, require_office_manager
from apps.premises.services.tickets import notify_new_ticket
from apps.premises.validators import validate_check_done_on, validate_first_due_date

# What the office manager edits on a check (its form's fields); the due date follows the records.
CHECK_ITEM_FIELDS = ("kind", "name", "interval_months", "first_due_date", "supplier", "legal_reference", "is_active")


@dataclass(frozen=True)
class StandardCheck:
    kind: str
    interval_months: int
    legal_reference: str


# Legal intervals and references (Code du travail and the usual professional rules).
STANDARD_CHECKS: tuple[StandardCheck, ...] = (
    StandardCheck(
        CheckKind.FIRE_EXTINGUISHERS,
        12,
        gettext_lazy("Yearly check by a qualified person: Code du travail R4227-39, APSAD R4 rule, NF S61-919."),
    ),
    StandardCheck(
        CheckKind.ELECTRICAL,
        12,
        gettext_lazy("Periodic check of electrical installations: Code du travail R4226-16, order of 26/12/2011."),
    ),
    StandardCheck(
        CheckKind.EMERGENCY_LIGHTING,
        12,
        gettext_lazy("Emergency lighting: Code du travail R4227-14, order of 14/12/2011 (monthly visual check)."),
    ),
    StandardCheck(
        CheckKind.FIRE_ALARM,
        12,
        gettext_lazy("Fire alarm and drills: Code du travail R4227-28 and R4227-39 (drill every six months)."),
    ),
    StandardCheck(
        CheckKind.FIRST_AID,
        6,
        gettext_lazy("First-aid kit kept stocked and in date: Code du travail R4224-14."),
    ),
    StandardCheck(
        CheckKind.VENTILATION,
        12,
        gettext_lazy("Ventilation of work premises: Code du travail R4222-20 and R4222-21, order of 08/10/1987."),
    ),
    StandardCheck(
        CheckKind.DUERP,
        12,
        gettext_lazy(
            "Risk assessment (DUERP) updated at least yearly in companies of 11 or more staff: Code du travail R4121-2."
        ),
    ),
    StandardCheck(
        CheckKind.PEST_CONTROL,
        12,
        gettext_lazy("Pest control of premises: Règlement sanitaire départemental (art. 119 and 130-1)."),
    ),
)

# Where a non-compliant check lands in the repair queue.
TICKET_CATEGORY = {
    CheckKind.ELECTRICAL: TicketCategory.ELECTRICITY,
    CheckKind.EMERGENCY_LIGHTING: TicketCategory.ELECTRICITY,
    CheckKind.FIRE_EXTINGUISHERS: TicketCategory.SECURITY,
    CheckKind.FIRE_ALARM: TicketCategory.SECURITY,
    CheckKind.FIRST_AID: TicketCategory.SECURITY,
    CheckKind.VENTILATION: TicketCategory.HVAC,
    CheckKind.PEST_CONTROL: TicketCategory.CLEANING,
}


@transaction.atomic
def checkitem_save(*, item: CheckItem, by) -> CheckItem:
    """Create or update a periodic check (office manager).

    Until a check is recorded the item is due on its first due date. Once checks are recorded the due
    date follows the latest one (``scheduling.next_due_date``): the first due date is fixed, and a new
    interval counts from the latest check.
    """
    require_office_manager(by)
    today = timezone.localdate()
    if item.pk is None:
        _validate_first_due(item.first_due_date, today)
        item.due_date = item.first_due_date
    else:
        before = CheckItem.objects.select_for_update(of=("self",)).get(pk=item.pk)
        last_done_on = _last_done_on(item.pk)
        if item.first_due_date != before.first_due_date:
            if last_done_on is not None:
                raise ValidationError(
                    {"first_due_date": _("Checks are recorded: the schedule now follows them; change the interval.")}
                )
            _validate_first_due(item.first_due_date, today)
        if last_done_on is None:
            item.due_date = item.first_due_date
        else:
            item.due_date = next_due_date(last_done_on, item.interval_months)
    item.full_clean()
    item.save()
    return item


def _validate_first_due(first_due: dt.date, today: dt.date) -> None:
    try:
        validate_first_due_date(first_due, today)
    except ValidationError as exc:
        raise ValidationError({"first_due_date": exc.messages}) from exc


def _last_done_on(item_pk: int) -> dt.date | None:
    """The date of the item's latest check that counted (moved the due date), if any."""
    return (
        CheckRecord.objects.filter(item_id=item_pk, counted_for__isnull=False)
        .order_by("-done_on")
        .values_list("done_on", flat=True)
        .first()
    )


@transaction.atomic
def register_create_standard_items(*, site: Site, by, first_due: dt.date | None = None) -> list[CheckItem]:
    """Create the standard checks ``site`` lacks, first due on ``first_due`` (today by default). Office manager.

    Safe to call twice at once (a double submit): the site row is locked before the existing checks
    are read, so the second call waits, then finds every check there and creates nothing.
    """
    require_office_manager(by)
    site = Site.objects.select_for_update().get(pk=site.pk)
    first_due = first_due or timezone.localdate()
    existing = set(CheckItem.objects.filter(site=site, name="").values_list("kind", flat=True))
    items = [
        CheckItem(
            site=site,
            kind=standard.kind,
            interval_months=standard.interval_months,
            legal_reference=str(standard.legal_reference),
            first_due_date=first_due,
            due_date=first_due,
        )
        for standard in STANDARD_CHECKS
        if standard.kind not in existing
    ]
    return CheckItem.objects.bulk_create(items)


@transaction.atomic
def checkrecord_create(
    *,
    item: CheckItem,
    by,
    done_on: dt.date,
    done_by: str,
    result: str,
    to_fix: str = "",
    report=None,
) -> CheckRecord:
    """Record a check (office manager). Its effects:

    - the item is next due one interval after the day of the check (``scheduling.next_due_date``),
      if it is the item's latest check (``scheduling.counts_for_current_period``); an older check
      entered after a newer one is kept as history only. Whatever the result, the periodic check was
      done: a non-compliance is followed by its repair ticket (the register shows the item "to fix"
      until the ticket is resolved), not by holding the schedule back;
    - a non-compliant result opens a repair ticket linked to the record (``to_fix`` is required).
    """
    require_office_manager(by)
    item = CheckItem.objects.select_for_update(of=("self",)).select_related("site").get(pk=item.pk)
    errors = {}
    try:
        validate_check_done_on(done_on, timezone.localdate())
    except ValidationError as exc:
        errors["done_on"] = exc.messages
    if result == CheckResult.NON_COMPLIANT and not to_fix.strip():
        errors["to_fix"] = _("Say what must be fixed.")
    if errors:
        raise ValidationError(errors)
    record = CheckRecord(
        item=item,
        done_on=done_on,
        done_by=done_by.strip(),
        result=result,
        to_fix=to_fix.strip(),
        recorded_by=by,
    )
    if report is not None:
        record.report = report
    if counts_for_current_period(_last_done_on(item.pk), done_on):
        record.counted_for = item.due_date
        item.due_date = next_due_date(done_on, item.interval_months)
    record.full_clean()
    record.save()
    if record.counted_for:
        item.save(update_fields=["due_date"])
    if result == CheckResult.NON_COMPLIANT:
        _open_ticket(record, by)
    return record


def _open_ticket(record: CheckRecord, by) -> Ticket:
    item = record.item
    ticket = Ticket(
        site=item.site,
        category=TICKET_CATEGORY.get(item.kind, TicketCategory.OTHER),
        urgency=TicketUrgency.HIGH,
        description=_("Non-compliant check “%(check)s” on %(date)s (%(by)s):\n%(to_fix)s")
        % {
            "check": item.display_name,
            "date": record.done_on.strftime("%d/%m/%Y"),
            "by": record.done_by,
            "to_fix": record.to_fix,
        },
        reporter=by,
        supplier=item.supplier,
        due_date=add_months(record.done_on, 1),
        source_check=record,
    )
    ticket.full_clean()
    ticket.save()
    notify_new_ticket(ticket, exclude=by)
    return ticket


def register_send_reminders(*, today: dt.date | None = None) -> int:
    """Send the register reminders due ``today`` to every office manager; returns how many were sent.

    Safe to run any number of times a day: each reminder goes through ``reminder_send_once``. Two
    queries to find the work (items due within 30 days or overdue, and the office managers), whatever
    the number of items.
    """
    today = today or timezone.localdate()
    items = list(
        CheckItem.objects.filter(is_active=True, site__is_active=True, due_date__lte=today + dt.timedelta(days=30))
        .select_related("site")
        .order_by("due_date")
    )
    if not items:
        return 0
    managers = list(office_managers())
    sent = 0
    for item in items:
        reminder = reminder_for(item.due_date, today)
        if reminder is None:
            continue
        context = {
            "item": item,
            "site": item.site,
            "due_date": item.due_date,
            "days_left": reminder.days_left,
            "days_late": -reminder.days_left,
        }
        for manager in managers:
            sent += reminder_send_once(
                kind=reminder.kind,
                obj=item,
                recipient=manager,
                due_date=reminder.ledger_date,
                context=context,
                url=page_url("register_item", item.pk),
            )
    return sent


__all__ = [
    "STANDARD_CHECKS",
    "checkitem_save",
    "checkrecord_create",
    "register_create_standard_items",
    "register_send_reminders",
]
