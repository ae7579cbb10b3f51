"""The budget left per category, shown while a request is written (issue #13), from purchasing's budgets.

There is no budgets app yet: issue #14 adds purchasing budgets. Until ``apps.purchasing`` is
installed, ``remaining_budgets`` answers None and the basket shows no budget line at all (not a zero).

How #14 plugs in, without this module importing the purchasing app (no import cycle, no function-level
import): its ``AppConfig`` (``apps/purchasing/apps.py``) gets a method
``remaining_budgets(categories, year) -> dict[str, Decimal]``, the budget of ``year`` left per supplies
category (what is committed by approved requests and orders deducted), in a bounded number of
queries; categories without a budget are left out of the dict. It is found here through Django's app
registry, as core finds each app's ``contributions``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.apps import apps

PURCHASING_APP = "apps.purchasing"


def remaining_budgets(categories: Iterable[str], year: int) -> dict[str, Decimal] | None:
    """The budget left this ``year`` for each of ``categories`` that has one; None while there are no budgets."""
    if not apps.is_installed(PURCHASING_APP):
        return None
    config = next(c for c in apps.get_app_configs() if c.name == PURCHASING_APP)
    provider = getattr(config, "remaining_budgets", None)
    if provider is None:
        return None
    return dict(provider(categories=sorted(set(categories)), year=year))
