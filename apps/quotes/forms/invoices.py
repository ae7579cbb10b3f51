"""Input of the invoice pages: the list's filters, a draft's header, invoicing a quote (final or
deposit), a payment, a credit note's lines. Fields check the bounds; the services check them again."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from apps.core.forms import BootstrapForm, DayField
from apps.premises.forms import DateInput
from apps.quotes.models import MAX_LINE_QUANTITY, ClientContact, PaymentMethod
from apps.quotes.services.invoicing import (
    MAX_AMOUNT,
    NOTES_MAX_LENGTH,
    REFERENCE_MAX_LENGTH,
    SUBJECT_MAX_LENGTH,
    TERMS_MAX_LENGTH,
)

SEARCH_MAX_LENGTH = 100
FINAL, DEPOSIT = "final", "deposit"


class InvoiceFilterForm(BootstrapForm):
    client = forms.TypedChoiceField(label=_("Client"), required=False, coerce=int, empty_value=None)
    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX_LENGTH)

    def __init__(self, *args, clients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].choices = [("", _("All clients")), *clients]
        self.fields["q"].widget.attrs.update({"placeholder": _("Number, subject or client"), "type": "search"})


class InvoiceForm(BootstrapForm):
    """A draft's header: what can change before issue (the lines come from the quote or the invoice)."""

    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX_LENGTH)
    contact = forms.ModelChoiceField(
        label=_("Contact"), queryset=ClientContact.objects.none(), required=False, empty_label=_("— none —")
    )
    payment_terms = forms.CharField(label=_("Payment terms"), required=False, max_length=TERMS_MAX_LENGTH)
    notes = forms.CharField(
        label=_("Notes on the invoice"),
        required=False,
        max_length=NOTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, invoice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = ClientContact.objects.filter(client_id=invoice.client_id)


class FromQuoteForm(BootstrapForm):
    """Invoice an accepted quote: its final invoice, or a deposit invoice of ``percent`` %."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        choices=[(FINAL, _("Final invoice")), (DEPOSIT, _("Deposit invoice"))], widget=forms.HiddenInput
    )
    percent = forms.DecimalField(
        label=_("Deposit (%)"),
        required=False,
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0.01", "max": "100", "inputmode": "decimal"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == DEPOSIT and data.get("percent") is None and "percent" not in self.errors:
            self.add_error("percent", _("Enter the share of the quote the deposit asks for."))
        return data


class PaymentForm(BootstrapForm):
    token = forms.UUIDField(widget=forms.HiddenInput)
    paid_on = DayField(label=_("Paid on"), widget=DateInput())
    amount = forms.DecimalField(
        label=_("Amount (€)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_AMOUNT)],
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0.01", "inputmode": "decimal"}),
    )
    method = forms.ChoiceField(label=_("Method"), choices=PaymentMethod.choices, initial=PaymentMethod.TRANSFER)
    reference = forms.CharField(
        label=_("Reference"),
        required=False,
        max_length=REFERENCE_MAX_LENGTH,
        help_text=_("Cheque number, transfer label…"),
    )


class CreditNoteForm(BootstrapForm):
    """A credit note: everything left (``full``) or a quantity per line (``qty_<line id>``)."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    full = forms.BooleanField(label=_("Credit everything that is left"), required=False)

    def __init__(self, *args, rows, **kwargs):
        """``rows``: (invoice line, quantity left to credit) of each priced line."""
        super().__init__(*args, **kwargs)
        self.rows = []
        for line, left in rows:
            name = f"qty_{line.pk}"
            self.fields[name] = forms.DecimalField(
                label=_("Quantity to credit of “%(line)s”") % {"line": line.description[:60]},
                required=False,
                min_value=Decimal("0"),
                max_value=min(left, MAX_LINE_QUANTITY),
                max_digits=12,
                decimal_places=3,
                widget=forms.NumberInput(attrs={"step": "any", "min": "0", "inputmode": "decimal"}),
            )
            self.fields[name].widget.attrs["class"] = "form-control form-control-sm"
            self.rows.append((line, left, name))

    def clean(self):
        data = super().clean()
        if not data.get("full") and not any(data.get(name) for _line, _left, name in self.rows):
            raise forms.ValidationError(_("Tick “everything” or enter a quantity for at least one line."))
        return data

    def quantities(self) -> dict[int, Decimal]:
        return {line.pk: self.cleaned_data[name] for line, _left, name in self.rows if self.cleaned_data.get(name)}
