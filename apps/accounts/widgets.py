"""The accounts filter bar's widgets, written with plain string escaping.

The bar is on the office manager's most visited page. ``FastSelect`` already writes its options
in Python, but through ``format_html_join`` and ``flatatt``, whose lazy-aware escaping costs
more than the rest of the option; the search box goes through the form renderer's templates.
These give the same markup (attribute order, boolean attributes, escaping) with ``html.escape``.
They belong in apps/core/forms.py if other filter bars want them.
"""

from __future__ import annotations

from html import escape
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe

from apps.core.forms import FastSelect


def _conditional_escape(value: Any) -> str:
    """``django.utils.html.conditional_escape``: safe strings as they are, anything else escaped."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))


def _flatatt(attrs: dict[str, Any]) -> str:
    """``django.forms.utils.flatatt``: sorted ``key="value"`` pairs, then sorted bare boolean attributes."""
    pairs = sorted((key, value) for key, value in attrs.items() if not isinstance(value, bool) and value is not None)
    flags = sorted(key for key, value in attrs.items() if value is True)
    return "".join(f' {_conditional_escape(key)}="{_conditional_escape(value)}"' for key, value in pairs) + "".join(
        f" {_conditional_escape(key)}" for key in flags
    )


class QuickSelect(FastSelect):
    """``FastSelect``'s markup, escaped directly."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group_name, group_choices, _index in widget["optgroups"]:
            options = "".join(
                f'<option value="{_conditional_escape(str(option["value"]))}"{_flatatt(option["attrs"])}>'
                f"{_conditional_escape(option['label'])}</option>"
                for option in group_choices
            )
            parts.append(
                f'<optgroup label="{_conditional_escape(group_name)}">{options}</optgroup>' if group_name else options
            )
        return mark_safe(
            f'<select name="{_conditional_escape(widget["name"])}"{_flatatt(widget["attrs"])}>{"".join(parts)}</select>'
        )


class QuickTextInput(forms.TextInput):
    """What django/forms/widgets/input.html (and attrs.html) write, without the template engine."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        html = f'<input type="{_conditional_escape(widget["type"])}" name="{_conditional_escape(widget["name"])}"'
        if widget["value"] is not None:
            html += f' value="{escape(str(widget["value"]))}"'
        for key, attr in widget["attrs"].items():
            if attr is False:
                continue
            html += (
                f" {_conditional_escape(key)}" if attr is True else f' {_conditional_escape(key)}="{escape(str(attr))}"'
            )
        return mark_safe(html + ">")
