"""Input of the quote pages: the list's filters, the header, a priced line, a title or free text, a
catalogue line, a move. Fields check the bounds; the services check them again."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.forms import BootstrapForm, DayField
from apps.premises.forms import DateInput
from apps.quotes.models import (
    MAX_DISCOUNT,
    MAX_LINE_QUANTITY,
    Client,
    ClientContact,
    LineKind,
    QuoteStatus,
    QuoteVatRate,
)
from apps.quotes.models.quotes import MAX_VALIDITY_DAYS
from apps.quotes.selectors.quotes import (
    SEARCH_MAX_LENGTH,
    STATUS_FILTER_LABELS,
    catalogue_for_lines,
    clients_for_new_quote,
)
from apps.quotes.services.lines import DESCRIPTION_MAX_LENGTH, MIN_QUANTITY, UNIT_MAX_LENGTH
from apps.supplies.models.catalogue import MAX_PRICE

NOTES_MAX_LENGTH = 4000


def percent_field(label) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_DISCOUNT)],
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "100", "inputmode": "decimal"}),
    )


def live_attrs(url: str) -> dict:
    """The HTMX attributes of a field whose typing recomputes the totals shown in ``#live-totals``."""
    return {
        "hx-get": url,
        "hx-trigger": "input changed delay:300ms",
        "hx-include": "closest form",
        "hx-target": "#live-totals",
        "hx-swap": "innerHTML",
        "hx-sync": "closest form:replace",
    }


class QuoteFilterForm(BootstrapForm):
    status = forms.ChoiceField(label=_("Status"), required=False)
    client = forms.TypedChoiceField(label=_("Client"), required=False, coerce=int, empty_value=None)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX_LENGTH)

    def __init__(self, *args, clients, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *STATUS_FILTER_LABELS.items(), *QuoteStatus.choices]
        self.fields["client"].choices = [("", _("All clients")), *clients]
        self.fields["year"].choices = [("", _("All years")), *[(year, str(year)) for year in years]]
        self.fields["q"].widget.attrs.update({"placeholder": _("Reference, subject or client"), "type": "search"})


class QuoteForm(BootstrapForm):
    """The header of a quote. The contact must be one of the chosen client's (checked here and by the
    service); a new quote's validity, payment terms and deposit come from the settings."""

    token = forms.UUIDField(required=False, widget=forms.HiddenInput)
    client = forms.ModelChoiceField(label=_("Client"), queryset=Client.objects.none())
    contact = forms.ModelChoiceField(
        label=_("Contact"), queryset=ClientContact.objects.none(), required=False, empty_label=_("— none —")
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    validity_days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=MAX_VALIDITY_DAYS, widget=forms.NumberInput()
    )
    discount_percent = percent_field(_("Global discount (%)"))
    deposit_percent = percent_field(_("Deposit (%)"))
    payment_terms = forms.CharField(label=_("Payment terms"), required=False, max_length=255)
    start_date = DayField(label=_("Start date"), required=False, widget=DateInput())
    duration = forms.CharField(label=_("Duration"), required=False, max_length=100, help_text=_("e.g. 3 weeks"))
    notes = forms.CharField(
        label=_("Notes on the quote"),
        required=False,
        max_length=NOTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, quote=None, live_url: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if live_url:
            for name in ("discount_percent", "deposit_percent"):
                self.fields[name].widget.attrs.update(live_attrs(live_url))
        clients = clients_for_new_quote()
        if quote is not None:
            clients = clients | Client.objects.filter(pk=quote.client_id)
            del self.fields["token"]
        self.fields["client"].queryset = clients.order_by("name", "pk")
        contacts = ClientContact.objects.filter(client__in=clients).select_related("client")
        client_id = self._chosen_client(quote)
        if client_id is not None:
            contacts = contacts.filter(client_id=client_id)
        self.fields["contact"].queryset = contacts.order_by("client__name", "-is_primary", "name", "pk")
        self.fields["contact"].label_from_instance = lambda contact: f"{contact} — {contact.client.name}"

    def _chosen_client(self, quote) -> int | None:
        value = self.data.get(self.add_prefix("client")) if self.is_bound else self.initial.get("client")
        if value is None and quote is not None:
            value = quote.client_id
        value = getattr(value, "pk", value)
        return int(value) if str(value or "").isdigit() and len(str(value)) < 12 else None

    def clean(self):
        data = super().clean()
        client, contact = data.get("client"), data.get("contact")
        if client is not None and contact is not None and contact.client_id != client.pk:
            self.add_error("contact", _("This contact is not one of the client's."))
        for name in ("discount_percent", "deposit_percent"):
            if data.get(name) is None and name not in self.errors:
                data[name] = Decimal("0")
        return data


class LineForm(BootstrapForm):
    """A priced line: what is sold, how many (up to 3 decimals), the unit, the unit price excl. VAT, the
    VAT rate and an optional line discount."""

    description = forms.CharField(
        label=_("Description"), max_length=DESCRIPTION_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )
    quantity = forms.DecimalField(
        label=_("Quantity"),
        max_digits=10,
        decimal_places=3,
        min_value=MIN_QUANTITY,
        max_value=MAX_LINE_QUANTITY,
        widget=forms.NumberInput(attrs={"step": "0.001", "min": "0", "inputmode": "decimal"}),
    )
    unit = forms.CharField(label=_("Unit"), required=False, max_length=UNIT_MAX_LENGTH, help_text=_("e.g. hour, day"))
    unit_price = forms.DecimalField(
        label=_("Unit price excl. VAT (€)"),
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=MAX_PRICE,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )
    vat_rate = forms.TypedChoiceField(label=_("VAT rate"), choices=QuoteVatRate.choices, coerce=Decimal)
    discount_percent = percent_field(_("Line discount (%)"))

    def __init__(self, *args, live_url: str | None = None, **kwargs):
        kwargs.setdefault("prefix", "line")
        kwargs.setdefault("initial", {"quantity": 1, "vat_rate": QuoteVatRate.STANDARD})
        super().__init__(*args, **kwargs)
        if live_url:
            # As the person types, the totals below are computed again by the server (never in JavaScript).
            for field in self.fields.values():
                field.widget.attrs.update(live_attrs(live_url))

    def clean_discount_percent(self):
        value = self.cleaned_data.get("discount_percent")
        return Decimal("0") if value is None else value

    def line_fields(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in ("description", "quantity", "unit", "unit_price", "vat_rate")} | {
            "discount_percent": data["discount_percent"]
        }


class TextLineForm(BootstrapForm):
    """A section title (groups the lines below it) or a paragraph of free text: no amount."""

    kind = forms.ChoiceField(
        label=pgettext_lazy("quote line", "Kind"),
        choices=[(LineKind.SECTION, _("Section title")), (LineKind.TEXT, _("Free text"))],
        initial=LineKind.SECTION,
        widget=forms.RadioSelect,
    )
    description = forms.CharField(
        label=_("Text"), max_length=DESCRIPTION_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, with_kind: bool = True, **kwargs):
        kwargs.setdefault("prefix", "text")
        super().__init__(*args, **kwargs)
        if not with_kind:
            del self.fields["kind"]


class CatalogueLineForm(BootstrapForm):
    entry = forms.ModelChoiceField(label=_("Catalogue entry"), queryset=catalogue_for_lines())
    quantity = forms.DecimalField(
        label=_("Quantity"),
        max_digits=10,
        decimal_places=3,
        min_value=MIN_QUANTITY,
        max_value=MAX_LINE_QUANTITY,
        initial=1,
        widget=forms.NumberInput(attrs={"step": "0.001", "min": "0", "inputmode": "decimal"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "cat")
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = catalogue_for_lines().only("pk", "name", "unit_price", "unit", "is_active")
        self.fields["entry"].label_from_instance = lambda entry: (
            _("%(name)s · %(price)s € excl. VAT")
            % {
                "name": entry.name,
                "price": number_format(entry.unit_price, 2, force_grouping=True),
            }
        )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])


class PercentsForm(BootstrapForm):
    """The document's global discount and deposit, read by the live totals of the header form."""

    discount_percent = percent_field(_("Global discount (%)"))
    deposit_percent = percent_field(_("Deposit (%)"))
