"""The supplier directory in the cross-app registries (see apps/core/registry.py). Its menu entry
is purchasing's (one "Purchasing" entry covers /suppliers/ too). Each function costs a fixed number
of queries whatever the number of suppliers, documents, contracts and log entries."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.dates import date_text
from apps.core.registry import AgendaItem, BenchPage, Card
from apps.core.reversing import fixed_url, pk_url
from apps.premises.services.common import is_office_manager
from apps.suppliers.selectors import compliance as compliance_selectors

# Kept by the registry's read cache (apps/core/cache.py): the cards and the agenda items depend on the
# viewer's role, today (and the agenda's range) and the database only.
CACHED_HOOKS = ("dashboard_cards", "agenda_items")


def dashboard_cards(user) -> list[Card]:
    """Office manager: compliance documents missing or expiring, contract deadlines within 30 days,
    follow-ups due (four queries)."""
    if not is_office_manager(user):
        return []
    today = timezone.localdate()
    urgent, expiring = compliance_selectors.flagged_suppliers_count(today)
    deadlines = compliance_selectors.notice_deadlines_soon(today)
    first = deadlines[0] if deadlines else None
    follow_ups = compliance_selectors.follow_ups_due(today).count()
    return [
        Card(
            title=_("Supplier documents"),
            value=urgent + expiring,
            url=fixed_url("suppliers:compliance"),
            detail=_("%(urgent)d missing or expired, %(expiring)d expiring") % {"urgent": urgent, "expiring": expiring},
            severity="danger" if urgent else ("warning" if expiring else "secondary"),
            icon="shield-exclamation",
            order=62,
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
            order=63,
        ),
        Card(
            title=_("Supplier follow-ups"),
            value=follow_ups,
            url=fixed_url("suppliers:list"),
            detail=_("planned in the relationship log, due"),
            severity="info" if follow_ups else "secondary",
            icon="telephone-outbound",
            order=64,
        ),
    ]


def agenda_items(user, start: dt.date, end: dt.date) -> list[AgendaItem]:
    """Office manager: contract notice deadlines and the relationship log's follow-ups (two queries)."""
    if not is_office_manager(user):
        return []
    contracts_url = pk_url("suppliers:contracts")
    log_url = pk_url("suppliers:log")
    items = []
    notice = _("Last day to give notice: %(subject)s (%(supplier)s)")
    ends = _("Contract ends: %(subject)s (%(supplier)s)")
    for contract, deadline in compliance_selectors.notice_deadlines_between(start, end):
        title = notice if deadline.kind == "notice" else ends
        items.append(
            AgendaItem(
                title=title % {"subject": contract.subject, "supplier": contract.supplier.name},
                start=deadline.date,
                kind="contract_deadline",
                url=contracts_url(contract.supplier_id),
                privacy="private",
            )
        )
    follow_up = _("Follow up with %(supplier)s")
    for entry in compliance_selectors.follow_ups_between(start, end):
        items.append(
            AgendaItem(
                title=follow_up % {"supplier": entry.supplier.name},
                start=entry.follow_up_on,
                kind="supplier_follow_up",
                url=log_url(entry.supplier_id),
                privacy="private",
            )
        )
    return items


# --- benchmark -----------------------------------------------------------------------------------


def benchmark_pages() -> list[BenchPage]:
    return []
