"""Reverse one URL pattern for many primary keys at the cost of a single ``reverse()``.

A list of 25 rows with two or three links each would call ``reverse()`` dozens of times per
request, and each call walks the resolver; rows only differ by their key, so the URL is reversed
once with a marker key and the marker is replaced for each row.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

_MARKER = "9081726354"


def pk_url(viewname: str) -> Callable[[int], str]:
    """A function ``pk -> reverse(viewname, args=[pk])`` for a pattern with one integer argument."""
    url = reverse(viewname, args=[int(_MARKER)])
    head, found, tail = url.partition(_MARKER)
    if not found or _MARKER in tail:
        return lambda pk: reverse(viewname, args=[pk])
    return lambda pk: f"{head}{int(pk)}{tail}"
