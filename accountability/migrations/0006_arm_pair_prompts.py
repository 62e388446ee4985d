"""Each pair's next "schedule this quarter's review" prompt, in the due-time table.

Until now an hourly task rescanned every pair to plan it; from now on it is planned when a
partnership starts, on a change of hour or time zone, and after each prompt for the quarter
after. This plans it once for the pairs that already exist (idempotent: one row per person,
pair and quarter)."""

import datetime
import zoneinfo

from django.db import migrations
from django.utils import timezone

from careergoals.notifications.scheduling import next_quarter_moment

STALE_DAYS = 7  # accountability.reminders.QUARTERLY_STALE_DAYS
DEFAULT_HOUR = 8  # NotificationSettings.morning_hour's default


def zone_of(user):
    try:
        return zoneinfo.ZoneInfo(user.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def arm_pair_prompts(apps, schema_editor):
    Partnership = apps.get_model("accountability", "Partnership")
    NotificationSettings = apps.get_model("notifications", "NotificationSettings")
    ScheduledReminder = apps.get_model("notifications", "ScheduledReminder")
    hours = dict(NotificationSettings.objects.values_list("user_id", "morning_hour"))
    now = timezone.now()
    rows = []
    pairs = Partnership.objects.filter(ended_at__isnull=True).select_related(
        "user_low", "user_high"
    )
    for pair in pairs:
        for user in filter(None, (pair.user_low, pair.user_high)):
            hour = hours.get(user.pk, DEFAULT_HOUR)
            quarter, due = next_quarter_moment(hour, zone_of(user), now)
            rows.append(
                ScheduledReminder(
                    recipient_id=user.pk,
                    kind="quarterly_partnership",
                    subject=f"partnership:{pair.pk}",
                    occurrence=quarter,
                    due_at=due,
                    stale_at=due + datetime.timedelta(days=STALE_DAYS),
                )
            )
    ScheduledReminder.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accountability", "0005_rules_held_by_the_database"),
        ("notifications", "0006_rules_held_by_the_database"),
    ]

    operations = [migrations.RunPython(arm_pair_prompts, migrations.RunPython.noop)]
