"""The client directory's forms: a client, a contact, the list's filters. Input only: the services
check every rule again (a form is not the only way in)."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import validate_siren, validate_siret
from apps.core.forms import BootstrapForm, CompanyIdentifiersMixin
from apps.core.identifiers import compact
from apps.quotes.models import Client, ClientKind
from apps.quotes.models.clients import validate_eu_vat
from apps.quotes.selectors.clients import ACTIVE, ALL, ARCHIVED
from apps.quotes.services.clients import (
    CLIENT_FIELDS,
    CONTACT_FIELDS,
    duplicate_error,
    identifier_errors,
    siret_holder,
)

IDENTIFIER_VALIDATORS = {"siren": validate_siren, "siret": validate_siret, "vat_number": validate_eu_vat}


def _identifier(label, help_text=""):
    # Longer than stored: "356 000 000 00048" is typed with spaces, stored compact.
    return forms.CharField(
        label=label,
        required=False,
        max_length=40,
        help_text=help_text,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ClientForm(CompanyIdentifiersMixin, BootstrapForm):
    identifier_validators = IDENTIFIER_VALIDATORS

    kind = forms.ChoiceField(label=_("Kind of client"), choices=ClientKind.choices, widget=forms.RadioSelect)
    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("Company name, or first and last name."))
    siret = _identifier(_("SIRET"), _("Companies only. 14 digits; spaces are fine. The SIREN is its first 9 digits."))
    siren = _identifier(_("SIREN"), _("Companies only. Filled in from the SIRET when left empty."))
    vat_number = _identifier(_("Intra-EU VAT number"), _("Companies only, e.g. FR40303265045 or BE0403170701."))
    address = forms.CharField(label=_("Billing address"), required=False, max_length=255)
    address_extra = forms.CharField(label=_("Address (continued)"), required=False, max_length=255)
    postal_code = forms.CharField(label=_("Postal code"), required=False, max_length=10)
    city = forms.CharField(label=_("City"), required=False, max_length=100)
    country = forms.CharField(label=_("Country"), max_length=2, initial="FR", help_text=_("ISO code, e.g. FR, BE."))
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    payment_terms_days = forms.IntegerField(
        label=_("Payment terms (days)"),
        min_value=0,
        max_value=60,
        initial=30,
        help_text=_("Days from the invoice date; French law allows 60 days at most between businesses."),
    )
    notes = forms.CharField(label=_("Notes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, instance: Client | None = None, **kwargs):
        self.instance = instance
        if instance is not None and instance.pk:
            kwargs.setdefault("initial", {name: getattr(instance, name) for name in CLIENT_FIELDS})
        else:
            kwargs.setdefault("initial", {"kind": ClientKind.COMPANY})
        super().__init__(*args, **kwargs)
        # The client holding the SIRET typed, when it is another one: the page links to it.
        self.duplicate: Client | None = None
        if instance is None or instance.pk is None:
            # The form's one-time token (client_create): sent twice, it adds one client.
            self.fields["token"] = forms.UUIDField(required=False, widget=forms.HiddenInput)
            if not self.is_bound:
                self.initial.setdefault("token", uuid.uuid4())
        self.fields["country"].widget.attrs.update({"autocomplete": "off", "class": "form-control text-uppercase"})
        self.fields["payment_terms_days"].widget.attrs.update({"min": "0", "max": "60"})
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        self.fields["phone"].widget.attrs.update({"type": "tel", "autocomplete": "off"})
        self.fields["postal_code"].widget.attrs["autocomplete"] = "off"

    def clean(self):
        data = super().clean()
        kind = data.get("kind") or ClientKind.COMPANY
        siret = data.get("siret") or ""
        if kind == ClientKind.COMPANY and siret and not data.get("siren") and "siren" not in self.errors:
            data["siren"] = siret[:9]
        errors = identifier_errors(
            kind=kind, siren=data.get("siren") or "", siret=siret, vat_number=data.get("vat_number") or ""
        )
        for name, message in errors.items():
            if name not in self.errors:
                self.add_error(name, message)
        if "siret" not in self.errors:
            self.find_duplicate(siret)
        return data

    def find_duplicate(self, siret: str | None = None) -> None:
        """Look for another client with the SIRET (also after a service refused it: two forms at once)."""
        if siret is None:
            siret = compact(self.data.get(self.add_prefix("siret"), ""))
        self.duplicate = siret_holder(siret, exclude_pk=self.instance.pk if self.instance is not None else None)
        if self.duplicate is not None and "siret" not in self.errors:
            self.add_error("siret", duplicate_error(self.duplicate))

    def client_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in CLIENT_FIELDS}


class ContactForm(BootstrapForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    role = forms.CharField(label=_("Role"), required=False, max_length=100, help_text=_("E.g. purchasing manager."))
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    is_primary = forms.BooleanField(
        label=_("Receives quotes and invoices"),
        required=False,
        help_text=_(
            "One contact per client (the first one added, until another is chosen): choosing this one takes it "
            "from the previous one."
        ),
    )

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None:
            kwargs.setdefault("initial", {name: getattr(instance, name) for name in CONTACT_FIELDS})
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        self.fields["phone"].widget.attrs.update({"type": "tel", "autocomplete": "off"})

    def contact_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in CONTACT_FIELDS}


class ClientFilterForm(BootstrapForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[(ACTIVE, _("Current clients")), (ARCHIVED, _("Archived")), (ALL, _("All"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"type": "search", "placeholder": _("Name, SIREN, SIRET, city or contact")}
        )
        self.fields["status"].widget.attrs["data-submit-on-change"] = ""

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {"search": (data.get("q") or "").strip(), "status": data.get("status") or ACTIVE}
