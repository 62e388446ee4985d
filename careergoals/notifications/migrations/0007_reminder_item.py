"""A reminder's ``subject`` (goal:12, step:7) is its ``item``: an email has the subject.

The column is renamed in place, so every row keeps its item. The unique constraint follows
the column in the database (PostgreSQL and SQLite rename it along); only the migration
state still names the old field, so it is redefined there alone. The index is built again
under its new name (the table holds pending and handled reminders only: cheap).
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0006_rules_held_by_the_database"),
        # These data migrations write ScheduledReminder.subject: they run before the rename.
        ("goals", "0005_arm_quarterly_prompts"),
        ("accountability", "0006_arm_pair_prompts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(model_name="scheduledreminder", name="reminder_subject"),
        migrations.RenameField(model_name="scheduledreminder", old_name="subject", new_name="item"),
        migrations.AlterField(
            model_name="scheduledreminder",
            name="item",
            field=models.CharField(
                help_text="What it is about, e.g. goal:12 or step:7", max_length=60
            ),
        ),
        migrations.AddIndex(
            model_name="scheduledreminder",
            index=models.Index(fields=["item"], name="reminder_item"),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(
                    model_name="scheduledreminder", name="one_reminder_per_occurrence"
                ),
                migrations.AddConstraint(
                    model_name="scheduledreminder",
                    constraint=models.UniqueConstraint(
                        fields=("recipient", "kind", "item", "occurrence"),
                        name="one_reminder_per_occurrence",
                    ),
                ),
            ]
        ),
    ]
