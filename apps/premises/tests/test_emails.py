"""The e-mails the premises app sends read right (rendered from templates/emails/premises_*)."""

import datetime as dt

import pytest
import time_machine

from apps.notifications.models import EmailOutbox
from apps.premises.services import (
    booking_cancel,
    booking_create,
    booking_series_cancel,
    booking_series_create,
    register_send_reminders,
)
from apps.premises.tests.conftest import PARIS, TUESDAY, at
from apps.premises.tests.factories import CheckItemFactory


def body(user, kind) -> EmailOutbox:
    return EmailOutbox.objects.get(recipient=user, kind=kind)


@pytest.mark.usefixtures("clock")
def test_cancellation_email_names_the_room_the_time_and_the_reason(org, room):
    booking = booking_create(
        resource=room, person=org.staff, by=org.staff, start=at(TUESDAY, 10), end=at(TUESDAY, 11), title="Sync"
    )
    booking_cancel(booking=booking, by=org.office_manager, reason="Board meeting")
    mail = body(org.staff, "premises_booking_cancelled")
    assert "Rhône" in mail.subject
    assert "10:00" in mail.body_text and "11:00" in mail.body_text and "Board meeting" in mail.body_text


@pytest.mark.usefixtures("clock")
def test_series_cancelled_by_the_office_manager_tells_the_person_once(org, room):
    series = booking_series_create(
        resource=room,
        person=org.staff,
        by=org.staff,
        start=at(TUESDAY, 10),
        end=at(TUESDAY, 11),
        interval_weeks=1,
        until=dt.date(2026, 3, 31),
    )
    assert booking_series_cancel(booking=series.bookings.first(), by=org.office_manager, reason="Works") == 5
    mail = body(org.staff, "premises_booking_series_cancelled")
    assert "5" in mail.body_text and "Works" in mail.body_text


def test_overdue_reminder_says_how_late(org):
    CheckItemFactory(site=org.site, first_due_date=dt.date(2026, 3, 15), supplier="Sicli")
    with time_machine.travel(dt.datetime(2026, 3, 22, 8, tzinfo=PARIS), tick=False):
        register_send_reminders()
    mail = body(org.office_manager, "premises_check_overdue")
    assert "Fire extinguishers" in mail.subject or "Extincteurs" in mail.subject or "extinguishers" in mail.subject
    assert "7" in mail.body_text and "Lyon" in mail.body_text
