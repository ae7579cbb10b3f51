"""Markup the accounts pages repeat, written in Python or rendered once.

``org_nav``: the tabs between the organisation pages, rendered once per language and section.

``user_filters``: the accounts list's filter bar, rendered once per language and list of options
while nothing is searched.

``user_rows``: the rows of the accounts table. Written with template tags, each row is a dozen
variable lookups and five ``{% if %}``; the list is the office manager's most visited page, and
its rows took longer than the rest of the page. Everything shown is worked out by
``selectors.user_rows`` (``UserRow``); this tag only escapes it and joins it into the markup.
"""

from __future__ import annotations

from html import escape

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from apps.accounts.selectors import UserRow
from apps.core.rendered import RenderedOnce

register = template.Library()

_FILTERS_TEMPLATE = "accounts/partials/_user_filters.html"
_org_nav = RenderedOnce("accounts/_org_nav.html", kept=64)
_blank_filters = RenderedOnce(_FILTERS_TEMPLATE, kept=64)


@register.simple_tag(takes_context=True)
def org_nav(context) -> SafeString:
    """accounts/_org_nav.html for this page: the same few tabs, rendered once per language and section."""
    match = context["request"].resolver_match
    section = (match.url_name or "")[:4] if match else ""
    return mark_safe(_org_nav.render(section, lambda: {"section": section}))


@register.simple_tag
def user_filters(form) -> SafeString:
    """accounts/partials/_user_filters.html, the accounts list's filter bar.

    The blank bar (nothing searched yet: the usual visit) depends only on the language and on the
    teams and sites it lists, so it is rendered once for each and then reused; a bar with a search
    in it is rendered every time.
    """
    if form.is_bound:
        return mark_safe(render_to_string(_FILTERS_TEMPLATE, {"filters": form}))
    options = tuple((str(value), str(label)) for name in ("team", "site") for value, label in form.fields[name].choices)
    return mark_safe(_blank_filters.render(options, lambda: {"filters": form}))


@register.simple_tag
def user_rows(rows: list[UserRow]) -> SafeString:
    """The ``<tr>`` of each row, each preceded by a line break (as a ``{% for %}`` around them)."""
    badge = '<span class="badge text-bg-light border">{}</span>'
    deactivated = f'<span class="badge text-bg-secondary ms-1">{escape(_("Deactivated"))}</span>'
    director = badge.format(escape(_("Director")))
    office_manager = badge.format(escape(_("Office manager")))
    manager = badge.format(escape(_("Manager")))
    inactive = ' class="text-body-secondary"'
    html = []
    for row in rows:
        html.append(
            f'\n      <tr{"" if row.is_active else inactive} data-testid="user-row">\n'
            '        <td class="text-nowrap">\n'
            f'          <a href="{escape(row.edit_url)}">{escape(row.name)}</a>\n'
            f"          {'' if row.is_active else deactivated}\n"
            "        </td>\n"
            f'        <td class="text-nowrap">{escape(row.email)}</td>\n'
            f"        <td>{escape(row.team)}</td>\n"
            f"        <td>{escape(row.site)}</td>\n"
            '        <td class="text-nowrap">\n'
            f"          {director if row.has_director_role else ''}\n"
            f"          {office_manager if row.has_office_manager_role else ''}\n"
            f"          {manager if row.manages_a_team else ''}\n"
            "        </td>\n"
            "      </tr>\n      "
        )
    return mark_safe("".join(html))
