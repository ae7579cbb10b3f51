"""Input validation for the accounts pages; the services do the writing."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from apps.core import uploads
from apps.core.forms import BootstrapForm, BootstrapFormMixin, BootstrapModelForm

from . import selectors, services
from .models import DIRECTOR_GROUP, OFFICE_MANAGER_GROUP, TICKET_HANDLER_GROUP, Company, Site, Team, User

LOGO_MAX_BYTES = 2 * 1024 * 1024
# Pillow's format name → the extension the stored file gets, so it is served with the right type.
LOGO_FORMATS = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp"}
# Role checkbox → the group it stands for (everyone is staff; managers are named by their team).
ROLE_FIELDS = {
    "office_manager": OFFICE_MANAGER_GROUP,
    "director": DIRECTOR_GROUP,
    "ticket_handler": TICKET_HANDLER_GROUP,
}


def _compact(value: str) -> str:
    return "".join((value or "").split()).upper()


# --- Authentication ------------------------------------------------------------------------------


class PasswordChangeForm(BootstrapFormMixin, auth_forms.PasswordChangeForm):
    pass


class SetPasswordForm(BootstrapFormMixin, auth_forms.SetPasswordForm):
    pass


class PasswordResetForm(BootstrapFormMixin, auth_forms.PasswordResetForm):
    """Django's reset form, also for accounts that never chose a password (the welcome link expired)."""

    def get_users(self, email):
        return get_user_model()._default_manager.filter(email__iexact=email.strip(), is_active=True)

    def save(self, *args, extra_email_context=None, **kwargs):
        # Links use SITE_URL, like the welcome e-mail, so they are right behind a proxy too.
        context = {"site_url": settings.SITE_URL.rstrip("/"), **(extra_email_context or {})}
        return super().save(*args, extra_email_context=context, **kwargs)


# --- Profile and language ------------------------------------------------------------------------


class ProfileForm(BootstrapModelForm):
    class Meta:
        model = User
        fields = services.PROFILE_FIELDS
        widgets = {"phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"})}


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)


# --- Company -------------------------------------------------------------------------------------


class CompanyForm(BootstrapModelForm):
    # Wider than the model's columns so "732 829 320 00074" is accepted; the clean_* methods compact.
    siren = forms.CharField(label=_("SIREN"), max_length=20, help_text=_("9 digits, spaces allowed."))
    siret = forms.CharField(
        label=_("SIRET (head office)"), max_length=24, required=False, help_text=_("14 digits, spaces allowed.")
    )
    vat_number = forms.CharField(
        label=_("intra-EU VAT number"), max_length=24, required=False, help_text=_("FR + 2 characters + SIREN.")
    )
    logo = forms.ImageField(
        label=_("logo"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        help_text=_("PNG, JPEG or WebP, 2 MB at most."),
        error_messages={"invalid_image": _("The logo must be a PNG, JPEG or WebP image.")},
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)

    class Meta:
        model = Company
        fields = services.COMPANY_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not (self.instance and self.instance.logo):
            del self.fields["remove_logo"]

    def clean_siren(self):
        return _compact(self.cleaned_data["siren"])

    def clean_siret(self):
        return _compact(self.cleaned_data["siret"])

    def clean_vat_number(self):
        return _compact(self.cleaned_data["vat_number"])

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not logo:
            return None
        if logo.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(
                _("The logo is too large (%(size)s): it must be 2 MB at most."),
                params={"size": filesizeformat(logo.size)},
            )
        # Read again by the core check: Django's ImageField lets through an image Pillow only warns
        # about (a decompression bomb under twice Pillow's limit); this one refuses its dimensions.
        image_format = uploads.image_format(logo)
        if image_format not in LOGO_FORMATS:
            raise forms.ValidationError(_("The logo must be a PNG, JPEG or WebP image."))
        logo.name = f"logo{LOGO_FORMATS[image_format]}"
        return logo


# --- Sites and teams -----------------------------------------------------------------------------


class SiteForm(BootstrapModelForm):
    class Meta:
        model = Site
        fields = services.SITE_FIELDS
        help_texts = {"is_head_office": _("Only one site is the head office: choosing this one moves the title.")}


class TeamForm(BootstrapModelForm):
    class Meta:
        model = Team
        fields = services.TEAM_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance
        # Active people and sites only, plus whatever the team already has, so editing never fails on it.
        self.fields["manager"].queryset = User.objects.filter(Q(is_active=True) | Q(pk=current.manager_id)).order_by(
            "last_name", "first_name"
        )
        self.fields["site"].queryset = Site.objects.filter(Q(is_active=True) | Q(pk=current.site_id))
        self.fields["manager"].help_text = _("An active account.")


# --- Accounts ------------------------------------------------------------------------------------


class UserForm(BootstrapModelForm):
    """An account as the office manager edits it; the role checkboxes become ``roles`` (group names)."""

    office_manager = forms.BooleanField(
        label=_("Office manager"), required=False, help_text=_("Runs the dashboard and every queue.")
    )
    director = forms.BooleanField(
        label=_("Director"), required=False, help_text=_("Sees the agenda and key figures, approves large purchases.")
    )
    ticket_handler = forms.BooleanField(
        label=_("Handles repair tickets"),
        required=False,
        help_text=_("May be put in charge of repair tickets (office managers always may)."),
    )
    # A service error about "roles" is shown under the first role checkbox.
    error_field_aliases = {"roles": "office_manager"}

    class Meta:
        model = User
        fields = services.USER_FIELDS
        help_texts = {"is_active": _("A deactivated person can no longer sign in; their history is kept.")}

    def __init__(self, *args, actor: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance
        if user.pk:
            current = set(user.groups.filter(name__in=ROLE_FIELDS.values()).values_list("name", flat=True))
            for field, group in ROLE_FIELDS.items():
                self.initial.setdefault(field, group in current)
            if actor is not None and not actor.is_superuser and selectors.account_is_protected(user):
                # The service refuses it too; disabled, the field keeps the saved address.
                self.fields["email"].disabled = True
                self.fields["email"].help_text = _(
                    "Only an administrator can change the e-mail address of a director or an administrator."
                )
        self.fields["team"].queryset = Team.objects.all()
        self.fields["site"].queryset = Site.objects.filter(Q(is_active=True) | Q(pk=user.site_id))

    def clean(self):
        cleaned = super().clean()
        cleaned["roles"] = [group for field, group in ROLE_FIELDS.items() if cleaned.pop(field, False)]
        return cleaned

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"].strip()).lower()
        others = User.objects.filter(email__iexact=email)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("An account with the e-mail address “%(email)s” already exists."), params={"email": email}
            )
        return email


class UserFilterForm(BootstrapForm):
    """The accounts list's filter bar: plain Django widgets (BootstrapForm gives them their classes)."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name or e-mail"), "autocomplete": "off"}),
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.only("pk", "name"),
        required=False,
        empty_label=_("All teams"),
    )
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.only("pk", "name"),
        required=False,
        empty_label=_("All sites"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("active", _("Active")), ("inactive", _("Deactivated"))],
    )
