"""Template filters and tags of the leave pages."""

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from html import escape

from django import template
from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from apps.core.reversing import pk_url
from apps.leave.models import Half, LeaveRequest, LeaveStatus

register = template.Library()


@register.filter
def days(value) -> str:
    """A number of days without trailing zeros, with the language's decimal separator: 2,5 · 8 · -1,25."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    # normalize() alone would write 10 as 1E+1.
    value = value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
    return formats.number_format(value, use_l10n=True)


# The rows of a person's request list (“my leave”: upcoming and the last 20 past requests), written
# in Python: with an {% include %} for the dates and one for the badge, plus a date filter per
# bound, each row cost more than the rest of the page. Same markup as the partials it replaces
# (leave/partials/_dates.html and _status_badge.html, still used by the single-request pages).
_BADGES = {
    LeaveStatus.PENDING: ("text-bg-warning", gettext_lazy("Pending")),
    LeaveStatus.APPROVED: ("text-bg-success", gettext_lazy("Approved")),
    LeaveStatus.REFUSED: ("text-bg-danger", gettext_lazy("Refused")),
    LeaveStatus.CANCELLATION_REQUESTED: ("text-bg-info", gettext_lazy("Cancellation requested")),
}
_CANCELLED = ("text-bg-secondary", gettext_lazy("Cancelled"))


@lru_cache(maxsize=4096)
def _long_date(day: dt.date, language: str | None) -> str:
    """ "Mon 4 May 2026" in the active language (part of the key: the result depends on it)."""
    return formats.date_format(day, "D j N Y")


def request_dates(leave_request: LeaveRequest) -> str:
    """What leave/partials/_dates.html writes: “Mon 4 May 2026 (afternoon) – Fri 8 May 2026”."""
    language = get_language()
    start = _long_date(leave_request.start_date, language)
    from_afternoon = leave_request.start_half == Half.AFTERNOON
    until_noon = leave_request.end_half == Half.MORNING
    if leave_request.start_date == leave_request.end_date:
        if from_afternoon:
            return f"{start} ({_('afternoon')})"
        return f"{start} ({_('morning')})" if until_noon else start
    text = f"{start} ({_('afternoon')})" if from_afternoon else start
    text += f" – {_long_date(leave_request.end_date, language)}"
    return f"{text} ({_('morning')})" if until_noon else text


@register.simple_tag
def leave_request_rows(requests) -> SafeString:
    """One table row per request: its dates (a link to it), its type, its days, its status."""
    detail_url = pk_url("leave:request_detail")
    html = []
    for leave_request in requests:
        leave_type = leave_request.leave_type
        css, label = _BADGES.get(leave_request.status, _CANCELLED)
        html.append(
            '<tr data-testid="request-row">'
            f'<td><a href="{detail_url(leave_request.pk)}">{escape(request_dates(leave_request))}</a></td>'
            f'<td class="text-nowrap"><span class="leave-swatch" style="background: {escape(leave_type.colour)}">'
            f"</span> {escape(leave_type.name)}</td>"
            f'<td class="text-end">{days(leave_request.days)}</td>'
            f'<td><span class="badge {css}" data-testid="status">{escape(str(label))}</span></td>'
            "</tr>\n"
        )
    return mark_safe("".join(html))  # every value above is escaped (or a number, or ours)
