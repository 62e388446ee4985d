"""The rules the services keep, held by Postgres too; rows out of line are repaired first.

- A review longer or shorter than the services allow is brought to the nearest allowed length.
- A held review without its moment gets its start; any other review loses a stale one.
- A partnership kept after an account was deleted but never ended ends now.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import F
from django.db.models.functions import Now

import careergoals.constraints

SHORTEST, LONGEST = 15, 240  # accountability.models.review.DURATION_RANGE when this was written


def repair(apps, schema_editor) -> None:
    ReviewMeeting = apps.get_model("accountability", "ReviewMeeting")
    Partnership = apps.get_model("accountability", "Partnership")
    ReviewMeeting.objects.filter(duration_minutes__lt=SHORTEST).update(duration_minutes=SHORTEST)
    ReviewMeeting.objects.filter(duration_minutes__gt=LONGEST).update(duration_minutes=LONGEST)
    ReviewMeeting.objects.filter(status="held", held_at__isnull=True).update(held_at=F("starts_at"))
    ReviewMeeting.objects.exclude(status="held").filter(held_at__isnull=False).update(held_at=None)
    Partnership.objects.filter(account_deleted=True, ended_at__isnull=True).update(ended_at=Now())
    # Postgres refuses to ALTER a table with pending (deferred) trigger events: fire them now.
    if schema_editor.connection.vendor == "postgresql":  # SQLite checks at once anyway
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("accountability", "0004_partnership_outlives_a_deleted_account"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(repair, migrations.RunPython.noop, elidable=False),
        migrations.AddConstraint(
            model_name="partnership",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(
                    ("account_deleted", False), ("ended_at__isnull", False), _connector="OR"
                ),
                name="partnership_kept_record_is_ended",
                violation_error_message="A partnership kept after an account was deleted has ended.",
            ),
        ),
        migrations.AddConstraint(
            model_name="reviewmeeting",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(("duration_minutes__gte", 15), ("duration_minutes__lte", 240)),
                name="review_duration_in_range",
                violation_error_message="A review lasts between 15 and 240 minutes.",
            ),
        ),
        migrations.AddConstraint(
            model_name="reviewmeeting",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(
                    ("status__in", ["proposed", "accepted", "declined", "cancelled", "held"])
                ),
                name="review_status_known",
                violation_error_message="A review is proposed, agreed, declined, cancelled or held.",
            ),
        ),
        migrations.AddConstraint(
            model_name="reviewmeeting",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(
                    models.Q(("held_at__isnull", False), ("status", "held")),
                    models.Q(
                        models.Q(("status", "held"), _negated=True), ("held_at__isnull", True)
                    ),
                    _connector="OR",
                ),
                name="review_held_when_dated",
                violation_error_message="A held review has the moment it was held, and only a held review has one.",
            ),
        ),
    ]
