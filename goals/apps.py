from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "goals"
    verbose_name = "Goals"

    def ready(self):
        from . import reminders  # noqa: F401 - registers what goal reminders say
        from .emails import register_emails

        register_emails()  # its emails, their words and the choices that turn them off
