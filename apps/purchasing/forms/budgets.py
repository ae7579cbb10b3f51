"""Forms of the budgets and of the accountant's pages (the services check the rules again)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Site, Team
from apps.core.forms import BootstrapForm, DayField
from apps.purchasing.exports import MAX_PERIOD_DAYS
from apps.purchasing.models import DEFAULT_ACCOUNTS, MAX_BUDGET, AccountingSettings
from apps.purchasing.selectors.budgets import YEARS_AHEAD
from apps.suppliers.models import SupplierCategory

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BudgetForm(BootstrapForm):
    # Not a choice field: a closed year sent anyway gets the service's clear message, not "invalid choice".
    year = forms.IntegerField(label=_("Year"), widget=forms.Select)
    category = forms.ChoiceField(label=_("Category"), choices=SupplierCategory.choices)
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.none(),
        required=False,
        empty_label=_("Whole company"),
        help_text=_("Leave empty for a company-wide budget."),
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("Every team"),
        help_text=_(
            "Spend counts in the most specific budget that covers it: a team's or a site's budget is taken "
            "out of the company-wide one, never counted twice."
        ),
    )
    amount = forms.DecimalField(
        label=_("Amount excl. VAT (€)"), min_value=Decimal("0"), max_value=MAX_BUDGET, decimal_places=2, max_digits=12
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        today = today or timezone.localdate()
        self.fields["year"].widget.choices = [(year, year) for year in range(today.year, today.year + YEARS_AHEAD + 1)]
        self.fields["site"].queryset = Site.objects.order_by("name")
        self.fields["team"].queryset = Team.objects.order_by("name")

    def budget_fields(self) -> dict:
        data = self.cleaned_data
        return {key: data[key] for key in ("year", "category", "site", "team", "amount", "note")}


class PeriodForm(BootstrapForm):
    start = DayField(label=_("From"), widget=DATE_WIDGET)
    end = DayField(label=_("To"), widget=DATE_WIDGET)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end of the period is before its start."))
            elif (end - start).days >= MAX_PERIOD_DAYS:
                self.add_error("end", _("Choose a period of five years at most."))
        return data


class AccountMappingForm(BootstrapForm):
    """One pair of fields (account, label) per category, then the journal and the general accounts."""

    journal_code = forms.CharField(label=_("Purchases journal code"), max_length=10)
    journal_label = forms.CharField(label=_("Purchases journal label"), max_length=100)
    supplier_account = forms.CharField(label=_("Suppliers account"), max_length=12)
    vat_account = forms.CharField(label=_("Deductible VAT account"), max_length=12)

    def __init__(self, *args, mappings: dict[str, tuple[str, str]], setup: AccountingSettings, **kwargs):
        initial = {
            "journal_code": setup.journal_code,
            "journal_label": setup.journal_label,
            "supplier_account": setup.supplier_account,
            "vat_account": setup.vat_account,
        }
        for category in SupplierCategory.values:
            account, label = mappings.get(category) or DEFAULT_ACCOUNTS[category]
            initial[f"account_{category}"] = account
            initial[f"label_{category}"] = label
        super().__init__(*args, initial=initial, **kwargs)
        for category, name in SupplierCategory.choices:
            self.fields[f"account_{category}"] = forms.CharField(
                label=_("Account for %(category)s") % {"category": name}, max_length=12
            )
            self.fields[f"label_{category}"] = forms.CharField(
                label=_("Label for %(category)s") % {"category": name}, max_length=100
            )
        # The BootstrapFormMixin ran before these fields existed.
        for field in self.fields.values():
            if "form-control" not in field.widget.attrs.get("class", ""):
                field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} form-control".strip()

    def rows(self):
        """(category label, account field, label field) per category, for the table."""
        return [(name, self[f"account_{c}"], self[f"label_{c}"]) for c, name in SupplierCategory.choices]

    def settings_fields(self):
        return [self[name] for name in ("journal_code", "journal_label", "supplier_account", "vat_account")]

    def accounts(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {c: (data[f"account_{c}"], data[f"label_{c}"]) for c in SupplierCategory.values}

    def settings(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[name]
            for name in ("journal_code", "journal_label", "supplier_account", "vat_account")
        }
