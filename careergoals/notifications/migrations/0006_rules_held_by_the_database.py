"""A reminder hour is an hour of the day, and lead days are ones the settings form offers;
rows out of line are repaired first (the default hour; only the offered days are kept)."""

from django.conf import settings
from django.db import migrations, models
from django.db.models import Q

import careergoals.constraints

DEFAULT_HOUR = 8
OFFERED = [30, 14, 7, 3, 1]  # notifications.models.LEAD_DAYS when this was written


def kept_lead_days(value) -> list[int]:
    """The offered days among ``value``; anything else (not a list, a typo) is dropped."""
    if not isinstance(value, list):
        return []
    return sorted({day for day in value if type(day) is int and day in OFFERED}, reverse=True)


def repair(apps, schema_editor) -> None:
    Settings = apps.get_model("notifications", "NotificationSettings")
    Settings.objects.filter(Q(morning_hour__lt=0) | Q(morning_hour__gt=23)).update(
        morning_hour=DEFAULT_HOUR
    )
    off = Settings.objects.exclude(lead_days__contained_by=OFFERED)
    for row in off.only("lead_days"):
        Settings.objects.filter(pk=row.pk).update(lead_days=kept_lead_days(row.lead_days))
    # Postgres refuses to ALTER a table with pending (deferred) trigger events: fire them now.
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0005_notification_preview_line"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(repair, migrations.RunPython.noop, elidable=False),
        migrations.AddConstraint(
            model_name="notificationsettings",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(("morning_hour__gte", 0), ("morning_hour__lte", 23)),
                name="reminder_hour_of_the_day",
                violation_error_message="Pick an hour from 00:00 to 23:00.",
            ),
        ),
        migrations.AddConstraint(
            model_name="notificationsettings",
            constraint=models.CheckConstraint(
                condition=models.Q(("lead_days__contained_by", [30, 14, 7, 3, 1])),
                name="reminder_lead_days_offered",
                violation_error_message="Pick how many days ahead from the list.",
            ),
        ),
    ]
