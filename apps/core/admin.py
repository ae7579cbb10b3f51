from django.contrib import admin

from apps.core.models import DocumentCounter


@admin.register(DocumentCounter)
class DocumentCounterAdmin(admin.ModelAdmin):
    # The counters behind gap-free numbers: changed only by apps/core/numbering.next_number, under a lock.
    # An edit here would give a number twice or leave a gap, so the admin only shows them.
    list_display = ["series", "year", "last"]
    list_filter = ["series", "year"]
    readonly_fields = ["series", "year", "last"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
