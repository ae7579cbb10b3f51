"""Spaces: the office manager's writes to site settings, floors, rooms and desks."""

from __future__ import annotations

from django.db import transaction

from apps.core import uploads
from apps.core.uniqueness import unique_or
from apps.premises.models import Desk, Floor, Room, SitePremisesSettings
from apps.premises.services.common import require_office_manager

# What the office manager edits on each (their forms' fields). The places of rooms and desks on the
# plan are set on the floor plan page, not in these forms.
SITE_SETTINGS_FIELDS = (
    "opens_at",
    "closes_at",
    "open_days",
    "max_booking_hours",
    "horizon_days",
    "closed_on_public_holidays",
)
FLOOR_FIELDS = ("name", "level", "plan")
ROOM_FIELDS = ("floor", "name", "capacity", "equipment", "is_bookable", "is_accessible", "needs_approval", "is_active")
DESK_FIELDS = ("floor", "label", "assigned_to", "is_bookable", "is_active")


def _save(obj, by):
    require_office_manager(by)
    obj.full_clean()
    with unique_or(obj.full_clean):
        obj.save()
    return obj


@transaction.atomic
def site_settings_save(*, settings: SitePremisesSettings, by) -> SitePremisesSettings:
    """Save a site's booking rules (opening hours and days, maximum length, horizon). Office manager."""
    return _save(settings, by)


@transaction.atomic
def floor_save(*, floor: Floor, by) -> Floor:
    """Create or update a floor (its plan image is checked: PNG/JPEG/WebP, ≤ 5 MB). Office manager.

    A replaced or cleared plan's file is deleted once the change is committed."""
    old_plan = uploads.stored_file_name(floor, "plan")
    _save(floor, by)
    uploads.delete_replaced_file_on_commit(floor, "plan", old_plan)
    return floor


@transaction.atomic
def room_save(*, room: Room, by) -> Room:
    """Create or update a room, its equipment and its place on the plan. Office manager.

    Existing bookings are kept when a room stops being bookable; cancel or move them explicitly.
    """
    return _save(room, by)


@transaction.atomic
def desk_save(*, desk: Desk, by) -> Desk:
    """Create or update a desk (assigned person, hot desk, place on the plan). Office manager."""
    return _save(desk, by)
