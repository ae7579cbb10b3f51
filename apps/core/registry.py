"""Cross-app contributions: how the dashboard, the agenda, the inbox and "my space" stay decoupled.

Each installed app may ship a ``contributions`` module defining any of these functions:

- ``dashboard_cards(user) -> list[Card]``: cards on the office manager's dashboard (and on the
  director's key figures);
- ``my_space_cards(user) -> list[Card]``: cards on a person's own home page (my requests, balances);
- ``director_figures(user) -> list[Card]``: the key figures of the director's agenda (what a
  director reads: who is away this week, open safety non-compliances…), empty for anyone else;
- ``agenda_items(user, start, end) -> list[AgendaItem]``: dated items the user may see that touch the
  days from ``start`` to ``end``, both included;
- ``pending_approvals(user) -> list[Approval]``: requests this user (or the person they stand in
  for) must decide;
- ``approves(user) -> bool``: whether the user's roles make them decide this app's requests (a
  manager, the office manager, the director): the menu shows the approvals inbox to them, and to
  anyone else only while something waits for them (a deputy standing in). From the roles loaded
  with the user, no query;
- ``menu_entries(user) -> list[MenuEntry]``: links in the main navigation for this user, depending
  only on their roles (the registry keeps them per process for each set of roles);
- ``badge_counts(user) -> list[BadgeCount]``: the numbers behind the layout's badges:
  ``"approvals"`` (the inbox: what ``pending_approvals`` would list) and ``"notifications"`` (the
  bell). ``BadgeCount(badge, count)``: ``count`` is a plain QuerySet whose rows are counted (the
  number ``count.count()`` would give: ordering dropped, ``distinct()`` kept), or an ``int`` already
  known. Core compiles every app's querysets into ONE statement, ``SELECT (SELECT COUNT(*) FROM
  (<qs 1>) …), (SELECT COUNT(*) FROM (<qs 2>) …)``, run once per request: the layout costs one query
  for its badges whatever the number of apps. Not kept in the read cache: a hit would cost a round
  trip too, and the bell changes often. With the read cache on, an app listing ``pending_approvals``
  in ``CACHED_HOOKS`` is counted instead as the length of its kept list (the same hit the inbox
  makes), and its ``"approvals"`` count is not compiled;
- ``benchmark_pages() -> list[BenchPage]``: key pages measured by the benchmark and by the
  query-budget tests.

A module may also set ``CACHED_HOOKS = ("dashboard_cards", "agenda_items")``: an opt-in saying that
these hooks' results depend only on the user (``cache.viewer_key``: who, their roles, team and site),
the arguments, today's date and the database; not on the clock finer than the day, the request or a
per-process cache (an ``Approval`` that stops waiting at a given time says so in ``until``: the
registry drops it then, after the cache). It is not a list of dependencies: the read cache
(apps/core/cache.py) records the tables read and drops the result when one of them is written to.
For each hook, the opted-in modules are computed together in one ``cache.cached`` call (one round
trip to Redis per page, not one per app), keyed by
``("registry", hook, module names, viewer_key(user), today, url_scope(), *args)``; so the director's
agenda does not read again what has not changed since it was last opened. The results are pickled:
plain values (strings, lazy translations, numbers, dates, URLs), no markup.

Core collects them from every installed app; it never imports a domain app by name. Each
contribution must cost a bounded number of queries whatever the data volume.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType
from typing import Any

from django.apps import apps
from django.db import connections
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from apps.core import cache as read_cache
from apps.core.dates import date_text
from apps.core.memo import memo_get, request_memo
from apps.core.reversing import url_scope
from apps.core.roles import ROLES

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
    # When it stops waiting by itself (a booking that ends undecided): the registry drops it from then
    # on, after the read cache, so a kept list stays exact without the time of day in its key.
    until: dt.datetime | None = None


@dataclass(frozen=True)
class BadgeCount:
    badge: str  # APPROVALS_BADGE or NOTIFICATIONS_BADGE
    count: QuerySet | int  # a queryset whose rows are counted, or the number itself


APPROVALS_BADGE = "approvals"
NOTIFICATIONS_BADGE = "notifications"


@dataclass(frozen=True)
class BenchPage:
    """A key page. ``path`` is its address, or for a page about one object (an order…) a stable label
    such as ``/purchasing/orders/<newest partly received>/``, with ``resolve`` giving the real address
    in the seeded database (called by the benchmark and the query-budget test once the demo is seeded;
    ``path`` stays the page's key in their results)."""

    name: str
    path: str
    role: str  # staff, manager, office_manager, director, anonymous
    resolve: Callable[[], str] | None = field(default=None, compare=False)
    # Every key page's budget; a page that gathers every app's contributions (the dashboard) says
    # its own, still constant in data size.
    max_queries: int = 15

    def url(self) -> str:
        """The address to request (``path`` unless the page resolves it from the data)."""
        return self.resolve() if self.resolve is not None else self.path


@dataclass(frozen=True)
class MenuEntry:
    title: str
    url: str
    url_prefix: str = ""  # marks the entry active on every page under it
    order: int = 100
    also_under: tuple[str, ...] = ()  # more prefixes whose pages mark it active (an entry for two apps)

    @property
    def prefixes(self) -> tuple[str, ...]:
        return tuple(p for p in (self.url_prefix, *self.also_under) if p)


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


def _caches_hook(module: ModuleType, hook: str) -> bool:
    return hook in getattr(module, "CACHED_HOOKS", ())


def _collect_for(hook: str, user, *args: Any) -> list[Any]:
    """``_collect`` for a hook taking the user first; the modules listing the hook in ``CACHED_HOOKS``
    are computed together through one ``cache.cached`` call."""
    return [*_collect_uncached(hook, user, *args), *_collect_cached(hook, user, *args)]


def _collect_uncached(hook: str, user, *args: Any) -> list[Any]:
    """The results of the modules not listing ``hook`` in ``CACHED_HOOKS``."""
    results: list[Any] = []
    for module in _contribution_modules():
        func = getattr(module, hook, None)
        if func is not None and not _caches_hook(module, hook):
            results.extend(func(user, *args))
    return results


def _collect_cached(hook: str, user, *args: Any) -> tuple[Any, ...]:
    """The results of the modules listing ``hook`` in ``CACHED_HOOKS``, through one ``cache.cached`` call."""
    cached_funcs: list[tuple[str, Callable[..., Any]]] = [
        (module.__name__, getattr(module, hook))
        for module in _contribution_modules()
        if hasattr(module, hook) and _caches_hook(module, hook)
    ]
    results: tuple[Any, ...] = ()
    if cached_funcs:
        key = (
            "registry",
            hook,
            tuple(name for name, _ in cached_funcs),
            read_cache.viewer_key(user),
            timezone.localdate(),
            url_scope(),
            *args,
        )
        results = read_cache.cached(key, lambda: tuple(item for _, func in cached_funcs for item in func(user, *args)))
    return results


def dashboard_cards(user) -> list[Card]:
    return sorted(_collect_for("dashboard_cards", user), key=lambda c: (c.order, str(c.title)))


def my_space_cards(user) -> list[Card]:
    return sorted(_collect_for("my_space_cards", user), key=lambda c: (c.order, str(c.title)))


def director_figures(user) -> list[Card]:
    return sorted(_collect_for("director_figures", user), key=lambda c: (c.order, str(c.title)))


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
        user,
        "pending_approvals",
        lambda: sorted(
            [*_collect_uncached("pending_approvals", user), *_kept_approvals(user)], key=lambda a: a.submitted_at
        ),
    )


def _kept_approvals(user) -> tuple[Approval, ...]:
    """The approvals of the apps listing ``pending_approvals`` in ``CACHED_HOOKS``, once per request:
    the inbox lists them and, with the read cache on, the layout's badge counts them."""
    return request_memo(user, "kept_approvals", lambda: _still_waiting(_collect_cached("pending_approvals", user)))


def _still_waiting(approvals: tuple[Approval, ...]) -> tuple[Approval, ...]:
    now = timezone.now()
    return tuple(a for a in approvals if a.until is None or a.until > now)


def _approvals_kept(module: ModuleType) -> bool:
    """Whether the inbox badge counts this app's approvals as the length of its kept list (a cache hit)
    rather than through its ``badge_counts`` query: only when the read cache is on, or a count would
    become a list."""
    return read_cache.enabled() and _caches_hook(module, "pending_approvals")


def badges(user) -> dict[str, int]:
    """Every app's ``badge_counts``, summed per badge, in one query; once per request."""
    return request_memo(user, "badges", lambda: _count_badges(user))


def _count_badges(user) -> dict[str, int]:
    totals = dict.fromkeys((APPROVALS_BADGE, NOTIFICATIONS_BADGE), 0)
    counted: list[BadgeCount] = []
    kept = [module for module in _contribution_modules() if _approvals_kept(module)]
    if kept:
        totals[APPROVALS_BADGE] += len(_kept_approvals(user))
    for module in _contribution_modules():
        if not hasattr(module, "badge_counts"):
            continue
        for badge_count in module.badge_counts(user):
            if badge_count.badge == APPROVALS_BADGE and module in kept:
                continue
            _add_badge_count(badge_count, totals, counted)
    for badge_count, value in zip(counted, count_querysets([c.count for c in counted]), strict=True):
        totals[badge_count.badge] += value
    return totals


def _add_badge_count(badge_count: BadgeCount, totals: dict[str, int], counted: list[BadgeCount]) -> None:
    if isinstance(badge_count.count, QuerySet):
        counted.append(badge_count)
    else:
        totals[badge_count.badge] += badge_count.count


def count_querysets(querysets: list[QuerySet]) -> list[int]:
    """``[qs.count() for qs in querysets]`` in one statement: ``SELECT (SELECT COUNT(*) FROM (…)), …``.

    Each queryset is compiled by the ORM as ``count()`` would see it (ordering dropped; only the
    primary key selected unless it is a ``values()`` queryset, so ``distinct()`` still counts rows).
    All must read the same database.
    """
    if not querysets:
        return []
    aliases = {qs.db for qs in querysets}
    if len(aliases) != 1:
        raise ValueError("count_querysets(): the querysets must read the same database")
    alias = aliases.pop()
    parts, params = [], []
    for number, qs in enumerate(querysets):
        inner = qs.order_by() if qs._fields is not None else qs.order_by().values("pk")
        sql, inner_params = inner.query.get_compiler(using=alias).as_sql()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) badge_{number})")  # noqa: S608 -- ORM-compiled SQL, values as parameters
        params.extend(inner_params)
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return [int(value) for value in cursor.fetchone()]


def pending_approvals_count(user) -> int:
    """The inbox badge. When the page already listed the approvals in this request, their number."""
    listed = memo_get(user, "pending_approvals")
    if listed is not None:
        return len(listed)
    return request_memo(user, "pending_approvals_count", lambda: _count_approvals(user))


def _count_approvals(user) -> int:
    total = badges(user)[APPROVALS_BADGE]
    for module in _contribution_modules():
        if hasattr(module, "badge_counts") or _approvals_kept(module):
            continue
        if hasattr(module, "pending_approvals"):  # an app without its own count: its list's length
            total += len(module.pending_approvals(user))
    return total


def approves(user) -> bool:
    """Whether some app says the user's roles make them an approver (see the module docstring)."""
    return any(
        module.approves(user) for module in _contribution_modules() if getattr(module, "approves", None) is not None
    )


def unread_notifications_count(user) -> int:
    """The bell."""
    return badges(user)[NOTIFICATIONS_BADGE]


def benchmark_pages() -> list[BenchPage]:
    return _collect("benchmark_pages")


def menu_entries(user) -> list[MenuEntry]:
    """The apps' links for ``user``; they depend only on the roles (and the URLconf and language), so
    they are worked out once per process for each set of roles."""
    roles = tuple(role for role in ROLES if user.has_role(role))
    key = (roles, url_scope(), get_language())
    entries = _menus.get(key)
    if entries is None:
        entries = _menus[key] = tuple(sorted(_collect("menu_entries", user), key=lambda e: (e.order, str(e.title))))
    return list(entries)


_menus: dict[tuple, tuple[MenuEntry, ...]] = {}
