# A step a buddy suggested is credited to them; the history records such a step was added.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0006_goal_examples"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="microgoal",
            name="suggested_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="goalchange",
            name="field",
            field=models.CharField(
                choices=[
                    ("created", "Goal created"),
                    ("statement", "Statement"),
                    ("target", "Target"),
                    ("target_date", "Deadline"),
                    ("status", "Status"),
                    ("step", "Step added"),
                ],
                max_length=20,
            ),
        ),
    ]
