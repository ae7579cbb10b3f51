from django.contrib import admin

from apps.suppliers.models import (
    ComplianceDocument,
    Contact,
    Contract,
    Interaction,
    Rating,
    Supplier,
    SupplierCategoryTag,
)


class CategoryInline(admin.TabularInline):
    model = SupplierCategoryTag
    extra = 0


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["name", "role", "email", "phone", "is_orders_contact"]


@admin.register(Supplier)
class SupplierAdmin(admin.ModelAdmin):
    # Identifiers are checked (python-stdnum) by the model's validators, so the admin refuses a bad checksum too.
    list_display = ["name", "siret", "vat_number", "city", "payment_days", "is_active"]
    list_filter = ["is_active", "category_tags__category", "country"]
    search_fields = ["name", "siren", "siret", "vat_number", "city"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [CategoryInline, ContactInline]

    def has_delete_permission(self, request, obj=None):
        # A supplier with orders, invoices or documents is archived, not deleted (PROTECT would refuse anyway).
        return False


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "supplier", "role", "email", "phone", "is_orders_contact"]
    list_filter = ["is_orders_contact"]
    search_fields = ["name", "email", "supplier__name"]
    list_select_related = ["supplier"]
    raw_id_fields = ["supplier"]


@admin.register(ComplianceDocument)
class ComplianceDocumentAdmin(admin.ModelAdmin):
    # The file is uploaded (and checked to be a PDF) through the supplier's documents page only.
    list_display = ["supplier", "kind", "issued_on", "expires_on", "uploaded_by"]
    list_filter = ["kind"]
    search_fields = ["supplier__name"]
    date_hierarchy = "expires_on"
    list_select_related = ["supplier", "uploaded_by"]
    raw_id_fields = ["supplier", "uploaded_by"]
    readonly_fields = ["file", "created_at"]


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ["subject", "supplier", "starts_on", "ends_on", "tacit_renewal", "notice_months", "amount_per_year"]
    list_filter = ["tacit_renewal"]
    search_fields = ["subject", "supplier__name"]
    date_hierarchy = "ends_on"
    list_select_related = ["supplier"]
    raw_id_fields = ["supplier"]
    readonly_fields = ["created_at"]


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = ["happened_on", "supplier", "kind", "contact", "follow_up_on", "follow_up_done_at", "by"]
    list_filter = ["kind"]
    search_fields = ["supplier__name", "summary"]
    date_hierarchy = "happened_on"
    list_select_related = ["supplier", "contact", "by"]
    raw_id_fields = ["supplier", "contact", "by"]
    readonly_fields = ["created_at"]


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["rated_on", "supplier", "reference", "quality", "delay", "price", "by"]
    search_fields = ["supplier__name", "reference", "comment"]
    date_hierarchy = "rated_on"
    list_select_related = ["supplier", "by"]
    raw_id_fields = ["supplier", "by"]
    readonly_fields = ["created_at"]
