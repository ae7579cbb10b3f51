"""The equipment register's forms: input validation only; the services apply the rules."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Site
from apps.core.forms import BootstrapForm, BootstrapModelForm, DayField
from apps.premises.forms import DateInput
from apps.premises.models import TicketUrgency
from apps.supplies.models import UNHELD_STATES, EquipmentItem, EquipmentKind, EquipmentState
from apps.supplies.selectors.equipment import WARRANTY_SOON
from apps.supplies.services.equipment import EQUIPMENT_FIELDS

UNHELD_STATE_CHOICES = [(value, label) for value, label in EquipmentState.choices if value in UNHELD_STATES]


class EquipmentForm(BootstrapModelForm):
    """What ``equipment_create`` / ``equipment_update`` take; the view hands ``cleaned_data`` to them."""

    purchase_date = DayField(label=_("Purchase date"), required=False, widget=DateInput())
    warranty_end = DayField(label=_("End of warranty"), required=False, widget=DateInput())

    class Meta:
        model = EquipmentItem
        fields = EQUIPMENT_FIELDS
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tag = self.fields["asset_tag"]
        if self.instance.pk is None:
            tag.required = False
            tag.help_text = _("Left blank, the next free tag is taken (EQ-00042).")
            # The form's one-time token (equipment_create): sent twice, it adds one item.
            self.fields["token"] = forms.UUIDField(required=False, widget=forms.HiddenInput)
            if not self.is_bound:
                self.initial.setdefault("token", uuid.uuid4())
        self.fields["site"].queryset = Site.objects.filter(is_active=True) | Site.objects.filter(
            pk=self.instance.site_id
        )
        self.fields["purchase_price"].widget.attrs.update({"min": "0", "step": "0.01"})
        if self.instance.holder_id is not None:
            # A held item is in service until its return is recorded (the detail page's form).
            del self.fields["state"]
        else:
            self.fields["state"].choices = UNHELD_STATE_CHOICES

    def _post_clean(self):
        # The service checks the model (uniqueness, the dates' order); a ModelForm would check it here
        # too, against an instance the service does not save.
        pass


class AssignForm(BootstrapForm):
    person = forms.ModelChoiceField(label=_("Assign to"), queryset=None, empty_label=_("Choose a person"))
    on = DayField(label=_("Handed over on"), required=False, widget=DateInput(), help_text=_("Today if left blank."))
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].error_messages["invalid_choice"] = _("Choose an active person from the list.")


class ReturnForm(BootstrapForm):
    on = DayField(label=_("Returned on"), required=False, widget=DateInput(), help_text=_("Today if left blank."))
    state = forms.ChoiceField(label=_("It is now"), choices=UNHELD_STATE_CHOICES, initial=EquipmentState.IN_STOCK)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class ProblemForm(BootstrapForm):
    description = forms.CharField(label=_("What is wrong?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    urgency = forms.ChoiceField(label=_("Urgency"), choices=TicketUrgency.choices, initial=TicketUrgency.NORMAL)
    # The form's one-time token (equipment_problem_report): sent twice, it opens one ticket.
    token = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4())


class EquipmentFilterForm(BootstrapForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Tag, model, serial, holder"), "autocomplete": "off"}
        ),
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *EquipmentKind.choices])
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All states")), *EquipmentState.choices]
    )
    site = forms.ModelChoiceField(
        label=_("Site"), queryset=Site.objects.only("pk", "name"), required=False, empty_label=_("All sites")
    )
    holder = forms.ModelChoiceField(label=_("Held by"), queryset=None, required=False, empty_label=_("Anyone"))
    warranty = forms.ChoiceField(
        label=_("Warranty"), required=False, choices=[("", _("Any")), (WARRANTY_SOON, _("Ending soon"))]
    )

    def __init__(self, *args, holders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = holders
