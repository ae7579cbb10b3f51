"""The daily job tells each office manager once about documents, contract deadlines and follow-ups;
the dashboard cards and the agenda items show them to the office manager only, in a fixed number of
queries."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core import mail

from apps.notifications.models import Notification, ReminderLedger
from apps.suppliers import contributions, tasks
from apps.suppliers.models import DocumentKind
from apps.suppliers.tests.factories import (
    ComplianceDocumentFactory,
    ContractFactory,
    InteractionFactory,
    SupplierFactory,
)

TODAY = dt.date(2026, 2, 10)
pytestmark = pytest.mark.django_db


@pytest.fixture
def clock():
    with time_machine.travel(dt.datetime(2026, 2, 10, 7, 50, tzinfo=dt.UTC), tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(org, clock):
    """A big supplier with no documents; one whose certificate runs out in 10 days; a cleaning contract
    whose last day to cancel is 28 February (ends 31 May, 3 months); a follow-up due yesterday."""
    missing = SupplierFactory(name="Nettoyage Pro")
    ContractFactory(supplier=missing, subject="Ménage", ends_on=dt.date(2026, 5, 31), amount_per_year=Decimal("9600"))
    expiring = SupplierFactory(name="Sécurité Plus")
    ContractFactory(
        supplier=expiring, subject="Gardiennage", ends_on=dt.date(2026, 12, 31), amount_per_year=Decimal("20000")
    )
    ComplianceDocumentFactory(
        supplier=expiring, kind=DocumentKind.VIGILANCE, issued_on=dt.date(2025, 8, 21), expires_on=dt.date(2026, 2, 20)
    )
    ComplianceDocumentFactory(
        supplier=expiring, kind=DocumentKind.KBIS, issued_on=dt.date(2026, 1, 10), expires_on=dt.date(2026, 4, 9)
    )
    small = SupplierFactory(name="Papeterie")
    follow_up = InteractionFactory(
        supplier=small, follow_up_on=TODAY - dt.timedelta(days=1), by=org.office_manager, summary="Relancer le devis"
    )
    InteractionFactory(supplier=small, follow_up_on=TODAY + dt.timedelta(days=20), by=org.office_manager)
    return {"missing": missing, "expiring": expiring, "follow_up": follow_up}


def test_each_thing_is_told_once(org, world, clock, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        # Missing (Nettoyage Pro), expiring certificate (Sécurité Plus), the contract deadline, the follow-up.
        assert tasks.compliance_reminders.delay().get() == 4
    assert tasks.compliance_reminders() == 0  # the beat job ran twice: nothing more
    kinds = sorted(Notification.objects.filter(recipient=org.office_manager).values_list("kind", flat=True))
    assert kinds == [
        "suppliers_contract_notice",
        "suppliers_document_expiring",
        "suppliers_documents_missing",
        "suppliers_follow_up",
    ]
    assert not Notification.objects.filter(recipient=org.staff).exists()
    assert ReminderLedger.objects.count() == 4
    subjects = sorted(message.subject for message in mail.outbox)
    assert "Contract Ménage: give notice by 28/02/2026" in subjects
    assert "Documents missing for Nettoyage Pro" in subjects
    assert "Follow up with Papeterie" in subjects
    body = next(m.body for m in mail.outbox if m.subject.startswith("Documents missing"))
    assert "URSSAF certificate of vigilance" in body and "Kbis extract" in body
    # Days later: the certificate has expired (same document, same date: not told again).
    clock.shift(dt.timedelta(days=12))
    assert tasks.compliance_reminders() == 0


def test_a_second_office_manager_is_told_too_and_a_new_document_is_a_new_notice(org, world, clock):
    from django.contrib.auth.models import Group

    from apps.accounts.models import OFFICE_MANAGER_GROUP
    from apps.accounts.tests.factories import UserFactory

    assert tasks.compliance_reminders() == 4
    second = UserFactory(email="office2@test.fr")
    second.groups.add(Group.objects.get(name=OFFICE_MANAGER_GROUP))
    assert tasks.compliance_reminders() == 4
    ComplianceDocumentFactory(
        supplier=world["expiring"],
        kind=DocumentKind.VIGILANCE,
        issued_on=dt.date(2026, 2, 1),
        expires_on=dt.date(2026, 3, 1),  # expiring again soon: a new document, a new notice each
    )
    assert tasks.compliance_reminders() == 2


def test_notice_given_stops_the_contract_reminder(org, world, clock):
    from apps.suppliers.models import Contract

    Contract.objects.filter(subject="Ménage").update(terminated_on=TODAY)
    Contract.objects.filter(subject="Gardiennage").update(amount_per_year=0)
    tasks.compliance_reminders()
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert "suppliers_contract_notice" not in kinds


def test_a_follow_up_done_is_not_told(org, world, clock):
    from django.utils import timezone

    world["follow_up"].follow_up_done_at = timezone.now()
    world["follow_up"].save()
    tasks.compliance_reminders()
    assert not Notification.objects.filter(kind="suppliers_follow_up").exists()


def test_the_dashboard_cards(org, world, django_assert_max_num_queries):
    assert org.office_manager.is_office_manager
    with django_assert_max_num_queries(4):  # compliance three, the directory's follow-ups one
        cards = {card.title: card for card in contributions.dashboard_cards(org.office_manager)}
    documents = cards["Supplier documents"]
    assert documents.value == 2 and documents.severity == "danger" and documents.url == "/suppliers/compliance/"
    assert documents.detail == "1 missing or expired, 1 expiring"
    deadlines = cards["Contract deadlines"]
    assert deadlines.value == 1 and "Ménage, 28/02/2026" in deadlines.detail


@pytest.mark.parametrize("role", ["staff", "manager", "director"])
def test_the_hooks_are_for_the_office_manager_only(org, world, role):
    user = getattr(org, role)
    assert contributions.dashboard_cards(user) == []
    assert contributions.agenda_items(user, TODAY, TODAY + dt.timedelta(days=60)) == []


def test_the_agenda_shows_notice_deadlines_and_follow_ups(org, world, django_assert_max_num_queries):
    for n in range(10):
        ContractFactory(supplier=world["missing"], subject=f"Contrat {n}", ends_on=dt.date(2027, 1, 31))
    with django_assert_max_num_queries(3):
        items = contributions.agenda_items(org.office_manager, dt.date(2026, 2, 1), dt.date(2026, 3, 31))
    titles = {(item.start, item.title) for item in items}
    assert (dt.date(2026, 2, 28), "Last day to give notice: Ménage (Nettoyage Pro)") in titles
    assert all(item.privacy == "private" for item in items if item.kind == "contract_deadline")
    # Monthly renewal over a long range: one deadline per term.
    supplier = SupplierFactory()
    ContractFactory(
        supplier=supplier, subject="Mensuel", ends_on=dt.date(2026, 1, 31), renewal_months=1, notice_months=1
    )
    items = contributions.agenda_items(org.office_manager, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    monthly = [item.start for item in items if "Mensuel" in item.title]
    assert monthly == [dt.date(2026, 1, 31), dt.date(2026, 2, 28)] + [
        dt.date(2026, m + 1, 1) - dt.timedelta(days=1) for m in range(3, 12)
    ] + [dt.date(2026, 12, 31)]


def test_the_reminders_are_written_in_the_recipients_language(org, world, clock, django_capture_on_commit_callbacks):
    org.office_manager.language = "fr"
    org.office_manager.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        tasks.compliance_reminders()
    subjects = sorted(message.subject for message in mail.outbox)
    assert "Contrat Ménage : résilier avant le 28/02/2026" in subjects
    assert "Documents manquants pour Nettoyage Pro" in subjects
    assert "Sécurité Plus : « Attestation de vigilance URSSAF » expire le 20/02/2026" in subjects
    body = next(m.body for m in mail.outbox if m.subject.startswith("Contrat"))
    assert "reconduit tacitement le 1 juin 2026" in body or "reconduit tacitement le 1er juin 2026" in body
    notice = Notification.objects.get(recipient=org.office_manager, kind="suppliers_follow_up")
    assert notice.url == f"/suppliers/{world['follow_up'].supplier_id}/log/"
