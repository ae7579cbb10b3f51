"""The safety and hygiene register: office managers and directors see it, nobody else."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.db.models import Count, OuterRef, Q, QuerySet
from django.utils import timezone

from apps.core import cache as read_cache
from apps.core import roles
from apps.premises.models import CheckItem, CheckKind, CheckRecord, CheckStatus, check_status
from apps.premises.services.common import is_office_manager


def may_see_register(user) -> bool:
    return is_office_manager(user) or user.has_role(roles.DIRECTOR)


def with_last_check(items: QuerySet[CheckItem]) -> QuerySet[CheckItem]:
    """``items`` with the date (``last_done_on``) and result (``last_result``) of their last check."""
    last = CheckRecord.objects.filter(item=OuterRef("pk")).order_by("-done_on", "-created_at")
    return items.annotate(last_done_on=last.values("done_on")[:1], last_result=last.values("result")[:1])


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


def register_summary(user, today: dt.date | None = None) -> dict[str, int]:
    """How many checks are up to date, due within 30 days, and overdue. One query."""
    today = today or timezone.localdate()
    soon = today + dt.timedelta(days=30)
    counts = check_items_visible_to(user).aggregate(
        overdue=Count("pk", filter=Q(due_date__lt=today)),
        due_soon=Count("pk", filter=Q(due_date__gte=today, due_date__lte=soon)),
        ok=Count("pk", filter=Q(due_date__gt=soon)),
    )
    return {
        CheckStatus.OK: counts["ok"],
        CheckStatus.DUE_SOON: counts["due_soon"],
        CheckStatus.OVERDUE: counts["overdue"],
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
)


def _read_register_rows(user, site_id: int, today: dt.date) -> list[RegisterRow]:
    rows = check_items_visible_to(user).filter(site_id=site_id).values_list(*_REGISTER_COLUMNS)
    return [RegisterRow(*row, status=check_status(row[6], today)) for row in rows]


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
