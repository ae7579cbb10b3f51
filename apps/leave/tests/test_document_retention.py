"""Supporting documents are deleted LEAVE_DOCUMENT_RETENTION_DAYS after the leave ended, by a beat
job that is safe to run twice and records the deletion on the request."""

import datetime as dt
import zoneinfo

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.core.tests.files import pdf_bytes
from apps.leave import services, tasks
from apps.leave.models import LeaveType

D = dt.date
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def on(clock, day: dt.date) -> dt.datetime:
    """Move the clock to 03:00 in Paris on ``day`` (the beat job's hour)."""
    moment = dt.datetime(day.year, day.month, day.day, 3, 0, tzinfo=PARIS)
    clock.move_to(moment)
    return moment


@pytest.fixture
def certified(org, policy, clock):
    """Staff's sick leave of 4-6 March 2026 with its medical certificate, recorded on 2 March."""
    leave_request = services.leave_request_submit(
        person=org.staff,
        leave_type=LeaveType.objects.get(code="MAL"),
        start=D(2026, 3, 4),
        start_half="morning",
        end=D(2026, 3, 6),
        end_half="afternoon",
        comment="",
        document=SimpleUploadedFile("arret.pdf", pdf_bytes()),
        submitted_by=org.staff,
    ).request
    return leave_request


def test_the_default_retention_is_three_years():
    assert settings.LEAVE_DOCUMENT_RETENTION_DAYS == 3 * 365


def test_the_purge_runs_daily_from_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["leave-documents-purge"]
    assert entry["task"] == "apps.leave.tasks.leave_documents_purge" and entry["options"]["expires"]


def test_a_document_is_kept_during_the_retention_period(certified, clock):
    last_kept = D(2026, 3, 6) + dt.timedelta(days=3 * 365)
    on(clock, last_kept)
    assert services.leave_documents_purge() == 0
    certified.refresh_from_db()
    assert certified.document and certified.document_deleted_at is None
    assert default_storage.exists(certified.document.name)


def test_a_document_past_the_retention_period_is_deleted_and_the_deletion_recorded(certified, clock):
    name = certified.document.name
    deleted_at = on(clock, D(2029, 3, 10))
    assert services.leave_documents_purge() == 1
    certified.refresh_from_db()
    assert not certified.document and certified.document_deleted_at == deleted_at
    assert not default_storage.exists(name)


def test_running_the_job_twice_deletes_once(certified, clock):
    on(clock, D(2029, 3, 10))
    assert tasks.leave_documents_purge.delay().get() == 1
    certified.refresh_from_db()
    first = certified.document_deleted_at
    on(clock, D(2029, 3, 11))
    assert tasks.leave_documents_purge.delay().get() == 0
    certified.refresh_from_db()
    assert certified.document_deleted_at == first


def test_a_file_already_gone_is_recorded_as_deleted(certified, clock):
    default_storage.delete(certified.document.name)
    on(clock, D(2029, 3, 10))
    assert services.leave_documents_purge() == 1
    certified.refresh_from_db()
    assert certified.document_deleted_at is not None


def test_the_retention_is_a_setting(certified, clock, settings):
    settings.LEAVE_DOCUMENT_RETENTION_DAYS = 30
    on(clock, D(2026, 4, 5))
    assert services.leave_documents_purge() == 0
    on(clock, D(2026, 4, 6))
    assert services.leave_documents_purge() == 1


@pytest.mark.parametrize("role", ["staff", "office_manager"])
def test_the_request_page_says_the_document_was_deleted(org, certified, clock, client_for, role):
    on(clock, D(2029, 3, 10))
    services.leave_documents_purge()
    client = client_for(getattr(org, role))
    response = client.get(reverse("leave:request_detail", kwargs={"pk": certified.pk}))
    assert response.status_code == 200, response
    body = response.content.decode()
    assert "Supporting document deleted on 10 March 2029 (retention period)" in body
    assert 'data-testid="document-link"' not in body
    assert client.get(reverse("leave:request_document", kwargs={"pk": certified.pk})).status_code == 404


def test_the_manager_is_not_told_a_private_document_existed(org, certified, clock, client_for):
    on(clock, D(2029, 3, 10))
    services.leave_documents_purge()
    body = client_for(org.manager).get(reverse("leave:request_detail", kwargs={"pk": certified.pk})).content
    assert b'data-testid="document-deleted"' not in body
