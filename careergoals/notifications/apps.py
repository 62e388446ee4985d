from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "careergoals.notifications"
    label = "notifications"
    verbose_name = "Notifications"
