"""``{% agenda_days days %}``: the list of ``registry.agenda_by_day()`` on "my space" and the agenda.

Written in Python rather than as a template: the director's two weeks hold dozens of items and a
template spends some 60 µs on each; this spends a few. Every value is escaped (``escape``, or
``conditional_escape`` for titles that may already be safe).
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext

from apps.core.dates import date_text

register = template.Library()


def _item(item, all_day: str) -> str:
    """One line; ``all_day`` is the badge of single all-day items, translated once per list."""
    style = f' data-style="border-color: {escape(item.colour)} !important;"' if item.colour else ""
    if item.url:
        title = f'<a href="{escape(item.url)}">{conditional_escape(item.title)}</a>'
    else:
        title = f"<span>{conditional_escape(item.title)}</span>"
    when = all_day if item.all_day and not item.spans_days else conditional_escape(item.when)
    return (
        '<li class="d-flex gap-2 align-items-baseline py-1">'
        f'<span class="badge text-bg-light border flex-shrink-0"{style}>{when}</span>{title}</li>'
    )


@register.simple_tag
def agenda_days(days) -> SafeString:
    """Each day with items under its heading; "Nothing planned." when there is none."""
    if not days:
        return format_html(
            '<div class="empty-state"><i class="bi bi-calendar-check" aria-hidden="true"></i>{}</div>',
            gettext("Nothing planned."),
        )
    all_day = escape(gettext("All day"))
    return SafeString(
        "\n".join(
            f'<div class="agenda-day mb-3"><h3 class="h6 mb-1">{escape(capfirst(date_text(day.day, "l j F")))}</h3>'
            f'<ul class="list-unstyled mb-0">{"".join(_item(item, all_day) for item in day.items)}</ul></div>'
            for day in days
        )
    )
