"""PostgreSQL: invoices issued at the same moment get FAC numbers in sequence with no gap and no
duplicate (the year's counter row is locked in the issuing transaction), one invoice issued twice at
once gets one number, a failed issue among others leaves no gap, and a payment posted twice at once
is recorded once."""

import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from apps.core.tests.races import run_at_once
from apps.quotes.models import Invoice, InvoiceStatus, Payment
from apps.quotes.services import invoices as services
from apps.quotes.services import payments
from apps.quotes.tests.factories_invoices import accepted_quote, blank_pdf, company

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def fast_pdf(monkeypatch):
    # The printed PDF is not what is tested here; a blank page keeps the transactions short.
    monkeypatch.setattr("apps.quotes.facturx.base_pdf", blank_pdf)
    company()


def drafts(org, count):
    return [services.invoice_from_quote(quote=accepted_quote(), by=org.office_manager) for _ in range(count)]


def issue(org, pk):
    return services.invoice_issue(invoice=Invoice.objects.get(pk=pk), by=org.office_manager)


def test_two_invoices_issued_at_once_get_0001_and_0002(org):
    invoices = drafts(org, 2)
    outcomes = run_at_once(2, lambda i: issue(org, invoices[i].pk))
    assert all(isinstance(outcome, Invoice) for outcome in outcomes), outcomes
    year = timezone.localdate().year
    assert sorted(Invoice.objects.values_list("number", flat=True)) == [f"FAC-{year}-0001", f"FAC-{year}-0002"]


def test_invoices_issued_at_once_are_numbered_in_sequence_without_gaps(org):
    invoices = drafts(org, 6)
    outcomes = run_at_once(len(invoices), lambda i: issue(org, invoices[i].pk))
    assert all(isinstance(outcome, Invoice) for outcome in outcomes), outcomes
    year = timezone.localdate().year
    assert sorted(Invoice.objects.values_list("number", flat=True)) == [f"FAC-{year}-{n:04d}" for n in range(1, 7)]


def test_the_same_invoice_issued_twice_at_once_gets_one_number(org):
    (invoice,) = drafts(org, 1)
    outcomes = run_at_once(3, lambda i: issue(org, invoice.pk))
    assert sum(isinstance(outcome, Invoice) for outcome in outcomes) == 1
    assert sum(isinstance(outcome, ValidationError) for outcome in outcomes) == 2
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.ISSUED and invoice.number.endswith("-0001")


def test_a_failed_issue_among_others_leaves_no_gap(org, monkeypatch):
    invoices = drafts(org, 4)
    failing = invoices[1].pk

    def pdf(invoice):
        if invoice.pk == failing:
            raise RuntimeError("the printer caught fire")
        return blank_pdf()

    monkeypatch.setattr("apps.quotes.facturx.base_pdf", pdf)
    outcomes = run_at_once(len(invoices), lambda i: issue(org, invoices[i].pk))
    assert sum(isinstance(outcome, RuntimeError) for outcome in outcomes) == 1
    year = timezone.localdate().year
    numbers = sorted(Invoice.objects.exclude(number="").values_list("number", flat=True))
    assert numbers == [f"FAC-{year}-{n:04d}" for n in range(1, 4)]


def test_a_payment_posted_twice_at_once_is_recorded_once(org):
    (invoice,) = drafts(org, 1)
    invoice = issue(org, invoice.pk)
    token = uuid.uuid4()
    run_at_once(
        3,
        lambda i: payments.payment_record(
            invoice=Invoice.objects.get(pk=invoice.pk),
            by=org.office_manager,
            paid_on=timezone.localdate(),
            amount=Decimal("100.00"),
            token=token,
        ),
    )
    invoice.refresh_from_db()
    assert Payment.objects.count() == 1 and invoice.amount_paid == Decimal("100.00")


def test_two_different_payments_at_once_never_exceed_what_is_due(org):
    (invoice,) = drafts(org, 1)
    invoice = issue(org, invoice.pk)  # 960.00 due
    outcomes = run_at_once(
        2,
        lambda i: payments.payment_record(
            invoice=Invoice.objects.get(pk=invoice.pk),
            by=org.office_manager,
            paid_on=timezone.localdate(),
            amount=Decimal("600.00"),
            token=uuid.uuid4(),
        ),
    )
    assert sum(isinstance(outcome, ValidationError) for outcome in outcomes) == 1
    invoice.refresh_from_db()
    assert invoice.amount_paid == Decimal("600.00")
