"""Input validation for the leave pages; the services apply the leave rules and do the writing."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Team
from apps.core.forms import BootstrapForm, BootstrapModelForm, DayField
from apps.core.ranges import parse_day
from apps.leave import selectors
from apps.leave.models import Half, LeavePolicy, LeaveType
from apps.leave.services.configuration import EDITABLE_TYPE_FIELDS, POLICY_FIELDS

# A native date picker; the ISO format is the one <input type="date"> reads and sends.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.get_full_name() or obj.email} ({obj.email})"


def active_people():
    return get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name")


class LeaveRequestForm(BootstrapForm):
    """The request form; ``person`` (someone else's leave) only for the office manager."""

    person = PersonChoiceField(label=_("Person"), queryset=get_user_model().objects.none(), required=False)
    leave_type = forms.ModelChoiceField(label=_("Type of leave"), queryset=selectors.active_leave_types())
    start_date = DayField(label=_("First day"), widget=DATE_WIDGET)
    start_half = forms.ChoiceField(
        label=_("Starting"),
        choices=[(Half.MORNING, _("In the morning (whole day)")), (Half.AFTERNOON, _("In the afternoon"))],
        initial=Half.MORNING,
    )
    end_date = DayField(label=_("Last day"), widget=DATE_WIDGET)
    end_half = forms.ChoiceField(
        label=_("Ending"),
        choices=[
            (Half.AFTERNOON, _("In the evening (whole day)")),
            (Half.MORNING, _("At noon (back in the afternoon)")),
        ],
        initial=Half.AFTERNOON,
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    document = forms.FileField(
        label=_("Supporting document"),
        required=False,
        help_text=_("PDF, JPEG or PNG, 5 MB at most. Required for sick leave and family events."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.is_office_manager or user.is_superuser:
            self.fields["person"].queryset = active_people()
            self.fields["person"].empty_label = _("Myself")
            self.fields["person"].help_text = _(
                "The office manager may record leave for someone else, also in the past."
            )
        else:
            del self.fields["person"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return data

    def person_or_self(self):
        return self.cleaned_data.get("person") or self.user


class RefuseForm(BootstrapForm):
    reason = forms.CharField(
        label=_("Reason for the refusal"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The requester receives it with the decision."),
    )


class DecisionCommentForm(BootstrapForm):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class BalanceFilterForm(BootstrapForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name or e-mail")}),
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.order_by("name"), required=False)


class BalanceAdjustForm(BootstrapForm):
    leave_type = forms.ModelChoiceField(label=_("Type of leave"), queryset=LeaveType.objects.none())
    days = forms.DecimalField(
        label=_("Days"),
        max_digits=6,
        decimal_places=2,
        help_text=_("Positive to credit, negative to debit (for example -1.5)."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leave_type"].queryset = LeaveType.objects.filter(counts_against_balance=True, active=True)


class BalanceImportForm(BootstrapForm):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, one line per balance: e-mail; type code; days; reason."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file must be 2 MB or smaller."))
        return upload


class LeaveTypeForm(BootstrapModelForm):
    """Creating (code and name of an “other” type) and editing a type's settings."""

    class Meta:
        model = LeaveType
        # The code is set once, at creation (leave_type_create); the rest is what the service edits.
        fields = ["code", *EDITABLE_TYPE_FIELDS]
        widgets = {"colour": forms.TextInput(attrs={"type": "color"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colour"].widget.attrs["class"] = "form-control form-control-color"
        if self.instance.pk:
            # The code is what payroll and the ledger know the type by: fixed once created.
            del self.fields["code"]
        else:
            self.fields["code"].help_text = _("Short and unique, for the payroll export (e.g. FORMATION).")

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        if not re.fullmatch(r"[A-Z0-9_]{2,20}", code):
            raise forms.ValidationError(_("Use 2 to 20 letters, digits or underscores."))
        return code


class LeavePolicyForm(BootstrapModelForm):
    class Meta:
        model = LeavePolicy
        fields = POLICY_FIELDS
        widgets = {"counting": forms.RadioSelect}


class PayrollMonthForm(BootstrapForm):
    month = forms.CharField(label=_("Month"), widget=forms.TextInput(attrs={"type": "month"}))

    def clean_month(self) -> tuple[int, int]:
        value = self.cleaned_data["month"].strip()
        match = re.fullmatch(r"(\d{4})-(\d{2})", value)
        if not match or not 1 <= int(match[2]) <= 12 or not 2000 <= int(match[1]) <= 2100:
            raise forms.ValidationError(_("Choose a month, such as 2026-05."))
        return int(match[1]), int(match[2])


class DeputyForm(BootstrapForm):
    person = PersonChoiceField(label=_("Approver replaced"), queryset=get_user_model().objects.none(), required=False)
    deputy = PersonChoiceField(label=_("Deputy"), queryset=get_user_model().objects.none())
    start_date = DayField(label=_("From"), widget=DATE_WIDGET)
    end_date = DayField(label=_("Until"), widget=DATE_WIDGET)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["deputy"].queryset = active_people().exclude(pk=user.pk)
        if user.is_office_manager or user.is_superuser:
            self.fields["person"].queryset = active_people()
            self.fields["person"].empty_label = _("Myself")
        else:
            del self.fields["person"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return data

    def person_or_self(self):
        return self.cleaned_data.get("person") or self.user


def parse_iso_day(value: str | None) -> dt.date | None:
    """FullCalendar sends “2026-04-27T00:00:00+02:00”: the date part is what counts."""
    return parse_day(value)
