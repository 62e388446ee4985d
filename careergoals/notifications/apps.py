from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.db.models.signals import pre_delete


def _before_account_deleted(sender, instance, **kwargs):
    """allauth's emails went to an address, not to the account: they go with it."""
    from .services import account_emails_forget

    account_emails_forget(user=instance)


def _time_zone_changed(sender, user, **kwargs):
    """Mornings move with the person: every reminder is planned again in the new zone."""
    from .registry import rearm_person

    rearm_person(user)


class NotificationsConfig(AppConfig):
    name = "careergoals.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from careergoals.users.adapter import register_account_mailer

        from .kinds import register_email
        from .samples import digest_sample

        # Its own email; goals and accountability register theirs in their ready().
        register_email("digest", template="notifications/email/digest.txt", sample=digest_sample)

        from .services import account_email

        register_account_mailer(account_email)  # allauth's emails go through the outbox
        from careergoals.users.signals import time_zone_changed

        time_zone_changed.connect(_time_zone_changed, dispatch_uid="notifications.rearm_person")
        pre_delete.connect(
            _before_account_deleted,
            sender=get_user_model(),
            dispatch_uid="notifications.before_account_deleted",
        )
