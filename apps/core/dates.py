"""Dates as text, formatted once per value, format and language.

A list writes the same few days again and again (the director's two weeks, a person's requests):
``formats.date_format`` costs some 10 µs a call, a cache hit nothing. The active language is part
of the key; the cache is emptied when a test changes the settings (formats may depend on them).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import formats
from django.utils.translation import get_language


def date_text(day: dt.date, fmt: str) -> str:
    """``formats.date_format(day, fmt)`` in the active language (a date, not a time: no time zone)."""
    return _date_text(day, fmt, get_language())


@lru_cache(maxsize=8192)
def _date_text(day: dt.date, fmt: str, language: str | None) -> str:
    return formats.date_format(day, fmt)


@receiver(setting_changed)
def _forget(**kwargs) -> None:
    _date_text.cache_clear()
