"""Submitting a request: every refusal saves nothing; warnings do not refuse."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.core.tests.files import pdf_bytes
from apps.leave import services
from apps.leave.models import ApprovalStep, LeaveRequest, LeaveStatus, LeaveType, LedgerEntry
from apps.notifications.models import Notification

D = dt.date
PDF = pdf_bytes()


def submit(person, leave_type, start, end, *, start_half="morning", end_half="afternoon", by=None, document=None):
    return services.leave_request_submit(
        person=person,
        leave_type=leave_type,
        start=start,
        start_half=start_half,
        end=end,
        end_half=end_half,
        comment="",
        document=document,
        submitted_by=by or person,
    )


def assert_refused(message, *args, **kwargs):
    requests, steps, entries = LeaveRequest.objects.count(), ApprovalStep.objects.count(), LedgerEntry.objects.count()
    notifications = Notification.objects.count()
    with pytest.raises(ValidationError) as exc:
        submit(*args, **kwargs)
    assert any(message in m for m in exc.value.messages), exc.value.messages
    assert LeaveRequest.objects.count() == requests
    assert ApprovalStep.objects.count() == steps
    assert LedgerEntry.objects.count() == entries
    assert Notification.objects.count() == notifications


@pytest.fixture
def staff(org, policy, clock, credit, cp):
    credit(org.staff, cp, 25)
    return org.staff


def test_lyon_employee_in_jours_ouvres_asking_4_to_15_may_2026_uses_8_days(staff, cp, org):
    submission = submit(staff, cp, D(2026, 5, 4), D(2026, 5, 15))
    leave = submission.request
    assert leave.days == Decimal(8)
    assert leave.status == LeaveStatus.PENDING
    assert leave.steps.get().approver == org.manager
    assert submission.warnings == []


def test_end_before_start_is_refused(staff, cp):
    assert_refused("end date is before", staff, cp, D(2026, 5, 15), D(2026, 5, 4))


def test_a_period_with_no_counted_day_is_refused(staff, cp):
    assert_refused("no day to count", staff, cp, D(2026, 5, 16), D(2026, 5, 17))
    assert_refused("no day to count", staff, cp, D(2026, 5, 1), D(2026, 5, 1))


def test_overlap_with_own_pending_or_approved_leave_is_refused(staff, cp, org):
    first = submit(staff, cp, D(2026, 5, 4), D(2026, 5, 6)).request
    assert_refused("overlaps", staff, cp, D(2026, 5, 6), D(2026, 5, 7))
    services.leave_request_approve(request=first, by=org.manager)
    assert_refused("overlaps", staff, cp, D(2026, 5, 1), D(2026, 5, 4))


def test_a_morning_and_an_afternoon_of_the_same_day_do_not_overlap(staff, cp):
    submit(staff, cp, D(2026, 5, 5), D(2026, 5, 5), end_half="morning")
    submit(staff, cp, D(2026, 5, 5), D(2026, 5, 5), start_half="afternoon")
    assert LeaveRequest.objects.filter(person=staff).count() == 2


def test_cancelled_or_refused_leave_does_not_block_the_dates(staff, cp, org):
    first = submit(staff, cp, D(2026, 5, 4), D(2026, 5, 6)).request
    services.leave_request_cancel(request=first, by=staff)
    second = submit(staff, cp, D(2026, 5, 4), D(2026, 5, 6)).request
    services.leave_request_refuse(request=second, by=org.manager, reason="Busy week")
    submit(staff, cp, D(2026, 5, 4), D(2026, 5, 6))


def test_not_enough_balance_is_refused_counting_pending_requests(org, policy, clock, credit, cp):
    credit(org.staff, cp, 10)
    submit(org.staff, cp, D(2026, 5, 4), D(2026, 5, 15))  # 8 days, pending
    assert_refused("Not enough balance", org.staff, cp, D(2026, 6, 1), D(2026, 6, 5))


def test_the_policy_may_allow_a_negative_balance(org, policy, clock, credit, cp):
    credit(org.staff, cp, 5)
    assert_refused("Not enough balance", org.staff, cp, D(2026, 5, 4), D(2026, 5, 15))
    policy.max_negative_days = Decimal(3)
    policy.save()
    assert submit(org.staff, cp, D(2026, 5, 4), D(2026, 5, 15)).request.days == 8


def test_without_anticipation_only_acquired_days_can_be_taken(org, policy, clock, credit, cp):
    policy.allow_anticipation = False
    policy.save()
    credit(org.staff, cp, 20, period=D(2025, 6, 1))  # being acquired until 31 May 2026
    assert_refused("Not enough balance", org.staff, cp, D(2026, 5, 4), D(2026, 5, 6))
    # The same days are acquired for a leave in June (next period).
    assert submit(org.staff, cp, D(2026, 6, 8), D(2026, 6, 10)).request.days == 3


def test_leave_in_the_past_only_by_the_office_manager(staff, cp, org):
    assert_refused("past", staff, cp, D(2026, 2, 23), D(2026, 2, 24))
    leave = submit(staff, cp, D(2026, 2, 23), D(2026, 2, 24), by=org.office_manager).request
    assert leave.submitted_by == org.office_manager


def test_staff_cannot_submit_for_someone_else(staff, cp, org):
    assert_refused("only submit leave for yourself", staff, cp, D(2026, 5, 4), D(2026, 5, 5), by=org.colleague)


def test_sick_leave_needs_a_certificate_uses_no_balance_and_needs_no_approval(org, policy, clock, sick):
    assert_refused("needs a supporting document", org.staff, sick, D(2026, 3, 2), D(2026, 3, 4))
    certificate = SimpleUploadedFile("arret.pdf", PDF, content_type="application/pdf")
    leave = submit(org.staff, sick, D(2026, 3, 2), D(2026, 3, 4), document=certificate).request
    assert leave.status == LeaveStatus.APPROVED
    assert not leave.steps.exists()
    assert not LedgerEntry.objects.filter(person=org.staff).exists()
    assert leave.document.name.startswith("leave/documents/")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("arret.exe", PDF, "PDF, JPEG or PNG"),
        ("arret.pdf", b"MZ\x90\x00 not a pdf", "not a valid PDF"),
        ("arret.png", b"\x89PNG\r\n\x1a\n" + b"0" * (5 * 1024 * 1024), "5 MB"),
    ],
)
def test_documents_must_be_small_pdf_jpeg_or_png(org, policy, clock, sick, name, content, message):
    document = SimpleUploadedFile(name, content)
    assert_refused(message, org.staff, sick, D(2026, 3, 2), D(2026, 3, 4), document=document)


def test_family_event_days_over_the_legal_maximum_are_refused(org, policy, clock):
    marriage = LeaveType.objects.get(code="FAM_MAR")
    document = SimpleUploadedFile("faire-part.pdf", PDF)
    assert_refused("at most 4 days", org.staff, marriage, D(2026, 6, 8), D(2026, 6, 12), document=document)
    document = SimpleUploadedFile("faire-part.pdf", PDF)
    assert submit(org.staff, marriage, D(2026, 6, 8), D(2026, 6, 11), document=document).request.days == 4


def test_family_events_are_taken_in_whole_days(org, policy, clock):
    birth = LeaveType.objects.get(code="FAM_NAIS")
    document = SimpleUploadedFile("acte.pdf", PDF)
    assert_refused("whole days", org.staff, birth, D(2026, 6, 8), D(2026, 6, 9), end_half="morning", document=document)


def test_more_than_20_ouvres_in_one_block_warns_but_is_saved(org, policy, clock, credit, cp):
    credit(org.staff, cp, 40)
    submission = submit(org.staff, cp, D(2026, 7, 6), D(2026, 8, 7))
    assert submission.request.pk
    assert len(submission.warnings) == 1
    assert "derogation" in submission.warnings[0]


def test_adjacent_requests_form_one_block_for_the_warning(org, policy, clock, credit, cp):
    credit(org.staff, cp, 40)
    assert submit(org.staff, cp, D(2026, 7, 6), D(2026, 7, 24)).warnings == []  # 14 days
    # The next request starts on the Monday after: 14 + 10 = 24 ouvrés in one block.
    assert submit(org.staff, cp, D(2026, 7, 27), D(2026, 8, 7)).warnings


def test_preview_counts_and_checks_without_saving(staff, cp):
    preview = services.leave_request_preview(
        person=staff, leave_type=cp, start=D(2026, 5, 4), end=D(2026, 5, 15), start_half="morning"
    )
    assert preview.ok
    assert preview.days == 8
    assert (preview.available, preview.balance_after) == (Decimal(25), Decimal(17))
    assert not LeaveRequest.objects.exists()
    bad = services.leave_request_preview(person=staff, leave_type=cp, start=D(2026, 5, 15), end=D(2026, 5, 4))
    assert not bad.ok


def test_preview_can_skip_the_document_check_while_typing(org, policy, clock, sick):
    preview = services.leave_request_preview(
        person=org.staff, leave_type=sick, start=D(2026, 3, 2), end=D(2026, 3, 3), check_document=False
    )
    assert preview.ok and preview.days == 2
