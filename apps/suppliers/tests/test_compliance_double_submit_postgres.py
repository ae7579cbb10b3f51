"""PostgreSQL: the same document or contract sent twice at the same second is recorded once, and the
second sender gets a clear message (the supplier row lock serializes the two); two notices of one
contract at once: one recorded."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from apps.suppliers.models import ComplianceDocument, Contract, DocumentKind
from apps.suppliers.services import compliance as services
from apps.suppliers.tests.compliance_helpers import pdf_upload
from apps.suppliers.tests.factories import ContractFactory, SupplierFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _twice(work) -> list:
    barrier = threading.Barrier(2)
    outcomes: list = []

    def attempt():
        try:
            barrier.wait(timeout=10)
            outcomes.append(work())
        except ValidationError as exc:
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def _errors(outcomes) -> list[str]:
    return [message for o in outcomes if isinstance(o, ValidationError) for message in o.messages]


def test_one_document(org):
    supplier = SupplierFactory()
    outcomes = _twice(
        lambda: services.document_add(
            supplier=supplier,
            kind=DocumentKind.VIGILANCE,
            issued_on=dt.date(2026, 1, 15),
            expires_on=None,
            file=pdf_upload(),
            by=org.office_manager,
        )
    )
    assert ComplianceDocument.objects.count() == 1
    assert _errors(outcomes) == ["This document is already recorded."]


def test_one_contract(org):
    supplier = SupplierFactory()
    values = {
        "subject": "Maintenance ascenseur",
        "starts_on": dt.date(2026, 1, 1),
        "ends_on": dt.date(2026, 12, 31),
        "tacit_renewal": True,
        "renewal_months": 12,
        "notice_months": 3,
        "notice_days": 0,
        "amount_per_year": Decimal("4800"),
        "notes": "",
    }
    outcomes = _twice(lambda: services.contract_create(supplier=supplier, by=org.office_manager, **values))
    assert Contract.objects.count() == 1
    assert _errors(outcomes) == ["This contract is already recorded."]


def test_one_notice(org):
    contract = ContractFactory()
    outcomes = _twice(
        lambda: services.contract_terminate(contract=contract, on=dt.date(2026, 3, 2), today=dt.date(2026, 3, 2))
    )
    assert _errors(outcomes) == ["Notice was already recorded for this contract."]
    contract.refresh_from_db()
    assert contract.terminated_on == dt.date(2026, 3, 2)
