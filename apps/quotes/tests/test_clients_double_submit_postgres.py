"""PostgreSQL: the same client form sent several times at once adds one client; one SIRET typed in
several forms at once is saved once, the others getting the SIRET's field error (never a server error)."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.core.tests.races import run_at_once
from apps.quotes.models import Client, ClientContact
from apps.quotes.services.clients import ALREADY_CREATED, client_create, contact_create
from apps.quotes.tests.factories_clients import VALID_SIRET, ClientFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_same_form_sent_four_times_at_once_adds_one_client(org):
    token = uuid.uuid4()
    outcomes = run_at_once(
        4, lambda i: client_create(by=org.office_manager, kind="company", name="Favre", country="FR", token=token)
    )
    assert Client.objects.filter(creation_token=token).count() == 1
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 3 and all(o.code == ALREADY_CREATED for o in refused)


def test_one_siret_in_four_forms_at_once_is_saved_once(org):
    outcomes = run_at_once(
        4,
        lambda i: client_create(
            by=org.office_manager, kind="company", name=f"Copie {i}", siret=VALID_SIRET, token=uuid.uuid4()
        ),
    )
    assert Client.objects.filter(siret=VALID_SIRET).count() == 1
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 3 and all("siret" in o.error_dict for o in refused)


def test_contacts_marked_primary_at_once_leave_one_primary(org):
    client = ClientFactory()
    outcomes = run_at_once(
        4, lambda i: contact_create(client=client, by=org.office_manager, name=f"Contact {i}", is_primary=True)
    )
    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert ClientContact.objects.filter(client=client).count() == 4
    assert ClientContact.objects.filter(client=client, is_primary=True).count() == 1
