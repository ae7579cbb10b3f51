"""HTMX helpers: one partial serves both the full page and the HTMX swap (STYLE.md §6)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_page_or_partial(
    request: HttpRequest, page: str, partial: str, context: dict, status: int = 200
) -> HttpResponse:
    """Render ``partial`` alone for an HTMX request, else the full ``page`` (which includes it)."""
    template = partial if getattr(request, "htmx", False) else page
    return render(request, template, context, status=status)
