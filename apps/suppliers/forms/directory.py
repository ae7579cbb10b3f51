"""The directory's forms: a supplier, a contact, the list's filters. Input only: the services check
the rules again (a form is not the only way in)."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import BootstrapForm, CompanyIdentifiersMixin
from apps.suppliers.models import (
    Supplier,
    SupplierCategory,
    validate_iban,
    validate_siren,
    validate_siret,
    validate_vat,
)
from apps.suppliers.selectors.directory import ACTIVE, ALL, ARCHIVED
from apps.suppliers.services.directory import CONTACT_FIELDS, SUPPLIER_FIELDS, duplicate_errors, identifier_duplicates

IDENTIFIER_VALIDATORS = {
    "siren": validate_siren,
    "siret": validate_siret,
    "vat_number": validate_vat,
    "iban": validate_iban,
}


def _identifier(label, help_text="", max_length=50):
    # Longer than stored: "356 000 000 00048" is typed with spaces, stored compact.
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        help_text=help_text,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class SupplierForm(CompanyIdentifiersMixin, BootstrapForm):
    identifier_validators = IDENTIFIER_VALIDATORS

    name = forms.CharField(label=_("Name"), max_length=200)
    categories = forms.MultipleChoiceField(
        label=_("Categories"), required=False, choices=SupplierCategory.choices, widget=forms.CheckboxSelectMultiple
    )
    siret = _identifier(_("SIRET"), _("14 digits; spaces are fine. The SIREN is its first 9 digits."))
    siren = _identifier(_("SIREN"), _("Filled in from the SIRET when left empty."))
    vat_number = _identifier(_("VAT number"), _("Intra-community number, e.g. FR40303265045."))
    address = forms.CharField(label=_("Address"), required=False, max_length=255)
    postal_code = forms.CharField(label=_("Postal code"), required=False, max_length=10)
    city = forms.CharField(label=_("City"), required=False, max_length=100)
    country = forms.CharField(label=_("Country"), max_length=2, initial="FR", help_text=_("ISO code, e.g. FR, BE."))
    website = forms.URLField(label=_("Website"), required=False, max_length=300, assume_scheme="https")
    payment_days = forms.IntegerField(
        label=_("Payment terms (days)"),
        min_value=0,
        max_value=60,
        initial=30,
        help_text=_("Days from the invoice date; French law allows 60 days at most."),
    )
    payment_terms = forms.CharField(
        label=_("Payment terms"), required=False, max_length=200, help_text=_("E.g. 30 days end of month, by transfer.")
    )
    iban = _identifier(_("IBAN"), max_length=60)
    bic = _identifier(_("BIC"), max_length=20)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, instance: Supplier | None = None, **kwargs):
        self.instance = instance
        if instance is not None and instance.pk:
            initial = {name: getattr(instance, name) for name in SUPPLIER_FIELDS}
            initial["categories"] = [tag.category for tag in instance.category_tags.all()]
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.duplicates: dict[str, Supplier] = {}
        if instance is None or instance.pk is None:
            # The form's one-time token (supplier_create): sent twice, it adds one supplier.
            self.fields["token"] = forms.UUIDField(required=False, widget=forms.HiddenInput)
            if not self.is_bound:
                self.initial.setdefault("token", uuid.uuid4())
        self.fields["country"].widget.attrs.update({"autocomplete": "country", "class": "form-control text-uppercase"})
        self.fields["payment_days"].widget.attrs.update({"min": "0", "max": "60"})

    def clean_iban(self):
        return self._clean_identifier("iban")

    def clean_bic(self):
        return self._clean_identifier("bic")

    def clean(self):
        data = super().clean()
        siret, siren = data.get("siret"), data.get("siren")
        if siret and not siren and "siren" not in self.errors:
            data["siren"] = siret[:9]
        elif siret and siren and not siret.startswith(siren):
            self.add_error("siret", _("The SIRET must start with the supplier's SIREN."))
        if "siret" not in self.errors and "vat_number" not in self.errors:
            self.duplicates = identifier_duplicates(
                siret=data.get("siret") or "",
                vat_number=data.get("vat_number") or "",
                exclude_pk=self.instance.pk if self.instance is not None else None,
            )
            for name, message in duplicate_errors(self.duplicates).items():
                self.add_error(name, message)
        return data

    def supplier_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in SUPPLIER_FIELDS}


class ContactForm(BootstrapForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    role = forms.CharField(label=_("Role"), required=False, max_length=100)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    is_orders_contact = forms.BooleanField(
        label=_("Receives purchase orders"),
        required=False,
        help_text=_("One contact per supplier: choosing this one takes it from the previous one."),
    )

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None:
            kwargs.setdefault("initial", {name: getattr(instance, name) for name in CONTACT_FIELDS})
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        self.fields["phone"].widget.attrs.update({"type": "tel", "autocomplete": "off"})
        if instance is None:
            self.fields["token"] = forms.UUIDField(required=False, widget=forms.HiddenInput)
            if not self.is_bound:
                self.initial.setdefault("token", uuid.uuid4())

    def contact_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in CONTACT_FIELDS}


class SupplierFilterForm(BootstrapForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All categories")), *SupplierCategory.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[(ACTIVE, _("Active")), (ARCHIVED, _("Archived")), (ALL, _("All"))],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Name (A to Z)")),
            ("-name", _("Name (Z to A)")),
            ("overall", _("Overall rating")),
            ("quality", _("Quality rating")),
            ("delay", _("Delay rating")),
            ("price", _("Price rating")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "placeholder": _("Name, SIRET, city or contact")})
        for name in ("category", "status", "sort"):
            self.fields[name].widget.attrs["data-submit-on-change"] = ""

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "search": (data.get("q") or "").strip(),
            "category": data.get("category") or "",
            "status": data.get("status") or ACTIVE,
            "sort": data.get("sort") or "name",
        }
