"""The forms of the quote's life: the client's acceptance, their refusal, the signed copy."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import BootstrapForm, DayField
from apps.premises.forms import DateInput
from apps.quotes.services.lifecycle import REASON_MAX_LENGTH


class AcceptForm(BootstrapForm):
    accepted_on = DayField(
        label=_("Accepted on"),
        required=False,
        widget=DateInput(),
        help_text=_("The date the client signed or said yes; today if left empty."),
    )


class DeclineForm(BootstrapForm):
    declined_on = DayField(
        label=_("Declined on"), required=False, widget=DateInput(), help_text=_("Today if left empty.")
    )
    reason = forms.CharField(
        label=_("Reason given by the client"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SignedCopyForm(BootstrapForm):
    file = forms.FileField(
        label=_("Signed copy"),
        help_text=_("A PDF, PNG or JPEG file, 10 MB at most."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )
