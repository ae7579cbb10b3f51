"""Reverse one URL pattern for many primary keys at the cost of a single ``reverse()``.

A list of 25 rows with two or three links each would call ``reverse()`` dozens of times per
request, and each call walks the resolver; rows only differ by their key, so the URL is reversed
once with a marker key and the marker is replaced for each row. The split URL is kept per process
(keyed by URLconf and script prefix), so a page pays no ``reverse()`` at all.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

_MARKER = "9081726354"
# url(): a URL depends only on the URLconf, the script prefix, the language (translated patterns)
# and its arguments, all in the key. Only plain int and str arguments are kept (an object's str()
# may change); the dict is emptied when it grows past _MAX_URLS (rows with distinct keys must not
# make it grow without bound).
_MAX_URLS = 8192
_urls: dict[tuple, str] = {}
_PLAIN = (int, str)
_split: dict[tuple[str, str, str], tuple[str, str] | None] = {}


def url_scope() -> tuple[str, str]:
    """What a reversed URL depends on besides its name: the URLconf in use and the script prefix
    (the key of every per-process cache of URLs or of markup holding them)."""
    return str(get_urlconf() or settings.ROOT_URLCONF), get_script_prefix()


def url(name: str, *args, **kwargs) -> str:
    """``reverse(name, args=args, kwargs=kwargs)``, memoized per process; the templates' ``url()``."""
    if not all(type(value) in _PLAIN for value in args) or not all(type(v) in _PLAIN for v in kwargs.values()):
        return reverse(name, args=args or None, kwargs=kwargs or None)
    key = (*url_scope(), get_language(), name, args, tuple(sorted(kwargs.items())))
    found = _urls.get(key)
    if found is None:
        found = reverse(name, args=args or None, kwargs=kwargs or None)
        if len(_urls) >= _MAX_URLS:
            _urls.clear()
        _urls[key] = found
    return found


def fixed_url(name: str) -> str:
    """The URL of a pattern without arguments (what ``{% fixed_url %}`` gave to Python code too)."""
    return url(name)


def pk_url(viewname: str) -> Callable[[int], str]:
    """A function ``pk -> reverse(viewname, args=[pk])`` for a pattern with one integer argument."""
    key = (*url_scope(), viewname)
    if key not in _split:
        url = reverse(viewname, args=[int(_MARKER)])
        head, found, tail = url.partition(_MARKER)
        _split[key] = (head, tail) if found and _MARKER not in tail else None
    parts = _split[key]
    if parts is None:
        return lambda pk: reverse(viewname, args=[pk])
    head, tail = parts
    return lambda pk: f"{head}{int(pk)}{tail}"


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs) -> None:
    if setting in {"ROOT_URLCONF", "FORCE_SCRIPT_NAME"}:
        _split.clear()
        _urls.clear()
