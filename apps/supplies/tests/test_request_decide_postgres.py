"""The same decision posted twice at the same moment decides once (the request row is locked)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.notifications.models import Notification
from apps.supplies.models import RequestStatus
from apps.supplies.services import request_decide
from apps.supplies.tests.requests_helpers import submitted

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks to race on"),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_decisions_at_once_decide_once(org):
    request = submitted(org.staff, "80.00", "20.00")
    barrier = threading.Barrier(2)
    outcomes = []

    def decide(**choice):
        try:
            barrier.wait(timeout=10)
            request_decide(request=request, by=org.office_manager, **choice)
            outcomes.append("decided")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide),
        threading.Thread(target=decide, kwargs={"approved_line_ids": [], "refusal_reason": "Non"}),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["This request has already been decided.", "decided"]
    request.refresh_from_db()
    assert request.status in (RequestStatus.APPROVED, RequestStatus.REFUSED)
    assert Notification.objects.filter(recipient=org.staff).count() == 1
