from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.db.models.signals import pre_delete


def _before_account_deleted(sender, instance, **kwargs):
    """careergoals.users knows nothing of buddies: the partnerships end here, just before."""
    from .services import partnerships_close_for_deleted_account

    partnerships_close_for_deleted_account(user=instance)


class AccountabilityConfig(AppConfig):
    name = "accountability"
    verbose_name = "Accountability"

    def ready(self):
        from . import reminders  # noqa: F401 - registers what buddy reminders say
        from .export import register_sections

        register_sections()  # comments, feedback, rules and reviews in "Your data"
        pre_delete.connect(
            _before_account_deleted,
            sender=get_user_model(),
            dispatch_uid="accountability.before_account_deleted",
        )
