"""Reverse one URL pattern for many primary keys at the cost of a single ``reverse()``.

A list of 25 rows with two or three links each would call ``reverse()`` dozens of times per
request, and each call walks the resolver; rows only differ by their key, so the URL is reversed
once with a marker key and the marker is replaced for each row. The split URL is kept per process
(keyed like ``{% fixed_url %}``: URLconf and script prefix), so a page pays no ``reverse()`` at all.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

_MARKER = "9081726354"
_split: dict[tuple[str, str, str], tuple[str, str] | None] = {}


def url_scope() -> tuple[str, str]:
    """What a reversed URL depends on besides its name: the URLconf in use and the script prefix
    (the key of every per-process cache of URLs or of markup holding them)."""
    return str(get_urlconf() or settings.ROOT_URLCONF), get_script_prefix()


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
