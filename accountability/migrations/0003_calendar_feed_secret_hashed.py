"""Calendar feed secrets are stored as their SHA-256, like invitation tokens.

Existing secrets are hashed in place, so addresses already in people's calendar apps keep
working. Going back cannot recover a secret from its hash: each feed then gets a new random
secret (its old address stops working)."""

import hashlib
import secrets

from django.db import migrations, models


def hash_existing_secrets(apps, schema_editor):
    CalendarFeed = apps.get_model("accountability", "CalendarFeed")
    for feed in CalendarFeed.objects.only("pk", "secret").iterator():
        feed.secret_hash = hashlib.sha256(feed.secret.encode()).hexdigest()
        feed.save(update_fields=["secret_hash"])


def give_each_feed_a_new_secret(apps, schema_editor):
    CalendarFeed = apps.get_model("accountability", "CalendarFeed")
    for feed in CalendarFeed.objects.only("pk").iterator():
        feed.secret = secrets.token_urlsafe(32)
        feed.save(update_fields=["secret"])


class Migration(migrations.Migration):
    dependencies = [("accountability", "0002_initial")]

    operations = [
        migrations.AddField(
            model_name="calendarfeed",
            name="secret_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(hash_existing_secrets, give_each_feed_a_new_secret),
        migrations.RemoveField(model_name="calendarfeed", name="secret"),
    ]
