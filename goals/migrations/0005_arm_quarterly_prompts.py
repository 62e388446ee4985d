"""Everyone's next quarterly review prompt, in the due-time table.

Until now an hourly task rescanned every person to plan it; from now on it is planned at
sign-up, on a change of hour or time zone, and after each prompt for the quarter after. This
plans it once for the people who are already here (idempotent: one row per quarter)."""

import datetime
import zoneinfo

from django.conf import settings
from django.db import migrations
from django.utils import timezone

from careergoals.notifications.scheduling import next_quarter_moment

STALE_DAYS = 7  # goals.reminders.QUARTERLY_STALE_DAYS
DEFAULT_HOUR = 8  # NotificationSettings.morning_hour's default
CHUNK = 1000


def zone_of(user):
    try:
        return zoneinfo.ZoneInfo(user.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def arm_prompts(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    NotificationSettings = apps.get_model("notifications", "NotificationSettings")
    ScheduledReminder = apps.get_model("notifications", "ScheduledReminder")
    hours = dict(NotificationSettings.objects.values_list("user_id", "morning_hour"))
    now = timezone.now()
    rows = []
    for user in User.objects.only("pk", "timezone").iterator(chunk_size=CHUNK):
        quarter, due = next_quarter_moment(hours.get(user.pk, DEFAULT_HOUR), zone_of(user), now)
        rows.append(
            ScheduledReminder(
                recipient_id=user.pk,
                kind="quarterly",
                subject=f"user:{user.pk}",
                occurrence=quarter,
                due_at=due,
                stale_at=due + datetime.timedelta(days=STALE_DAYS),
            )
        )
    ScheduledReminder.objects.bulk_create(rows, batch_size=CHUNK, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0004_rules_held_by_the_database"),
        ("notifications", "0006_rules_held_by_the_database"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(arm_prompts, migrations.RunPython.noop)]
