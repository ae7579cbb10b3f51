"""Tags for the layout every page renders (navbar, footer): the same URLs on every request.

``{% url %}`` walks the resolver and ``{% static %}`` looks up the manifest each time; across the
navbar, the footer and the <head> that is some twenty lookups per page for values that only
change with the settings. These tags compute each value once per process (cleared when a test
overrides the settings they depend on).
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.text import capfirst
from django.utils.translation import get_language_info

register = template.Library()

_urls: dict[tuple[str, str, str], str] = {}
_assets: dict[str, str] = {}
_languages: dict[tuple, tuple[tuple[str, str], ...]] = {}


@register.simple_tag
def fixed_url(name: str) -> str:
    """``{% url name %}`` for a URL without arguments, reversed once per process."""
    key = (str(get_urlconf() or settings.ROOT_URLCONF), get_script_prefix(), name)
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


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs) -> None:
    if setting in {"ROOT_URLCONF", "FORCE_SCRIPT_NAME"}:
        _urls.clear()
    if setting in {"STATIC_URL", "STATIC_ROOT", "STORAGES", "STATICFILES_DIRS", "DEBUG"}:
        _assets.clear()
