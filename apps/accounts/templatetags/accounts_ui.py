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

from collections import OrderedDict
from html import escape

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from apps.accounts.selectors import UserRow

register = template.Library()

_org_navs: dict[tuple, str] = {}
_filter_bars: OrderedDict[tuple, str] = OrderedDict()
FILTER_BARS_KEPT = 64


@register.simple_tag(takes_context=True)
def org_nav(context) -> SafeString:
    """accounts/_org_nav.html for this page: the same few tabs, rendered once per language and section."""
    match = context["request"].resolver_match
    section = (match.url_name or "")[:4] if match else ""
    key = (get_language(), get_script_prefix(), str(get_urlconf() or settings.ROOT_URLCONF), section)
    html = _org_navs.get(key)
    if html is None:
        html = _org_navs[key] = render_to_string("accounts/_org_nav.html", {"section": section})
    return mark_safe(html)


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
    key = (get_language(), get_script_prefix(), str(get_urlconf() or settings.ROOT_URLCONF), options)
    html = _filter_bars.get(key)
    if html is None:
        html = _filter_bars[key] = render_to_string(_FILTERS_TEMPLATE, {"filters": form})
        if len(_filter_bars) > FILTER_BARS_KEPT:
            _filter_bars.popitem(last=False)
    return mark_safe(html)


_FILTERS_TEMPLATE = "accounts/partials/_user_filters.html"


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs) -> None:
    if setting in {"ROOT_URLCONF", "FORCE_SCRIPT_NAME", "TEMPLATES", "LANGUAGES"}:
        _org_navs.clear()
        _filter_bars.clear()


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
