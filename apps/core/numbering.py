"""Gap-free document numbers (DESIGN.md, invariants): ``next_number(series, year)`` in the issuing transaction.

The counter row of (series, year) is created if missing (a uniqueness race on the first document of a
year ends with both transactions locking the same row) and locked with ``select_for_update``: a second
issue waits until the first commits or rolls back, so the numbers of a year have no gap and no
duplicate. Call it inside the ``transaction.atomic`` block that saves the numbered document, last, so
that nothing that can still fail runs between taking the number and committing.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from apps.core.models import DocumentCounter


def next_number(series: str, year: int) -> int:
    """The next number of ``series`` in ``year`` (1, 2, 3…), taken under the counter row's lock."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must be called inside the transaction that issues the document")
    counter = DocumentCounter.objects.select_for_update().filter(series=series, year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                DocumentCounter.objects.create(series=series, year=year, last=0)
        except IntegrityError:
            pass  # created by a concurrent issue: lock it below
        counter = DocumentCounter.objects.select_for_update().get(series=series, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def formatted(prefix: str, year: int, number: int) -> str:
    """``BC-2026-0007``: the prefix, the year and the number on at least four digits."""
    return f"{prefix}-{year}-{number:04d}"
