"""The relationship log's and the ratings' forms."""

from __future__ import annotations

import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.forms import BootstrapForm, DayField
from apps.premises.forms import DateInput
from apps.suppliers.models import InteractionKind

SCORES = [(str(n), str(n)) for n in range(1, 6)]


def _token_field(form: forms.Form) -> None:
    # The form's one-time token: sent twice (a double click, a reload), it saves once.
    form.fields["token"] = forms.UUIDField(required=False, widget=forms.HiddenInput)
    if not form.is_bound:
        form.initial.setdefault("token", uuid.uuid4())


class InteractionForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=InteractionKind.choices, initial=InteractionKind.CALL)
    happened_on = DayField(label=_("Date"), widget=DateInput())
    contact = forms.ModelChoiceField(
        label=_("Contact"), required=False, queryset=None, empty_label=_("(nobody in particular)")
    )
    summary = forms.CharField(label=_("Summary"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_on = DayField(
        label=_("Follow up on"),
        required=False,
        widget=DateInput(),
        help_text=_("A reminder on your dashboard and agenda until you mark it done."),
    )

    def __init__(self, *args, supplier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = supplier.contacts.all()
        self.initial.setdefault("happened_on", timezone.localdate())
        _token_field(self)


class RatingForm(BootstrapForm):
    reference = forms.CharField(
        label=_("Delivery or repair"),
        required=False,
        max_length=100,
        help_text=_("The purchase order's number, the repair ticket, or a few words."),
    )
    quality = forms.TypedChoiceField(label=_("Quality"), choices=SCORES, coerce=int, widget=forms.RadioSelect)
    delay = forms.TypedChoiceField(label=_("Delay"), choices=SCORES, coerce=int, widget=forms.RadioSelect)
    price = forms.TypedChoiceField(label=_("Price"), choices=SCORES, coerce=int, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    rated_on = DayField(label=_("Date"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("rated_on", timezone.localdate())
        _token_field(self)
