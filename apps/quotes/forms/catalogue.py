"""The catalogue's forms: an entry and the list's filters (input only: the service checks again)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import BootstrapForm
from apps.quotes.models import CatalogueEntry
from apps.quotes.selectors.catalogue import ACTIVE, ALL, INACTIVE
from apps.quotes.services.catalogue import ENTRY_FIELDS
from apps.supplies.models.catalogue import MAX_PRICE, VatRate


class CatalogueEntryForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=CatalogueEntry.Kind.choices, widget=forms.RadioSelect)
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description on the quote"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    unit = forms.CharField(label=_("Unit"), required=False, max_length=20, help_text=_("E.g. hour, day, piece, m²."))
    unit_price = forms.DecimalField(
        label=_("Unit price excl. VAT (€)"), min_value=Decimal("0"), max_value=MAX_PRICE, max_digits=12, decimal_places=2
    )
    vat_rate = forms.TypedChoiceField(
        label=_("VAT rate"), choices=VatRate.choices, coerce=Decimal, initial=VatRate.STANDARD
    )

    def __init__(self, *args, instance: CatalogueEntry | None = None, **kwargs):
        if instance is not None:
            initial = {name: getattr(instance, name) for name in ENTRY_FIELDS}
            initial["vat_rate"] = f"{instance.vat_rate:.2f}"
            kwargs.setdefault("initial", initial)
        else:
            kwargs.setdefault("initial", {"kind": CatalogueEntry.Kind.SERVICE})
        super().__init__(*args, **kwargs)
        self.fields["unit_price"].widget.attrs.update({"inputmode": "decimal", "step": "0.01", "min": "0"})

    def entry_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ENTRY_FIELDS}


class CatalogueFilterForm(BootstrapForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Services and products")), *CatalogueEntry.Kind.choices]
    )
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[(ACTIVE, _("Offered")), (INACTIVE, _("No longer offered")), (ALL, _("All"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "placeholder": _("Name or description")})
        for name in ("kind", "status"):
            self.fields[name].widget.attrs["data-submit-on-change"] = ""

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "search": (data.get("q") or "").strip(),
            "kind": data.get("kind") or "",
            "status": data.get("status") or ACTIVE,
        }
