"""The same request form sent twice, one after the other or at the same moment, saves one request and
never ends in a server error: the second is told it was already sent (the form's one-time token)."""

import threading
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from apps.supplies.models import RequestLine, SupplyRequest
from apps.supplies.services import requests as request_services
from apps.supplies.tests._staff import free_line, submit


def _already_sent(error: ValidationError) -> bool:
    return [e.code for e in error.error_list] == ["already_submitted"]


@pytest.mark.django_db
def test_the_same_token_twice_saves_one_request(org):
    token = uuid.uuid4()
    first = submit(org.staff, lines=[free_line("120.00")], token=token)
    with pytest.raises(ValidationError) as error:
        submit(org.staff, lines=[free_line("120.00")], token=token)
    assert _already_sent(error.value)
    assert "already been sent" in error.value.messages[0]
    assert list(SupplyRequest.objects.all()) == [first] and RequestLine.objects.count() == 1


@pytest.mark.django_db
def test_two_people_may_send_forms_with_the_same_token(org):
    token = uuid.uuid4()
    submit(org.staff, lines=[free_line("120.00")], token=token)
    submit(org.colleague, lines=[free_line("120.00")], token=token)
    assert SupplyRequest.objects.count() == 2


@pytest.mark.django_db
def test_a_rival_saved_between_the_check_and_the_insert_ends_as_already_sent(org, monkeypatch):
    """In one thread: the twin request commits after our check passed; the unique constraint refuses
    ours, and ``unique_or`` turns it into the check's own message, nothing of ours saved (in one
    thread the twin is rolled back with the service's transaction)."""
    token = uuid.uuid4()
    real_check = request_services._check_not_submitted
    calls = []

    def check(requester, token_):
        if not calls:
            calls.append(1)
            SupplyRequest.objects.create(
                requester=requester, site=requester.site, reason="twin", needed_by="2100-01-01", submission_token=token_
            )
            return
        real_check(requester, token_)

    monkeypatch.setattr(request_services, "_check_not_submitted", check)
    with pytest.raises(ValidationError) as error:
        submit(org.staff, lines=[free_line("120.00")], token=token)
    assert _already_sent(error.value)
    assert calls and not SupplyRequest.objects.exists() and not RequestLine.objects.exists()


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="two connections at once need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_form_sent_twice_at_the_same_moment_saves_once(org):
    token = uuid.uuid4()
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def attempt():
        try:
            barrier.wait(timeout=10)
            outcomes.append(submit(org.staff, lines=[free_line("120.00")], token=token))
        except ValidationError as exc:
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    saved = [o for o in outcomes if isinstance(o, SupplyRequest)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(saved) == 1 and len(refused) == 1 and _already_sent(refused[0])
    assert SupplyRequest.objects.count() == 1 and RequestLine.objects.count() == 1
