"""The office manager's quote and invoice settings (one row): ``quote_settings_update(*, by, **fields)``.

Quotes and invoices copy what they need from it when they are written or issued, so a change here
changes no document already issued. The IBAN and BIC printed on invoices are checked with
python-stdnum; invoices fall due 60 days after their date at most (Code de commerce L441-10)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban

from apps.core.identifiers import compact
from apps.quotes.models import QuoteSettings
from apps.quotes.services.clients import require_office_manager

SETTINGS_FIELDS = (
    "validity_days",
    "payment_terms",
    "invoice_due_days",
    "late_penalty_rate",
    "default_deposit_percent",
    "iban",
    "bic",
    "quote_footer",
)
TEXT_FIELDS = ("payment_terms", "late_penalty_rate", "quote_footer")


def bank_errors(*, iban: str, bic: str) -> dict[str, str]:
    """The IBAN's and BIC's errors (compact values): checksum and shape by python-stdnum."""
    errors = {}
    if iban and not stdnum_iban.is_valid(iban):
        errors["iban"] = _("This IBAN is not valid (country, 2 check digits, then the account; checksum).")
    if bic and not stdnum_bic.is_valid(bic):
        errors["bic"] = _("This BIC is not valid (8 or 11 characters: bank, country, place, branch).")
    return errors


@transaction.atomic
def quote_settings_update(*, by, **fields: Any) -> QuoteSettings:
    """Change the settings given; returns the row. The row is locked: two saves at once take turns."""
    require_office_manager(by)
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"Unknown settings fields: {sorted(unknown)}")
    QuoteSettings.current()
    row = QuoteSettings.objects.select_for_update().get(pk=1)
    for name, value in fields.items():
        if name in ("iban", "bic"):
            value = compact(value)
        elif name in TEXT_FIELDS:
            value = (value or "").strip()
        setattr(row, name, value)
    errors: dict[str, Any] = {}
    try:
        row.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    for name, message in bank_errors(iban=row.iban, bic=row.bic).items():
        errors.setdefault(name, [message])
    if errors:
        raise ValidationError(errors)
    row.save()
    return row
