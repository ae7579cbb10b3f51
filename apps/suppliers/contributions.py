"""The supplier directory in the cross-app registries (see apps/core/registry.py). Its menu entry
is purchasing's (one "Purchasing" entry covers /suppliers/ too). Each function costs a fixed number
of queries whatever the number of suppliers, documents, contracts and log entries."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core import roles
from apps.core.registry import AgendaItem, BenchPage, Card
from apps.core.reversing import fixed_url, pk_url
from apps.suppliers.selectors import directory as directory_selectors


def dashboard_cards(user) -> list[Card]:
    """Compliance documents missing or expiring, contract notice deadlines, follow-ups due."""
    if not user.is_office_manager:
        return []
    return [*_follow_up_cards(user)]


def agenda_items(user, start: dt.date, end: dt.date) -> list[AgendaItem]:
    """Contract notice deadlines and the relationship log's follow-ups."""
    if not user.is_office_manager:
        return []
    return [*_follow_up_items(user, start, end)]


# --- supplier directory: the relationship log's follow-ups (one query each) ------------------------


def _follow_up_cards(user) -> list[Card]:
    count = directory_selectors.follow_ups_due_count(timezone.localdate())
    if not count:
        return []
    return [
        Card(
            title=_("Supplier follow-ups"),
            value=count,
            url=fixed_url("suppliers:list"),
            severity="warning",
            detail=_("follow-ups due today or overdue in the relationship log"),
            icon="telephone-forward",
            order=62,
        )
    ]


def _follow_up_items(user, start: dt.date, end: dt.date) -> list[AgendaItem]:
    log_url = pk_url("suppliers:log")
    label = _("Follow up: %(supplier)s")
    return [
        AgendaItem(
            title=label % {"supplier": entry.supplier.name},
            start=entry.follow_up_on,
            kind="supplier_follow_up",
            url=f"{log_url(entry.supplier_id)}?open=1",
        )
        for entry in directory_selectors.follow_ups_between(start, end)[:200]
    ]


# --- benchmark -----------------------------------------------------------------------------------


def benchmark_pages() -> list[BenchPage]:
    return [BenchPage(name="supplier list", path="/suppliers/", role=roles.OFFICE_MANAGER)]
