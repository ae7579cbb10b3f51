"""STAND-IN (directory branch): the compliance helper owns this module; the lead keeps theirs.

Only the interface the directory pages use: ``compliance_flags`` and ``FLAG_LABELS``."""

from __future__ import annotations

import datetime as dt

FLAG_LABELS: dict[str, str] = {}


def compliance_flags(supplier_ids: list[int], today: dt.date | None = None) -> dict[int, list[str]]:
    """The compliance flag codes of each supplier (one query in the real module); none here."""
    return {pk: [] for pk in supplier_ids}
