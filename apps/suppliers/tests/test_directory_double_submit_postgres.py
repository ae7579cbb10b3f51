"""PostgreSQL: the same supplier form sent several times at once adds one supplier; the same SIRET typed
in two forms at once is saved once, the others getting the SIRET's error (never a server error)."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.core.tests.races import run_at_once
from apps.suppliers.models import Supplier
from apps.suppliers.services.directory import ALREADY_CREATED, supplier_create
from apps.suppliers.tests.factories import VALID_SIRET

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_same_form_sent_four_times_at_once_adds_one_supplier(org):
    token = uuid.uuid4()
    outcomes = run_at_once(4, lambda i: supplier_create(by=org.office_manager, name="Nettoyage Pro", token=token))
    assert Supplier.objects.filter(submission_token=token).count() == 1
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 3 and all(o.code == ALREADY_CREATED for o in refused)


def test_one_siret_in_four_forms_at_once_is_saved_once(org):
    outcomes = run_at_once(
        4, lambda i: supplier_create(by=org.office_manager, name=f"Copie {i}", siret=VALID_SIRET, token=uuid.uuid4())
    )
    assert Supplier.objects.filter(siret=VALID_SIRET).count() == 1
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 3 and all("siret" in o.error_dict for o in refused)
