"""Forms of the compliance documents and the contracts: input only; the services apply the rules."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from apps.core.forms import BootstrapForm, BootstrapModelForm, DayField
from apps.premises.forms import DateInput
from apps.suppliers.models import Contract, DocumentKind
from apps.suppliers.services.compliance import CONTRACT_FIELDS, MAX_FILE_MB

ACCEPT = ".pdf,.png,.jpg,.jpeg,.webp,application/pdf,image/png,image/jpeg,image/webp"


def _file_widget() -> forms.ClearableFileInput:
    return forms.ClearableFileInput(attrs={"accept": ACCEPT})


class DocumentForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    issued_on = DayField(label=_("Issued on"), widget=DateInput())
    expires_on = DayField(
        label=_("Valid until"),
        required=False,
        widget=DateInput(),
        help_text=_("Left blank: 6 months for the certificate of vigilance, 3 for a Kbis, a year otherwise."),
    )
    file = forms.FileField(
        label=_("File"),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        help_text=format_lazy(_("A PDF or a photo (PNG, JPEG, WebP), {limit} MB at most."), limit=MAX_FILE_MB),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("issued_on", timezone.localdate())


class ContractForm(BootstrapModelForm):
    starts_on = DayField(label=_("Start"), widget=DateInput())
    ends_on = DayField(label=_("End of the current term"), widget=DateInput())
    file = forms.FileField(
        label=_("Signed contract (optional)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        help_text=format_lazy(_("A PDF or a photo (PNG, JPEG, WebP), {limit} MB at most."), limit=MAX_FILE_MB),
    )

    class Meta:
        model = Contract
        fields = CONTRACT_FIELDS
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount_per_year"].widget.attrs.update({"min": "0", "step": "0.01"})
        self.fields["renewal_months"].help_text = _("Length of each renewed term, when it renews tacitly.")
        self.fields["notice_months"].help_text = _("Notice to give before the end of a term.")
        if self.instance.pk and self.instance.file:
            self.fields["clear_file"] = forms.BooleanField(label=_("Remove the attached file"), required=False)

    def _post_clean(self):
        # The service validates the contract (and the database): the form does not touch the instance.
        pass


class TerminateForm(BootstrapForm):
    on = DayField(label=_("Notice given on"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("on", timezone.localdate())
