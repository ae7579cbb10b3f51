from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core.identifiers import compact
from apps.core.ranges import EARLIEST_DAY, LATEST_DAY


class BootstrapFormMixin:
    """Give every widget its Bootstrap class, and mark invalid fields, so templates stay plain."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)):
                css = "form-check-input"
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"


def add_service_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError shown on ``form``: per field when the form has that field (or the field
    ``form.error_field_aliases`` names for it), on top of the form otherwise."""
    if hasattr(exc, "error_dict"):
        aliases = getattr(form, "error_field_aliases", {})
        for field, errors in exc.error_dict.items():
            field = aliases.get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class CompanyIdentifiersMixin:
    """The identifier fields of a company form (suppliers, clients): each typed with spaces or dots, stored
    compact, checked by the validator ``identifier_validators`` gives for its name (python-stdnum's
    checksums); the country a two-letter code."""

    identifier_validators: dict = {}

    def _clean_identifier(self, name: str) -> str:
        value = compact(self.cleaned_data.get(name, ""))
        validator = self.identifier_validators.get(name)
        if value and validator is not None:
            validator(value)
        return value

    def clean_siren(self):
        return self._clean_identifier("siren")

    def clean_siret(self):
        return self._clean_identifier("siret")

    def clean_vat_number(self):
        return self._clean_identifier("vat_number")

    def clean_country(self):
        country = (self.cleaned_data.get("country") or "").strip().upper()
        if not (len(country) == 2 and country.isalpha() and country.isascii()):
            raise ValidationError(_("Enter a two-letter country code, e.g. FR."))
        return country


class BootstrapForm(BootstrapFormMixin, forms.Form):
    pass


class BootstrapModelForm(BootstrapFormMixin, forms.ModelForm):
    pass


class DayField(forms.DateField):
    """A date within ``apps.core.ranges``' window: 0001-01-01 or 9999-12-31 is a valid ``date`` that
    overflows as soon as a day is added to it or a time zone applied, so it is refused here."""

    def validate(self, value):
        super().validate(value)
        if value is not None and not EARLIEST_DAY <= value <= LATEST_DAY:
            raise ValidationError(
                _("Enter a date between %(earliest)d and %(latest)d."),
                code="out_of_range",
                params={"earliest": EARLIEST_DAY.year, "latest": LATEST_DAY.year},
            )
