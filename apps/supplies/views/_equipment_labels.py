"""The asset labels as a PDF: an A4 sheet of 3 × 8 labels, each with a QR code opening the item's page.

The QR codes are SVG data URIs made by segno and handed to the template (no markup is built here);
WeasyPrint lays the page out with static/css/equipment-labels.css and reads nothing but those data
URIs: no file, no URL is fetched while printing.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from apps.core.reversing import pk_url
from apps.supplies.models import EquipmentItem

LABELS_CSS = "css/equipment-labels.css"
LABELS_PER_SHEET = 24  # 3 columns × 8 rows of 70 × 37 mm


@dataclass(frozen=True)
class Label:
    item: EquipmentItem
    url: str  # the item's absolute page, what the QR code opens
    qr: str  # an SVG data URI


def item_page_url(pk: int, *, detail_url=None) -> str:
    detail_url = detail_url or pk_url("supplies:equipment_detail")
    return settings.SITE_URL.rstrip("/") + detail_url(pk)


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=2)


def label_sheets(items: list[EquipmentItem]) -> list[list[Label]]:
    """The labels of ``items``, cut into sheets of ``LABELS_PER_SHEET``."""
    detail_url = pk_url("supplies:equipment_detail")
    labels = []
    for item in items:
        url = item_page_url(item.pk, detail_url=detail_url)
        labels.append(Label(item=item, url=url, qr=qr_data_uri(url)))
    return [labels[start : start + LABELS_PER_SHEET] for start in range(0, len(labels), LABELS_PER_SHEET)]


def labels_html(request: HttpRequest | None, *, items: list[EquipmentItem], company_name: str) -> str:
    return render_to_string(
        "supplies/equipment/labels.html",
        {"sheets": label_sheets(items), "company_name": company_name},
        request=request,
    )


def labels_pdf_bytes(request: HttpRequest | None, *, items: list[EquipmentItem], company_name: str) -> bytes:
    html = labels_html(request, items=items, company_name=company_name)
    # Only the QR codes' data URIs are read; a tag or a model typed as a URL is never fetched.
    fetcher = URLFetcher(allowed_protocols={"data"}, timeout=1)
    stylesheet = CSS(filename=finders.find(LABELS_CSS), url_fetcher=fetcher)
    return HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[stylesheet])
