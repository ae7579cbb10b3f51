"""``{% agenda_days days %}``: the list of ``registry.agenda_by_day()`` on "my space" and the agenda.

Written with ``format_html`` rather than as a template: the director's two weeks hold dozens of
items and a template spends some 60 µs on each; this spends a few. Every value is escaped.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django import template
from django.utils import formats, translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext

register = template.Library()


@lru_cache(maxsize=1024)
def _day_heading(day: dt.date, language: str | None) -> str:
    """ "Monday 3 November" in the active language (part of the key: the result depends on it)."""
    return capfirst(formats.date_format(day, "l j F"))


def _item(item) -> SafeString:
    style = format_html(' style="border-color: {} !important;"', item.colour) if item.colour else ""
    if item.url:
        title = format_html('<a href="{}">{}</a>', item.url, item.title)
    else:
        title = format_html("<span>{}</span>", item.title)
    return format_html(
        '<li class="d-flex gap-2 align-items-baseline py-1">'
        '<span class="badge text-bg-light border flex-shrink-0"{}>{}</span>{}</li>',
        style,
        item.when,
        title,
    )


@register.simple_tag
def agenda_days(days) -> SafeString:
    """Each day with items under its heading; "Nothing planned." when there is none."""
    if not days:
        return format_html(
            '<div class="empty-state"><i class="bi bi-calendar-check" aria-hidden="true"></i>{}</div>',
            gettext("Nothing planned."),
        )
    language = translation.get_language()
    return format_html_join(
        "\n",
        '<div class="agenda-day mb-3"><h3 class="h6 mb-1">{}</h3><ul class="list-unstyled mb-0">{}</ul></div>',
        ((_day_heading(day.day, language), SafeString("".join(_item(item) for item in day.items))) for day in days),
    )
