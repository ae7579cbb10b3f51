"""Template filters and tags of the leave pages."""

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from html import escape

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from apps.core.dates import date_text
from apps.core.reversing import pk_url
from apps.leave.models import Half, LeaveRequest, LeaveStatus

register = template.Library()


@receiver(setting_changed)
def _forget_formats(**kwargs) -> None:
    # The cached strings depend on the format settings (a test may override them).
    _days.cache_clear()
    _request_dates.cache_clear()


@register.filter
def days(value) -> str:
    """A number of days without trailing zeros, with the language's decimal separator: 2,5 · 8 · -1,25."""
    if value is None or value == "":
        return ""
    return _days(Decimal(value), get_language())


@lru_cache(maxsize=4096)
def _days(value: Decimal, language: str | None) -> str:
    # A list repeats a few values (1, 2,5, 5…): formatting each once per language is enough.
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


def request_dates(leave_request: LeaveRequest) -> str:
    """What leave/partials/_dates.html writes: “Mon 4 May 2026 (afternoon) – Fri 8 May 2026”."""
    request = leave_request
    return _request_dates(request.start_date, request.start_half, request.end_date, request.end_half, get_language())


@lru_cache(maxsize=4096)
def _request_dates(start_date: dt.date, start_half: str, end_date: dt.date, end_half: str, language: str | None) -> str:
    start = date_text(start_date, "D j N Y")
    from_afternoon = start_half == Half.AFTERNOON
    until_noon = end_half == Half.MORNING
    if start_date == end_date:
        if from_afternoon:
            return f"{start} ({_('afternoon')})"
        return f"{start} ({_('morning')})" if until_noon else start
    text = f"{start} ({_('afternoon')})" if from_afternoon else start
    text += f" – {date_text(end_date, 'D j N Y')}"
    return f"{text} ({_('morning')})" if until_noon else text


@register.simple_tag
def leave_request_rows(requests) -> SafeString:
    """One table row per request: its dates (a link to it), its type, its days, its status."""
    detail_url = pk_url("leave:request_detail")
    badges: dict[str, str] = {}  # per status, translated once per list
    html = []
    for leave_request in requests:
        leave_type = leave_request.leave_type
        badge = badges.get(leave_request.status)
        if badge is None:
            css, label = _BADGES.get(leave_request.status, _CANCELLED)
            badge = badges[leave_request.status] = (
                f'<span class="badge {css}" data-testid="status">{escape(str(label))}</span>'
            )
        html.append(
            '<tr data-testid="request-row">'
            f'<td><a href="{detail_url(leave_request.pk)}">{escape(request_dates(leave_request))}</a></td>'
            f'<td class="text-nowrap"><span class="leave-swatch" data-style="background: {escape(leave_type.colour)}">'
            f"</span> {escape(leave_type.name)}</td>"
            f'<td class="text-end">{days(leave_request.days)}</td>'
            f"<td>{badge}</td>"
            "</tr>\n"
        )
    return mark_safe("".join(html))  # every value above is escaped (or a number, or ours)


def _below_zero(value) -> str:
    return " text-danger" if value < 0 else ""


@register.simple_tag
def balance_rows(balances) -> SafeString:
    """One table row per balance type (leave/partials/_balances.html): acquired, being acquired,
    taken, pending, balance and balance after the pending requests, negatives in red."""
    html = []
    for balance in balances:
        leave_type = balance.leave_type
        after = balance.balance_after_pending
        html.append(
            "<tr>"
            f'<th scope="row" class="text-nowrap"><span class="leave-swatch" data-style="background: '
            f'{escape(leave_type.colour)}"></span> {escape(leave_type.name)}</th>'
            f'<td class="text-end">{days(balance.acquired)}</td>'
            f'<td class="text-end">{days(balance.being_acquired)}</td>'
            f'<td class="text-end">{days(balance.taken)}</td>'
            f'<td class="text-end">{days(balance.pending)}</td>'
            f'<td class="text-end fw-semibold{_below_zero(balance.balance)}">{days(balance.balance)}</td>'
            f'<td class="text-end{_below_zero(after)}">{days(after)}</td>'
            "</tr>\n"
        )
    return mark_safe("".join(html))  # every value above is escaped (or a number, or ours)


_REQUIRED = ' <span class="text-danger" aria-hidden="true">*</span>'


@register.simple_tag
def form_field(field) -> SafeString:
    """One form field, Bootstrap style (as components/form.html renders each): its label (a star
    when required), the widget, the help text and the errors. leave/partials/_field.html is this tag."""
    if field.widget_type == "checkbox":
        html = format_html(
            '<div class="form-check">{} <label class="form-check-label" for="{}">{}</label></div>',
            field,
            field.id_for_label,
            field.label,
        )
    else:
        html = format_html(
            '<label class="form-label" for="{}">{}{}</label>\n{}',
            field.id_for_label,
            field.label,
            mark_safe(_REQUIRED) if field.field.required else "",
            field,
        )
    help_text = format_html('<div class="form-text">{}</div>', field.help_text) if field.help_text else ""
    errors = format_html_join("", '<div class="invalid-feedback d-block">{}</div>', ((e,) for e in field.errors))
    return format_html('<div class="mb-3">\n{}\n{}{}\n</div>\n', html, help_text, errors)
