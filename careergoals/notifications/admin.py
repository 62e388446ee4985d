from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "to_email", "subject", "email_status", "read_at")
    list_filter = ("kind", "email_status")
    search_fields = ("to_email", "subject")
    date_hierarchy = "created_at"
    raw_id_fields = ("recipient",)
    readonly_fields = ("created_at", "sent_at")
