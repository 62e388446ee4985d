from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_delete


def _before_account_deleted(sender, instance, **kwargs):
    """careergoals.users knows nothing of buddies: the partnerships end here, just before."""
    from .services import partnerships_close_for_deleted_account

    partnerships_close_for_deleted_account(user=instance)


def _after_person_saved(sender, instance, created, update_fields=None, **kwargs):
    """A new name shows in this person's calendar feed and in their buddies'."""
    if created or (
        update_fields is not None and not {"display_name", "email"} & set(update_fields)
    ):
        return
    from .services import calendar_changed

    calendar_changed(with_buddies_of=instance)


def register_goal_extensions():
    """goals knows nothing of buddies: who else reads a goal, who hears it was reached and
    the buddy parts of the goal page are filled in here."""
    from goals import extensions

    from .access import goals_shared_with
    from .models import Partnership
    from .services import calendar_goals_changed, celebration_announce
    from .social import goal_social_context
    from .views.suggestions import goal_suggestions_context

    extensions.register_viewers("buddies", goals_shared_with)
    extensions.register_buddies("partnerships", Partnership.objects.buddy_ids_of)
    extensions.register_on_achieved("tell the buddies", celebration_announce)
    extensions.register_on_changed("calendar feeds", calendar_goals_changed)
    # Suggestions come first after the steps they would add to; then the circle's words.
    extensions.register_panel(
        extensions.GoalPanel(
            key="suggestions",
            templates={"main": "accountability/suggestions/panel.html"},
            context=goal_suggestions_context,
        )
    )
    extensions.register_panel(
        extensions.GoalPanel(
            key="buddies",
            templates={
                "audience": "accountability/partials/goal_audience.html",
                "main": "accountability/partials/goal_social.html",
            },
            context=goal_social_context,
        )
    )


class AccountabilityConfig(AppConfig):
    name = "accountability"
    verbose_name = "Accountability"

    def ready(self):
        from goals.reminders import register_audience

        from . import reminders  # noqa: F401 - registers what buddy reminders say
        from .account_data import register_sections
        from .emails import register_emails
        from .selectors import goal_audience

        register_emails()  # its emails, their words and the choices that turn them off
        register_audience("buddies", goal_audience)  # heads-ups before shared goals' deadlines
        register_sections()  # comments, feedback, rules and reviews in "Your data"
        register_goal_extensions()
        pre_delete.connect(
            _before_account_deleted,
            sender=get_user_model(),
            dispatch_uid="accountability.before_account_deleted",
        )
        post_save.connect(
            _after_person_saved,
            sender=get_user_model(),
            dispatch_uid="accountability.after_person_saved",
        )
