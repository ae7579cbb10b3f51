"""``python manage.py seed_demo [--scale S] [--years Y]``: build the demo company, every app adding its part.

The command collects a ``demo`` module from every installed app, in INSTALLED_APPS order (as
apps/core/registry.py collects ``contributions``: core never imports a domain app by name), and
calls its ``seed(ctx)`` with one ``DemoContext`` (apps/core/demo.py): ``scale`` (1 → about 40
people), ``years`` of history, ``rng`` (re-seeded with a fixed seed before each app, so runs are
reproducible), ``stdout``, ``today``, ``people`` (once accounts has seeded) and a ``data`` dict the
apps share. The whole run is one transaction: it builds everything or nothing. Every app's seed is
idempotent, so running the command twice changes nothing; a larger ``--scale`` adds people.
``--scale 6.25 --years 5`` (250 people, five years of history) is what the benchmark uses.

The demo accounts share a well-known password, so the command refuses a database that already
holds accounts and no demo one (a real company's), unless ``--force`` says it is a demo database.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from apps.core.demo import DEMO_EMAIL_DOMAIN, MAX_SCALE, MAX_YEARS, DemoContext, demo_modules, seed_all


class Command(BaseCommand):
    help = "Load the demo company (Atelier Rhône Conseil) with its people and history; safe to run twice."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help=f"Size of the company: about 40 × SCALE people (default 1; 6.25 → 250; at most {MAX_SCALE:g}).",
        )
        parser.add_argument(
            "--years",
            type=int,
            default=1,
            help=f"Years of history each app creates (default 1; the benchmark uses 5; at most {MAX_YEARS}).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even a database whose accounts are not demo ones (never do this on a real company's data).",
        )

    def handle(self, *args, **options) -> None:
        # The demo company's own texts (register notes, names) are stored in the company's language,
        # not in the untranslated English a management command would otherwise use.
        with translation.override(settings.LANGUAGE_CODE):
            self._handle(*args, **options)

    def _handle(
        self, *args, scale: float = 1.0, years: int = 1, force: bool = False, verbosity: int = 1, **options
    ) -> None:
        if not 0 < scale <= MAX_SCALE:
            raise CommandError(f"--scale must be greater than 0 and at most {MAX_SCALE:g} (got {scale:g}).")
        if not 0 <= years <= MAX_YEARS:
            raise CommandError(f"--years must be between 0 and {MAX_YEARS} (got {years}).")
        if not demo_modules():
            raise CommandError("No installed app has a demo module with a seed(ctx) function.")
        if not force and _holds_real_accounts():
            raise CommandError(
                "This database already has accounts and none is a demo one: seed_demo would add accounts anyone "
                "can sign in to (password 'demo'). Run it on an empty database, or pass --force if this one is "
                "really a demo."
            )

        ctx = DemoContext(scale=scale, years=years, stdout=self.stdout, verbosity=verbosity)
        ctx.log(f"Seeding the demo company (scale {scale:g}, {years} year(s) of history)…")
        started = time.monotonic()
        with transaction.atomic():
            seed_all(ctx, on_app=lambda label, seconds: ctx.log(f"  {label} done in {seconds:.1f} s"))
        if verbosity >= 1:
            self._summary(ctx, time.monotonic() - started)

    def _summary(self, ctx: DemoContext, seconds: float) -> None:
        company = ctx.data.get("company")
        self.stdout.write(self.style.SUCCESS(f"Demo company ready in {seconds:.1f} s: {company or '(no company)'}"))
        width = max((len(label) for label, _ in ctx.summary), default=0)
        for label, value in ctx.summary:
            self.stdout.write(f"  {label:<{width}}  {value}")
        if not ctx.accounts:
            return
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo accounts (sign in with the e-mail address):"))
        rows = [("E-mail", "Password", "Role")] + [
            (a.email, a.password, f"{a.role} — {a.name}" if a.name else a.role) for a in ctx.accounts
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(2)]
        for email, password, role in rows:
            self.stdout.write(f"  {email:<{widths[0]}}  {password:<{widths[1]}}  {role}")


def _holds_real_accounts() -> bool:
    users = get_user_model().objects
    return users.exists() and not users.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}").exists()
