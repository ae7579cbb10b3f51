"""The supplier invoice forms: the upload, the invoice with its VAT per rate, the list's filters, paid."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.forms import BootstrapForm, BootstrapModelForm, DayField
from apps.purchasing.models import SupplierInvoice
from apps.purchasing.selectors import invoices as selectors
from apps.purchasing.services.invoices import VatLineInput
from apps.suppliers.models import Supplier

PDF_ACCEPT = "application/pdf,.pdf"
VAT_ROWS = 4


def _money_widget() -> forms.TextInput:
    return forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})


def _day_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InvoiceUploadForm(BootstrapForm):
    file = forms.FileField(
        label=_("Invoice PDF"),
        widget=forms.FileInput(attrs={"accept": PDF_ACCEPT}),
        help_text=_("A Factur-X invoice is read and the form filled from it; a plain PDF is entered by hand."),
    )


class InvoiceForm(BootstrapModelForm):
    issued_on = DayField(label=_("Invoice date"), widget=_day_widget())
    due_on = DayField(
        label=_("Due date"),
        required=False,
        widget=_day_widget(),
        help_text=_("Left empty: from the supplier's payment terms."),
    )
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    staged = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)
    file = forms.FileField(
        label=_("Invoice PDF"),
        required=False,
        widget=forms.FileInput(attrs={"accept": PDF_ACCEPT}),
        help_text=_("PDF, 10 MB at most."),
    )

    class Meta:
        model = SupplierInvoice
        fields = [
            "supplier",
            "kind",
            "number",
            "issued_on",
            "due_on",
            "total_excl_vat",
            "total_vat",
            "total_incl_vat",
            "category",
            "site",
            "team",
            "orders",
            "notes",
        ]
        localized_fields = ["total_excl_vat", "total_vat", "total_incl_vat"]
        widgets = {
            "total_excl_vat": _money_widget(),
            "total_vat": _money_widget(),
            "total_incl_vat": _money_widget(),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, with_file: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        supplier_field = self.fields["supplier"]
        # Archived suppliers are not offered, except the one an existing invoice has.
        active = Q(is_active=True) | Q(pk=self.instance.supplier_id) if self.instance.pk else Q(is_active=True)
        supplier_field.queryset = Supplier.objects.filter(active).order_by("name", "pk")
        supplier = self._supplier()
        orders = selectors.invoiceable_orders(supplier)
        if supplier is None:
            orders = orders.filter(invoices__isnull=True)
        self.fields["orders"].queryset = orders
        self.fields["orders"].label_from_instance = lambda order: f"{order.number} · {order.supplier.name}"
        self.fields["orders"].help_text = _("The orders this invoice bills (to compare the amounts).")
        self.fields["orders"].widget.attrs["size"] = 4
        for name in ("total_excl_vat", "total_vat", "total_incl_vat"):
            self.fields[name].required = True
            if self.instance.pk is None and not self.initial.get(name):
                self.initial[name] = None  # empty, not the model's 0, for an invoice entered by hand
        if not with_file:
            del self.fields["file"]

    # The service checks the number (with the supplier and kind), the totals and the dates with its
    # own messages, after the form's token has been looked up (the same form sent twice is not a
    # duplicate); the model's constraints would only say "constraint violated" on top of the form.
    def validate_unique(self):
        pass

    def _get_validation_exclusions(self):
        return {
            *super()._get_validation_exclusions(),
            "number",
            "total_excl_vat",
            "total_vat",
            "total_incl_vat",
            "issued_on",
            "due_on",
        }

    def _supplier(self) -> Supplier | None:
        raw = self.data.get(self.add_prefix("supplier")) if self.is_bound else self.initial.get("supplier")
        if isinstance(raw, Supplier):
            return raw
        if raw:
            try:
                return Supplier.objects.filter(pk=int(raw)).first()
            except (TypeError, ValueError):
                return None
        return self.instance.supplier if self.instance.supplier_id else None

    def invoice_fields(self) -> dict:
        names = [name for name in self.Meta.fields if name != "orders"]
        return {name: self.cleaned_data[name] for name in names}

    def upload(self) -> UploadedFile | None:
        value = self.cleaned_data.get("file")
        return value if isinstance(value, UploadedFile) else None


class VatLineForm(BootstrapForm):
    rate = forms.DecimalField(
        label=_("VAT rate (%)"),
        max_digits=4,
        decimal_places=2,
        min_value=0,
        max_value=99,
        required=False,
        localize=True,
    )
    base = forms.DecimalField(
        label=_("Base excl. VAT (€)"), max_digits=12, decimal_places=2, min_value=0, required=False, localize=True
    )
    vat = forms.DecimalField(
        label=_("VAT (€)"), max_digits=12, decimal_places=2, min_value=0, required=False, localize=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget = _money_widget()
            field.widget.attrs["class"] = "form-control form-control-sm"

    def clean(self):
        data = super().clean()
        filled = [data.get(name) is not None for name in ("rate", "base", "vat")]
        if any(filled) and not all(filled):
            raise forms.ValidationError(_("Give the rate, the base and the VAT of each line."))
        return data


class BaseVatLineFormSet(forms.BaseFormSet):
    def lines(self) -> list[VatLineInput]:
        return [
            VatLineInput(rate=form.cleaned_data["rate"], base=form.cleaned_data["base"], vat=form.cleaned_data["vat"])
            for form in self.forms
            if form.cleaned_data.get("rate") is not None
        ]


VatLineFormSet = forms.formset_factory(
    VatLineForm, formset=BaseVatLineFormSet, extra=0, max_num=10, absolute_max=10, validate_max=True
)


def vat_formset(data=None, *, initial: list[dict] | None = None) -> BaseVatLineFormSet:
    initial = list(initial or [])
    rows = initial + [{} for _ in range(max(VAT_ROWS - len(initial), 1))]
    formset = VatLineFormSet(data, initial=rows, prefix="vat")
    if data is None:
        formset.extra = 0
    return formset


def vat_initial(lines) -> list[dict]:
    """Rows for the formset from VAT lines (model rows or Factur-X dicts)."""
    rows = []
    for line in lines:
        get = line.get if isinstance(line, dict) else lambda name, line=line: getattr(line, name)
        rows.append({"rate": Decimal(get("rate")), "base": Decimal(get("base")), "vat": Decimal(get("vat"))})
    return rows


class InvoiceFilterForm(BootstrapForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (selectors.UNPAID, _("Unpaid")),
            (selectors.DUE_SOON, _("Due within 7 days")),
            (selectors.OVERDUE, _("Overdue")),
            (selectors.PAID, _("Paid")),
            (selectors.ALL, _("All")),
        ],
    )
    supplier = forms.ModelChoiceField(label=_("Supplier"), required=False, queryset=Supplier.objects.order_by("name"))
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The supplier is typed as an id (a select of every supplier would cost a query per page for
        # nothing): the list links to it from each row.
        self.fields["supplier"].widget = forms.HiddenInput()

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {"status": selectors.UNPAID, "supplier": None, "search": ""}
        return {
            "status": self.cleaned_data.get("status") or selectors.UNPAID,
            "supplier": self.cleaned_data.get("supplier"),
            "search": (self.cleaned_data.get("q") or "").strip(),
        }


class InvoicePaidForm(BootstrapForm):
    paid_on = DayField(label=_("Paid on"), required=False, widget=_day_widget())
