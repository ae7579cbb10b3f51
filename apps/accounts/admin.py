from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from .models import Company, Site, Team, User


def _email_taken(email: str, *, exclude_pk: int | None = None) -> bool:
    others = User.objects.filter(email__iexact=email)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    return others.exists()


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "first_name", "last_name")
        field_classes = {}

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"].strip()).lower()
        if _email_taken(email):
            raise forms.ValidationError(_("An account with this e-mail address already exists."))
        return email


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
        field_classes = {}

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"].strip()).lower()
        if _email_taken(email, exclude_pk=self.instance.pk):
            raise forms.ValidationError(_("An account with this e-mail address already exists."))
        return email


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Django's user admin, for an e-mail login (no username)."""

    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    list_display = ("email", "first_name", "last_name", "team", "site", "is_active", "is_staff", "is_superuser")
    list_filter = ("is_active", "is_staff", "is_superuser", "groups", "team", "site")
    list_select_related = ("team", "site")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("last_name", "first_name")
    autocomplete_fields = ("team", "site")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal details"), {"fields": ("first_name", "last_name", "phone", "language")}),
        (_("Organisation"), {"fields": ("team", "site", "hired_on", "left_on")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "first_name", "last_name", "usable_password", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ("legal_name", "siren", "city", "updated_at")

    def has_add_permission(self, request):
        # A single row: it can be added once, then only edited.
        return super().has_add_permission(request) and not Company.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.pk = 1
        super().save_model(request, obj, form, change)


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ("name", "city", "holiday_subdivision", "is_head_office", "is_active")
    list_filter = ("is_active", "holiday_subdivision")
    search_fields = ("name", "city")

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: people and teams point at sites


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "manager", "site")
    list_select_related = ("manager", "site")
    search_fields = ("name",)
    autocomplete_fields = ("manager", "site")
