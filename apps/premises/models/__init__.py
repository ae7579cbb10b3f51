"""Premises models: spaces (settings, floors, rooms, desks), bookings, the safety register, tickets."""

from apps.premises.models.bookings import ACTIVE_STATUSES, Booking, BookingSeries, BookingStatus
from apps.premises.models.register import (
    DUE_SOON_DAYS,
    CheckItem,
    CheckKind,
    CheckRecord,
    CheckResult,
    CheckStatus,
    check_status,
)
from apps.premises.models.spaces import Desk, Equipment, Floor, Room, SitePremisesSettings, Weekday
from apps.premises.models.tickets import (
    OPEN_STATUSES,
    TRANSITIONS,
    URGENCY_RANK,
    Ticket,
    TicketCategory,
    TicketComment,
    TicketEvent,
    TicketEventKind,
    TicketStatus,
    TicketUrgency,
    is_overdue,
)

__all__ = [
    "ACTIVE_STATUSES",
    "DUE_SOON_DAYS",
    "OPEN_STATUSES",
    "TRANSITIONS",
    "URGENCY_RANK",
    "Booking",
    "BookingSeries",
    "BookingStatus",
    "CheckItem",
    "CheckKind",
    "CheckRecord",
    "CheckResult",
    "CheckStatus",
    "Desk",
    "Equipment",
    "Floor",
    "Room",
    "SitePremisesSettings",
    "Ticket",
    "TicketCategory",
    "TicketComment",
    "TicketEvent",
    "TicketEventKind",
    "TicketStatus",
    "TicketUrgency",
    "Weekday",
    "check_status",
    "is_overdue",
]
