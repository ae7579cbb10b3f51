"""The safety register: each check is due one interval after the previous one was done; reminders go out
once each."""

import datetime as dt
import threading

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from apps.accounts.tests.factories import OfficeManagerFactory
from apps.notifications.models import Notification
from apps.premises.models import CheckItem, CheckKind, CheckResult, CheckStatus, Ticket, TicketStatus
from apps.premises.services import (
    STANDARD_CHECKS,
    checkitem_save,
    checkrecord_create,
    register_create_standard_items,
    register_send_reminders,
)
from apps.premises.tests.conftest import PARIS
from apps.premises.tests.factories import CheckItemFactory

D = dt.date


@pytest.fixture
def item(org):
    return CheckItemFactory(site=org.site, first_due_date=D(2026, 3, 15), supplier="Sicli Lyon")


def record(item, by, done_on, result=CheckResult.COMPLIANT, to_fix=""):
    with time_machine.travel(dt.datetime.combine(done_on, dt.time(12), PARIS), tick=False):
        return checkrecord_create(item=item, by=by, done_on=done_on, done_by="Sicli", result=result, to_fix=to_fix)


def test_the_next_check_is_due_one_interval_after_the_check_was_done(org, item):
    om = org.office_manager
    record(item, om, D(2026, 4, 2))  # late for 15 March: a new interval from 2 April
    item.refresh_from_db()
    assert item.due_date == D(2027, 4, 2)
    record(item, om, D(2027, 3, 1))  # early: the next one comes forward
    item.refresh_from_db()
    assert item.due_date == D(2028, 3, 1)
    record(item, om, D(2029, 4, 20))  # 2028 missed
    item.refresh_from_db()
    assert item.due_date == D(2030, 4, 20)
    assert list(item.records.order_by("done_on").values_list("counted_for", flat=True)) == [
        D(2026, 3, 15),
        D(2027, 4, 2),
        D(2028, 3, 1),
    ]


def test_the_issue_example_emergency_lighting_checked_on_2_december(org):
    lighting = CheckItemFactory(site=org.site, kind=CheckKind.EMERGENCY_LIGHTING, first_due_date=D(2026, 12, 27))
    record(lighting, org.office_manager, D(2026, 12, 2))
    lighting.refresh_from_db()
    assert lighting.due_date == D(2027, 12, 2)


def test_a_check_done_before_the_register_was_started_makes_it_due_at_once(org):
    # Standard checks are added due today; the last check, done 14 months ago, is then recorded.
    extinguishers = CheckItemFactory(site=org.site, first_due_date=D(2026, 6, 1))
    record(extinguishers, org.office_manager, D(2025, 4, 1))
    extinguishers.refresh_from_db()
    assert extinguishers.due_date == D(2026, 4, 1)


def test_a_non_compliant_check_still_starts_a_new_interval(org, item):
    record(item, org.office_manager, D(2026, 3, 10), CheckResult.NON_COMPLIANT, to_fix="Replace extinguisher 3")
    item.refresh_from_db()
    assert item.due_date == D(2027, 3, 10)


def test_an_old_check_entered_late_is_history_only(org, item):
    record(item, org.office_manager, D(2026, 3, 10))
    late_entry = record(item, org.office_manager, D(2025, 3, 1))
    item.refresh_from_db()
    assert item.due_date == D(2027, 3, 10)
    assert late_entry.counted_for is None


def test_a_check_cannot_be_recorded_in_the_future(org, item):
    with time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=PARIS)), pytest.raises(ValidationError, match="before"):
        checkrecord_create(
            item=item, by=org.office_manager, done_on=D(2026, 3, 5), done_by="Sicli", result=CheckResult.COMPLIANT
        )


def test_only_an_office_manager_records_a_check(org, item):
    with pytest.raises(PermissionDenied):
        record(item, org.staff, D(2026, 3, 10))


def test_status_is_ok_due_soon_or_overdue(item):
    assert item.status_on(D(2026, 2, 12)) == CheckStatus.OK
    assert item.status_on(D(2026, 2, 13)) == CheckStatus.DUE_SOON
    assert item.status_on(D(2026, 3, 15)) == CheckStatus.DUE_SOON
    assert item.status_on(D(2026, 3, 16)) == CheckStatus.OVERDUE


def test_a_non_compliant_result_opens_a_ticket(org, item):
    rec = record(item, org.office_manager, D(2026, 3, 10), CheckResult.NON_COMPLIANT, to_fix="Replace extinguisher 3")
    ticket = Ticket.objects.get(source_check=rec)
    assert ticket.status == TicketStatus.NEW and ticket.site == org.site
    assert "Replace extinguisher 3" in ticket.description
    assert ticket.supplier == "Sicli Lyon"


def test_a_non_compliant_result_must_say_what_to_fix(org, item):
    with pytest.raises(ValidationError, match="fixed"):
        record(item, org.office_manager, D(2026, 3, 10), CheckResult.NON_COMPLIANT)
    assert not Ticket.objects.exists()


def test_a_compliant_result_opens_no_ticket(org, item):
    record(item, org.office_manager, D(2026, 3, 10), CheckResult.OBSERVATIONS, to_fix="Label faded")
    assert not Ticket.objects.exists()


def test_standard_items_are_created_once_with_their_intervals(org):
    created = register_create_standard_items(site=org.site, by=org.office_manager, first_due=D(2026, 6, 1))
    assert len(created) == len(STANDARD_CHECKS)
    assert register_create_standard_items(site=org.site, by=org.office_manager) == []
    assert CheckItem.objects.filter(site=org.site).count() == len(STANDARD_CHECKS)
    first_aid = CheckItem.objects.get(site=org.site, kind=CheckKind.FIRST_AID)
    assert first_aid.interval_months == 6 and "R4224-14" in first_aid.legal_reference
    duerp = CheckItem.objects.get(site=org.site, kind=CheckKind.DUERP)
    assert duerp.interval_months == 12 and "R4121-2" in duerp.legal_reference


def test_only_an_office_manager_creates_the_standard_items(org):
    for someone in (org.staff, org.manager, org.director):
        with pytest.raises(PermissionDenied):
            register_create_standard_items(site=org.site, by=someone)
    assert not CheckItem.objects.exists()


def test_standard_items_keep_the_ones_the_site_has(org):
    CheckItemFactory(site=org.site, kind=CheckKind.FIRST_AID, name="")
    CheckItemFactory(site=org.site, kind=CheckKind.DUERP, name="DUERP annexe")  # named: not the standard one
    created = register_create_standard_items(site=org.site, by=org.office_manager)
    assert CheckKind.FIRST_AID not in {item.kind for item in created}
    assert len(created) == len(STANDARD_CHECKS) - 1
    assert CheckItem.objects.filter(site=org.site, kind=CheckKind.FIRST_AID).count() == 1


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite serialises writers)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_double_submit_creates_the_standard_items_once(org):
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def attempt():
        try:
            barrier.wait(timeout=10)
            outcomes.append(register_create_standard_items(site=org.site, by=org.office_manager))
        except Exception as exc:  # whatever the second request would raise fails the assertion below
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(len(created) for created in outcomes) == [0, len(STANDARD_CHECKS)]
    assert CheckItem.objects.filter(site=org.site).count() == len(STANDARD_CHECKS)


def test_changing_the_interval_after_records_counts_from_the_last_check(org, item):
    record(item, org.office_manager, D(2026, 3, 10))
    item.refresh_from_db()
    item.interval_months = 6
    with time_machine.travel(dt.datetime(2026, 4, 1, 12, tzinfo=PARIS), tick=False):
        checkitem_save(item=item, by=org.office_manager)
    item.refresh_from_db()
    assert (item.first_due_date, item.due_date) == (D(2026, 3, 15), D(2026, 9, 10))
    record(item, org.office_manager, D(2026, 9, 1))
    item.refresh_from_db()
    assert item.due_date == D(2027, 3, 1)


def reminders(user=None):
    notifications = Notification.objects.filter(kind__startswith="premises_check")
    if user:
        notifications = notifications.filter(recipient=user)
    return list(notifications.order_by("pk").values_list("kind", flat=True))


def scan(day: dt.date) -> int:
    with time_machine.travel(dt.datetime.combine(day, dt.time(7, 30), PARIS), tick=False):
        return register_send_reminders()


def test_running_the_scan_twice_on_a_day_sends_once(org, item):
    assert scan(D(2026, 2, 13)) == 1
    assert scan(D(2026, 2, 13)) == 0
    assert reminders(org.office_manager) == ["premises_check_due_30"]


def test_reminders_30_days_7_days_on_the_day_then_weekly(org, item):
    second_om = OfficeManagerFactory(site=org.site)
    day = D(2026, 2, 1)
    while day <= D(2026, 4, 10):
        scan(day)
        scan(day)  # a second run the same day changes nothing
        day += dt.timedelta(days=1)
    expected = ["premises_check_due_30", "premises_check_due_7", "premises_check_due_today"] + [
        "premises_check_overdue"
    ] * 3  # 22 March, 29 March, 5 April
    assert reminders(org.office_manager) == expected
    assert reminders(second_om) == expected
    assert not reminders(org.staff)


def test_a_missed_day_is_caught_up_the_next_day(org, item):
    assert scan(D(2026, 3, 16)) == 1  # the beat was down on the 15th
    assert reminders(org.office_manager) == ["premises_check_due_today"]


def test_recording_the_check_stops_the_overdue_reminders(org, item):
    scan(D(2026, 3, 22))
    record(item, org.office_manager, D(2026, 3, 25))
    assert scan(D(2026, 3, 29)) == 0
    assert reminders(org.office_manager) == ["premises_check_overdue"]


def test_inactive_items_get_no_reminder(org, item):
    item.is_active = False
    item.save()
    assert scan(D(2026, 3, 15)) == 0


def test_the_scan_costs_bounded_queries(org, django_assert_max_num_queries):
    for n in range(20):
        CheckItemFactory(site=org.site, first_due_date=D(2026, 6, 1) + dt.timedelta(days=n))
    with django_assert_max_num_queries(2):
        assert scan(D(2026, 1, 1)) == 0


def test_the_beat_task_sends_what_is_due(org, item):
    from apps.premises.tasks import register_send_reminders as task

    with time_machine.travel(dt.datetime(2026, 3, 15, 7, 30, tzinfo=PARIS), tick=False):
        assert task.delay().get() == 1
        assert task.delay().get() == 0
