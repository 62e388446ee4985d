"""Admin for support work: find a person's goals fast, see a goal with its steps and history."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    Celebration,
    CheckIn,
    Goal,
    GoalChange,
    GoalExample,
    GoalExampleStep,
    MicroGoal,
    VisionAnswer,
)


class GoalChangeInline(admin.TabularInline):
    model = GoalChange
    extra = 0
    fields = ("field", "old_value", "new_value", "note", "changed_at")
    readonly_fields = ("changed_at",)


class MicroGoalInline(admin.TabularInline):
    model = MicroGoal
    extra = 0
    fields = ("position", "title", "deadline", "status", "completed_on")


class CheckInInline(admin.TabularInline):
    model = CheckIn
    extra = 0
    fields = ("recorded_on", "value", "note")


class CelebrationInline(admin.StackedInline):
    model = Celebration
    extra = 0
    readonly_fields = ("created_at",)


@admin.register(VisionAnswer)
class VisionAnswerAdmin(admin.ModelAdmin):
    list_display = ("owner", "prompt", "created_at")
    list_filter = ("prompt",)
    search_fields = ("owner__email", "owner__display_name", "text")
    autocomplete_fields = ("owner",)
    list_select_related = ("owner",)
    date_hierarchy = "created_at"
    readonly_fields = ("created_at",)


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ("statement", "owner", "category", "status", "target_date", "created_at")
    list_filter = ("status", "category", "horizon")
    search_fields = ("statement", "owner__email", "owner__display_name")
    autocomplete_fields = ("owner",)
    raw_id_fields = ("vision_answer",)
    list_select_related = ("owner",)
    date_hierarchy = "created_at"
    readonly_fields = ("created_at", "updated_at")
    inlines = (MicroGoalInline, CheckInInline, GoalChangeInline, CelebrationInline)


class GoalPartAdmin(admin.ModelAdmin):
    """Shared by the things that hang off one goal."""

    search_fields = ("goal__statement", "goal__owner__email")
    autocomplete_fields = ("goal",)
    list_select_related = ("goal", "goal__owner")

    @admin.display(description=_("owner"), ordering="goal__owner__email")
    def owner(self, obj):
        return obj.goal.owner


@admin.register(GoalChange)
class GoalChangeAdmin(GoalPartAdmin):
    list_display = ("goal", "owner", "field", "old_value", "new_value", "changed_at")
    list_filter = ("field",)
    search_fields = (*GoalPartAdmin.search_fields, "old_value", "new_value", "note")
    date_hierarchy = "changed_at"
    readonly_fields = ("changed_at",)


@admin.register(MicroGoal)
class MicroGoalAdmin(GoalPartAdmin):
    list_display = ("title", "goal", "owner", "status", "deadline", "completed_on")
    list_filter = ("status",)
    search_fields = (*GoalPartAdmin.search_fields, "title", "helpers")
    date_hierarchy = "deadline"
    readonly_fields = ("created_at",)


@admin.register(CheckIn)
class CheckInAdmin(GoalPartAdmin):
    list_display = ("goal", "owner", "value", "recorded_on")
    list_filter = ("goal__status",)
    search_fields = (*GoalPartAdmin.search_fields, "note")
    date_hierarchy = "recorded_on"
    readonly_fields = ("created_at",)


@admin.register(Celebration)
class CelebrationAdmin(GoalPartAdmin):
    list_display = ("goal", "owner", "reward", "created_at", "reflected_at")
    list_filter = (("reflected_at", admin.EmptyFieldListFilter),)
    date_hierarchy = "created_at"
    readonly_fields = ("created_at",)


class GoalExampleStepInline(admin.TabularInline):
    model = GoalExampleStep
    extra = 0
    fields = ("position", "offset_days", "title", "action_plan", "resources", "helpers")


@admin.register(GoalExample)
class GoalExampleAdmin(admin.ModelAdmin):
    """The library (from goals/examples/, kept by `load_goal_examples`) and people's examples.

    A library example edited here keeps the edit until `load_goal_examples` runs again; to
    keep it for good, change its data file too."""

    list_display = ("title", "category", "source", "owner", "slug", "updated_at")
    list_filter = ("source", "category", "horizon")
    search_fields = ("title", "statement", "slug", "owner__email", "owner__display_name")
    autocomplete_fields = ("owner",)
    list_select_related = ("owner",)
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("source", "slug", "owner", "category", "title", "statement")}),
        (_("Suggested plan"), {"fields": ("summary", "horizon", "weeks", "resources", "helpers")}),
        (_("Measure"), {"fields": ("metric_name", "metric_unit", "baseline", "target")}),
        (_("A person's words"), {"fields": ("note", "created_at", "updated_at")}),
    )
    inlines = (GoalExampleStepInline,)
