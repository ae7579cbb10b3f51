"""The quotes app in the Django admin (superusers only). Clients, their contacts, the catalogue and the
settings are edited here too; a quote or an invoice changes through its services (numbering, totals,
issuing, payments), so once issued the admin only reads it, and nothing financial is deleted here."""

from django.contrib import admin

from apps.quotes.models import (
    CatalogueEntry,
    Client,
    ClientContact,
    Invoice,
    InvoiceLine,
    Payment,
    Quote,
    QuoteLine,
    QuoteSettings,
)

# What only the services set (numbers, statuses, dates of the life, stored totals, frozen details, files):
# read only even on a draft, whose other header fields the admin may correct.
SERVICE_FIELDS = {
    "number", "year", "version", "revision_of", "status", "issue_date", "valid_until", "discount_percent",
    "deposit_percent", "total_excl_vat", "total_vat", "total_incl_vat", "amount_paid", "paid_on", "issued_details",
    "pdf", "signed_copy", "created_by", "created_at", "creation_token", "issued_at", "sent_at", "accepted_at",
    "declined_at", "expired_at", "superseded_at", "kind", "credited_invoice", "quote", "client",
}  # fmt: skip
LINE_FIELDS = ["position", "kind", "description", "unit", "quantity", "unit_price", "vat_rate", "discount_percent"]


class DraftOnlyAdmin(admin.ModelAdmin):
    """An issued document is read only; a draft's header (subject, notes, terms…) may be corrected, never
    what the services keep (number, status, totals, snapshot). Nothing is added or deleted here."""

    def get_readonly_fields(self, request, obj=None):
        fields = [f.name for f in self.model._meta.fields]
        if obj is not None and obj.status == "draft":
            return [name for name in fields if name in SERVICE_FIELDS or name == "id"]
        return fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ClientContactInline(admin.TabularInline):
    model = ClientContact
    extra = 0
    fields = ["name", "role", "email", "phone", "is_primary"]


@admin.register(Client)
class ClientAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "siret", "vat_number", "city", "country", "is_archived"]
    list_filter = ["kind", "is_archived", "country"]
    search_fields = ["name", "siren", "siret", "vat_number", "city", "email"]
    readonly_fields = ["created_at"]
    inlines = [ClientContactInline]

    def has_delete_permission(self, request, obj=None):
        # A client with quotes or invoices is protected by the database; archive it instead.
        return obj is None or not (obj.quotes.exists() or obj.invoices.exists())


@admin.register(CatalogueEntry)
class CatalogueEntryAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "unit_price", "vat_rate", "is_active"]
    list_filter = ["kind", "is_active", "vat_rate"]
    search_fields = ["name", "description"]


@admin.register(QuoteSettings)
class QuoteSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "validity_days", "invoice_due_days", "default_deposit_percent", "iban"]

    def has_add_permission(self, request):
        return not QuoteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class QuoteLineInline(ReadOnlyInline):
    model = QuoteLine
    fields = LINE_FIELDS
    readonly_fields = fields


@admin.register(Quote)
class QuoteAdmin(DraftOnlyAdmin):
    # Lines, totals, numbers and statuses change through the services (DraftOnlyAdmin).
    list_display = ["__str__", "client", "subject", "status", "issue_date", "valid_until", "total_excl_vat"]
    list_filter = ["status", "year"]
    search_fields = ["number", "subject", "client__name"]
    date_hierarchy = "created_at"
    list_select_related = ["client"]
    inlines = [QuoteLineInline]


class InvoiceLineInline(ReadOnlyInline):
    model = InvoiceLine
    fk_name = "invoice"
    fields = [*LINE_FIELDS, "deposit_invoice"]
    readonly_fields = fields


class PaymentInline(ReadOnlyInline):
    model = Payment
    fields = ["paid_on", "amount", "method", "reference", "recorded_by"]
    readonly_fields = fields


@admin.register(Invoice)
class InvoiceAdmin(DraftOnlyAdmin):
    # Issued with a gap-free number and a Factur-X file, corrected only by a credit note: read only here.
    list_display = ["__str__", "kind", "client", "status", "issue_date", "due_date", "total_incl_vat", "amount_paid"]
    list_filter = ["kind", "status", "year"]
    search_fields = ["number", "subject", "client__name"]
    date_hierarchy = "created_at"
    list_select_related = ["client"]
    inlines = [InvoiceLineInline, PaymentInline]
