from django.contrib import admin

from .models import (
    Agreement,
    AgreementConfirmation,
    AttainabilityFeedback,
    CalendarFeed,
    Comment,
    GoalShare,
    Invitation,
    Nudge,
    Partnership,
    ReviewMeeting,
    Suggestion,
)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("inviter", "email", "status", "created_at", "expires_at")
    list_filter = ("status",)
    search_fields = ("email", "inviter__email")
    list_select_related = ("inviter",)
    raw_id_fields = ("inviter", "invitee")
    exclude = ("token_hash",)
    date_hierarchy = "created_at"


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ("user_low", "user_high", "created_at", "ended_at")
    list_filter = (("ended_at", admin.EmptyFieldListFilter),)
    search_fields = ("user_low__email", "user_high__email")
    list_select_related = ("user_low", "user_high")
    # The pair is fixed once made; ending it is the buddies' own choice.
    readonly_fields = ("user_low", "user_high", "created_at", "ended_by")


class ConfirmationInline(admin.TabularInline):
    model = AgreementConfirmation
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ("partnership", "version", "cadence", "updated_at")
    list_filter = ("cadence",)
    search_fields = ("partnership__user_low__email", "partnership__user_high__email")
    list_select_related = ("partnership__user_low", "partnership__user_high")
    raw_id_fields = ("partnership", "updated_by")
    inlines = [ConfirmationInline]


@admin.register(ReviewMeeting)
class ReviewMeetingAdmin(admin.ModelAdmin):
    list_display = ("partnership", "starts_at", "status", "proposed_by")
    list_filter = ("status",)
    search_fields = ("partnership__user_low__email", "partnership__user_high__email", "place")
    list_select_related = ("partnership__user_low", "partnership__user_high", "proposed_by")
    raw_id_fields = ("partnership", "proposed_by")
    date_hierarchy = "starts_at"


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("goal", "author", "kind", "created_at", "hidden_at")
    list_filter = ("kind",)
    search_fields = ("text", "author__email")
    list_select_related = ("goal", "author")
    raw_id_fields = ("goal", "micro_goal", "author")


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ("goal", "author", "kind", "status", "created_at", "answered_at")
    list_filter = ("kind", "status")
    search_fields = ("title", "why", "author__email")
    list_select_related = ("goal", "author")
    raw_id_fields = ("goal", "author", "micro_goal")


@admin.register(AttainabilityFeedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("goal", "author", "verdict", "updated_at")
    list_filter = ("verdict",)
    search_fields = ("comment", "author__email")
    list_select_related = ("goal", "author")
    raw_id_fields = ("goal", "author")


@admin.register(Nudge)
class NudgeAdmin(admin.ModelAdmin):
    list_display = ("goal", "sender", "sent_on")
    list_select_related = ("goal", "sender")
    raw_id_fields = ("goal", "sender")


@admin.register(GoalShare)
class GoalShareAdmin(admin.ModelAdmin):
    list_display = ("goal", "user", "created_at")
    list_select_related = ("goal", "user")
    raw_id_fields = ("goal", "user")


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ("user", "created_at", "rotated_at")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    exclude = ("secret",)
