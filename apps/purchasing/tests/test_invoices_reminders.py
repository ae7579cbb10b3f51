"""Unpaid invoices due within 7 days: told to each office manager once (the daily beat job may run
any number of times), and counted on the office manager's dashboard with the overdue ones."""

import datetime as dt
import os

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.accounts.models import OFFICE_MANAGER_GROUP
from apps.accounts.tests.factories import UserFactory
from apps.notifications.models import Notification
from apps.purchasing import contributions, tasks
from apps.purchasing.models import InvoiceKind
from apps.purchasing.services.invoices import STAGED_DIR, invoice_file_stage, staged_file
from apps.purchasing.tests.factories import SupplierInvoiceFactory
from apps.purchasing.tests.invoices_helpers import plain_pdf

TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def clock():
    with time_machine.travel(dt.datetime(2026, 3, 2, 7, 45, tzinfo=dt.UTC), tick=False) as traveller:
        yield traveller


@pytest.fixture
def invoices(org, clock):
    def invoice(number, days, **fields):
        return SupplierInvoiceFactory(
            number=number, issued_on=TODAY - dt.timedelta(days=30), due_on=TODAY + dt.timedelta(days=days), **fields
        )

    return {
        "today": invoice("DUE-0", 0),
        "last_day": invoice("DUE-7", 7),
        "later": invoice("DUE-8", 8),
        "overdue": invoice("LATE-1", -1),
        "paid": invoice("PAID-3", 3, paid_on=TODAY),
        "credit": invoice("AV-3", 3, kind=InvoiceKind.CREDIT_NOTE),
    }


def test_invoices_due_within_7_days_are_told_once_to_each_office_manager(
    org, invoices, django_capture_on_commit_callbacks
):
    second = UserFactory(email="office2@test.fr")
    second.groups.add(Group.objects.get(name=OFFICE_MANAGER_GROUP))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.invoice_due_reminders.delay().get() == 4  # two invoices × two office managers
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.invoice_due_reminders.delay().get() == 0
    notified = Notification.objects.filter(kind="purchasing_invoice_due")
    assert notified.count() == 4
    assert {n.recipient for n in notified} == {org.office_manager, second}
    subjects = sorted(message.subject for message in mail.outbox)
    assert len(subjects) == 4
    assert any("DUE-0" in subject for subject in subjects) and any("DUE-7" in subject for subject in subjects)
    assert not any("DUE-8" in s or "LATE" in s or "PAID" in s or "AV-" in s for s in subjects)


def test_a_moved_due_date_is_told_again(org, invoices, clock):
    tasks.invoice_due_reminders.delay().get()
    invoice = invoices["last_day"]
    invoice.due_on = TODAY + dt.timedelta(days=6)
    invoice.save(update_fields=["due_on"])
    assert tasks.invoice_due_reminders.delay().get() == 1


def test_the_dashboard_counts_due_and_overdue_invoices(org, invoices, django_assert_max_num_queries):
    assert org.office_manager.is_office_manager
    with django_assert_max_num_queries(1):
        cards = contributions._invoice_cards(org.office_manager)
    figures = {str(card.title): card.value for card in cards}
    assert figures == {"Invoices due": 2, "Invoices overdue": 1}
    assert all("/purchasing/invoices/" in card.url for card in cards)


def test_the_cards_are_for_the_office_manager_only(org, invoices):
    for user in (org.staff, org.manager, org.director):
        titles = {str(card.title) for card in contributions.dashboard_cards(user)}
        assert "Invoices due" not in titles


def test_the_daily_job_drops_uploads_staged_but_never_saved(org, clock):
    upload = SimpleUploadedFile("f.pdf", plain_pdf(), "application/pdf")
    token, _read = invoice_file_stage(by=org.office_manager, upload=upload)
    tasks.invoice_due_reminders.delay().get()
    assert staged_file(by=org.office_manager, token=token) is not None  # fresh: kept
    # Uploaded three days ago (the file's own time: the frozen clock does not move it).
    path = default_storage.path(f"{STAGED_DIR}/{org.office_manager.pk}/{token}.pdf")
    three_days_ago = (timezone.now() - dt.timedelta(days=3)).timestamp()
    os.utime(path, (three_days_ago, three_days_ago))
    tasks.invoice_due_reminders.delay().get()
    assert staged_file(by=org.office_manager, token=token) is None
