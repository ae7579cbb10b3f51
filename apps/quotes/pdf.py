"""Quotes and invoices as PDFs: templates/quotes/pdf/ (a shared layout and macros) laid out by WeasyPrint
with static/css/quotes-print.css (A4, "Page n / N", the lines' header repeated, rows never split, the
totals and the signature box kept together).

- ``quote_pdf_bytes(quote)``: the devis. An issued quote is printed from its ``issued_details`` (the
  seller and the client as they were at issue); a draft is a preview from today's details, marked
  "BROUILLON" on every page.
- ``invoice_pdf_bytes(invoice)``: an invoice, a deposit invoice or a credit note, as PDF/A-3b so that the
  Factur-X XML can be embedded in it (apps/quotes/facturx.py).
- ``issued_details_of(client=..., contact=...)``: the snapshot the issuing services store on the document.

Both are written in French whatever the reader's language: they go to French clients, under French law.
Every figure comes from ``apps.quotes.totals.totals_of`` (the page, the PDF and the XML agree).
"""

from __future__ import annotations

import base64
import mimetypes
from decimal import Decimal
from functools import lru_cache

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from apps.accounts.models import Company
from apps.quotes.models import InvoiceKind, QuoteSettings
from apps.quotes.totals import net_of, totals_of

PRINT_CSS = "css/quotes-print.css"
PDF_LANGUAGE = "fr"
INVOICE_PDF_VARIANT = "pdf/a-3b"
MAX_LOGO_BYTES = 2 * 1024 * 1024
# Legal forms whose registration is at the RCS (commercial companies) and which have a share capital.
RCS_FORMS = frozenset({"SAS", "SASU", "SARL", "EURL", "SA", "SCOP", "SNC"})
CAPITAL_FORMS = RCS_FORMS


# --- WeasyPrint objects kept per process --------------------------------------------------------


@lru_cache(maxsize=1)
def _fonts() -> FontConfiguration:
    return FontConfiguration()


@lru_cache(maxsize=1)
def _stylesheet() -> CSS:
    # Parsed once per process: the style sheet is the same for every document.
    return CSS(filename=finders.find(PRINT_CSS), font_config=_fonts())


@lru_cache(maxsize=1)
def _fetcher() -> URLFetcher:
    # Only data: URLs (the logo, inlined below): nothing typed into a quote may make the server fetch
    # a file or a URL.
    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False)


def _render(template: str, context: dict, **options) -> bytes:
    with translation.override(PDF_LANGUAGE):
        html = render_to_string(template, context)
    return HTML(string=html, url_fetcher=_fetcher()).write_pdf(
        stylesheets=[_stylesheet()], font_config=_fonts(), **options
    )


# --- the snapshot -------------------------------------------------------------------------------


def seller_details(company: Company | None) -> dict:
    if company is None:
        return {}
    return {
        "legal_name": company.legal_name,
        "trade_name": company.trade_name,
        "legal_form": company.legal_form,
        "legal_form_label": str(company.get_legal_form_display()),
        "address": company.address,
        "postal_code": company.postal_code,
        "city": company.city,
        "siren": company.siren,
        "siret": company.siret,
        "rcs_city": company.rcs_city if company.legal_form in RCS_FORMS else "",
        "share_capital": (
            str(company.share_capital)
            if company.share_capital is not None and company.legal_form in CAPITAL_FORMS
            else ""
        ),
        "vat_number": company.vat_number,
        "vat_exempt": company.vat_exempt,
        "email": company.email,
        "phone": company.phone,
    }


def client_details(client, contact=None) -> dict:
    details = {
        "name": client.name,
        "kind": client.kind,
        "is_business": client.is_business,
        "address_lines": client.address_lines,
        "siren": client.siren,
        "siret": client.siret,
        "vat_number": client.vat_number,
        "email": client.email,
        "contact": {},
    }
    if contact is not None:
        details["contact"] = {"name": contact.name, "role": contact.role, "email": contact.email}
    return details


def terms_details(settings: QuoteSettings) -> dict:
    return {
        "late_penalty_rate": settings.late_penalty_rate,
        "iban": settings.iban,
        "bic": settings.bic,
        "quote_footer": settings.quote_footer,
    }


def issued_details_of(*, client, contact=None, company: Company | None = None, settings=None) -> dict:
    """What a document prints of its seller, its client and the payment terms, frozen at issue."""
    if company is None:
        company = Company.objects.filter(pk=1).first()
    return {
        "seller": seller_details(company),
        "client": client_details(client, contact),
        "terms": terms_details(settings or QuoteSettings.current()),
    }


def _details(document) -> dict:
    if document.issued_details:
        return document.issued_details
    return issued_details_of(client=document.client, contact=document.contact)


@lru_cache(maxsize=4)
def _logo_data_uri(name: str, updated: str) -> str:
    company = Company.objects.filter(pk=1).first()
    if company is None or not company.logo:
        return ""
    try:
        with company.logo.open("rb") as handle:
            content = handle.read(MAX_LOGO_BYTES + 1)
    except OSError:
        return ""
    content_type = mimetypes.guess_type(name)[0]
    if len(content) > MAX_LOGO_BYTES or content_type not in ("image/png", "image/jpeg", "image/webp", "image/gif"):
        return ""
    return f"data:{content_type};base64,{base64.b64encode(content).decode('ascii')}"


def _logo() -> str:
    company = Company.objects.filter(pk=1).only("logo", "updated_at").first()
    if company is None or not company.logo:
        return ""
    return _logo_data_uri(company.logo.name, company.updated_at.isoformat())


def _places(quantity) -> int:
    """The decimals a quantity needs: 2 → 0, 12.5 → 1, 0.125 → 3."""
    exponent = Decimal(quantity).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _rows(lines) -> list[tuple]:
    """(line, its net amount or None, the decimals its quantity needs) of each line."""
    return [(line, net_of(line), _places(line.quantity)) for line in lines]


# --- the documents ------------------------------------------------------------------------------


def quote_pdf_context(quote) -> dict:
    lines = list(quote.lines.order_by("position", "pk"))
    details = _details(quote)
    totals = totals_of(lines, quote.discount_percent)
    seller = details.get("seller") or {}
    return {
        "quote": quote,
        "is_draft": not quote.number or quote.status == "draft",
        "seller": seller,
        "client": details.get("client") or {},
        "terms": details.get("terms") or {},
        "vat_exempt": bool(seller.get("vat_exempt")),
        "logo": _logo(),
        "rows": _rows(lines),
        "totals": totals,
        "deposit": totals.deposit(quote.deposit_percent) if quote.deposit_percent else Decimal("0"),
        "issue_date": quote.issue_date or timezone.localdate(),
    }


def quote_pdf_bytes(quote) -> bytes:
    """The quote as a PDF (a draft: a preview marked BROUILLON)."""
    return _render("quotes/pdf/quote.html", quote_pdf_context(quote))


def deposits_deducted(lines, discount_percent, totals) -> Decimal:
    """What the deposit lines take off the invoice's total excl. VAT, once the global discount applies to
    them: the deposits' own bases (their lines are grossed up before the discount, so the sum of their
    amounts would overstate it)."""
    if not any(line.kind == "deposit" for line in lines):
        return Decimal("0")
    without = totals_of([line for line in lines if line.kind != "deposit"], discount_percent)
    return without.excl_vat - totals.excl_vat


def invoice_pdf_context(invoice) -> dict:
    lines = list(invoice.lines.select_related("deposit_invoice").order_by("position", "pk"))
    details = _details(invoice)
    totals = totals_of(lines, invoice.discount_percent)
    seller = details.get("seller") or {}
    client = details.get("client") or {}
    credited = invoice.credited_invoice if invoice.kind == InvoiceKind.CREDIT_NOTE else None
    return {
        "invoice": invoice,
        "is_draft": not invoice.number or invoice.status == "draft",
        "is_credit_note": invoice.kind == InvoiceKind.CREDIT_NOTE,
        "is_deposit": invoice.kind == InvoiceKind.DEPOSIT,
        "credited": credited,
        "quote": invoice.quote,
        "seller": seller,
        "client": client,
        "terms": details.get("terms") or {},
        "vat_exempt": bool(seller.get("vat_exempt")),
        "logo": _logo(),
        "rows": _rows(lines),
        "totals": totals,
        "deposits_deducted": deposits_deducted(lines, invoice.discount_percent, totals),
        "amount_paid": invoice.amount_paid,
        "amount_due": max(totals.incl_vat - invoice.amount_paid, Decimal("0")),
        "issue_date": invoice.issue_date or timezone.localdate(),
    }


def invoice_pdf_bytes(invoice) -> bytes:
    """The invoice (or deposit invoice, or credit note) as a PDF/A-3b, ready for the Factur-X XML."""
    return _render("quotes/pdf/invoice.html", invoice_pdf_context(invoice), pdf_variant=INVOICE_PDF_VARIANT)
