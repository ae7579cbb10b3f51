"""Budgets against spend: committed (orders sent, not yet invoiced), invoiced, remaining."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal


def remaining_for_supplies_categories(*, categories: Iterable[str], year: int) -> dict[str, Decimal]:
    """The budget of ``year`` left per supplies category that has a budget (see apps/supplies/budgets.py)."""
    return {}
