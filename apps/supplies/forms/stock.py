"""The stock pages' forms: well-formed input only (whole numbers in range); the services decide the rest."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import BootstrapForm
from apps.supplies.models import MAX_QUANTITY
from apps.supplies.services.inventory import counted_field

WHOLE_NUMBER = {"invalid": _("Enter a whole number of units.")}


def _quantity_attrs(minimum: int | None) -> dict:
    attrs = {"inputmode": "numeric", "step": "1"}
    if minimum is not None:
        attrs["min"] = str(minimum)
    return attrs


class OnceForm(BootstrapForm):
    """A form recording a stock move: its one-time token (a page always sends one; without, no guard)."""

    token = forms.UUIDField(required=False, widget=forms.HiddenInput)


class ReceiveForm(OnceForm):
    quantity = forms.IntegerField(
        label=_("Quantity received"),
        min_value=1,
        max_value=MAX_QUANTITY,
        error_messages=WHOLE_NUMBER,
        widget=forms.NumberInput(attrs=_quantity_attrs(1)),
    )
    note = forms.CharField(
        label=_("Note"), max_length=255, required=False, help_text=_("Delivery note number, supplier…")
    )


class AdjustForm(OnceForm):
    quantity = forms.IntegerField(
        label=_("Change (+ or −)"),
        min_value=-MAX_QUANTITY,
        max_value=MAX_QUANTITY,
        error_messages=WHOLE_NUMBER,
        help_text=_("−2 for two broken boxes, 3 for three found."),
        widget=forms.NumberInput(attrs=_quantity_attrs(None)),
    )
    reason = forms.CharField(label=_("Reason"), max_length=255)

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"]
        if quantity == 0:
            raise forms.ValidationError(_("A stock move changes the stock: enter a quantity other than zero."))
        return quantity


class StockSettingsForm(BootstrapForm):
    reorder_threshold = forms.IntegerField(
        label=_("Reorder threshold"),
        min_value=0,
        max_value=MAX_QUANTITY,
        error_messages=WHOLE_NUMBER,
        help_text=_("Reorder when the stock falls to this figure."),
        widget=forms.NumberInput(attrs=_quantity_attrs(0)),
    )
    reorder_quantity = forms.IntegerField(
        label=_("Reorder quantity"),
        min_value=0,
        max_value=MAX_QUANTITY,
        error_messages=WHOLE_NUMBER,
        widget=forms.NumberInput(attrs=_quantity_attrs(0)),
    )


class InventoryCountForm(BootstrapForm):
    """One optional whole-number field per item of the sheet (``counted_<item id>``), a note, and the
    form's one-time token. The page draws the figures itself (hundreds of rows): see
    ``templates/supplies/stock/_macros.html``."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"), max_length=255, required=False, help_text=_("Who counted, anything noticed on the shelves.")
    )

    def __init__(self, *args, item_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        for item_id in item_ids:
            self.fields[counted_field(item_id)] = forms.IntegerField(
                required=False,
                min_value=0,
                max_value=MAX_QUANTITY,
                error_messages={
                    "invalid": _("Enter a whole number of units."),
                    "min_value": _("A shelf cannot hold less than nothing: enter 0 or more."),
                },
            )
        self.item_ids = list(item_ids)

    def counted(self) -> dict[int, int]:
        """The figures typed in, by item id (blank lines were not counted)."""
        return {
            item_id: self.cleaned_data[counted_field(item_id)]
            for item_id in self.item_ids
            if self.cleaned_data.get(counted_field(item_id)) is not None
        }

    def value_of(self, item_id: int) -> str:
        value = self[counted_field(item_id)].value()
        return "" if value is None else str(value)

    def errors_of(self, item_id: int) -> list[str]:
        return list(self.errors.get(counted_field(item_id), []))
