"""``{% card card %}``: one registry ``Card`` (dashboard, key figures, my space).

A tag rather than an ``{% include %}`` per card: the pages that show cards are the home pages,
opened all day, and an include costs some 40 µs a card. Every value is escaped.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def card(card) -> SafeString:
    detail = format_html('<p class="small text-body-secondary mb-0">{}</p>', card.detail) if card.detail else ""
    link = ""
    if card.url:
        link = format_html('<a href="{}" class="stretched-link" aria-label="{}"></a>', card.url, card.title)
    return format_html(
        '<div class="col"><div class="card h-100 shadow-sm border-0 border-start border-4 border-{severity}"'
        ' data-testid="card"><div class="card-body">'
        '<div class="d-flex justify-content-between align-items-start">'
        '<h2 class="h6 card-title text-body-secondary mb-1">{title}</h2>'
        '<i class="bi bi-{icon} text-{severity} fs-4" aria-hidden="true"></i></div>'
        '<p class="display-6 mb-0 fw-semibold">{value}</p>{detail}{link}</div></div></div>',
        severity=card.severity,
        title=card.title,
        icon=card.icon,
        value=card.value,
        detail=detail,
        link=link,
    )
