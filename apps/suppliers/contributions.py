"""The supplier directory in the cross-app registries (see apps/core/registry.py). Its menu entry
is purchasing's (one "Purchasing" entry covers /suppliers/ too). Each function costs a fixed number
of queries whatever the number of suppliers, documents, contracts and log entries."""

from __future__ import annotations

import datetime as dt

from apps.core import roles
from apps.core.registry import AgendaItem, BenchPage, Card


def dashboard_cards(user) -> list[Card]:
    """Compliance documents missing or expiring, contract notice deadlines, follow-ups due."""
    return []


def agenda_items(user, start: dt.date, end: dt.date) -> list[AgendaItem]:
    """Contract notice deadlines and the relationship log's follow-ups."""
    return []


# --- benchmark -----------------------------------------------------------------------------------


def benchmark_pages() -> list[BenchPage]:
    return [BenchPage(name="supplier list", path="/suppliers/", role=roles.OFFICE_MANAGER)]
