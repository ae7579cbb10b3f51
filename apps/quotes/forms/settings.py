"""The quote and invoice settings form (input only: the service checks again)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import BootstrapForm
from apps.core.identifiers import compact
from apps.quotes.models import QuoteSettings
from apps.quotes.models.quotes import MAX_VALIDITY_DAYS
from apps.quotes.services.settings import SETTINGS_FIELDS, bank_errors


class QuoteSettingsForm(BootstrapForm):
    validity_days = forms.IntegerField(
        label=_("Quotes are valid for (days)"), min_value=1, max_value=MAX_VALIDITY_DAYS, initial=30
    )
    payment_terms = forms.CharField(
        label=_("Payment terms on quotes"),
        max_length=255,
        help_text=_("E.g. payment within 30 days of the invoice date, by bank transfer."),
    )
    invoice_due_days = forms.IntegerField(
        label=_("Invoices are due after (days)"),
        min_value=0,
        max_value=60,
        help_text=_("Between businesses, 60 days from the invoice date at most."),
    )
    late_penalty_rate = forms.CharField(
        label=_("Late-payment penalty rate"),
        max_length=200,
        help_text=_("Printed on invoices; the law sets a floor of three times the legal interest rate."),
    )
    default_deposit_percent = forms.DecimalField(
        label=_("Default deposit (%)"),
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Proposed on new quotes; 0 for no deposit."),
    )
    iban = forms.CharField(
        label=_("IBAN for payments"),
        required=False,
        max_length=50,
        help_text=_("Printed on invoices; spaces are fine."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    bic = forms.CharField(
        label=_("BIC"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    quote_footer = forms.CharField(
        label=_("Footer note on quotes"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, instance: QuoteSettings, **kwargs):
        kwargs.setdefault("initial", {name: getattr(instance, name) for name in SETTINGS_FIELDS})
        super().__init__(*args, **kwargs)
        self.fields["default_deposit_percent"].widget.attrs.update({"inputmode": "decimal", "step": "0.01"})

    def clean_iban(self):
        return compact(self.cleaned_data.get("iban"))

    def clean_bic(self):
        return compact(self.cleaned_data.get("bic"))

    def clean(self):
        data = super().clean()
        for name, message in bank_errors(iban=data.get("iban") or "", bic=data.get("bic") or "").items():
            if name not in self.errors:
                self.add_error(name, message)
        return data

    def settings_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in SETTINGS_FIELDS}
