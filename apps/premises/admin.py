from django.contrib import admin

from apps.premises.models import (
    Booking,
    BookingSeries,
    CheckItem,
    CheckRecord,
    Desk,
    Floor,
    Room,
    SitePremisesSettings,
    Ticket,
    TicketComment,
)


@admin.register(SitePremisesSettings)
class SitePremisesSettingsAdmin(admin.ModelAdmin):
    list_display = ["site", "opens_at", "closes_at", "max_booking_hours", "horizon_days"]


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0
    fields = ["name", "capacity", "is_bookable", "needs_approval", "is_active"]


@admin.register(Floor)
class FloorAdmin(admin.ModelAdmin):
    list_display = ["name", "site", "level"]
    list_filter = ["site"]
    inlines = [RoomInline]


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "floor", "capacity", "is_bookable", "needs_approval", "is_accessible", "is_active"]
    list_filter = ["floor__site", "is_bookable", "needs_approval", "is_active"]
    search_fields = ["name"]
    list_select_related = ["floor__site"]


@admin.register(Desk)
class DeskAdmin(admin.ModelAdmin):
    list_display = ["label", "floor", "assigned_to", "is_bookable", "is_active"]
    list_filter = ["floor__site", "is_bookable", "is_active"]
    search_fields = ["label"]
    raw_id_fields = ["assigned_to"]
    list_select_related = ["floor__site", "assigned_to"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    # Bookings change through the services (overlap checks, notifications): the admin only reads them.
    list_display = ["start", "end", "room", "desk", "person", "status"]
    list_filter = ["status", "room__floor__site"]
    search_fields = ["title", "person__last_name", "person__email"]
    date_hierarchy = "start"
    list_select_related = ["room", "desk", "person"]
    readonly_fields = [f.name for f in Booking._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(BookingSeries)
class BookingSeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "room", "desk", "person", "interval_weeks", "until"]
    list_select_related = ["room", "desk", "person"]
    readonly_fields = [f.name for f in BookingSeries._meta.fields]

    def has_add_permission(self, request):
        return False


class CheckRecordInline(admin.TabularInline):
    model = CheckRecord
    extra = 0
    fields = ["done_on", "done_by", "result", "counted_for", "report"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CheckItem)
class CheckItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "site", "interval_months", "due_date", "is_active"]
    list_filter = ["site", "kind", "is_active"]
    readonly_fields = ["due_date"]
    inlines = [CheckRecordInline]


@admin.register(CheckRecord)
class CheckRecordAdmin(admin.ModelAdmin):
    list_display = ["item", "done_on", "result", "recorded_by"]
    list_filter = ["result", "item__site"]
    list_select_related = ["item", "recorded_by"]
    readonly_fields = [f.name for f in CheckRecord._meta.fields]

    def has_add_permission(self, request):
        return False


class TicketCommentInline(admin.TabularInline):
    model = TicketComment
    extra = 0
    fields = ["author", "body", "is_internal", "created_at"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["author"]


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = ["__str__", "site", "urgency", "status", "reporter", "assignee", "created_at"]
    list_filter = ["status", "urgency", "category", "site"]
    search_fields = ["description", "place"]
    raw_id_fields = ["reporter", "assignee", "room", "source_check"]
    list_select_related = ["site", "reporter", "assignee"]
    readonly_fields = ["created_at", "updated_at", "resolved_at"]
    inlines = [TicketCommentInline]
