"""The office manager's catalogue forms: an item, the list's filters, the import's upload."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.forms import BootstrapForm, BootstrapModelForm
from apps.suppliers.models import Supplier
from apps.supplies.models import CatalogueItem, Category
from apps.supplies.selectors.catalogue import ACTIVE, ALL, ARCHIVED
from apps.supplies.services.catalogue import ITEM_FIELDS, duplicate_name_error, name_taken

IMAGE_ACCEPT = "image/png,image/jpeg,image/webp"


class CatalogueItemForm(BootstrapModelForm):
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)
    field_order = [*ITEM_FIELDS[:5], "photo", "remove_photo", *ITEM_FIELDS[5:]]

    class Meta:
        model = CatalogueItem
        fields = [*ITEM_FIELDS[:5], "photo", *ITEM_FIELDS[5:]]
        # "4,20" in French, "4.20" in English (a localized field is a text input: type=number refuses a comma).
        localized_fields = ["unit_price"]
        widgets = {
            "unit_price": forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            "description": forms.Textarea(attrs={"rows": 3}),
            # Not ClearableFileInput: it links to the file's MEDIA_URL, which is not served.
            "photo": forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].help_text = _("PNG, JPEG or WebP, at most 5 MB.")
        # The directory's active suppliers, and the item's own even if it has since been archived.
        self.fields["supplier"].queryset = Supplier.objects.filter(
            Q(is_active=True) | Q(pk=self.instance.supplier_id or 0)
        ).order_by("name", "pk")
        if not self.instance.photo:
            del self.fields["remove_photo"]

    def clean_name(self):
        # Checked here as the name field's error (the unique constraint on Lower(name) would only say
        # "constraint violated" on top of the form); the service checks again, races included.
        name = (self.cleaned_data.get("name") or "").strip()
        if name and name_taken(name, exclude_pk=self.instance.pk):
            raise duplicate_name_error(name).error_dict["name"][0]
        return name

    def photo_change(self) -> tuple[object | None, bool]:
        """(the new upload or None, whether the photo is to be removed), from the clearable input."""
        photo = self.cleaned_data.get("photo")
        if isinstance(photo, UploadedFile):
            return photo, False
        return None, bool(self.cleaned_data.get("remove_photo"))

    def item_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ITEM_FIELDS}


class ItemFilterForm(BootstrapForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All categories")), *Category.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[(ACTIVE, _("Active")), (ARCHIVED, _("Archived")), (ALL, _("All"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "placeholder": _("Name, reference or supplier")})
        self.fields["category"].widget.attrs["data-submit-on-change"] = ""
        self.fields["status"].widget.attrs["data-submit-on-change"] = ""

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "search": (data.get("q") or "").strip(),
            "category": data.get("category") or "",
            "status": data.get("status") or ACTIVE,
        }


class ImportUploadForm(BootstrapForm):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "One row per item, with the columns of the export. Items are matched by name: a known name "
            "updates the item, a new one adds it. At most 5,000 rows and 5 MB."
        ),
        widget=forms.FileInput(
            attrs={"accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
