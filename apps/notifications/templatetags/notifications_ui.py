"""The notifications list's rows, written in Python.

Everyone opens their notifications; written with template tags, each row cost some forty
variable lookups and ``{% if %}``, two ``{% csrf_token %}`` and the date filters, more than the
rest of the page. Everything shown is worked out by ``selectors.notification_rows``
(``NotificationRow``); this tag only escapes it and joins it into the markup, with the page's
CSRF token written once for every form.
"""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from apps.notifications.selectors import NotificationRow

register = template.Library()


def _csrf_input(context) -> str:
    """What ``{% csrf_token %}`` writes, from the same per-request token."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":  # noqa: S105 - the csrf_token tag's marker, not a secret
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(str(token))}">'


@register.simple_tag(takes_context=True)
def notification_rows(context, rows: list[NotificationRow]) -> SafeString:
    """The ``<li>`` of each row (partials/_rows.html), each preceded by a line break."""
    csrf = _csrf_input(context)
    request = context.get("request")
    next_url = escape(request.get_full_path()) if request is not None else ""
    unread_label = escape(_("Unread:"))
    mark_read_label = escape(_("Mark as read"))
    unread_note = f'<span class="visually-hidden">{unread_label}</span>'
    bold = ' class="fw-semibold"'
    html = []
    for row in rows:
        unread = not row.is_read
        title = escape(row.title)
        if row.has_link:
            heading = (
                f'\n    <form method="post" action="{escape(row.open_url)}" class="d-inline">\n'
                f"      {csrf}\n"
                '      <button type="submit" class="btn btn-link p-0 text-start align-baseline'
                f'{" fw-semibold" if unread else ""}">{title}</button>\n'
                "    </form>\n    "
            )
        else:
            heading = f"\n    <span{bold if unread else ''}>{title}</span>\n    "
        body = f'<p class="mb-0 small">{row.body_html}</p>' if row.body_html else ""
        mark_read = ""
        if unread:
            read_url = escape(row.read_url)
            mark_read = (
                f'\n  <form method="post" action="{read_url}" hx-post="{read_url}"'
                f' hx-target="#notification-{row.pk}" hx-swap="outerHTML">\n'
                f"    {csrf}\n"
                f'    <input type="hidden" name="next" value="{next_url}">\n'
                '    <button type="submit" class="btn btn-sm btn-outline-secondary text-nowrap">'
                f'<i class="bi bi-check2" aria-hidden="true"></i> {mark_read_label}</button>\n'
                "  </form>\n  "
            )
        html.append(
            f'\n<li id="notification-{row.pk}" class="list-group-item d-flex gap-3 align-items-start'
            f'{" bg-primary-subtle" if unread else ""}" data-testid="notification"'
            f' data-read="{"false" if unread else "true"}">\n'
            f'  <i class="bi {"bi-bell-fill text-primary" if unread else "bi-bell text-body-secondary"} mt-1"'
            ' aria-hidden="true"></i>\n'
            '  <div class="flex-grow-1">\n'
            f"    {unread_note if unread else ''}\n"
            f"    {heading}\n"
            f"    {body}\n"
            '    <small class="text-body-secondary">'
            f'<time datetime="{escape(row.created_iso)}" title="{escape(row.created_text)}">'
            f"{escape(row.created_ago)}</time></small>\n"
            "  </div>\n"
            f"  {mark_read}\n"
            "</li>\n"
        )
    return mark_safe("".join(html))
