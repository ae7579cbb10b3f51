from django.contrib import admin

from apps.purchasing.models import (
    AccountingSettings,
    AccountMapping,
    Budget,
    InvoiceVatLine,
    OrderLine,
    PurchaseOrder,
    Receipt,
    ReceiptLine,
    SupplierInvoice,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class OrderLineInline(ReadOnlyInline):
    model = OrderLine
    fields = ["position", "description", "item", "quantity", "unit_price", "vat_rate", "category", "received_quantity"]
    readonly_fields = fields


class ReceiptInline(ReadOnlyInline):
    model = Receipt
    fields = ["received_on", "note", "by"]
    readonly_fields = fields


@admin.register(PurchaseOrder)
class PurchaseOrderAdmin(admin.ModelAdmin):
    # Orders change through the services (numbering, totals, approval, sending, receiving): the admin only reads them.
    list_display = ["__str__", "supplier", "site", "status", "total_excl_vat", "total_incl_vat", "created_at"]
    list_filter = ["status", "site", "year"]
    search_fields = ["number", "supplier__name", "notes"]
    date_hierarchy = "created_at"
    list_select_related = ["supplier", "site"]
    readonly_fields = [f.name for f in PurchaseOrder._meta.fields]
    inlines = [OrderLineInline, ReceiptInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReceiptLineInline(ReadOnlyInline):
    model = ReceiptLine
    fields = ["order_line", "quantity", "stock_move"]
    readonly_fields = fields


@admin.register(Receipt)
class ReceiptAdmin(admin.ModelAdmin):
    # A delivery adds to the stock ledger exactly once, through the receiving service: read only here.
    list_display = ["received_on", "order", "note", "by"]
    search_fields = ["order__number", "order__supplier__name", "note"]
    date_hierarchy = "received_on"
    list_select_related = ["order", "by"]
    readonly_fields = [f.name for f in Receipt._meta.fields]
    inlines = [ReceiptLineInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class VatLineInline(ReadOnlyInline):
    model = InvoiceVatLine
    fields = ["rate", "base", "vat"]
    readonly_fields = fields


@admin.register(SupplierInvoice)
class SupplierInvoiceAdmin(admin.ModelAdmin):
    # Entered and checked (totals, VAT per rate, Factur-X) by the invoice service: read only here.
    list_display = ["number", "supplier", "kind", "issued_on", "due_on", "total_incl_vat", "paid_on", "category"]
    list_filter = ["kind", "category", "site"]
    search_fields = ["number", "supplier__name"]
    date_hierarchy = "issued_on"
    list_select_related = ["supplier"]
    readonly_fields = [f.name for f in SupplierInvoice._meta.fields] + ["orders"]
    inlines = [VatLineInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    list_display = ["year", "category", "site", "team", "amount", "updated_by", "updated_at"]
    list_filter = ["year", "category", "site"]
    list_select_related = ["site", "team", "updated_by"]
    raw_id_fields = ["updated_by"]


@admin.register(AccountMapping)
class AccountMappingAdmin(admin.ModelAdmin):
    list_display = ["category", "account", "label"]


@admin.register(AccountingSettings)
class AccountingSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "journal_code", "supplier_account", "vat_account"]

    def has_add_permission(self, request):
        return not AccountingSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
