"""Markup the premises pages repeat many times per page, written in Python.

``day_grid_rows``: the rows of the rooms' day grid. A busy day of a big site is some 40 rooms and
250 bookings; rendered with template tags, each row and each booking block costs a dozen variable
lookups and filters, and the grid alone took longer than the rest of the request. Everything shown
is worked out by ``ui_selectors.day_grid``; this tag only escapes it and joins it into the same
markup the template would write.

``ticket_badges`` and ``check_status_badge``: the badges of every row of the ticket queue and the
register, without an ``{% include %}`` and a chain of ``{% if %}`` per row.

``ticket_queue_rows``, ``register_rows`` and ``premises_nav``: the rows of the ticket queue and of
the register, and the premises sub-navigation, written in Python for the same reason; the markup is
the templates' (apps/premises/tests/test_fast_pages.py keeps those templates to compare with).
"""

from __future__ import annotations

from functools import cache
from html import escape

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from apps.core.reversing import pk_url
from apps.core.reversing import fixed_url
from apps.premises.models import CheckResult, CheckStatus, Ticket, TicketStatus, TicketUrgency
from apps.premises.ticket_queue import QueueRow
from apps.premises.ui_selectors import GridBlock, GridRow, RegisterRow

register = template.Library()


def _block(block: GridBlock, esc=escape) -> str:
    """``esc``: ``html.escape``, or a memo of it (the titles and times of a grid repeat)."""
    tag, href = ("a", f' href="{esc(block.url)}"') if block.url else ("div", "")
    return (
        f'<{tag}{href} class="day-grid-block {block.css}" data-style="{block.style}" title="{esc(block.tooltip)}"'
        f' data-testid="booking-block"><span class="day-grid-block-title">{esc(block.view.title)}</span>'
        f'<span class="day-grid-block-time">{esc(block.caption)}</span></{tag}>'
    )


class _EscapeMemo(dict):
    def __missing__(self, text: str) -> str:
        self[text] = escaped = escape(text)
        return escaped


@register.simple_tag
def day_grid_rows(rows: list[GridRow], book_url: str, closed: bool) -> SafeString:
    """One line per room: its name (a link to book it, for the keyboard), then its bookings placed in
    percent on the timeline. A click on a free spot of the timeline books that hour (premises.js)."""
    needs_approval = escape(_("Needs approval"))
    accessible = escape(_("Wheelchair accessible"))
    book_url = escape(book_url)
    esc = _EscapeMemo().__getitem__
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
            f" {int(room.capacity)} · {escape(room.floor_name)}{wheelchair}</small></div>"
            f"{timeline}{''.join([_block(block, esc) for block in row.blocks])}</div></div>\n"
        )
    return mark_safe("".join(html))  # every value above is escaped


@register.simple_tag
def dropdown_links(links, day_iso: str, active_pk: int | None = None) -> SafeString:
    """The items of the day view's site and floor menus: ``(object, url)`` pairs, each opened on the
    day shown; the one whose pk is ``active_pk`` marked active."""
    day = escape(str(day_iso))
    return mark_safe(  # every value is escaped
        "".join(
            f'<li><a class="dropdown-item{" active" if active_pk is not None and obj.pk == active_pk else ""}"'
            f' href="{escape(str(url))}?date={day}">{escape(str(obj.name))}</a></li>'
            for obj, url in links
        )
    )


@register.simple_tag
def hour_cells(labels) -> SafeString:
    """The hours heading the day grid."""
    return mark_safe("".join(f'<div class="day-grid-hour">{escape(str(label))}</div>' for label in labels))


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


def _badges(urgency: str, status: str, labels: dict[tuple[str, str], str] | None = None) -> str:
    """``labels``: the escaped labels of the urgencies and statuses, when the caller already has them."""
    labels = labels or _badge_labels()
    return (
        f'<span class="badge {_URGENCY_CSS.get(urgency, "text-bg-light border")}" data-testid="urgency">'
        f"{labels['urgency', urgency]}</span> "
        f'<span class="badge {_STATUS_CSS.get(status, "text-bg-secondary")}" data-testid="status">'
        f"{labels['status', status]}</span>"
    )


def _badge_labels() -> dict[tuple[str, str], str]:
    """The escaped labels of the urgencies and statuses, in the current language."""
    labels = {("urgency", value): escape(str(label)) for value, label in TicketUrgency.choices}
    labels.update({("status", value): escape(str(label)) for value, label in TicketStatus.choices})
    return labels


@register.simple_tag
def ticket_badges(ticket: Ticket) -> SafeString:
    """The urgency and status badges of a ticket."""
    return mark_safe(_badges(ticket.urgency, ticket.status))


@register.simple_tag
def ticket_queue_rows(rows: list[QueueRow]) -> SafeString:
    """The rows of the office manager's ticket queue (``ticket_queue.TicketQueue``)."""
    detail_url = pk_url("premises:ticket_detail")
    categories = _category_labels()
    labels = _badge_labels()
    short_date = get_format("SHORT_DATE_FORMAT")
    tz = timezone.get_current_timezone()
    html = []
    for row in rows:
        url = detail_url(row.pk)
        category = categories.get(row.category, row.category)  # Ticket.get_category_display()
        location = ", ".join(part for part in (row.room_name or "", row.place) if part)  # Ticket.location
        where = escape(row.site_name) + (f"<br>{escape(location)}" if location else "")
        assignee = row.assignee
        charge = escape(assignee)
        if assignee and row.supplier:
            charge += "<br>"
        charge += escape(row.supplier)
        if not assignee and not row.supplier:
            charge += '<span class="text-body-secondary">—</span>'
        if row.due_date:
            due = escape(format_date(row.due_date, short_date))
            charge += f'<div class="text-body-secondary">{_("due %(date)s") % {"date": due}}</div>'
        created = format_date(row.created_at.astimezone(tz), short_date)  # the |date filter, in local time
        reporter = row.reporter
        html.append(
            '<tr data-testid="ticket-row">\n'
            f'        <td><a href="{url}">{row.pk}</a></td>\n'
            f'        <td><a href="{url}" class="fw-semibold">{escape(str(category))}</a>'
            '<div class="small text-body-secondary text-truncate mw-22rem">'
            f"{escape(row.description)}</div></td>\n"
            f'        <td class="small">{where}</td>\n'
            f'        <td class="text-nowrap">{_badges(row.urgency, row.status, labels)}</td>\n'
            f'        <td class="small">{charge}</td>\n'
            f'        <td class="small text-nowrap">{escape(created)}'
            f'<div class="text-body-secondary">{escape(reporter)}</div></td>\n'
            "      </tr>"
        )
    return mark_safe("\n      ".join(html))


@cache
def _category_labels() -> dict[str, str]:
    return dict(Ticket._meta.get_field("category").flatchoices)


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


@register.simple_tag
def register_rows(rows: list[RegisterRow]) -> SafeString:
    """The rows of a site's register (``ui_selectors.register_rows``)."""
    item_url = pk_url("premises:register_item")
    short_date = get_format("SHORT_DATE_FORMAT")
    results = {
        CheckResult.NON_COMPLIANT: f' <span class="badge text-bg-danger">{escape(_("Non-compliant"))}</span>',
        CheckResult.OBSERVATIONS: f' <span class="badge text-bg-light border">{escape(_("Observations"))}</span>',
    }
    never = f'<span class="text-body-secondary">{escape(_("Never"))}</span>'
    badges = {status: check_status_badge(status) for status in CheckStatus.values}
    html = []
    for row in rows:
        reference = (
            f'<div class="small text-body-secondary">{escape(row.legal_reference)}</div>' if row.legal_reference else ""
        )
        months = row.interval_months
        every = ngettext("%(months)s month", "%(months)s months", months) % {"months": months}
        if row.last_done_on:
            last = escape(format_date(row.last_done_on, short_date)) + results.get(row.last_result, "")
        else:
            last = never
        html.append(
            '<tr data-testid="register-row">\n'
            f'        <td><a href="{item_url(row.pk)}" class="fw-semibold">{escape(row.display_name)}</a>'
            f"{reference}</td>\n"
            f'        <td class="text-nowrap">{every}</td>\n'
            f'        <td class="text-nowrap">{last}</td>\n'
            f'        <td class="text-nowrap">{escape(format_date(row.due_date, short_date))}</td>\n'
            f"        <td>{badges.get(row.status) or check_status_badge(row.status)}</td>\n"
            f'        <td class="small">{escape(row.supplier or "—")}</td>\n'
            "      </tr>"
        )
    return mark_safe("\n      ".join(html))


# The premises sub-navigation: (url name, icon, label, url names that make it active, who sees it).
_NAV = (
    ("premises:day", "calendar-week", gettext_lazy("Rooms"), {"day", "site_day", "floor_plan"}, None),
    ("premises:find_room", "search", gettext_lazy("Find a room"), {"find_room"}, None),
    ("premises:my_bookings", "bookmark", gettext_lazy("My bookings"), {"my_bookings"}, None),
    ("premises:my_tickets", "tools", gettext_lazy("My tickets"), {"my_tickets", "ticket_new"}, None),
    ("premises:approvals", "check2-square", gettext_lazy("Approvals"), {"approvals"}, "office"),
    ("premises:ticket_list", "wrench-adjustable", gettext_lazy("All tickets"), {"ticket_list"}, "office"),
    ("premises:register", "shield-check", gettext_lazy("Safety register"), None, "register"),
    ("premises:spaces", "building-gear", gettext_lazy("Spaces"), {"spaces", "site_spaces", "site_settings"}, "office"),
)


@register.simple_tag(takes_context=True)
def premises_nav(context) -> SafeString:
    """The premises sub-navigation (every premises page has it): what every person can do, then the
    office manager's pages. The register is active on every register page and on recording a check.
    The labels are not escaped, like ``{% translate %}`` of a literal: they are the project's own text."""
    match = getattr(context.get("request"), "resolver_match", None)
    url_name = getattr(match, "url_name", None)
    roles = context.get("roles") or {}
    office = bool(roles.get("office_manager"))
    shown = {None: True, "office": office, "register": office or bool(roles.get("director"))}
    items = []
    for name, icon, label, names, who in _NAV:
        if not shown[who]:
            continue
        if names is None:
            active = url_name is not None and ("register" in url_name or url_name == "record_new")
        else:
            active = url_name in names
        items.append(
            f'    <li class="nav-item"><a class="nav-link text-nowrap{" active" if active else ""}" '
            f'href="{fixed_url(name)}"><i class="bi bi-{icon}" aria-hidden="true"></i> {label}</a></li>\n'
        )
    return mark_safe(
        f'<nav class="premises-nav mb-3 d-print-none" aria-label="{_("Premises")}">\n'
        '  <ul class="nav nav-pills flex-nowrap overflow-auto small">\n'
        f"{''.join(items)}"
        "  </ul>\n</nav>"
    )
