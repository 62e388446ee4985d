from django.apps import AppConfig


def _time_zone_changed(sender, user, **kwargs):
    """Mornings move with the person: every reminder is planned again in the new zone."""
    from .registry import rearm_person

    rearm_person(user)


class NotificationsConfig(AppConfig):
    name = "careergoals.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from careergoals.users.signals import time_zone_changed

        time_zone_changed.connect(_time_zone_changed, dispatch_uid="notifications.rearm_person")
