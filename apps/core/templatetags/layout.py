"""Tags for the layout every page renders (navbar, footer): the same URLs on every request.

``{% url %}`` walks the resolver and ``{% static %}`` looks up the manifest each time; across the
navbar, the footer and the <head> that is some twenty lookups per page for values that only
change with the settings. These tags compute each value once per process (cleared when a test
overrides the settings they depend on); the navbar and the language switcher are rendered once per
distinct content (apps/core/rendered.py).
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language_info

from apps.core.rendered import CSRF_MARK, RenderedOnce
from apps.core.reversing import url_scope

register = template.Library()

_urls: dict[tuple[str, str, str], str] = {}
_assets: dict[str, str] = {}
_languages: dict[tuple, tuple[tuple[str, str], ...]] = {}


@register.simple_tag
def fixed_url(name: str) -> str:
    """``{% url name %}`` for a URL without arguments, reversed once per process."""
    key = (*url_scope(), name)
    url = _urls.get(key)
    if url is None:
        url = _urls[key] = reverse(name)
    return url


@register.simple_tag
def asset(path: str) -> str:
    """``{% static path %}`` (hashed name in production), looked up once per process."""
    url = _assets.get(path)
    if url is None:
        url = _assets[path] = static(path)
    return url


@register.simple_tag
def language_options() -> tuple[tuple[str, str], ...]:
    """``(code, name in that language)`` for each of LANGUAGES: the switcher's options, once per process."""
    key = tuple(settings.LANGUAGES)
    options = _languages.get(key)
    if options is None:
        options = _languages[key] = tuple(
            (code, capfirst(get_language_info(code)["name_local"])) for code, _name in settings.LANGUAGES
        )
    return options


_navbar = RenderedOnce("components/navbar.html")
_switcher = RenderedOnce("components/language_switcher.html", kept=16)
_PATH_MARK = "\x1enext-path\x1e"


@register.simple_tag(takes_context=True)
def navbar(context) -> SafeString:
    """components/navbar.html, rendered once per distinct content and then reused (apps/core/rendered.py).

    The navbar is the same on most requests of a person: their name and roles, the menu, the two
    badges, which entry is active. Each of those is in the key, the CSRF token is put in after (it
    changes per request). Rendering it costs about 0.4 ms, a lookup nothing.
    """
    request = context["request"]
    user = context["user"]
    roles = context["roles"]
    url_name = request.resolver_match.view_name if request.resolver_match else ""
    path = request.path
    entries = tuple((str(e.title), e.url, bool(e.url_prefix and e.url_prefix in path)) for e in context["app_menu"])
    unread, inbox = _count(context.get("unread_notifications_count")), _count(context.get("inbox_count"))
    key = (
        user.pk,
        user.get_full_name(),
        user.initials,
        tuple(str(label) for label in user.role_labels),
        tuple(sorted(role for role, has in roles.items() if has)),
        user.is_superuser,
        url_name,
        entries,
        unread,
        inbox,
    )
    html = _navbar.render(
        key,
        lambda: {
            "user": user,
            "roles": roles,
            "url_name": url_name,
            "entries": entries,
            "unread_notifications_count": unread,
            "inbox_count": inbox,
            "csrf_token": CSRF_MARK,
        },
    )
    return mark_safe(html.replace(CSRF_MARK, str(context.get("csrf_token", ""))))


@register.simple_tag(takes_context=True)
def language_switcher(context) -> SafeString:
    """components/language_switcher.html, rendered once per language and reused: only the page to
    come back to and the CSRF token change per request (both escaped here)."""
    html = _switcher.render(tuple(settings.LANGUAGES), lambda: {"csrf_token": CSRF_MARK, "next_path": _PATH_MARK})
    request = context.get("request")  # absent on the bare 500 page
    path = request.get_full_path() if request is not None else "/"
    return mark_safe(
        html.replace(CSRF_MARK, escape(str(context.get("csrf_token", "")))).replace(_PATH_MARK, escape(path))
    )


def _count(value) -> int:
    """A badge's number; the context processors give it as a lazy object (str() evaluates it)."""
    return int(str(value)) if value else 0


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs) -> None:
    if setting in {"ROOT_URLCONF", "FORCE_SCRIPT_NAME"}:
        _urls.clear()
    if setting in {"STATIC_URL", "STATIC_ROOT", "STORAGES", "STATICFILES_DIRS", "DEBUG"}:
        _assets.clear()
