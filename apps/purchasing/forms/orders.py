"""Input of the purchase order pages: the list's filters, the header, a line, a refusal, a cancellation."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Site, Team
from apps.core.forms import BootstrapForm, DayField
from apps.premises.forms import DateInput
from apps.purchasing.models import OrderStatus
from apps.purchasing.selectors.orders import SEARCH_MAX_LENGTH, STATUS_FILTER_LABELS, STATUS_GROUPS
from apps.purchasing.services.orders import NOTES_MAX_LENGTH, REASON_MAX_LENGTH
from apps.suppliers.models import Contact, Supplier, SupplierCategory
from apps.supplies.models import MAX_PRICE, MAX_QUANTITY, CatalogueItem, VatRate


class OrderFilterForm(BootstrapForm):
    status = forms.ChoiceField(label=_("Status"), required=False)
    supplier = forms.TypedChoiceField(label=_("Supplier"), required=False, coerce=int, empty_value=None)
    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX_LENGTH)

    def __init__(self, *args, suppliers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", _("All statuses")),
            *STATUS_FILTER_LABELS.items(),
            *[(value, label) for value, label in OrderStatus.choices if value in STATUS_GROUPS],
        ]
        self.fields["supplier"].choices = [("", _("All suppliers")), *suppliers]
        self.fields["q"].widget.attrs.update({"placeholder": _("Number or supplier"), "type": "search"})


class OrderForm(BootstrapForm):
    """The header of an order. On a new order the contact is the supplier's orders contact; on an
    existing one the supplier's contacts are offered."""

    token = forms.UUIDField(required=False, widget=forms.HiddenInput)
    supplier = forms.ModelChoiceField(label=_("Supplier"), queryset=Supplier.objects.none())
    contact = forms.ModelChoiceField(label=_("Send to"), queryset=Contact.objects.none(), required=False)
    site = forms.ModelChoiceField(label=_("Delivery site"), queryset=Site.objects.none())
    team = forms.ModelChoiceField(label=_("Team (cost centre)"), queryset=Team.objects.none(), required=False)
    expected_on = DayField(label=_("Expected delivery"), required=False, widget=DateInput())
    notes = forms.CharField(
        label=_("Notes for the supplier"),
        required=False,
        max_length=NOTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, order=None, **kwargs):
        super().__init__(*args, **kwargs)
        suppliers = Supplier.objects.filter(is_active=True).order_by("name")
        if order is not None:
            suppliers = Supplier.objects.filter(is_active=True) | Supplier.objects.filter(pk=order.supplier_id)
            self.fields["contact"].queryset = order.supplier.contacts.exclude(email="")
            self.fields["contact"].empty_label = _("The supplier's orders contact")
            del self.fields["token"]
        else:
            del self.fields["contact"]
        self.fields["supplier"].queryset = suppliers.order_by("name")
        self.fields["site"].queryset = Site.objects.filter(is_active=True)
        self.fields["team"].queryset = Team.objects.order_by("name")


class LineForm(BootstrapForm):
    """A catalogue line (the item; its price and VAT rate unless typed) or a free line (a description,
    a price and a VAT rate)."""

    item = forms.ModelChoiceField(
        label=_("Catalogue item"), queryset=CatalogueItem.objects.none(), required=False, empty_label=_("— free line —")
    )
    description = forms.CharField(label=_("Description"), required=False, max_length=255)
    supplier_reference = forms.CharField(label=_("Supplier reference"), required=False, max_length=60)
    quantity = forms.IntegerField(
        label=_("Quantity"),
        min_value=1,
        max_value=MAX_QUANTITY,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    unit = forms.CharField(label=_("Unit"), required=False, max_length=20)
    unit_price = forms.DecimalField(
        label=_("Unit price excl. VAT (€)"),
        required=False,
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_PRICE)],
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    vat_rate = forms.TypedChoiceField(
        label=_("VAT rate"),
        required=False,
        choices=[("", _("From the catalogue")), *VatRate.choices],
        coerce=Decimal,
        empty_value=None,
    )
    category = forms.ChoiceField(label=_("Budget category"), choices=SupplierCategory.choices)

    def __init__(self, *args, supplier=None, **kwargs):
        super().__init__(*args, **kwargs)
        items = CatalogueItem.objects.filter(is_active=True).only(
            "pk", "name", "unit_price", "supplier_id", "supplier_reference", "unit", "vat_rate", "is_active"
        )
        self.fields["item"].queryset = items.order_by("name")
        self.fields["item"].label_from_instance = lambda item: f"{item.name} · {item.unit_price} €"
        self.fields["unit_price"].help_text = _("Left empty for a catalogue item: its price.")

    def clean(self):
        data = super().clean()
        if not data.get("item"):
            if not data.get("description"):
                self.add_error("description", _("Describe what is ordered, or choose a catalogue item."))
            if data.get("unit_price") is None and "unit_price" not in self.errors:
                self.add_error("unit_price", _("Enter the unit price excl. VAT."))
            if data.get("vat_rate") is None and "vat_rate" not in self.errors:
                self.add_error("vat_rate", _("Choose the VAT rate."))
        return data


class ReasonForm(BootstrapForm):
    reason = forms.CharField(label=_("Reason"), max_length=REASON_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}))


class CancelForm(BootstrapForm):
    reason = forms.CharField(
        label=_("Reason (told to the supplier for a sent order)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
