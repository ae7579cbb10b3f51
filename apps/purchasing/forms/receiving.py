"""The receiving form: the delivery's date, references and, per order line still expected, what arrived."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.forms import BootstrapForm, DayField
from apps.purchasing.services.receiving import NOTE_MAX, REFERENCE_MAX


def line_field_name(line) -> str:
    return f"line_{line.pk}"


class ReceiveForm(BootstrapForm):
    token = forms.UUIDField(widget=forms.HiddenInput)
    received_on = DayField(label=_("Delivered on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    reference = forms.CharField(label=_("Delivery note reference"), max_length=REFERENCE_MAX, required=False)
    note = forms.CharField(label=_("Note"), max_length=NOTE_MAX, required=False, help_text=_("Damage, missing parcel…"))

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()
        self.lines = [line for line in lines if line.outstanding > 0]
        for line in self.lines:
            # No min/max here: the service's message names the line and what is still expected.
            self.fields[line_field_name(line)] = forms.IntegerField(
                label=line.description,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "form-control form-control-sm"}),
            )

    def line_fields(self):
        return [(line, self[line_field_name(line)]) for line in self.lines]

    def quantities(self) -> dict[int, int]:
        return {
            line.pk: self.cleaned_data.get(line_field_name(line)) or 0
            for line in self.lines
            if self.cleaned_data.get(line_field_name(line)) is not None
        }
