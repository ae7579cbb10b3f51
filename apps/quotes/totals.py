"""The totals of a quote or an invoice: one pure function of its lines and its document discount.

The live form, the page, the PDF and the Factur-X XML all call ``totals_of`` (which hands the priced
lines to ``apps.core.money.document_totals``, EN 16931 rounding), so they can never disagree. Section
titles and free-text lines count in no total.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.core.money import ZERO, LineInput, Totals, document_totals, line_net
from apps.quotes.models.common import PRICED_KINDS


def _input(line) -> LineInput:
    return LineInput(
        quantity=Decimal(line.quantity),
        unit_price=Decimal(line.unit_price),
        vat_rate=Decimal(line.vat_rate),
        discount_percent=Decimal(line.discount_percent or ZERO),
    )


def totals_of(lines: Iterable, discount_percent: Decimal = ZERO) -> Totals:
    """The totals of ``lines`` (model rows or any object with kind, quantity, unit_price, vat_rate and
    discount_percent) with a document discount of ``discount_percent``."""
    return document_totals([_input(line) for line in lines if line.kind in PRICED_KINDS], Decimal(discount_percent))


def net_of(line) -> Decimal | None:
    """One priced line's net amount (quantity × unit price less its discount, rounded); None for a title
    or a free-text line."""
    return line_net(_input(line)) if line.kind in PRICED_KINDS else None


# The total columns hold 12 digits: a document above this is a typing mistake, refused before saving.
MAX_DOCUMENT_TOTAL = Decimal("9999999999.99")


def check_storable(totals: Totals) -> None:
    """Refuse totals the database could not keep (a huge quantity times a huge price), with a clear message."""
    largest = max(
        [abs(totals.incl_vat), abs(totals.lines_total), *(abs(net) for net in totals.line_nets)], default=ZERO
    )
    if largest > MAX_DOCUMENT_TOTAL:
        raise ValidationError(
            _("This would bring the total to more than %(max)s €: check the quantities and prices.")
            % {"max": "9 999 999 999,99"},
            code="total_too_large",
        )


TOTAL_FIELDS = ["total_excl_vat", "total_vat", "total_incl_vat"]


def apply_totals(document, lines=None) -> Totals:
    """Set a quote's or an invoice's three stored totals from ``totals_of`` its ``lines`` (by default its
    lines as saved) and its discount; the caller saves (``update_fields=TOTAL_FIELDS``)."""
    totals = totals_of(document.lines.all() if lines is None else lines, document.discount_percent)
    document.total_excl_vat, document.total_vat, document.total_incl_vat = totals.excl_vat, totals.vat, totals.incl_vat
    return totals
