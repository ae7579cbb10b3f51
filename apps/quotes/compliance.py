"""What a devis must show and this one lacks (FRENCH_RULES.md, "Quotes (devis)").

``quote_problems(quote, company)`` lists the problems as sentences; ``quote_checks`` gives each with
where it is fixed (``COMPANY``: the company's settings, ``CLIENT``: the client's page, ``QUOTE``: the
quote's header, ``LINES``: its lines), for the checklist page. A quote with a problem is not issued.

The seller: legal name, legal form, address, SIREN and SIRET, the RCS city (commercial companies, not a
sole proprietorship or an association), the share capital (companies with a capital), the intra-EU VAT
number (unless VAT-exempt, whose quotes say "TVA non applicable, art. 293 B du CGI" and carry no VAT).
The client: name and complete address. The quote: one priced line at least, each with a description and a
quantity, its validity and its payment terms (which must also say when a deposit is paid).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from apps.quotes.models import LineKind
from apps.quotes.models.quotes import MAX_VALIDITY_DAYS
from apps.quotes.pdf import CAPITAL_FORMS, RCS_FORMS

COMPANY = "company"
CLIENT = "client"
QUOTE = "quote"
LINES = "lines"


@dataclass(frozen=True)
class Problem:
    message: str
    where: str  # COMPANY, CLIENT, QUOTE or LINES


def _blank(value) -> bool:
    return not (value or "").strip()


def company_checks(company) -> list[Problem]:
    if company is None:
        return [Problem(_("The company's details (the seller on the quote) are not filled in."), COMPANY)]
    problems = []

    def need(missing: bool, message: str) -> None:
        if missing:
            problems.append(Problem(message, COMPANY))

    need(_blank(company.legal_name), _("The company's legal name is missing."))
    need(_blank(company.legal_form), _("The company's legal form is missing."))
    need(
        _blank(company.address) or _blank(company.postal_code) or _blank(company.city),
        _("The company's address is incomplete (street, postal code and city)."),
    )
    need(_blank(company.siren), _("The company's SIREN number is missing."))
    need(_blank(company.siret), _("The company's SIRET number is missing."))
    need(
        company.legal_form in RCS_FORMS and _blank(company.rcs_city),
        _("The city of the company's RCS registration is missing."),
    )
    need(
        company.legal_form in CAPITAL_FORMS and company.share_capital is None,
        _("The company's share capital is missing."),
    )
    need(
        not company.vat_exempt and _blank(company.vat_number),
        _("The company's intra-EU VAT number is missing (or tick “VAT exempt” if it is)."),
    )
    return problems


def client_checks(client) -> list[Problem]:
    problems = []
    if _blank(client.name):
        problems.append(Problem(_("The client's name is missing."), CLIENT))
    if not client.has_address:
        problems.append(Problem(_("The client's address is incomplete (street, postal code and city)."), CLIENT))
    return problems


def lines_checks(lines, *, vat_exempt: bool) -> list[Problem]:
    priced = [line for line in lines if line.kind == LineKind.ITEM]
    if not priced:
        return [Problem(_("The quote has no priced line."), LINES)]
    problems = []
    for number, line in enumerate(priced, start=1):
        if _blank(line.description):
            problems.append(Problem(_("Priced line %(number)d has no description.") % {"number": number}, LINES))
        if line.quantity is None or line.quantity <= 0:
            problems.append(Problem(_("Priced line %(number)d has no quantity.") % {"number": number}, LINES))
    if vat_exempt and any(Decimal(line.vat_rate) != 0 for line in priced):
        problems.append(
            Problem(
                _(
                    "The company is VAT exempt (“TVA non applicable, art. 293 B du CGI”): "
                    "every line's VAT rate must be 0 %."
                ),
                LINES,
            )
        )
    return problems


def quote_header_checks(quote) -> list[Problem]:
    problems = []
    if not quote.validity_days or not 1 <= quote.validity_days <= MAX_VALIDITY_DAYS:
        problems.append(Problem(_("The quote's validity (in days) is missing."), QUOTE))
    if _blank(quote.payment_terms):
        if quote.deposit_percent:
            message = _("The payment terms are missing: with a deposit, they must say when it is paid.")
        else:
            message = _("The payment terms are missing.")
        problems.append(Problem(message, QUOTE))
    return problems


def quote_checks(quote, company, *, lines=None) -> list[Problem]:
    """Every problem of ``quote`` (its client and its lines) with the seller ``company`` (None when the
    company's row does not exist), with where each is fixed."""
    if lines is None:
        lines = list(quote.lines.all())
    vat_exempt = bool(company is not None and company.vat_exempt)
    return [
        *company_checks(company),
        *client_checks(quote.client),
        *quote_header_checks(quote),
        *lines_checks(lines, vat_exempt=vat_exempt),
    ]


def quote_problems(quote, company) -> list[str]:
    """What the devis must show and lacks, as sentences; empty when it can be issued."""
    return [problem.message for problem in quote_checks(quote, company)]
