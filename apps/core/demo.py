"""The demo company: what ``python manage.py seed_demo`` shares with every app that seeds it.

How it works: the command collects a ``demo`` module from every installed app, in INSTALLED_APPS
order (the way ``apps/core/registry.py`` collects ``contributions``; core never imports a domain
app by name), and calls its ``seed(ctx)`` with one :class:`DemoContext`. Accounts comes before the
domain apps, so by the time they run ``ctx.people`` holds the company's people.

An app's ``seed(ctx)`` must:

- be idempotent: running the command twice changes nothing. Key rows on stable natural keys
  (e-mail addresses, names) with ``get_or_create``, or skip what is already seeded;
- scale: volume comes from ``ctx.scale`` (people: about ``40 × scale``) and ``ctx.years`` of
  history, created with ``bulk_create``; ``--scale 6.25 --years 5`` (250 people, the benchmark)
  must take seconds, not minutes;
- draw randomness from ``ctx.rng`` only: the command re-seeds it with a fixed seed before each
  app, so runs are reproducible and one app's draws never shift another's;
- write rows directly (no e-mails, no outbox rows, no Celery tasks): the whole run is one
  transaction, and a demo must not mail anybody;
- report with ``ctx.log(...)``, and add its totals with ``ctx.add_summary(...)`` (and any demo
  login with ``ctx.add_account(...)``) for the summary printed at the end.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, TextIO

from django.apps import apps
from django.utils import timezone

DEMO_PASSWORD = "demo"  # noqa: S105 — the documented password of every demo account
# Reserved for examples (RFC 2606): demo addresses can never be somebody's real mailbox.
DEMO_EMAIL_DOMAIN = "example.com"
RANDOM_SEED = 20240601
BASE_PEOPLE = 40  # people at scale 1
MAX_SCALE = 50.0  # 2,000 people: ten times the largest company officemgr is meant for
MAX_YEARS = 20


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    role: str
    name: str = ""


@dataclass
class DemoContext:
    """Everything one ``seed_demo`` run shares between the apps that seed it."""

    scale: float = 1.0
    years: int = 1
    rng: random.Random = field(default_factory=lambda: random.Random(RANDOM_SEED))  # noqa: S311 — demo data
    stdout: TextIO = sys.stdout
    today: dt.date = field(default_factory=timezone.localdate)
    # One clock for the whole run: every app dates its "recent" rows against the same instant.
    now: dt.datetime = field(default_factory=timezone.now)
    verbosity: int = 1
    # Filled by accounts: the seeded people (users with their team and site loaded).
    people: list[Any] = field(default_factory=list)
    # For apps to share things ("company", "sites", "teams", "accounts" come from accounts).
    data: dict[str, Any] = field(default_factory=dict)
    summary: list[tuple[str, int | str]] = field(default_factory=list)
    accounts: list[DemoAccount] = field(default_factory=list)

    def reseed(self, label: str) -> None:
        """Give app ``label`` its own reproducible random stream (the command calls this before each app)."""
        self.rng = random.Random(f"{RANDOM_SEED}:{label}")  # noqa: S311 — demo data, not security

    def count(self, base: float, minimum: int = 1) -> int:
        """``base`` things at scale 1, scaled (at least ``minimum``)."""
        return max(minimum, round(base * self.scale))

    @property
    def history_start(self) -> dt.date:
        """The first day of the seeded history: ``years`` back from today."""
        return self.today - dt.timedelta(days=round(365.25 * self.years))

    def random_date(self, start: dt.date, end: dt.date) -> dt.date:
        if end <= start:
            return start
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    def random_datetime(self, start: dt.date, end: dt.date, *, hours: tuple[int, int] = (8, 19)) -> dt.datetime:
        """An aware datetime on a day between ``start`` and ``end``, during office ``hours``, never in the future."""
        day = self.random_date(start, end)
        naive = dt.datetime.combine(day, dt.time(self.rng.randint(hours[0], hours[1] - 1), self.rng.randint(0, 59)))
        return min(timezone.make_aware(naive), self.now)

    def log(self, message: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(message + ("" if message.endswith("\n") else "\n"))

    def add_summary(self, label: str, value: int | str) -> None:
        self.summary.append((label, value))

    def add_account(self, email: str, role: str, name: str = "", password: str = DEMO_PASSWORD) -> None:
        self.accounts.append(DemoAccount(email=email, password=password, role=role, name=name))


def demo_modules() -> list[tuple[str, ModuleType]]:
    """``(app label, module)`` for every installed app with a ``demo`` module defining ``seed``.

    This module (core's own ``demo``) holds helpers and no ``seed``, so it is left out.
    """
    found = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        if callable(getattr(module, "seed", None)):
            found.append((config.label, module))
    return found


def seed_all(ctx: DemoContext, *, on_app: Callable[[str, float], None] | None = None) -> DemoContext:
    """Run every app's ``seed(ctx)`` in INSTALLED_APPS order (the caller holds the transaction).

    ``on_app(label, seconds)`` is told how long each app took.
    """
    for label, module in demo_modules():
        ctx.reseed(label)
        started = time.monotonic()
        module.seed(ctx)
        if on_app is not None:
            on_app(label, time.monotonic() - started)
    return ctx
