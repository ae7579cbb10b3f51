"""Markup rendered once per distinct content and reused: the navbar, the language switcher, the
organisation tabs, a blank filter bar.

Django spends 20–60 µs on each variable, tag and include of a template. Parts of the layout are
the same on most requests (a person's navbar on a page, the tabs of a section): each is rendered
once per *key* and kept. The key must hold everything the template reads; the active language and
the URL scope (URLconf, script prefix) are added to it here. What changes on every request (the
CSRF token, the page to come back to) is rendered as a marker and put in by the caller.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils.translation import get_language

from apps.core.reversing import url_scope

CSRF_MARK = "\x1ecsrf-token\x1e"

_all: weakref.WeakSet[RenderedOnce] = weakref.WeakSet()


class RenderedOnce:
    def __init__(self, template_name: str, *, kept: int = 1024):
        self.template_name = template_name
        self.kept = kept
        self._html: OrderedDict[tuple, str] = OrderedDict()
        self._lock = threading.Lock()  # runserver and threaded servers share it
        _all.add(self)

    def render(self, key: Hashable, context: Callable[[], dict[str, Any]]) -> str:
        """The template rendered with ``context()`` the first time ``key`` is seen, kept after."""
        full_key = (get_language(), url_scope(), key)
        html = self._html.get(full_key)
        if html is None:
            html = render_to_string(self.template_name, context())
            with self._lock:
                self._html[full_key] = html
                while len(self._html) > self.kept:
                    self._html.popitem(last=False)
        return html

    def clear(self) -> None:
        with self._lock:
            self._html.clear()


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs) -> None:
    if setting in {"TEMPLATES", "LANGUAGES", "ROOT_URLCONF", "FORCE_SCRIPT_NAME"}:
        for rendered in list(_all):
            rendered.clear()
