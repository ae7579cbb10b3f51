"""Links to pages another part of the supplies app may not have yet (they are built in parallel):
a missing pattern gives no link rather than an error."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import NoReverseMatch

from apps.core.reversing import pk_url


def optional_pk_url(name: str) -> Callable[[int], str] | None:
    """``pk_url(name)``, or None when no such pattern is installed."""
    try:
        return pk_url(name)
    except NoReverseMatch:
        return None
