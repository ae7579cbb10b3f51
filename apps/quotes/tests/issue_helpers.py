"""Helpers of the issuing tests: a quote issued through the service, a PDF's text."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from apps.quotes.services.issue import quote_issue
from apps.quotes.tests.factories_issue import ready_quote


def issued_quote(by, **fields):
    return quote_issue(quote=ready_quote(by=by, **fields), by=by)


def pdf_text(content: bytes) -> str:
    """The PDF's text on one line, its spaces (narrow, non-breaking) made plain."""
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)
