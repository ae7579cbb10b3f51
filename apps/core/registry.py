"""Cross-app contributions: how the dashboard, the agenda, the inbox and "my space" stay decoupled.

Each installed app may ship a ``contributions`` module defining any of these functions:

- ``dashboard_cards(user) -> list[Card]``: cards on the office manager's dashboard (and on the
  director's key figures);
- ``my_space_cards(user) -> list[Card]``: cards on a person's own home page (my requests, balances);
- ``agenda_items(user, start, end) -> list[AgendaItem]``: dated items the user may see;
- ``pending_approvals(user) -> list[Approval]``: requests this user (or the person they stand in
  for) must decide;
- ``menu_entries(user) -> list[MenuEntry]``: links in the main navigation for this user;
- ``pending_approvals_count(user) -> int`` (optional): a cheap count for the inbox badge;
- ``benchmark_pages() -> list[BenchPage]``: key pages measured by the benchmark and by the
  query-budget tests.

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
        return self.start.date() if isinstance(self.start, dt.datetime) else self.start


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


def dashboard_cards(user) -> list[Card]:
    return sorted(_collect("dashboard_cards", user), key=lambda c: (c.order, str(c.title)))


def my_space_cards(user) -> list[Card]:
    return sorted(_collect("my_space_cards", user), key=lambda c: (c.order, str(c.title)))


def agenda_items(user, start: dt.date, end: dt.date) -> list[AgendaItem]:
    items = _collect("agenda_items", user, start, end)

    def key(item: AgendaItem):
        s = item.start
        if isinstance(s, dt.datetime):
            return (s.date(), 1, s.time(), str(item.title))
        return (s, 0, dt.time.min, str(item.title))

    return sorted(items, key=key)


def pending_approvals(user) -> list[Approval]:
    return sorted(_collect("pending_approvals", user), key=lambda a: a.submitted_at)


def pending_approvals_count(user) -> int:
    """The inbox badge: apps may define a cheaper ``pending_approvals_count(user)`` (one COUNT)."""
    total = 0
    for module in _contribution_modules():
        counter = getattr(module, "pending_approvals_count", None)
        if counter is not None:
            total += counter(user)
        elif hasattr(module, "pending_approvals"):
            total += len(module.pending_approvals(user))
    return total


def benchmark_pages() -> list[BenchPage]:
    return _collect("benchmark_pages")


def menu_entries(user) -> list[MenuEntry]:
    return sorted(_collect("menu_entries", user), key=lambda e: (e.order, str(e.title)))
