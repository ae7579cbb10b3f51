"""``{% card card %}``: one registry ``Card`` (dashboard, key figures, my space).

A tag rather than an ``{% include %}`` per card: the pages that show cards are the home pages,
opened all day, and an include costs some 40 µs a card. Every value is escaped (``conditional_escape``
for the texts apps may give already safe).
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def card(card) -> SafeString:
    title = conditional_escape(card.title)
    severity = escape(card.severity)
    detail = f'<p class="small text-body-secondary mb-0">{conditional_escape(card.detail)}</p>' if card.detail else ""
    link = f'<a href="{escape(card.url)}" class="stretched-link" aria-label="{title}"></a>' if card.url else ""
    return SafeString(
        f'<div class="col"><div class="card h-100 shadow-sm border-0 border-start border-4 border-{severity}"'
        ' data-testid="card"><div class="card-body">'
        '<div class="d-flex justify-content-between align-items-start">'
        f'<h2 class="h6 card-title text-body-secondary mb-1">{title}</h2>'
        f'<i class="bi bi-{escape(card.icon)} text-{severity} fs-4" aria-hidden="true"></i></div>'
        f'<p class="display-6 mb-0 fw-semibold">{conditional_escape(card.value)}</p>{detail}{link}</div></div></div>'
    )
