from django.contrib import admin

from apps.leave.models import ApprovalStep, Deputy, LeavePolicy, LeaveRequest, LeaveType, LedgerEntry


@admin.register(LeaveType)
class LeaveTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "counts_against_balance", "needs_approval", "max_days", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["code", "name"]


@admin.register(LeavePolicy)
class LeavePolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "counting", "period_start_month", "period_start_day", "allow_anticipation"]

    def has_add_permission(self, request):
        return not LeavePolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    # The ledger is append-only: corrections are new entries (manual adjustments), never edits.
    list_display = ["date", "person", "leave_type", "kind", "period", "days", "reason"]
    list_filter = ["kind", "leave_type", "period"]
    search_fields = ["person__email", "person__last_name", "reason"]
    list_select_related = ["person", "leave_type"]
    raw_id_fields = ["person", "request", "author"]
    date_hierarchy = "date"

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ApprovalStepInline(admin.TabularInline):
    model = ApprovalStep
    extra = 0
    raw_id_fields = ["approver", "on_behalf_of", "decided_by"]
    readonly_fields = ["purpose", "step", "decision", "decided_by", "decided_at", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(LeaveRequest)
class LeaveRequestAdmin(admin.ModelAdmin):
    list_display = ["person", "leave_type", "start_date", "start_half", "end_date", "end_half", "days", "status"]
    list_filter = ["status", "leave_type"]
    search_fields = ["person__email", "person__last_name"]
    list_select_related = ["person", "leave_type"]
    raw_id_fields = ["person", "submitted_by"]
    date_hierarchy = "start_date"
    # Statuses change through the services (which keep the ledger right), not here.
    readonly_fields = ["status", "days", "decided_at", "cancelled_at", "created_at"]
    inlines = [ApprovalStepInline]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Deputy)
class DeputyAdmin(admin.ModelAdmin):
    list_display = ["person", "deputy", "start_date", "end_date"]
    raw_id_fields = ["person", "deputy", "created_by"]
