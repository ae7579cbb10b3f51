"""Bookings of a room or a desk, and the weekly series some of them belong to.

Why a booking has two nullable foreign keys (``room``, ``desk``) and a check that exactly one is set,
rather than a common "Resource" table: rooms and desks have different fields (capacity, equipment,
approval; an assigned person), every query joins the concrete table anyway (day grid, floor plan),
and the exclusion constraint is simplest as "same room, overlapping time" and "same desk,
overlapping time" (two partial GiST constraints) with plain foreign keys the database checks.

No double booking, twice over:
- on PostgreSQL two exclusion constraints (``apps.premises.constraints``) forbid overlapping active
  bookings of one room or one desk. They are created by migration 0002 on PostgreSQL only and are
  not declared in ``Meta``: Django would emit PostgreSQL-only SQL on SQLite and ``full_clean`` would
  try to validate them with PostgreSQL operators;
- the services check for overlaps inside a transaction after locking the room or desk row
  (``select_for_update``), so SQLite (whose transactions are IMMEDIATE here) behaves the same.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    PENDING = "pending", _("Pending approval")
    BLOCKED = "blocked", _("Blocked")
    CANCELLED = "cancelled", _("Cancelled")
    REFUSED = "refused", _("Refused")


# Statuses that hold the slot: a pending request keeps it until the office manager decides.
ACTIVE_STATUSES = (BookingStatus.CONFIRMED, BookingStatus.PENDING, BookingStatus.BLOCKED)


class BookingSeries(models.Model):
    """A weekly recurrence; each occurrence is a Booking pointing here."""

    room = models.ForeignKey(
        "premises.Room", verbose_name=_("room"), null=True, blank=True, on_delete=models.PROTECT, related_name="series"
    )
    desk = models.ForeignKey(
        "premises.Desk", verbose_name=_("desk"), null=True, blank=True, on_delete=models.PROTECT, related_name="series"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("booked for"), on_delete=models.PROTECT, related_name="booking_series"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    first_start = models.DateTimeField(_("first occurrence starts"))
    first_end = models.DateTimeField(_("first occurrence ends"))
    interval_weeks = models.PositiveSmallIntegerField(_("every N weeks"), default=1)
    until = models.DateField(_("until"))
    attendees = models.PositiveSmallIntegerField(_("attendees"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("booking series")
        verbose_name_plural = _("booking series")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(room__isnull=False, desk__isnull=True)
                | models.Q(room__isnull=True, desk__isnull=False),
                name="premises_series_one_resource",
            ),
            models.CheckConstraint(condition=models.Q(interval_weeks__gte=1), name="premises_series_interval"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def resource(self):
        return self.room or self.desk


class Booking(models.Model):
    room = models.ForeignKey(
        "premises.Room",
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    desk = models.ForeignKey(
        "premises.Desk",
        verbose_name=_("desk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("booked for"), on_delete=models.PROTECT, related_name="bookings"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    attendees = models.PositiveSmallIntegerField(_("attendees"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=BookingStatus, default=BookingStatus.CONFIRMED)
    series = models.ForeignKey(
        BookingSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved or refused by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(room__isnull=False, desk__isnull=True)
                | models.Q(room__isnull=True, desk__isnull=False),
                name="premises_booking_one_resource",
                violation_error_message=_("A booking is for exactly one room or one desk."),
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="premises_booking_end_after_start",
                violation_error_message=_("The end must be after the start."),
            ),
        ]
        indexes = [
            models.Index(fields=["room", "start"], name="premises_booking_room_start"),
            models.Index(fields=["desk", "start"], name="premises_booking_desk_start"),
            models.Index(fields=["person", "start"], name="premises_booking_person"),
            models.Index(fields=["status", "start"], name="premises_booking_status"),
            # "Active bookings overlapping [a, b)" (the day grid, today's count on the dashboard) filter
            # on end > a: an index on start would walk the whole history before b.
            models.Index(
                fields=["end", "start"],
                name="premises_booking_active_end",
                condition=models.Q(status__in=ACTIVE_STATUSES),
            ),
            # A person's active bookings from now on (my next booking, my agenda).
            models.Index(
                fields=["person", "end"],
                name="premises_booking_person_end",
                condition=models.Q(status__in=ACTIVE_STATUSES),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource} {self.start:%Y-%m-%d %H:%M}"

    @property
    def resource(self):
        return self.room if self.room_id else self.desk

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES
