"""Repair tickets (a problem in the premises), their comments and their history of changes.

The allowed status changes live in ``TRANSITIONS``, the one place the services consult.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.premises.validators import validate_photo


class TicketCategory(models.TextChoices):
    ELECTRICITY = "electricity", _("Electricity")
    PLUMBING = "plumbing", _("Plumbing")
    HVAC = "hvac", _("Heating / air conditioning")
    IT = "it", _("IT / network")
    FURNITURE = "furniture", _("Furniture")
    CLEANING = "cleaning", _("Cleaning")
    SECURITY = "security", _("Security")
    OTHER = "other", _("Other")


class TicketUrgency(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


# Higher is more urgent; selectors sort on it.
URGENCY_RANK = {TicketUrgency.LOW: 0, TicketUrgency.NORMAL: 1, TicketUrgency.HIGH: 2, TicketUrgency.CRITICAL: 3}


class TicketStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


TRANSITIONS: dict[str, frozenset[str]] = {
    TicketStatus.NEW: frozenset(
        {TicketStatus.IN_PROGRESS, TicketStatus.WAITING, TicketStatus.RESOLVED, TicketStatus.CLOSED}
    ),
    TicketStatus.IN_PROGRESS: frozenset({TicketStatus.WAITING, TicketStatus.RESOLVED}),
    TicketStatus.WAITING: frozenset({TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED}),
    # Reopening sends a resolved ticket back to "in progress".
    TicketStatus.RESOLVED: frozenset({TicketStatus.IN_PROGRESS, TicketStatus.CLOSED}),
    TicketStatus.CLOSED: frozenset(),
}
OPEN_STATUSES = (TicketStatus.NEW, TicketStatus.IN_PROGRESS, TicketStatus.WAITING)


def is_overdue(due_date: dt.date | None, status: str, today: dt.date) -> bool:
    """A ticket is overdue once its due date has passed while it is still open (not resolved nor closed)."""
    return due_date is not None and due_date < today and status in OPEN_STATUSES


class Ticket(models.Model):
    site = models.ForeignKey("accounts.Site", verbose_name=_("site"), on_delete=models.PROTECT, related_name="tickets")
    room = models.ForeignKey(
        "premises.Room", verbose_name=_("room"), null=True, blank=True, on_delete=models.PROTECT, related_name="tickets"
    )
    place = models.CharField(_("place"), max_length=200, blank=True, help_text=_("Where exactly, if not a room."))
    # No default: the reporter says what kind of problem it is (a default "other" hid most categories).
    category = models.CharField(_("category"), max_length=15, choices=TicketCategory)
    urgency = models.CharField(_("urgency"), max_length=10, choices=TicketUrgency, default=TicketUrgency.NORMAL)
    description = models.TextField(_("description"))
    photo = models.FileField(
        _("photo"),
        upload_to="premises/tickets/%Y/",
        blank=True,
        validators=[validate_photo],
        help_text=_("PNG, JPEG or WebP, at most 5 MB."),
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.PROTECT, related_name="tickets"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_tickets",
    )
    supplier = models.CharField(_("assigned supplier"), max_length=200, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=15, choices=TicketStatus, default=TicketStatus.NEW)
    source_check = models.OneToOneField(
        "premises.CheckRecord",
        verbose_name=_("from check"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ticket",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("repair ticket")
        verbose_name_plural = _("repair tickets")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="premises_ticket_status"),
            models.Index(fields=["reporter", "-created_at"], name="premises_ticket_reporter"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_category_display()}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def location(self) -> str:
        return ", ".join(part for part in (str(self.room or ""), self.place) if part)

    def can_move_to(self, status: str) -> bool:
        return status in TRANSITIONS.get(self.status, frozenset())

    def is_overdue_on(self, today: dt.date) -> bool:
        return is_overdue(self.due_date, self.status, today)


class TicketComment(models.Model):
    ticket = models.ForeignKey(Ticket, verbose_name=_("ticket"), on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("comment"))
    is_internal = models.BooleanField(
        _("internal note"), default=False, help_text=_("Only office managers see internal notes.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ticket comment")
        verbose_name_plural = _("ticket comments")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.ticket} — {self.author}"


class TicketEventKind(models.TextChoices):
    STATUS = "status", _("Status")
    ASSIGNEE = "assignee", _("Assigned to")
    SUPPLIER = "supplier", _("Assigned supplier")
    DUE_DATE = "due_date", _("Due date")
    URGENCY = "urgency", _("Urgency")


class TicketEvent(models.Model):
    """One change to a ticket (its status, who handles it, its due date or urgency), written by the
    service that made the change, in the same transaction: with the comments, the ticket's history.

    The values are kept as they were: status and urgency codes, the due date in ISO form, and the
    handler's name at the time (a later rename or departure does not rewrite the history).
    """

    ticket = models.ForeignKey(Ticket, verbose_name=_("ticket"), on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("change"), max_length=10, choices=TicketEventKind)
    old_value = models.CharField(_("before"), max_length=200, blank=True)
    new_value = models.CharField(_("after"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ticket change")
        verbose_name_plural = _("ticket changes")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["ticket", "created_at"], name="premises_ticketevent_ticket")]

    def __str__(self) -> str:
        return f"{self.ticket} — {self.get_kind_display()}"

    def _shown(self, value: str):
        """A stored value as the history shows it: a label, a date, or the text itself."""
        if not value:
            return value
        if self.kind == TicketEventKind.STATUS and value in TicketStatus.values:
            return TicketStatus(value).label
        if self.kind == TicketEventKind.URGENCY and value in TicketUrgency.values:
            return TicketUrgency(value).label
        if self.kind == TicketEventKind.DUE_DATE:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return value
        return value

    @property
    def old_shown(self):
        return self._shown(self.old_value)

    @property
    def new_shown(self):
        return self._shown(self.new_value)
