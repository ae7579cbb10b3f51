"""Cross-app contributions: how the dashboard, the agenda, the inbox and "my space" stay decoupled.

Each installed app may ship a ``contributions`` module defining any of these functions:

- ``dashboard_cards(user) -> list[Card]``: cards on the office manager's dashboard (and on the
  director's key figures);
- ``my_space_cards(user) -> list[Card]``: cards on a person's own home page (my requests, balances);
- ``agenda_items(user, start, end) -> list[AgendaItem]``: dated items the user may see that touch the
  days from ``start`` to ``end``, both included;
- ``pending_approvals(user) -> list[Approval]``: requests this user (or the person they stand in
  for) must decide;
- ``menu_entries(user) -> list[MenuEntry]``: links in the main navigation for this user;
- ``badge_counts(user) -> list[BadgeCount]``: the prepared counts (apps/core/prepared.py) behind the
  layout's badges: ``"approvals"`` (the inbox: what ``pending_approvals`` would list) and
  ``"notifications"`` (the bell). Every app's counts run as one query per page;
- ``benchmark_pages() -> list[BenchPage]``: key pages measured by the benchmark and by the
  query-budget tests.

A module may also set ``CACHED_READS = {"agenda_items": ("leave",), ...}``: the hooks whose result
depends only on the user, the arguments, today's date and the data of the apps listed (plus
``accounts`` and ``auth``, the user's own record and roles). Those results are kept until one of
these apps' data changes (apps/core/stamps.py), so the director's agenda does not read again what
has not changed since it was last opened. A hook reading the clock finer than the day must not be
listed.

Core collects them from every installed app; it never imports a domain app by name. Each
contribution must cost a bounded number of queries whatever the data volume.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType
from typing import Any

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core import stamps
from apps.core.dates import date_text
from apps.core.memo import memo_get, request_memo
from apps.core.prepared import count_many
from apps.core.reversing import url_scope

logger = logging.getLogger(__name__)

SEVERITIES = ("info", "success", "warning", "danger", "secondary")


@dataclass(frozen=True)
class Card:
    title: str
    value: int | str
    url: str = ""
    severity: str = "info"
    detail: str = ""
    icon: str = "info-circle"
    order: int = 100


@dataclass(frozen=True)
class AgendaItem:
    title: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime | None = None
    all_day: bool = True
    kind: str = "other"
    url: str = ""
    # "public": anyone who may see the item sees its title; "private": only its owner and the
    # office manager see details, others see a neutral label the contributor already put in title.
    privacy: str = "public"
    colour: str = ""

    @property
    def start_date(self) -> dt.date:
        return _local_date(self.start)

    @property
    def end_date(self) -> dt.date:
        return _local_date(self.end) if self.end is not None else self.start_date

    @property
    def spans_days(self) -> bool:
        return self.end_date > self.start_date

    @property
    def when(self) -> str:
        """The agenda list's badge (templates/agenda/_macros.html): "3 Nov – 7 Nov", "All day" or "09:00–10:30".

        Text, not markup: built here rather than with ``date`` filters because the director's two
        weeks list dozens of absences, and the few distinct days are formatted once each
        (``dates.date_text``).
        """
        if self.all_day:
            if self.spans_days:
                return f"{date_text(self.start_date, 'j N')} – {date_text(self.end_date, 'j N')}"
            return str(_("All day"))
        text = _local_time(self.start)
        return f"{text}–{_local_time(self.end)}" if self.end is not None else text


def _local_time(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).strftime("%H:%M")
    return ""


def _local_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@dataclass(frozen=True)
class AgendaDay:
    day: dt.date
    items: list[AgendaItem]


def agenda_by_day(items: list[AgendaItem], start: dt.date, end: dt.date) -> list[AgendaDay]:
    """Group items under the day they show on: their first day within ``start``..``end``.

    An absence that began last week shows on the first day of the range, not before it.
    """
    days: dict[dt.date, list[AgendaItem]] = {}
    for item in items:
        day = max(item.start_date, start)
        if day <= end:
            days.setdefault(day, []).append(item)
    return [AgendaDay(day, days[day]) for day in sorted(days)]


@dataclass(frozen=True)
class Approval:
    kind: str
    title: str
    requester: Any
    submitted_at: dt.datetime
    url: str = ""
    approve_url: str = ""
    refuse_url: str = ""
    detail: str = ""
    on_behalf_of: Any = None
    context: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class BadgeCount:
    badge: str  # APPROVALS_BADGE or NOTIFICATIONS_BADGE
    query: Any  # a prepared count (apps.core.prepared.Prepared)
    params: dict[str, Any]


APPROVALS_BADGE = "approvals"
NOTIFICATIONS_BADGE = "notifications"


@dataclass(frozen=True)
class BenchPage:
    name: str
    path: str
    role: str  # staff, manager, office_manager, director, anonymous


@dataclass(frozen=True)
class MenuEntry:
    title: str
    url: str
    url_prefix: str = ""  # marks the entry active on every page under it
    order: int = 100


@cache
def _contribution_modules() -> tuple[ModuleType, ...]:
    modules = []
    for config in apps.get_app_configs():
        try:
            modules.append(importlib.import_module(f"{config.name}.contributions"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.contributions":
                raise
    return tuple(modules)


def _collect(hook: str, *args: Any) -> list[Any]:
    results: list[Any] = []
    for module in _contribution_modules():
        func = getattr(module, hook, None)
        if func is not None:
            results.extend(func(*args))
    return results


# What every cached hook result depends on besides the apps it lists: the user's record and roles.
_USER_APPS = ("accounts", "auth")


def _collect_for(hook: str, user, *args: Any) -> list[Any]:
    """``_collect`` for a hook taking the user first, through ``stamps.cached_read`` for the modules
    listing the hook in ``CACHED_READS``."""
    results: list[Any] = []
    for module in _contribution_modules():
        func = getattr(module, hook, None)
        if func is None:
            continue
        depends_on = getattr(module, "CACHED_READS", {}).get(hook)
        if depends_on is None:
            results.extend(func(user, *args))
            continue
        key = (module.__name__, hook, stamps.user_key(user), timezone.localdate(), url_scope(), *args)
        results.extend(stamps.cached_read(user, (*_USER_APPS, *depends_on), key, lambda f=func: tuple(f(user, *args))))
    return results


def dashboard_cards(user) -> list[Card]:
    return sorted(_collect_for("dashboard_cards", user), key=lambda c: (c.order, str(c.title)))


def my_space_cards(user) -> list[Card]:
    return sorted(_collect("my_space_cards", user), key=lambda c: (c.order, str(c.title)))


def agenda_items(user, start: dt.date, end: dt.date) -> list[AgendaItem]:
    items = _collect_for("agenda_items", user, start, end)

    def key(item: AgendaItem):
        s = item.start
        if isinstance(s, dt.datetime):
            return (s.date(), 1, s.time(), str(item.title))
        return (s, 0, dt.time.min, str(item.title))

    return sorted(items, key=key)


def pending_approvals(user) -> list[Approval]:
    return request_memo(
        user, "pending_approvals", lambda: sorted(_collect("pending_approvals", user), key=lambda a: a.submitted_at)
    )


def badges(user) -> dict[str, int]:
    """Every app's ``badge_counts``, summed per badge, in one query; once per request."""
    return request_memo(user, "badges", lambda: _count_badges(user))


def _count_badges(user) -> dict[str, int]:
    counts = _collect("badge_counts", user)
    totals = dict.fromkeys((APPROVALS_BADGE, NOTIFICATIONS_BADGE), 0)
    for count, value in zip(counts, count_many([(c.query, c.params) for c in counts]), strict=True):
        totals[count.badge] = totals.get(count.badge, 0) + value
    return totals


def pending_approvals_count(user) -> int:
    """The inbox badge. When the page already listed the approvals in this request, their number."""
    listed = memo_get(user, "pending_approvals")
    if listed is not None:
        return len(listed)
    return request_memo(user, "pending_approvals_count", lambda: _count_approvals(user))


def _count_approvals(user) -> int:
    total = badges(user)[APPROVALS_BADGE]
    for module in _contribution_modules():
        if hasattr(module, "badge_counts"):
            continue
        if hasattr(module, "pending_approvals"):  # an app without its own count: its list's length
            total += len(module.pending_approvals(user))
    return total


def unread_notifications_count(user) -> int:
    """The bell."""
    return badges(user)[NOTIFICATIONS_BADGE]


def benchmark_pages() -> list[BenchPage]:
    return _collect("benchmark_pages")


def menu_entries(user) -> list[MenuEntry]:
    return sorted(_collect("menu_entries", user), key=lambda e: (e.order, str(e.title)))
