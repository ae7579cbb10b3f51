"""The staff's forms: browsing the catalogue, the basket, the request's details, an equipment request."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from apps.core.forms import BootstrapForm, DayField
from apps.supplies.models import MAX_PRICE, MAX_QUANTITY, Category
from apps.supplies.selectors.shop import SEARCH_MAX
from apps.supplies.services.requests import check_needed_by

WEB_LINK = URLValidator(schemes=["http", "https"], message=_("Enter a web address starting with http:// or https://."))


def quantity_field(**kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        min_value=1,
        max_value=MAX_QUANTITY,
        error_messages={
            "invalid": _("Enter a whole number of units."),
            "min_value": _("The quantity must be at least 1."),
            "max_value": _("At most 100 000 units on one line."),
            "required": _("Enter a quantity."),
        },
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_QUANTITY, "step": 1, "inputmode": "numeric"}),
        **kwargs,
    )


class ShopFilterForm(BootstrapForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX)
    category = forms.ChoiceField(label=_("Category"), required=False, choices=[("", _("All")), *Category.choices])


class BasketAddForm(forms.Form):
    item = forms.IntegerField(min_value=1)
    quantity = quantity_field(label=_("Quantity"), initial=1)


class BasketLinesForm(BootstrapForm):
    """The basket's quantities: ``item_<id>`` for a catalogue line, ``free_<n>`` for a free one."""

    def __init__(self, *args, item_ids=(), free_count=0, initial_quantities=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_quantities = initial_quantities or {}
        for pk in item_ids:
            name = f"item_{pk}"
            self.fields[name] = quantity_field(label=_("Quantity"), initial=initial_quantities.get(name))
        for index in range(free_count):
            name = f"free_{index}"
            self.fields[name] = quantity_field(label=_("Quantity"), initial=initial_quantities.get(name))
        # BootstrapFormMixin styled the fields at __init__: the added ones too.
        for name, field in self.fields.items():
            if name.startswith(("item_", "free_")):
                field.widget.attrs["class"] = "form-control form-control-sm qty-input"

    def quantities(self) -> tuple[dict[int, int], dict[int, int]]:
        items, free = {}, {}
        for name, value in self.cleaned_data.items():
            kind, _sep, key = name.partition("_")
            (items if kind == "item" else free)[int(key)] = value
        return items, free


class FreeLineForm(BootstrapForm):
    """Something not in the catalogue."""

    prefix = "free"

    description = forms.CharField(
        label=_("What do you need?"),
        max_length=255,
        help_text=_("As precisely as you can: model, size, colour…"),
    )
    unit_price = forms.DecimalField(
        label=_("Estimated unit price excl. VAT (€)"),
        min_value=Decimal("0"),
        max_value=MAX_PRICE,
        max_digits=10,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": 0, "inputmode": "decimal"}),
        error_messages={"min_value": _("A price cannot be negative.")},
    )
    quantity = quantity_field(label=_("Quantity"), initial=1)
    link = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[WEB_LINK],
        help_text=_("A page showing it, if any."),
    )


class RequestDetailsForm(BootstrapForm):
    """Why, by when and where: the request's own fields, and the form's one-time token."""

    reason = forms.CharField(
        label=_("Why do you need it?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    needed_by = DayField(label=_("Needed by"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    site = forms.ModelChoiceField(label=_("Pick-up site"), queryset=None, empty_label=None)
    token = forms.UUIDField(widget=forms.HiddenInput, error_messages={"invalid": _("Reload the page.")})

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        if not self.is_bound and not self.initial.get("token"):
            self.initial["token"] = uuid.uuid4()

    def clean_needed_by(self):
        # The service checks it again; here so that the field shows it with the form's other errors.
        return check_needed_by(self.cleaned_data["needed_by"])


class EquipmentLineForm(BootstrapForm):
    """One line of an equipment request: a catalogue item, or something described with its estimated price."""

    item = forms.ModelChoiceField(label=_("From the catalogue"), queryset=None, required=False)
    description = forms.CharField(label=_("Or: what do you need?"), max_length=255, required=False)
    unit_price = forms.DecimalField(
        label=_("Estimated unit price excl. VAT (€)"),
        required=False,
        min_value=Decimal("0"),
        max_value=MAX_PRICE,
        max_digits=10,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": 0, "inputmode": "decimal"}),
        error_messages={"min_value": _("A price cannot be negative.")},
    )
    link = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https", validators=[WEB_LINK])
    quantity = quantity_field(label=_("Quantity"), initial=1, required=False)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        self.fields["item"].empty_label = _("— not in the catalogue —")

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not (data.get("item") or data.get("description") or data.get("unit_price") is not None)

    def clean(self):
        data = super().clean()
        if self.errors or not (data.get("item") or data.get("description") or data.get("unit_price") is not None):
            return data
        if data.get("quantity") is None:
            self.add_error("quantity", _("Enter a quantity."))
        if not data.get("item"):
            if not data.get("description"):
                self.add_error("description", _("Describe what you need, or pick it from the catalogue."))
            if data.get("unit_price") is None:
                self.add_error("unit_price", _("Give an estimated unit price (excl. VAT)."))
        return data


EQUIPMENT_ROWS = 1
EQUIPMENT_MAX_ROWS = 10


class BaseEquipmentLineFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        if all(form.is_blank() for form in self.forms):
            raise forms.ValidationError(_("Add at least one thing to your request."))


EquipmentLineFormSet = forms.formset_factory(
    EquipmentLineForm,
    formset=BaseEquipmentLineFormSet,
    extra=EQUIPMENT_ROWS,
    max_num=EQUIPMENT_MAX_ROWS,
    absolute_max=EQUIPMENT_MAX_ROWS,
    validate_max=True,
)
