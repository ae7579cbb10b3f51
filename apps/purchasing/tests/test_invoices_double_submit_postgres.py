"""The same invoice form sent twice at the same moment gives one invoice; two forms entering the same
supplier's number at once give one invoice and a clear error, never a server error."""

import datetime as dt
import threading
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.purchasing.models import InvoiceVatLine, SupplierInvoice
from apps.purchasing.services.invoices import VatLineInput, invoice_create
from apps.suppliers.tests.factories import SupplierFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the race needs PostgreSQL's concurrency"),
]


def _race(org, supplier, tokens):
    barrier = threading.Barrier(len(tokens))
    outcomes = []

    def create(token):
        try:
            barrier.wait(timeout=10)
            invoice = invoice_create(
                by=org.office_manager,
                token=token,
                vat_lines=[VatLineInput(rate=Decimal("20"), base=Decimal("100.00"), vat=Decimal("20.00"))],
                supplier=supplier,
                kind="invoice",
                number="FA-RACE",
                issued_on=dt.date(2026, 3, 2),
                due_on=None,
                total_excl_vat=Decimal("100.00"),
                total_vat=Decimal("20.00"),
                total_incl_vat=Decimal("120.00"),
                category="supplies",
                site=None,
                team=None,
                notes="",
            )
            outcomes.append(invoice.pk)
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        finally:
            connection.close()

    threads = [threading.Thread(target=create, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_form_twice_at_once_gives_one_invoice(org):
    supplier = SupplierFactory()
    token = uuid.uuid4()
    outcomes = _race(org, supplier, [token, token])
    assert SupplierInvoice.objects.count() == 1
    assert outcomes == [SupplierInvoice.objects.get().pk] * 2
    assert InvoiceVatLine.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_forms_with_the_same_number_at_once_give_one_invoice_and_an_error(org):
    supplier = SupplierFactory()
    outcomes = _race(org, supplier, [uuid.uuid4(), uuid.uuid4()])
    assert SupplierInvoice.objects.count() == 1
    assert sorted(map(str, outcomes))[0] == str(SupplierInvoice.objects.get().pk)
    assert "already been entered" in str(outcomes)
