"""PostgreSQL: two office managers assigning one item at the same second get one assignment and one
clear message (the row lock serializes them; the one-open-assignment constraint stands behind it)."""

import threading
import uuid

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction

from apps.accounts.models import OFFICE_MANAGER_GROUP
from apps.accounts.tests.factories import UserFactory
from apps.core.tests.races import run_at_once
from apps.supplies.models import Assignment
from apps.supplies.services.equipment import equipment_assign
from apps.supplies.tests.factories import EquipmentItemFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL"),
]


@pytest.mark.django_db
def test_the_database_refuses_a_second_open_assignment(org):
    item = EquipmentItemFactory()
    Assignment.objects.create(item=item, person=org.staff, start="2026-03-02")
    with pytest.raises(IntegrityError, match="supplies_assignment_one_open_per_item"), transaction.atomic():
        Assignment.objects.create(item=item, person=org.colleague, start="2026-03-02")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_assignments_at_the_same_second_give_one_holder_and_one_clear_message(org):
    item = EquipmentItemFactory()
    other_manager = UserFactory(email="office2@test.fr", site=org.site)
    other_manager.groups.add(Group.objects.get_or_create(name=OFFICE_MANAGER_GROUP)[0])
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def attempt(by, person):
        try:
            barrier.wait(timeout=10)
            outcomes[person.email] = equipment_assign(item=item, person=person, by=by)
        except ValidationError as exc:
            outcomes[person.email] = exc
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=attempt, args=(org.office_manager, org.staff)),
        threading.Thread(target=attempt, args=(other_manager, org.colleague)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assigned = [o for o in outcomes.values() if isinstance(o, Assignment)]
    errors = [o for o in outcomes.values() if isinstance(o, ValidationError)]
    assert len(assigned) == 1 and len(errors) == 1
    assert "already held by" in errors[0].messages[0]
    item.refresh_from_db()
    assert item.holder == assigned[0].person
    assert Assignment.objects.filter(item=item).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_new_item_form_sent_three_times_at_once_adds_one_item(org):
    from apps.supplies.models import EquipmentItem
    from apps.supplies.services.equipment import ALREADY_CREATED, equipment_create

    token = uuid.uuid4()
    outcomes = run_at_once(3, lambda i: equipment_create(by=org.office_manager, token=token, kind="laptop"))
    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert len(refused) == 2 and all(exc.code == ALREADY_CREATED for exc in refused)
    assert EquipmentItem.objects.filter(submission_token=token).count() == EquipmentItem.objects.count() == 1
