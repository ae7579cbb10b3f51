"""A purchase order as a PDF: templates/purchasing/pdf/order.html laid out by WeasyPrint with the print
style sheet (A4, the company's header, the supplier, the lines, the totals per VAT rate). Made once, when
the order is sent (``services.orders.order_send``), and kept as it was sent."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import CSS, HTML

from apps.accounts.models import Company
from apps.core.money import LineInput, document_totals

PRINT_CSS = "css/purchasing-order-print.css"
# A bon de commande goes to a French supplier: it is written in French whatever the sender's language.
PDF_LANGUAGE = "fr"


def _no_fetch(url: str, *args, **kwargs):
    # Nothing typed into an order (a line, the notes) may make the server fetch a file or a URL.
    raise ValueError(f"refused to fetch {url!r}")


def company_name() -> str:
    company = Company.objects.filter(pk=1).first()
    return (company.trade_name or company.legal_name) if company else ""


def order_pdf_context(order) -> dict:
    lines = list(order.lines.select_related("item").order_by("position", "pk"))
    totals = document_totals(
        LineInput(quantity=line.quantity, unit_price=line.unit_price, vat_rate=line.vat_rate) for line in lines
    )
    return {
        "order": order,
        "company": Company.objects.filter(pk=1).first(),
        "supplier": order.supplier,
        "contact": order.contact,
        "site": order.site,
        "rows": list(zip(lines, totals.line_nets, strict=True)),
        "totals": totals,
        "issued_on": timezone.localdate(order.sent_at) if order.sent_at else timezone.localdate(),
    }


def order_pdf_bytes(order) -> bytes:
    with translation.override(PDF_LANGUAGE):
        html = render_to_string("purchasing/pdf/order.html", order_pdf_context(order))
    stylesheet = CSS(filename=finders.find(PRINT_CSS))
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf(stylesheets=[stylesheet])
