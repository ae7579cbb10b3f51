"""``{% approval_cards approvals %}``: the approvals inbox, one card per ``registry.Approval``.

Written with ``format_html``: a manager's inbox lists every request waiting, and an item of the
former template (a form with its CSRF token, dates, translations) cost some 100 µs to render.
Every value is escaped; the one CSRF token of the request serves each form.
"""

from __future__ import annotations

from django import template
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag(takes_context=True)
def approval_cards(context, approvals) -> SafeString:
    if not approvals:
        return format_html(
            '<div class="empty-state"><i class="bi bi-inbox" aria-hidden="true"></i>{}</div>',
            gettext("Nothing to decide. Requests from your team will appear here."),
        )
    csrf = str(context.get("csrf_token", ""))
    approve = format_html('<i class="bi bi-check-lg"></i> {}', gettext("Approve"))
    refuse = format_html('<i class="bi bi-x-lg"></i> {}', gettext("Refuse"))
    return format_html_join("\n", "{}", ((_card(approval, csrf, approve, refuse),) for approval in approvals))


def _card(approval, csrf: str, approve: SafeString, refuse: SafeString) -> SafeString:
    if approval.url:
        title = format_html('<a href="{}">{}</a>', approval.url, approval.title)
    else:
        title = format_html("{}", approval.title)
    behalf = ""
    if approval.on_behalf_of:
        behalf = format_html(
            ' · <span class="badge text-bg-warning">{}</span>',
            gettext("On behalf of %(person)s") % {"person": approval.on_behalf_of},
        )
    detail = format_html('<p class="mb-1">{}</p>', approval.detail) if approval.detail else ""
    lines = format_html_join(
        "", '<p class="small text-body-secondary mb-0">{}</p>', ((line,) for line in approval.context)
    )
    actions = []
    if approval.approve_url:
        actions.append(
            format_html(
                '<form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" value="{}">'
                '<button class="btn btn-success btn-sm" type="submit">{}</button></form>',
                approval.approve_url,
                csrf,
                approve,
            )
        )
    if approval.refuse_url:
        actions.append(
            format_html('<a class="btn btn-outline-danger btn-sm" href="{}">{}</a>', approval.refuse_url, refuse)
        )
    return format_html(
        '<article class="card mb-3 shadow-sm" data-testid="approval"><div class="card-body">'
        '<div class="d-flex flex-wrap justify-content-between gap-2"><div>'
        '<h2 class="h6 mb-1">{}</h2><p class="small text-body-secondary mb-1">{} · {}{}</p>{}{}</div>'
        '<div class="d-flex gap-2 align-items-start">{}</div></div></div></article>',
        title,
        approval.requester,
        formats.date_format(template_localtime(approval.submitted_at), "SHORT_DATETIME_FORMAT"),
        behalf,
        detail,
        lines,
        SafeString("".join(actions)),
    )
