"""Company identifiers as typed and as stored (SIREN, SIRET, VAT number, IBAN, BIC): one spelling."""

from __future__ import annotations


def compact(value: str | None) -> str:
    """An identifier as stored: letters and digits only, upper case (``FR 40 303 265 045`` → ``FR40303265045``)."""
    return "".join(ch for ch in (value or "") if ch.isalnum()).upper()
