"""The printable register as a PDF: its Jinja2 template rendered to HTML, then laid out by WeasyPrint
with the print style sheet (A4, "page X / Y" and the print date in the footer)."""

from __future__ import annotations

import datetime as dt

from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string
from weasyprint import CSS, HTML

PRINT_CSS = "css/register-print.css"


def _no_fetch(url: str, *args, **kwargs):
    # The page is self-contained: nothing in the register (a check's name, a remark) may make the
    # server fetch a file or a URL while printing.
    raise ValueError(f"refused to fetch {url!r}")


def register_pdf_bytes(request: HttpRequest, *, sites: list, company, today: dt.date) -> bytes:
    html = render_to_string(
        "premises/register/print.html", {"sites": sites, "company": company, "today": today}, request=request
    )
    stylesheet = CSS(filename=finders.find(PRINT_CSS))
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf(stylesheets=[stylesheet])
