from django.contrib import admin, messages

from .models import Notification
from .services import MAX_ATTEMPTS, emails_retry


class EmailProblemFilter(admin.SimpleListFilter):
    """Failed for good at once, given up after every try, or still being retried."""

    title = "email problem"
    parameter_name = "failure"

    def lookups(self, request, model_admin):
        return [
            ("refused", "Refused or unsendable: not retried"),
            ("gave_up", f"Given up after {MAX_ATTEMPTS} tries"),
            ("retrying", "Failing for now: will be tried again"),
        ]

    def queryset(self, request, queryset):
        failed = queryset.filter(email_status=Notification.EmailStatus.FAILED)
        match self.value():
            case "refused":
                return failed.filter(email_attempts__lt=MAX_ATTEMPTS)
            case "gave_up":
                return failed.filter(email_attempts__gte=MAX_ATTEMPTS)
            case "retrying":
                pending = queryset.filter(email_status=Notification.EmailStatus.PENDING)
                return pending.exclude(email_error="")
        return queryset


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "kind",
        "to_email",
        "subject",
        "email_status",
        "email_attempts",
        "email_error",
        "read_at",
    )
    list_filter = ("kind", "email_status", EmailProblemFilter)
    search_fields = ("to_email", "subject")
    date_hierarchy = "created_at"
    raw_id_fields = ("recipient",)
    readonly_fields = ("created_at", "sent_at", "email_attempts", "email_error", "unsubscribe_link")
    actions = ["send_again"]

    @admin.action(description="Send the failed emails again")
    def send_again(self, request, queryset):
        count = emails_retry(notification_ids=queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            f"{count} failed email{'s' if count != 1 else ''} will be sent again.",
            messages.SUCCESS if count else messages.WARNING,
        )
