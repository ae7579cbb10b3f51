"""Gap-free document numbers: one counter row per series and year, taken under its lock."""

import threading

import pytest
from django.db import connection, transaction

from apps.core.models import DocumentCounter
from apps.core.numbering import formatted, next_number

pytestmark = pytest.mark.django_db


def test_numbers_run_from_one_per_series_and_year():
    with transaction.atomic():
        assert [next_number("purchase_order", 2026) for _ in range(3)] == [1, 2, 3]
        assert next_number("purchase_order", 2027) == 1
        assert next_number("quote", 2026) == 1
    assert DocumentCounter.objects.get(series="purchase_order", year=2026).last == 3


def test_a_rolled_back_issue_gives_its_number_back():
    with transaction.atomic():
        assert next_number("invoice", 2026) == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        next_number("invoice", 2026)
        raise RuntimeError("the document could not be saved")
    with transaction.atomic():
        assert next_number("invoice", 2026) == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_taking_a_number_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="inside the transaction"):
        next_number("invoice", 2026)


def test_formatted_pads_to_four_digits_and_grows_past_them():
    assert formatted("BC", 2026, 7) == "BC-2026-0007"
    assert formatted("FAC", 2026, 12345) == "FAC-2026-12345"


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks to race on")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_issues_never_share_or_skip_a_number():
    """Eight documents issued at once, some rolled back: the committed numbers are 1..n, no gap."""
    barrier = threading.Barrier(8)
    committed: list[int] = []
    lock = threading.Lock()

    def issue(fail: bool) -> None:
        try:
            barrier.wait(timeout=10)
            with transaction.atomic():
                number = next_number("race", 2026)
                if fail:
                    raise ValueError
            with lock:
                committed.append(number)
        except ValueError:
            pass
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(i % 3 == 0,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(committed) == list(range(1, len(committed) + 1))
    assert len(committed) == 5
