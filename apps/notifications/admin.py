"""Read-mostly admin: these rows are written by services; the admin looks and, for e-mails, retries."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import EmailOutbox, Notification, ReminderLedger


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("title", "recipient", "kind", "created_at", "read_at")
    list_filter = ("kind", ("read_at", admin.EmptyFieldListFilter))
    list_select_related = ("recipient",)
    search_fields = ("title", "recipient__email", "recipient__last_name")
    date_hierarchy = "created_at"
    raw_id_fields = ("recipient",)


@admin.register(EmailOutbox)
class EmailOutboxAdmin(ReadOnlyAdmin):
    list_display = ("subject", "to", "kind", "status", "attempts", "created_at", "sent_at")
    list_filter = ("status", "kind")
    search_fields = ("to", "subject")
    date_hierarchy = "created_at"
    raw_id_fields = ("recipient",)
    actions = ["send_again"]

    @admin.action(description=_("Send the selected failed e-mails again"))
    def send_again(self, request, queryset):
        sent_again = 0
        for row in queryset.filter(status=EmailOutbox.Status.FAILED):
            try:
                services.email_outbox_retry(outbox=row)
            except ValidationError:
                continue  # retried by someone else meanwhile
            sent_again += 1
        self.message_user(
            request,
            ngettext("%(count)d e-mail is being sent again.", "%(count)d e-mails are being sent again.", sent_again)
            % {"count": sent_again},
            messages.SUCCESS,
        )


@admin.register(ReminderLedger)
class ReminderLedgerAdmin(ReadOnlyAdmin):
    list_display = ("kind", "content_type", "object_id", "recipient", "due_date", "sent_at")
    list_filter = ("kind", "content_type")
    list_select_related = ("recipient", "content_type")
    search_fields = ("recipient__email",)
    date_hierarchy = "sent_at"
    raw_id_fields = ("recipient",)
