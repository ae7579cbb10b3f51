"""An amount in euros as the supplies pages write it (the ``euros`` macro of
templates/supplies/shop/_macros.html): ``value|floatformat("2g")``, "1 234,50" in French, "1,234.50"
in English, looked up once per amount and language rather than formatted again on every card."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaultfilters import floatformat
from django.utils.translation import get_language


def amount_text(value: Decimal | None) -> str:
    """``value|floatformat("2g")`` (the number alone, without the "€")."""
    if value is None:
        return floatformat(value, "2g")
    return _amount(Decimal(value), get_language())


@lru_cache(maxsize=4096)
def _amount(value: Decimal, language: str | None) -> str:
    # A catalogue repeats its prices from one request to the next: each is formatted once per language.
    return floatformat(value, "2g")


@receiver(setting_changed)
def _forget_formats(**kwargs) -> None:
    # The kept strings depend on the format settings (a test may override them).
    _amount.cache_clear()
