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
    for row in Settings.objects.only("lead_days").iterator():  # portable: SQLite too
        if row.lead_days != kept_lead_days(row.lead_days):
            Settings.objects.filter(pk=row.pk).update(lead_days=kept_lead_days(row.lead_days))
    # Postgres refuses to ALTER a table with pending (deferred) trigger events: fire them now.
    if schema_editor.connection.vendor == "postgresql":  # SQLite checks at once anyway
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


LEAD_DAYS_RULE = "reminder_lead_days_offered"


def add_lead_days_rule(apps, schema_editor) -> None:
    """On Postgres only: JSON containment has no SQLite form, and the embedded default runs
    there (the form and the service check the days on every database)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("notifications", "NotificationSettings")._meta.db_table
    offered = ", ".join(str(day) for day in OFFERED)
    schema_editor.execute(
        f'ALTER TABLE "{table}" ADD CONSTRAINT "{LEAD_DAYS_RULE}" '
        f"CHECK (lead_days <@ '[{offered}]'::jsonb)"
    )


def drop_lead_days_rule(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("notifications", "NotificationSettings")._meta.db_table
    schema_editor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT IF EXISTS "{LEAD_DAYS_RULE}"')


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
        migrations.RunPython(add_lead_days_rule, drop_lead_days_rule, elidable=False),
    ]
