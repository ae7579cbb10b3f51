"""The supplier directory in the cross-app registries (see apps/core/registry.py). Its menu entry
is purchasing's (one "Purchasing" entry covers /suppliers/ too). Each function costs a fixed number
of queries whatever the number of suppliers, documents, contracts and log entries."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core import roles
from apps.core.dates import date_text
from apps.core.registry import AgendaItem, BenchPage, Card
from apps.core.reversing import fixed_url, pk_url
from apps.suppliers.selectors import compliance as compliance_selectors
from apps.suppliers.selectors import directory as directory_selectors

# Kept by the registry's read cache (apps/core/cache.py): the cards and the agenda items depend on the
# viewer's role, today (and the agenda's range) and the database only.
CACHED_HOOKS = ("dashboard_cards", "agenda_items")


def dashboard_cards(user) -> list[Card]:
    """Compliance documents missing or expiring, contract notice deadlines, follow-ups due."""
    if not user.is_office_manager:
        return []
    return [*_compliance_cards(user), *_follow_up_cards(user)]


def agenda_items(user, start: dt.date, end: dt.date) -> list[AgendaItem]:
    """Contract notice deadlines and the relationship log's follow-ups."""
    if not user.is_office_manager:
        return []
    return [*_compliance_items(user, start, end), *_follow_up_items(user, start, end)]


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


# --- compliance: documents missing or expiring, contract deadlines (three queries, one) -------------


def _compliance_cards(user) -> list[Card]:
    today = timezone.localdate()
    urgent, expiring = compliance_selectors.flagged_suppliers_count(today)
    deadlines = compliance_selectors.notice_deadlines_soon(today)
    first = deadlines[0] if deadlines else None
    return [
        Card(
            title=_("Supplier documents"),
            value=urgent + expiring,
            url=fixed_url("suppliers:compliance"),
            detail=_("%(urgent)d missing or expired, %(expiring)d expiring") % {"urgent": urgent, "expiring": expiring},
            severity="danger" if urgent else ("warning" if expiring else "secondary"),
            icon="shield-exclamation",
            order=60,
        ),
        Card(
            title=_("Contract deadlines"),
            value=len(deadlines),
            url=fixed_url("suppliers:contract_list"),
            detail=(
                _("next: %(subject)s, %(date)s")
                % {"subject": first.contract.subject, "date": date_text(first.deadline.date, "SHORT_DATE_FORMAT")}
                if first
                else _("no notice to give within 30 days")
            ),
            severity="warning" if deadlines else "secondary",
            icon="calendar-x",
            order=61,
        ),
    ]


def _compliance_items(user, start: dt.date, end: dt.date) -> list[AgendaItem]:
    contracts_url = pk_url("suppliers:contracts")
    notice = _("Last day to give notice: %(subject)s (%(supplier)s)")
    ends = _("Contract ends: %(subject)s (%(supplier)s)")
    return [
        AgendaItem(
            title=(notice if deadline.kind == "notice" else ends)
            % {"subject": contract.subject, "supplier": contract.supplier.name},
            start=deadline.date,
            kind="contract_deadline",
            url=contracts_url(contract.supplier_id),
            privacy="private",
        )
        for contract, deadline in compliance_selectors.notice_deadlines_between(start, end)
    ]


# --- benchmark -----------------------------------------------------------------------------------


def benchmark_pages() -> list[BenchPage]:
    return [BenchPage(name="supplier list", path="/suppliers/", role=roles.OFFICE_MANAGER)]
