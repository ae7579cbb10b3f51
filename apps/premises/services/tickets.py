"""Repair tickets: report, triage, move through the allowed statuses, comment.

Who may do what:
- anyone signed in reports a ticket; the office managers are told;
- the office manager triages (assignee, supplier, due date, urgency) and may make any allowed
  transition; the assignee may too;
- the reporter may reopen or close a ticket once it is resolved;
- the reporter is told of every status change and every public comment they did not write;
- only a ticket handler (an office manager, or someone marked as a handler) is put in charge;
- every change of status, handler (person or supplier), due date and urgency is written to the
  ticket's history (``TicketEvent``) in the same transaction as the change.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.premises.models import Ticket, TicketComment, TicketEvent, TicketEventKind, TicketStatus, TicketUrgency
from apps.premises.services.common import (
    is_office_manager,
    is_ticket_handler,
    office_managers,
    page_url,
    require_office_manager,
    send,
    send_many,
)

# What the person reporting a problem gives: ticket_report's arguments besides ``by``, the report form's fields.
TICKET_REPORT_FIELDS = ("site", "room", "place", "category", "urgency", "description", "photo")


def notify_new_ticket(ticket: Ticket, *, exclude=None) -> None:
    recipients = office_managers()
    if exclude is not None:
        recipients = recipients.exclude(pk=exclude.pk)
    send_many(
        recipients=recipients,
        kind="premises_ticket_new",
        context={"ticket": ticket},
        url=page_url("ticket_detail", ticket.pk),
    )


@transaction.atomic
def ticket_report(
    *,
    by,
    site,
    description: str,
    category: str,
    urgency: str = TicketUrgency.NORMAL,
    room=None,
    place: str = "",
    photo=None,
) -> Ticket:
    """Report a problem in the premises; the office managers are notified."""
    if room is not None and room.floor.site_id != site.pk:
        raise ValidationError({"room": _("This room is not on the chosen site.")})
    ticket = Ticket(
        site=site,
        room=room,
        place=place.strip(),
        category=category,
        urgency=urgency,
        description=description.strip(),
        reporter=by,
    )
    if photo is not None:
        ticket.photo = photo
    ticket.full_clean()
    ticket.save()
    notify_new_ticket(ticket, exclude=by)
    return ticket


def _record(ticket: Ticket, by, kind: str, old, new) -> None:
    """Write one change to the ticket's history, if it is one."""
    old, new = ("" if old is None else str(old)), ("" if new is None else str(new))
    if old != new:
        TicketEvent.objects.create(ticket=ticket, actor=by, kind=kind, old_value=old[:200], new_value=new[:200])


@transaction.atomic
def ticket_triage(
    *,
    ticket: Ticket,
    by,
    urgency: str | None = None,
    assignee=None,
    supplier: str | None = None,
    due_date: dt.date | None = None,
) -> Ticket:
    """Office manager: set the urgency, the person and/or supplier in charge, and the due date.

    Arguments left as None are not changed. The assignee must be a ticket handler; a new one is
    notified. Each change is written to the ticket's history.
    """
    require_office_manager(by)
    ticket = Ticket.objects.select_for_update(of=("self",)).get(pk=ticket.pk)
    if ticket.status == TicketStatus.CLOSED:
        raise ValidationError(_("This ticket is closed."))
    if assignee is not None and assignee.pk != ticket.assignee_id and not is_ticket_handler(assignee):
        message = _("%(person)s does not handle repair tickets: mark them as a handler first.")
        raise ValidationError({"assignee": message % {"person": assignee}})
    before = {
        TicketEventKind.URGENCY: ticket.urgency,
        TicketEventKind.ASSIGNEE: str(ticket.assignee or ""),
        TicketEventKind.SUPPLIER: ticket.supplier,
        TicketEventKind.DUE_DATE: ticket.due_date.isoformat() if ticket.due_date else "",
    }
    previous_assignee = ticket.assignee_id
    if urgency is not None:
        ticket.urgency = urgency
    if assignee is not None:
        ticket.assignee = assignee
    if supplier is not None:
        ticket.supplier = supplier.strip()
    if due_date is not None:
        ticket.due_date = due_date
    ticket.full_clean()
    ticket.save()
    after = {
        TicketEventKind.URGENCY: ticket.urgency,
        TicketEventKind.ASSIGNEE: str(ticket.assignee or ""),
        TicketEventKind.SUPPLIER: ticket.supplier,
        TicketEventKind.DUE_DATE: ticket.due_date.isoformat() if ticket.due_date else "",
    }
    for kind, old in before.items():
        if kind == TicketEventKind.ASSIGNEE and ticket.assignee_id == previous_assignee:
            continue  # the same person (maybe renamed since): no change
        _record(ticket, by, kind, old, after[kind])
    if ticket.assignee_id and ticket.assignee_id != previous_assignee and ticket.assignee_id != by.pk:
        send(
            recipient=ticket.assignee,
            kind="premises_ticket_assigned",
            context={"ticket": ticket, "by": by},
            url=page_url("ticket_detail", ticket.pk),
        )
    return ticket


def _may_transition(ticket: Ticket, by, status: str) -> None:
    if is_office_manager(by) or (ticket.assignee_id and by.pk == ticket.assignee_id):
        return
    if by.pk == ticket.reporter_id and ticket.status == TicketStatus.RESOLVED:
        return  # the reporter confirms the fix (close) or says it is not fixed (reopen)
    raise PermissionDenied(_("You may not change the status of this ticket."))


@transaction.atomic
def ticket_transition(*, ticket: Ticket, by, status: str, note: str = "") -> Ticket:
    """Move a ticket to ``status`` if ``TRANSITIONS`` allows it; the reporter is notified.

    Resolving stamps ``resolved_at``; reopening (resolved → in progress) clears it. ``note`` is added
    as a public comment explaining the change.
    """
    ticket = Ticket.objects.select_for_update(of=("self",)).select_related("reporter").get(pk=ticket.pk)
    _may_transition(ticket, by, status)
    if not ticket.can_move_to(status):
        raise ValidationError(
            _("A ticket cannot go from “%(old)s” to “%(new)s”.")
            % {
                "old": ticket.get_status_display(),
                "new": TicketStatus(status).label if status in TicketStatus.values else status,
            }
        )
    previous = ticket.get_status_display()
    _record(ticket, by, TicketEventKind.STATUS, ticket.status, status)
    ticket.status = status
    if status == TicketStatus.RESOLVED:
        ticket.resolved_at = timezone.now()
    elif status == TicketStatus.IN_PROGRESS:
        ticket.resolved_at = None
    ticket.save(update_fields=["status", "resolved_at", "updated_at"])
    if note.strip():
        TicketComment.objects.create(ticket=ticket, author=by, body=note.strip())
    if by.pk != ticket.reporter_id:
        send(
            recipient=ticket.reporter,
            kind="premises_ticket_status",
            context={"ticket": ticket, "by": by, "previous": previous, "note": note.strip()},
            url=page_url("ticket_detail", ticket.pk),
        )
    return ticket


@transaction.atomic
def ticket_comment(*, ticket: Ticket, by, body: str, internal: bool = False) -> TicketComment:
    """Comment on a ticket (its reporter, its assignee or an office manager).

    Internal notes are for office managers only. The reporter is notified of public comments written
    by someone else.
    """
    if not (is_office_manager(by) or by.pk in (ticket.reporter_id, ticket.assignee_id)):
        raise PermissionDenied(_("You may not comment on this ticket."))
    if internal and not is_office_manager(by):
        raise PermissionDenied(_("Only an office manager may write internal notes."))
    if ticket.status == TicketStatus.CLOSED:
        raise ValidationError(_("This ticket is closed."))
    comment = TicketComment(ticket=ticket, author=by, body=body.strip(), is_internal=internal)
    comment.full_clean()
    comment.save()
    if not internal and by.pk != ticket.reporter_id:
        send(
            recipient=ticket.reporter,
            kind="premises_ticket_comment",
            context={"ticket": ticket, "comment": comment, "by": by},
            url=page_url("ticket_detail", ticket.pk),
        )
    return comment
