"""Markup the premises pages repeat many times per page, written in Python.

``day_grid_rows``: the rows of the rooms' day grid. A busy day of a big site is some 40 rooms and
250 bookings; rendered with template tags, each row and each booking block costs a dozen variable
lookups and filters, and the grid alone took longer than the rest of the request. Everything shown
is worked out by ``ui_selectors.day_grid``; this tag only escapes it and joins it into the same
markup the template would write.

``ticket_badges`` and ``check_status_badge``: the badges of every row of the ticket queue and the
register, without an ``{% include %}`` and a chain of ``{% if %}`` per row.
"""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from apps.premises.models import CheckStatus, Ticket, TicketStatus, TicketUrgency
from apps.premises.ui_selectors import GridBlock, GridRow

register = template.Library()


def _block(block: GridBlock) -> str:
    tag, href = ("a", f' href="{escape(block.url)}"') if block.url else ("div", "")
    return (
        f'<{tag}{href} class="day-grid-block {block.css}" style="{block.style}" title="{escape(block.tooltip)}"'
        f' data-testid="booking-block"><span class="day-grid-block-title">{escape(block.view.title)}</span>'
        f'<span class="day-grid-block-time">{escape(block.caption)}</span></{tag}>'
    )


@register.simple_tag
def day_grid_rows(rows: list[GridRow], book_url: str, closed: bool) -> SafeString:
    """One line per room: its name (a link to book it, for the keyboard), then its bookings placed in
    percent on the timeline. A click on a free spot of the timeline books that hour (premises.js)."""
    needs_approval = escape(_("Needs approval"))
    accessible = escape(_("Wheelchair accessible"))
    book_url = escape(book_url)
    html = []
    for row in rows:
        room = row.room
        name = escape(room.name)
        bookable = room.is_bookable and not closed
        if bookable:
            name = f'<a class="text-reset text-decoration-none" href="{book_url}&amp;space=room:{room.pk}">{name}</a>'
            timeline = f'<div class="day-grid-timeline is-bookable" data-space="room:{room.pk}">'
        else:
            timeline = '<div class="day-grid-timeline is-off">'
        if room.needs_approval:
            name += (
                f' <i class="bi bi-patch-check text-warning" title="{needs_approval}"'
                f' aria-label="{needs_approval}"></i>'
            )
        wheelchair = f' · <i class="bi bi-person-wheelchair" title="{accessible}"></i>' if room.is_accessible else ""
        html.append(
            '<div class="day-grid-line" data-testid="grid-row"><div class="day-grid-room">'
            f'<span class="fw-semibold d-block text-truncate">{name}</span>'
            '<small class="text-body-secondary d-block text-truncate"><i class="bi bi-people" aria-hidden="true"></i>'
            f" {int(room.capacity)} · {escape(room.floor.name)}{wheelchair}</small></div>"
            f"{timeline}{''.join(_block(block) for block in row.blocks)}</div></div>\n"
        )
    return mark_safe("".join(html))  # every value above is escaped


_URGENCY_CSS = {
    TicketUrgency.CRITICAL: "text-bg-danger",
    TicketUrgency.HIGH: "text-bg-warning",
    TicketUrgency.NORMAL: "text-bg-info",
}
_STATUS_CSS = {
    TicketStatus.NEW: "text-bg-primary",
    TicketStatus.RESOLVED: "text-bg-success",
    TicketStatus.CLOSED: "text-bg-success",
}


@register.simple_tag
def ticket_badges(ticket: Ticket) -> SafeString:
    """The urgency and status badges of a ticket."""
    urgency = escape(str(TicketUrgency(ticket.urgency).label))
    status = escape(str(TicketStatus(ticket.status).label))
    return mark_safe(
        f'<span class="badge {_URGENCY_CSS.get(ticket.urgency, "text-bg-light border")}" data-testid="urgency">'
        f"{urgency}</span> "
        f'<span class="badge {_STATUS_CSS.get(ticket.status, "text-bg-secondary")}" data-testid="status">'
        f"{status}</span>"
    )


@register.simple_tag
def check_status_badge(status: str) -> SafeString:
    """The badge of a check of the register: overdue, due soon or up to date."""
    if status == CheckStatus.OVERDUE:
        css, label = "text-bg-danger", _("Overdue")
    elif status == CheckStatus.DUE_SOON:
        css, label = "text-bg-warning", _("Due soon")
    else:
        css, label, status = "text-bg-success", _("Up to date"), CheckStatus.OK
    return mark_safe(f'<span class="badge {css} status-badge" data-status="{status!s}">{escape(label)}</span>')
