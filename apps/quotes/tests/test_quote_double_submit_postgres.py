"""PostgreSQL: the new-quote form posted ten times at once makes one quote (every post lands on it), and
ten lines added at once to one draft get positions 1..10 and totals that count all ten (the quote's row
lock serialises them); never a 500."""

import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from apps.accounts.tests.test_double_submit_postgres import PARALLEL, post_at_once
from apps.quotes.models import Quote
from apps.quotes.tests.factories_editor import ClientFactory, QuoteFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="real parallel transactions need PostgreSQL"),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_identical_new_quote_posts_at_once_make_one_quote(org):
    client = ClientFactory()
    data = {"client": client.pk, "subject": "Devis", "validity_days": "30", "token": str(uuid.uuid4())}
    answers = post_at_once(org.office_manager, reverse("quotes:quote_create"), data)
    assert [status for status, _body in answers] == [302] * PARALLEL
    assert Quote.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_lines_added_at_once_keep_dense_positions_and_right_totals(org):
    quote = QuoteFactory(created_by=org.office_manager)
    data = {
        "form": "item",
        "line-description": "Pose",
        "line-quantity": "1",
        "line-unit_price": "10",
        "line-vat_rate": "20.00",
    }
    answers = post_at_once(org.office_manager, reverse("quotes:quote_line_add", args=[quote.pk]), data)
    assert [status for status, _body in answers] == [302] * PARALLEL
    assert sorted(quote.lines.values_list("position", flat=True)) == list(range(1, PARALLEL + 1))
    quote.refresh_from_db()
    assert quote.total_excl_vat == Decimal(10 * PARALLEL) and quote.total_incl_vat == Decimal(12 * PARALLEL)
