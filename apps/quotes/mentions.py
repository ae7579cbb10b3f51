"""What an invoice prints beside its lines: the seller's and the client's details (frozen at issue,
current for a draft), the legal mentions French law asks for, and the payment delay. Read by the PDF,
the Factur-X XML, the invoice page and the issuing service.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from apps.quotes.models import Invoice, QuoteSettings
from apps.quotes.pdf import issued_details_of


def invoice_details(invoice: Invoice) -> dict:
    """The seller's and the client's details and the payment terms (IBAN, penalty rate): as frozen at
    issue, or as they are now for a draft. ``apps.quotes.pdf.issued_details_of``'s snapshot (what the
    printed invoice reads), with the client's address in parts as the Factur-X XML needs them."""
    if invoice.issued_details:
        return invoice.issued_details
    return snapshot(invoice.client, invoice.contact)


def snapshot(client, contact=None) -> dict:
    details = issued_details_of(client=client, contact=contact)
    details["seller"]["country"] = "FR"
    details["client"].update(
        {
            "address": client.address,
            "address_extra": client.address_extra,
            "postal_code": client.postal_code,
            "city": client.city,
            "country": client.country or "FR",
        }
    )
    return details


def legal_mentions(invoice: Invoice, details: dict | None = None) -> list[tuple[str, str]]:
    """The mentions French law asks of an invoice, as (UNTDID 4451 subject code, text), in the active
    language (the PDF and the XML render them in French): late-payment penalties, the €40 recovery
    indemnity (a business client), no discount for early payment, and the VAT exemption if any."""
    details = details or invoice_details(invoice)
    seller, client = details.get("seller") or {}, details.get("client") or {}
    mentions = []
    if not invoice.is_credit_note:
        rate = (details.get("terms") or {}).get("late_penalty_rate") or QuoteSettings.current().late_penalty_rate
        mentions.append(("PMD", _("Late payment: penalties at %(rate)s.") % {"rate": rate}))
        if client.get("is_business", True):
            mentions.append(("PMT", _("Fixed indemnity for recovery costs in case of late payment: €40.")))
        mentions.append(("AAB", _("No discount for early payment.")))
    if seller.get("vat_exempt"):
        mentions.append(("TXD", "TVA non applicable, art. 293 B du CGI"))
    return mentions


def due_days(client) -> int:
    days = getattr(client, "payment_terms_days", None)
    return QuoteSettings.current().invoice_due_days if days is None else int(days)
