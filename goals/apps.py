from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _add_new_library_examples(sender, apps=None, verbosity=1, **kwargs):
    """A fresh install has the library of goal examples once `migrate` has run, and an
    upgrade gets the examples added to the data files since. Examples already there are left
    as they are (an admin may have edited them): `manage.py load_goal_examples` updates those."""
    if apps is None:  # `flush` sends no migration state: the models are the current ones
        from django.apps import apps
    try:
        apps.get_model("goals", "GoalExample")
    except LookupError:  # migrated back before the examples existed
        return
    from .services_examples import goal_examples_load

    report = goal_examples_load(only_missing=True)
    if report.created and verbosity >= 1:
        print(f"  Added {len(report.created)} goal examples to the library.")


class GoalsConfig(AppConfig):
    name = "goals"
    verbose_name = "Goals"

    def ready(self):
        from . import reminders  # noqa: F401 - registers what goal reminders say
        from .account_data.examples import register_examples_section
        from .emails import register_emails

        register_emails()  # its emails, their words and the choices that turn them off
        register_examples_section()  # the examples a person shared, in "Your data"
        post_migrate.connect(
            _add_new_library_examples, sender=self, dispatch_uid="goals.library_examples"
        )
