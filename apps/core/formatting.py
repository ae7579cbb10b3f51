"""How the pages write a number of days (leave today; any app that counts days tomorrow), registered
as the templates' ``days`` filter (officemgr/jinja2.py), and usable from Python. In core, so that
the template environment imports no domain app."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import formats
from django.utils.translation import get_language


def format_days(value) -> str:
    """A number of days without trailing zeros, with the language's decimal separator: 2,5 · 8 · -1,25
    in French, 2.5 · 8 · -1.25 in English; "" for no value."""
    if value is None or value == "":
        return ""
    return _days(Decimal(value), get_language())


@lru_cache(maxsize=4096)
def _days(value: Decimal, language: str | None) -> str:
    # A list repeats a few values (1, 2,5, 5…): formatting each once per language is enough.
    # normalize() alone would write 10 as 1E+1.
    value = value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
    return formats.number_format(value, use_l10n=True)


@receiver(setting_changed)
def _forget_formats(**kwargs) -> None:
    # The kept strings depend on the format settings (a test may override them).
    _days.cache_clear()


def plural_count(value) -> int:
    """The whole number to give ``ngettext`` for a number of days, which may be a half: gettext
    picks plural forms by integers only, and the languages treat fractions differently (“0,5 jour”,
    “1,5 jour” in French, “0.5 days”, “1.5 days” in English). Below 2, a fraction counts as 0, which
    is singular in French (plural=n > 1) and plural in English (n != 1). A negative balance counts
    by its size (“-3 jours”, “-1 day”)."""
    value = abs(Decimal(value))
    if value == value.to_integral():
        return int(value)
    return 0 if value < 2 else 2


# The name of the templates' filter (officemgr/jinja2.py registers it as ``days``).
days = format_days
