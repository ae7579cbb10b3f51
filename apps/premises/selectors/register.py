"""The safety and hygiene register: office managers and directors see it, nobody else."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import NamedTuple

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from apps.accounts.models import Site
from apps.accounts.selectors import sites_for
from apps.core import cache as read_cache
from apps.core import roles
from apps.premises.models import (
    OPEN_STATUSES,
    CheckItem,
    CheckKind,
    CheckRecord,
    CheckResult,
    CheckStatus,
    check_status,
)
from apps.premises.services.common import is_office_manager


def may_see_register(user) -> bool:
    return is_office_manager(user) or user.has_role(roles.DIRECTOR)


def open_non_compliances() -> QuerySet[CheckRecord]:
    """Non-compliant checks whose repair ticket is not resolved or closed yet (active checks only)."""
    return CheckRecord.objects.filter(
        result=CheckResult.NON_COMPLIANT, item__is_active=True, ticket__status__in=OPEN_STATUSES
    )


def open_non_compliances_count(today: dt.date | None = None) -> int:
    """How many safety non-compliances found by checks done up to ``today`` are still to fix: their
    repair ticket is open. For the office manager's dashboard and the director's agenda (the caller
    checks ``may_see_register``). One query."""
    today = today or timezone.localdate()
    return open_non_compliances().filter(done_on__lte=today).count()


def with_last_check(items: QuerySet[CheckItem]) -> QuerySet[CheckItem]:
    """``items`` with the date (``last_done_on``) and result (``last_result``) of their last check, and
    whether a non-compliance of theirs is still to fix (``to_fix``)."""
    last = CheckRecord.objects.filter(item=OuterRef("pk")).order_by("-done_on", "-created_at")
    return items.annotate(
        last_done_on=last.values("done_on")[:1],
        last_result=last.values("result")[:1],
        to_fix=Exists(open_non_compliances().filter(item=OuterRef("pk"))),
    )


def check_items_visible_to(user) -> QuerySet[CheckItem]:
    """The register's active checks with their last check (office managers and directors; nothing
    for others), soonest due first."""
    if not may_see_register(user):
        return CheckItem.objects.none()
    return with_last_check(CheckItem.objects.filter(is_active=True).select_related("site")).order_by(
        "due_date", "site__name", "kind"
    )


def all_check_items_visible_to(user) -> QuerySet[CheckItem]:
    """Every check item, inactive ones too (their page keeps the history), for who may see the register."""
    if not may_see_register(user):
        return CheckItem.objects.none()
    return CheckItem.objects.select_related("site")


def check_records_visible_to(user) -> QuerySet[CheckRecord]:
    if not may_see_register(user):
        return CheckRecord.objects.none()
    return CheckRecord.objects.select_related("item__site")


def check_records_for(item: CheckItem) -> QuerySet[CheckRecord]:
    return item.records.select_related("recorded_by", "ticket").order_by("-done_on", "-created_at")


def has_open_non_compliance(records: list[CheckRecord]) -> bool:
    """Whether one of ``records`` (from ``check_records_for``) is non-compliant with its ticket still open."""
    return any(
        record.result == CheckResult.NON_COMPLIANT
        and getattr(record, "ticket", None) is not None
        and record.ticket.status in OPEN_STATUSES
        for record in records
    )


def register_summary(user, today: dt.date | None = None) -> dict[str, int]:
    """How many checks are up to date, due within 30 days, overdue, and to fix (as ``check_status``).
    One query."""
    today = today or timezone.localdate()
    soon = today + dt.timedelta(days=30)
    items = CheckItem.objects.filter(is_active=True) if may_see_register(user) else CheckItem.objects.none()
    to_fix = Q(Exists(open_non_compliances().filter(item=OuterRef("pk"))))
    not_late = Q(due_date__gte=today)
    counts = items.aggregate(
        overdue=Count("pk", filter=Q(due_date__lt=today)),
        to_fix=Count("pk", filter=not_late & to_fix),
        due_soon=Count("pk", filter=not_late & ~to_fix & Q(due_date__lte=soon)),
        ok=Count("pk", filter=~to_fix & Q(due_date__gt=soon)),
    )
    return {
        CheckStatus.OK: counts["ok"],
        CheckStatus.DUE_SOON: counts["due_soon"],
        CheckStatus.OVERDUE: counts["overdue"],
        CheckStatus.TO_FIX: counts["to_fix"],
    }


def register_items(user, site) -> list[CheckItem]:
    """The register of one site: every active check with its last check; one query."""
    return list(check_items_visible_to(user).filter(site=site))


class RegisterRow(NamedTuple):
    """A check of the register with what its row shows, and its status on the day asked."""

    pk: int
    kind: str
    name: str
    interval_months: int
    supplier: str
    legal_reference: str
    due_date: dt.date
    last_done_on: dt.date | None
    last_result: str | None
    to_fix: bool
    status: str  # CheckStatus, as CheckItem.status_on()

    @property
    def display_name(self) -> str:
        return self.name or str(CheckKind(self.kind).label)  # CheckItem.display_name


_REGISTER_COLUMNS = (
    "pk",
    "kind",
    "name",
    "interval_months",
    "supplier",
    "legal_reference",
    "due_date",
    "last_done_on",
    "last_result",
    "to_fix",
)


def _read_register_rows(user, site_id: int, today: dt.date) -> list[RegisterRow]:
    rows = check_items_visible_to(user).filter(site_id=site_id).values_list(*_REGISTER_COLUMNS)
    return [RegisterRow(*row, status=check_status(row[6], today, to_fix=row[9])) for row in rows]


def register_rows(user, site, today: dt.date) -> list[RegisterRow]:
    """``register_items`` as plain rows with their status on ``today`` (the register's page): one query,
    kept in the read cache per site, day and kind of viewer until a check or its record is written."""
    if not may_see_register(user):
        return []
    return read_cache.cached(
        ("premises.register_rows", read_cache.viewer_class_key(user), site.pk, today),
        lambda: _read_register_rows(user, site.pk, today),
    )


def checks_due_between(start: dt.date, end: dt.date, *, limit: int) -> list[tuple]:
    """Active checks of active sites due in [start, end], soonest first, as ``(pk, name, kind, due_date,
    site name)`` rows (the agenda of who keeps the register)."""
    checks = CheckItem.objects.filter(is_active=True, site__is_active=True, due_date__gte=start, due_date__lte=end)
    return list(checks.order_by("due_date").values_list("pk", "name", "kind", "due_date", "site__name")[:limit])


class PrintedItem(NamedTuple):
    """A check of the printed register: the item, its history (newest first) and its status."""

    item: CheckItem
    records: list[CheckRecord]
    status: str  # CheckStatus


class PrintedSite(NamedTuple):
    site: Site
    items: list[PrintedItem]


def _print_order(item: CheckItem) -> tuple:
    """Active checks first, then by name as read (accents aside: "Éclairage" with the E's)."""
    name = unicodedata.normalize("NFKD", item.display_name).encode("ascii", "ignore").decode().casefold()
    return (not item.is_active, name)


def register_for_print(user, today: dt.date, site_id: int | None = None) -> list[PrintedSite]:
    """The register as an inspector reads it: one site (``site_id``) or every site the user may see,
    each with its checks (active ones, then deactivated ones that have a history) and each check with
    every record (who did it, who entered it, its ticket). Three queries whatever the size; nothing
    for who may not see the register."""
    if not may_see_register(user):
        return []
    sites = sites_for(user)
    sites = sites.filter(is_active=True) if site_id is None else sites.filter(pk=site_id)
    records = CheckRecord.objects.select_related("recorded_by", "ticket").order_by("-done_on", "-created_at")
    items = (
        CheckItem.objects.filter(Q(is_active=True) | Exists(CheckRecord.objects.filter(item=OuterRef("pk"))))
        .order_by("-is_active")
        .prefetch_related(Prefetch("records", queryset=records, to_attr="history"))
    )
    printed = []
    for site in sites.prefetch_related(Prefetch("check_items", queryset=items, to_attr="register_items")):
        rows = [
            PrintedItem(
                item=item,
                records=item.history,
                status=check_status(item.due_date, today, to_fix=has_open_non_compliance(item.history)),
            )
            for item in sorted(site.register_items, key=_print_order)
        ]
        printed.append(PrintedSite(site=site, items=rows))
    return printed
