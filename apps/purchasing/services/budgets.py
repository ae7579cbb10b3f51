"""Writes of the budgets and of the accountant's settings.

``budget_create(*, year, category, site, team, amount, note="", by) -> Budget`` and
``budget_update(*, budget, year, category, site, team, amount, note="", by) -> Budget`` — a
ValidationError when the year is closed (before the current one) or out of range, the amount is
negative or too large, or another budget has the same year, category, site and team. The same
creation sent twice makes one budget: the second finds the first, identical, and returns it.

``account_mapping_save(*, accounts, journal_code, journal_label, supplier_account, vat_account, by)``
— the expense account and its label per category (``{category: (account, label)}``), and the
journal and the suppliers' and VAT accounts; all or nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.purchasing.models import MAX_BUDGET, AccountingSettings, AccountMapping, Budget
from apps.purchasing.selectors.budgets import FIRST_YEAR, YEARS_AHEAD
from apps.suppliers.models import SupplierCategory


def _check(*, year: int, amount: Decimal, today: dt.date) -> None:
    errors: dict[str, str] = {}
    if year < today.year:
        errors["year"] = _("%(year)d is a closed year: its budgets can no longer be set or changed.") % {"year": year}
    elif year > today.year + YEARS_AHEAD or year < FIRST_YEAR:
        errors["year"] = _("Choose a year between %(first)d and %(last)d.") % {
            "first": today.year,
            "last": today.year + YEARS_AHEAD,
        }
    if amount is None or amount < 0:
        errors["amount"] = _("A budget cannot be negative.")
    elif amount > MAX_BUDGET:
        errors["amount"] = _("This amount is too large.")
    if errors:
        raise ValidationError(errors)


def _same_scope(*, year: int, category: str, site, team):
    return Budget.objects.filter(year=year, category=category, site=site, team=team)


def _duplicate_error() -> ValidationError:
    return ValidationError(
        _("There is already a budget for this year, category, site and team: change that one instead.")
    )


def _save(budget: Budget) -> Budget:
    """Save in a savepoint: two identical forms racing end as the same error as the check."""
    budget.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            budget.save()
    except IntegrityError as exc:
        raise _duplicate_error() from exc
    return budget


@transaction.atomic
def budget_create(
    *, year: int, category: str, site, team, amount: Decimal, note: str = "", by, today: dt.date | None = None
) -> Budget:
    """A new budget; the same form sent again (same scope, amount and note) answers the budget it made."""
    _check(year=year, amount=amount, today=today or timezone.localdate())
    existing = _same_scope(year=year, category=category, site=site, team=team).first()
    if existing is not None:
        if existing.amount == amount and existing.note == note and existing.updated_by_id == by.pk:
            return existing
        raise _duplicate_error()
    budget = Budget(year=year, category=category, site=site, team=team, amount=amount, note=note, updated_by=by)
    try:
        return _save(budget)
    except ValidationError:
        # Lost a race to an identical form: that one made the budget.
        twin = _same_scope(year=year, category=category, site=site, team=team).first()
        if twin is not None and twin.amount == amount and twin.note == note and twin.updated_by_id == by.pk:
            return twin
        raise


@transaction.atomic
def budget_update(
    *,
    budget: Budget,
    year: int,
    category: str,
    site,
    team,
    amount: Decimal,
    note: str = "",
    by,
    today: dt.date | None = None,
) -> Budget:
    """Change a budget of the current year or a later one (a closed year's budget stays as it was)."""
    today = today or timezone.localdate()
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    if budget.year < today.year:
        raise ValidationError(
            _("%(year)d is a closed year: its budgets can no longer be set or changed.") % {"year": budget.year}
        )
    _check(year=year, amount=amount, today=today)
    if _same_scope(year=year, category=category, site=site, team=team).exclude(pk=budget.pk).exists():
        raise _duplicate_error()
    budget.year, budget.category, budget.site, budget.team = year, category, site, team
    budget.amount, budget.note, budget.updated_by, budget.updated_at = amount, note, by, timezone.now()
    return _save(budget)


@transaction.atomic
def account_mapping_save(
    *,
    accounts: dict[str, tuple[str, str]],
    journal_code: str,
    journal_label: str,
    supplier_account: str,
    vat_account: str,
    by,
) -> AccountingSettings:
    """Save every category's expense account and the journal settings together."""
    unknown = set(accounts) - set(SupplierCategory.values)
    if unknown:
        raise ValidationError(_("Unknown category: %(category)s.") % {"category": ", ".join(sorted(unknown))})
    current = {row.category: row for row in AccountMapping.objects.select_for_update()}
    errors: list[ValidationError] = []
    rows = []
    for category, (account, label) in accounts.items():
        row = current.get(category) or AccountMapping(category=category)
        row.account, row.label = account.strip().upper(), label.strip()
        try:
            row.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            name = SupplierCategory(category).label
            errors.extend(ValidationError(f"{name}: {message}") for message in exc.messages)
        rows.append(row)
    settings_row = AccountingSettings.objects.select_for_update().filter(pk=1).first() or AccountingSettings(pk=1)
    settings_row.journal_code = journal_code.strip().upper()
    settings_row.journal_label = journal_label.strip()
    settings_row.supplier_account = supplier_account.strip().upper()
    settings_row.vat_account = vat_account.strip().upper()
    try:
        settings_row.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors.append(exc)
    if settings_row.journal_code and not re.fullmatch(r"[A-Z0-9]+", settings_row.journal_code):
        # It starts every line of the FEC and each entry's number: letters and digits only.
        errors.append(ValidationError(_("The journal code is letters and digits only (e.g. AC).")))
    if errors:
        raise ValidationError(errors)
    for row in rows:
        row.save()
    settings_row.save()
    return settings_row
