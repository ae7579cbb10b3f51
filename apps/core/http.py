"""Request helpers shared by every app's views."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, candidate: str | None = None) -> str:
    """``candidate`` (by default the ``next`` the page was given, in POST or GET) if it is a URL of
    this site, else "" (never redirect elsewhere: an open redirect would lend our domain to phishing).

    Only a path ("/...") or an http(s) address: ``redirect("foo")`` would read a bare word as a view
    name and fail with NoReverseMatch (a server error for ``next=foo``)."""
    if candidate is None:
        candidate = request.POST.get("next") or request.GET.get("next") or ""
    if not (candidate.startswith("/") or _scheme(candidate) in ("http", "https")):
        return ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _scheme(url: str) -> str:
    try:
        return urlsplit(url).scheme
    except ValueError:  # "http://[" (an unclosed IPv6 address)
        return ""


def error_messages(request: HttpRequest, exc: ValidationError) -> None:
    """Each message of a service's ValidationError as an error message on the next page."""
    for message in exc.messages:
        messages.error(request, message)
