"""Input of the office's request pages: the queue's filters, a decision, the thresholds."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import BootstrapForm
from apps.supplies.models import MAX_PRICE, Awaiting, SupplySettings
from apps.supplies.selectors.requests import QUEUE_TABS, SEARCH_MAX_LENGTH
from apps.supplies.services.approvals import REASON_MAX_LENGTH


class QueueFilterForm(BootstrapForm):
    # The sites are the (id, name) pairs the view already holds (no query to render or check them).
    tab = forms.ChoiceField(required=False, choices=[(tab, tab) for tab in QUEUE_TABS], widget=forms.HiddenInput)
    awaiting = forms.ChoiceField(
        label=_("Awaiting"),
        required=False,
        choices=[
            ("", _("Anyone")),
            (Awaiting.OFFICE_MANAGER, _("Awaiting me (office manager)")),
            (Awaiting.DIRECTOR, _("Awaiting the director")),
        ],
    )
    site = forms.TypedChoiceField(label=_("Site"), required=False, coerce=int, empty_value=None)
    q = forms.CharField(label=_("Requester"), required=False, max_length=SEARCH_MAX_LENGTH)

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [("", _("All sites")), *sites]
        self.fields["q"].widget.attrs.update({"placeholder": _("Name or e-mail"), "type": "search"})


class DecisionForm(BootstrapForm):
    """Approve every line, only the ticked ones, or refuse with a reason."""

    APPROVE_ALL, APPROVE_SELECTED, REFUSE = "approve_all", "approve_selected", "refuse"

    action = forms.ChoiceField(
        choices=[
            (APPROVE_ALL, _("Approve all")),
            (APPROVE_SELECTED, _("Approve the ticked lines")),
            (REFUSE, _("Refuse")),
        ]
    )
    lines = forms.TypedMultipleChoiceField(label=_("Lines to approve"), required=False, coerce=int)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to refuse; told to the requester for the lines not approved."),
    )

    def __init__(self, *args, line_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lines"].choices = [(pk, pk) for pk in line_ids]

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == self.REFUSE and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the request is refused."))
        if action == self.APPROVE_SELECTED and not data.get("lines") and "lines" not in self.errors:
            self.add_error("lines", _("Tick at least one line to approve, or refuse the request."))
        return data

    @property
    def approved_line_ids(self) -> list[int] | None:
        """What ``request_decide`` takes: None for every line, the ticked ones, or none (refuse)."""
        action = self.cleaned_data["action"]
        if action == self.APPROVE_ALL:
            return None
        if action == self.REFUSE:
            return []
        return list(self.cleaned_data["lines"])


def _threshold(label, help_text) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        min_value=Decimal("0"),
        max_value=MAX_PRICE,
        max_digits=10,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )


class SupplySettingsForm(BootstrapForm):
    auto_approve_below = _threshold(
        _("Approved automatically below (€ excl. VAT)"),
        _("Requests costing less than this are approved without anyone deciding."),
    )
    director_above = _threshold(
        _("The director approves too above (€ excl. VAT)"),
        _("Requests whose approved lines cost more than this need the director's approval after yours."),
    )
    pickup_place = forms.CharField(
        label=_("Where to pick up"),
        required=False,
        max_length=SupplySettings._meta.get_field("pickup_place").max_length,
        help_text=_("Told to the requester when their request is ready, e.g. “Reception, 2nd floor”."),
    )

    def clean(self):
        data = super().clean()
        low, high = data.get("auto_approve_below"), data.get("director_above")
        if low is not None and high is not None and high < low:
            self.add_error(
                "director_above", _("The director's threshold cannot be below the automatic approval threshold.")
            )
        return data
