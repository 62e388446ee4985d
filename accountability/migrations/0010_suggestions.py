# Buddies suggest steps, or a new deadline or target, for a goal they can see (issue 12, part 2).
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import careergoals.constraints


class Migration(migrations.Migration):
    dependencies = [
        ("accountability", "0009_buddy_check_ins"),
        ("goals", "0007_micro_goal_suggested_by"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Suggestion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("step", "A step"), ("change", "A change to the goal")],
                        default="step",
                        max_length=10,
                    ),
                ),
                ("title", models.CharField(blank=True, max_length=200, verbose_name="step")),
                (
                    "deadline",
                    models.DateField(blank=True, null=True, verbose_name="suggested date"),
                ),
                (
                    "resources",
                    models.TextField(blank=True, max_length=2000, verbose_name="resources"),
                ),
                (
                    "helpers",
                    models.CharField(blank=True, max_length=300, verbose_name="who can help"),
                ),
                (
                    "target_date",
                    models.DateField(blank=True, null=True, verbose_name="new deadline"),
                ),
                (
                    "target",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="new target",
                    ),
                ),
                ("why", models.TextField(blank=True, max_length=2000, verbose_name="why")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting for an answer"),
                            ("accepted", "Accepted"),
                            ("declined", "Declined"),
                        ],
                        default="pending",
                        max_length=10,
                    ),
                ),
                (
                    "owner_note",
                    models.TextField(blank=True, max_length=2000, verbose_name="note to the buddy"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("answered_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.AddField(
            model_name="suggestion",
            name="author",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="suggestion",
            name="goal",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="suggestions",
                to="goals.goal",
            ),
        ),
        migrations.AddField(
            model_name="suggestion",
            name="micro_goal",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="goals.microgoal",
            ),
        ),
        migrations.AddIndex(
            model_name="suggestion",
            index=models.Index(fields=["goal", "status"], name="suggestion_goal_status"),
        ),
        migrations.AddConstraint(
            model_name="suggestion",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(("kind__in", ["step", "change"])),
                name="suggestion_kind_known",
                violation_error_message="A suggestion is a step or a change to the goal.",
            ),
        ),
        migrations.AddConstraint(
            model_name="suggestion",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(("status__in", ["pending", "accepted", "declined"])),
                name="suggestion_status_known",
                violation_error_message="A suggestion is waiting, accepted or declined.",
            ),
        ),
        migrations.AddConstraint(
            model_name="suggestion",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(
                    models.Q(("kind", "step"), _negated=True),
                    models.Q(("title", ""), _negated=True),
                    _connector="OR",
                ),
                name="suggestion_step_has_title",
                violation_error_message="A suggested step says what to do.",
            ),
        ),
        migrations.AddConstraint(
            model_name="suggestion",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(
                    models.Q(("kind", "change"), _negated=True),
                    ("target_date__isnull", False),
                    ("target__isnull", False),
                    _connector="OR",
                ),
                name="suggestion_change_says_what",
                violation_error_message="A suggested change gives a new deadline or target.",
            ),
        ),
        migrations.AddConstraint(
            model_name="suggestion",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(
                    models.Q(("answered_at__isnull", True), ("status", "pending")),
                    models.Q(
                        models.Q(("status", "pending"), _negated=True),
                        ("answered_at__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="suggestion_answered_when_dated",
                violation_error_message="An answered suggestion has the moment it was answered, and only an answered one has one.",
            ),
        ),
        migrations.AddConstraint(
            model_name="suggestion",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(("target__isnull", True), ("target__gte", 0), _connector="OR"),
                name="suggestion_target_not_negative",
                violation_error_message="Use zero or more.",
            ),
        ),
    ]
