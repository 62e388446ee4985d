from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.contrib import admin, messages
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.clickjacking import xframe_options_sameorigin

from .models import Notification
from .samples import sample_email, sample_kinds
from .services import MAX_ATTEMPTS, emails_retry, is_account_email


class EmailProblemFilter(admin.SimpleListFilter):
    """Failed for good at once, given up after every try, or still being retried."""

    title = gettext_lazy("email problem")
    parameter_name = "failure"

    def lookups(self, request, model_admin):
        return [
            ("refused", _("Refused or unsendable: not retried")),
            ("gave_up", _("Given up after %(count)s tries") % {"count": MAX_ATTEMPTS}),
            ("retrying", _("Failing for now: will be tried again")),
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
    change_list_template = "notifications/admin_change_list.html"
    # An account email's words hold a secret (a link that confirms an address or sets a
    # new password): whoever could read it could take over the account, so the admin
    # shows who it went to, what it is, and how sending went, never its body.
    ACCOUNT_EMAIL_HIDDEN = ("body_text", "body_html", "preview", "url")

    def get_exclude(self, request, obj=None):
        if obj is not None and is_account_email(obj):
            return (*(super().get_exclude(request, obj) or ()), *self.ACCOUNT_EMAIL_HIDDEN)
        return super().get_exclude(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and is_account_email(obj):
            return (*fields, "message")
        return fields

    @admin.display(description=gettext_lazy("Message"))
    def message(self, obj):
        return _(
            "An account email (confirm an address, reset a password, or a security notice). "
            "Its words are not shown: they may hold a link that only its recipient may use."
        )

    def get_urls(self):
        own = [
            path(
                "email-previews/",
                self.admin_site.admin_view(self.email_previews),
                name="notifications_email_previews",
            ),
            path(
                "email-previews/<str:kind>/html/",
                self.admin_site.admin_view(email_preview_html),
                name="notifications_email_preview_html",
            ),
        ]
        return own + super().get_urls()

    def email_previews(self, request):
        """Every kind of email, rendered with sample data: the HTML part and the text part."""
        previews = []
        for kind in sample_kinds():
            subject, email = sample_email(kind)
            previews.append(
                {
                    "kind": kind,
                    "subject": subject,
                    "text": email.text,
                    "preview": email.preview,
                    "html_url": reverse("admin:notifications_email_preview_html", args=[kind]),
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Email previews"),
            "opts": self.model._meta,
            "previews": previews,
        }
        return TemplateResponse(request, "notifications/admin_email_previews.html", context)

    @admin.action(description=gettext_lazy("Send the failed emails again"))
    def send_again(self, request, queryset):
        count = emails_retry(notification_ids=queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            ngettext(
                "%(count)s failed email will be sent again.",
                "%(count)s failed emails will be sent again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )


# The email itself, shown in a frame of the previews page: mail clients need its inline
# styles, so this one answer allows them, and only this site may frame it.
@xframe_options_sameorigin
@csp_replace({"style-src": [SELF, UNSAFE_INLINE], "frame-ancestors": [SELF]})
def email_preview_html(request, kind):
    if kind not in sample_kinds():
        raise Http404("No such kind of email.")  # not shown: the 404 page has its own words
    return HttpResponse(sample_email(kind)[1].html)
