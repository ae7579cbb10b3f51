"""The dates of the notifications list, as the ``naturaltime`` and ``date`` filters write them, cheaper.

The list prints three renderings of each row's date. Django's filters look the active language and
time zone up again for every row and translate the same few fragments again ("1 month", "2 weeks",
"%(delta)s ago"), which cost more than the page's queries. ``DateTexts`` reads the language and the
time zone once for a list; each fragment is translated once per language and count, and the full
date text once per language, time zone and instant. The algorithms are Django's own
(``NaturalTimeFormatter.string_for`` and ``timesince`` are called, only their strings are memoized),
so the text is the same.
"""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache
from typing import Any

from django.contrib.humanize.templatetags.humanize import NaturalTimeFormatter
from django.utils import formats, timezone
from django.utils.translation import get_language

_KEPT = 4096


class _Memoized:
    """A lazy translatable string whose ``%`` results are kept (one instance per language)."""

    def __init__(self, lazy: Any):
        self.lazy = lazy
        self.results: dict[tuple, str] = {}

    def __mod__(self, params: dict) -> str:
        key = tuple(params.items())
        text = self.results.get(key)
        if text is None:
            if len(self.results) >= _KEPT:
                self.results.clear()
            text = self.results[key] = self.lazy % params
        return text


def _memoized(strings: dict[str, Any], *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {key: value if key in skip else _Memoized(value) for key, value in strings.items()}


@cache
def _natural_time_formatter(language: str | None) -> type[NaturalTimeFormatter]:
    """Django's formatter with its strings memoized; used only while ``language`` is the active one."""
    return type(
        "NaturalTimeFormatter",
        (NaturalTimeFormatter,),
        {
            # "now" is returned as it is (never formatted with %): it stays Django's lazy string.
            "time_strings": _memoized(NaturalTimeFormatter.time_strings, skip=("now",)),
            "past_substrings": _memoized(NaturalTimeFormatter.past_substrings),
            "future_substrings": _memoized(NaturalTimeFormatter.future_substrings),
        },
    )


@lru_cache(maxsize=_KEPT)
def _datetime_text(language: str | None, tz_name: str, value: dt.datetime) -> str:
    # The language and the time zone are the key's: they are the active ones while this runs.
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


class DateTexts:
    """The renderings of dates in the language and time zone active when it is made (make one per list)."""

    def __init__(self):
        self.language = get_language()
        self.tz = timezone.get_current_timezone()
        self.tz_name = timezone.get_current_timezone_name()
        self.natural_time_formatter = _natural_time_formatter(self.language)

    def ago(self, value: dt.datetime) -> str:
        """``{{ value|naturaltime }}``: "2 hours ago", "1 month, 2 weeks ago"."""
        return str(self.natural_time_formatter.string_for(value))

    def text(self, value: dt.datetime) -> str:
        """``{{ value|date:"DATETIME_FORMAT" }}``."""
        return _datetime_text(self.language, self.tz_name, value)

    def iso(self, value: dt.datetime) -> str:
        """``{{ value|date:"c" }}``."""
        return timezone.localtime(value, self.tz).isoformat()


def natural_time(value: dt.datetime) -> str:
    return DateTexts().ago(value)


def datetime_text(value: dt.datetime) -> str:
    return DateTexts().text(value)


def datetime_iso(value: dt.datetime) -> str:
    return DateTexts().iso(value)
