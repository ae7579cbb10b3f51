"""Every write of the premises app. Keyword-only arguments; refusals are ValidationError (nothing
saved) or PermissionDenied (wrong person). Import from here: ``from apps.premises import services``.

Spaces (office manager)
- ``site_settings_save(settings, by)``, ``floor_save(floor, by)``, ``room_save(room, by)``, ``desk_save(desk, by)``
- ``SITE_SETTINGS_FIELDS``, ``FLOOR_FIELDS``, ``ROOM_FIELDS``, ``DESK_FIELDS``: what the office manager
  edits on each (the forms' ``Meta.fields``)

Bookings (``resource`` is a Room or a Desk)
- ``booking_create(resource, person, by, start, end, title="", attendees=1) -> Booking``
- ``booking_cancel(booking, by, reason="") -> Booking``
- ``booking_move(booking, by, start, end, resource=None) -> Booking``
- ``block_conflicts(room, start, end) -> list[Booking]``: what a block would cancel (list it first)
- ``room_block(room, by, start, end, reason, cancel_conflicts=False) -> Booking``; raises
  ``BlockConflicts`` (a ValidationError with ``.bookings``) while conflicts are not confirmed
- ``booking_approve(booking, by)``, ``booking_refuse(booking, by, reason="")``

Recurring bookings
- ``booking_series_preview(resource, by, start, end, interval_weeks, until, attendees=1) -> list[Occurrence]``
  (``Occurrence.start/end/errors/ok``)
- ``booking_series_create(resource, person, by, start, end, interval_weeks, until, title="", attendees=1)
  -> BookingSeries`` (all or nothing)
- ``booking_series_cancel(booking, by, reason="") -> int``: this occurrence and the later ones

Safety and hygiene register
- ``checkitem_save(item, by)``, ``register_create_standard_items(site, by, first_due=None)``;
  ``CHECK_ITEM_FIELDS``: what the office manager edits on a check
- ``checkrecord_create(item, by, done_on, done_by, result, to_fix="", report=None) -> CheckRecord``
- ``register_send_reminders(today=None) -> int`` (the daily beat job)

Repair tickets
- ``ticket_report(by, site, description, category, urgency="normal", room=None, place="", photo=None)``;
  ``TICKET_REPORT_FIELDS``: those arguments besides ``by`` (the report form's fields)
- ``ticket_triage(ticket, by, urgency=None, assignee=None, supplier=None, due_date=None)``: the
  assignee must handle tickets (an office manager or a marked handler)
- ``ticket_transition(ticket, by, status, note="")``, ``ticket_comment(ticket, by, body, internal=False)``
- triage and transitions write each change to the ticket's history (``TicketEvent``) in their
  transaction; comments are the rest of it

Notification kinds sent (templates/emails/premises_*): booking_pending, booking_cancelled,
booking_moved, booking_approved, booking_refused, booking_series_cancelled, check_due_30,
check_due_7, check_due_today, check_overdue, ticket_new, ticket_assigned, ticket_status,
ticket_comment. Links use the URL names ``premises:my_bookings``, ``premises:approvals``,
``premises:register_item`` and ``premises:ticket_detail`` once the pages define them.
"""

from apps.premises.services.bookings import (
    BlockConflicts,
    block_conflicts,
    booking_approve,
    booking_cancel,
    booking_create,
    booking_move,
    booking_refuse,
    room_block,
)
from apps.premises.services.register import (
    CHECK_ITEM_FIELDS,
    STANDARD_CHECKS,
    checkitem_save,
    checkrecord_create,
    register_create_standard_items,
    register_send_reminders,
)
from apps.premises.services.series import (
    Occurrence,
    booking_series_cancel,
    booking_series_create,
    booking_series_preview,
)
from apps.premises.services.spaces import (
    DESK_FIELDS,
    FLOOR_FIELDS,
    ROOM_FIELDS,
    SITE_SETTINGS_FIELDS,
    desk_save,
    floor_save,
    room_save,
    site_settings_save,
)
from apps.premises.services.tickets import (
    TICKET_REPORT_FIELDS,
    ticket_comment,
    ticket_report,
    ticket_transition,
    ticket_triage,
)

__all__ = [
    "CHECK_ITEM_FIELDS",
    "DESK_FIELDS",
    "FLOOR_FIELDS",
    "ROOM_FIELDS",
    "SITE_SETTINGS_FIELDS",
    "STANDARD_CHECKS",
    "TICKET_REPORT_FIELDS",
    "BlockConflicts",
    "Occurrence",
    "block_conflicts",
    "booking_approve",
    "booking_cancel",
    "booking_create",
    "booking_move",
    "booking_refuse",
    "booking_series_cancel",
    "booking_series_create",
    "booking_series_preview",
    "checkitem_save",
    "checkrecord_create",
    "desk_save",
    "floor_save",
    "register_create_standard_items",
    "register_send_reminders",
    "room_block",
    "room_save",
    "site_settings_save",
    "ticket_comment",
    "ticket_report",
    "ticket_transition",
    "ticket_triage",
]
