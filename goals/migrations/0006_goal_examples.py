# The goal examples ("Start from an example"): the library loaded from goals/examples/ and the
# examples people save from their own goals for their buddies. Kept at 0006, the place the
# chain held for it, so work landing side by side does not fork the graph.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import careergoals.constraints


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0005_arm_quarterly_prompts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="GoalExample",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        choices=[("library", "Library"), ("person", "Saved by a person")],
                        default="library",
                        max_length=10,
                    ),
                ),
                ("slug", models.SlugField(blank=True, max_length=80)),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("earnings", "Increase earnings"),
                            ("knowledge", "Knowledge and training"),
                            ("difference", "Make a difference in my field"),
                            ("responsibility", "Power and responsibility"),
                            ("experiences", "New experiences and relationships"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                ("title", models.CharField(max_length=120)),
                ("statement", models.CharField(max_length=300, verbose_name="SMART statement")),
                (
                    "summary",
                    models.TextField(
                        blank=True,
                        help_text="One or two sentences.",
                        max_length=1000,
                        verbose_name="who it suits",
                    ),
                ),
                (
                    "horizon",
                    models.PositiveSmallIntegerField(
                        choices=[(1, "1 year"), (5, "5 years"), (10, "10 years")],
                        default=1,
                        verbose_name="suggested horizon",
                    ),
                ),
                (
                    "weeks",
                    models.PositiveSmallIntegerField(
                        default=26,
                        help_text="The deadline offered when someone starts from it: today plus this.",
                        verbose_name="suggested deadline, in weeks from the start",
                    ),
                ),
                (
                    "metric_name",
                    models.CharField(blank=True, max_length=120, verbose_name="what is measured"),
                ),
                ("metric_unit", models.CharField(blank=True, max_length=40, verbose_name="unit")),
                (
                    "baseline",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="Empty: the person puts in their own ([your number]).",
                        max_digits=14,
                        null=True,
                        verbose_name="starting value",
                    ),
                ),
                (
                    "target",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="Empty: the person puts in their own ([your number]).",
                        max_digits=14,
                        null=True,
                        verbose_name="target value",
                    ),
                ),
                (
                    "resources",
                    models.TextField(
                        blank=True, max_length=2000, verbose_name="resources typically needed"
                    ),
                ),
                (
                    "helpers",
                    models.CharField(
                        blank=True, max_length=300, verbose_name="who typically helps"
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        help_text="A person's words to their buddies.",
                        max_length=2000,
                        verbose_name="what worked",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "owner",
                    models.ForeignKey(
                        blank=True,
                        help_text="Who saved it, for a person's example. Empty for the library.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="goal_examples",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["category", "title", "id"],
            },
        ),
        migrations.CreateModel(
            name="GoalExampleStep",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "offset_days",
                    models.PositiveSmallIntegerField(
                        help_text="Days from the day the goal is started: week 2 is 14.",
                        verbose_name="due after (days)",
                    ),
                ),
                ("title", models.CharField(max_length=200)),
                ("action_plan", models.TextField(blank=True, max_length=4000)),
                (
                    "resources",
                    models.TextField(blank=True, max_length=2000, verbose_name="resources needed"),
                ),
                (
                    "helpers",
                    models.CharField(blank=True, max_length=300, verbose_name="who can help"),
                ),
                (
                    "example",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="steps",
                        to="goals.goalexample",
                    ),
                ),
            ],
            options={
                "ordering": ["position", "id"],
            },
        ),
        migrations.AddIndex(
            model_name="goalexample",
            index=models.Index(fields=["owner"], name="goal_example_owner"),
        ),
        migrations.AddConstraint(
            model_name="goalexample",
            constraint=models.UniqueConstraint(
                condition=models.Q(("source", "library")),
                fields=("slug",),
                name="goal_example_library_slug_unique",
                violation_error_message="Another library example already has this name.",
            ),
        ),
        migrations.AddConstraint(
            model_name="goalexample",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(
                    models.Q(
                        ("owner__isnull", True),
                        ("source", "library"),
                        models.Q(("slug", ""), _negated=True),
                    ),
                    models.Q(("owner__isnull", False), ("slug", ""), ("source", "person")),
                    _connector="OR",
                ),
                name="goal_example_source_known",
                violation_error_message="A library example has a name and no owner; a person's example has an owner and no name.",
            ),
        ),
        migrations.AddConstraint(
            model_name="goalexample",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(("horizon__in", [1, 5, 10])),
                name="goal_example_horizon_known",
                violation_error_message="An example looks 1, 5 or 10 years ahead.",
            ),
        ),
        migrations.AddConstraint(
            model_name="goalexample",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(("weeks__gte", 1), ("weeks__lte", 520)),
                name="goal_example_weeks_in_range",
                violation_error_message="Suggest a deadline from 1 to 520 weeks ahead.",
            ),
        ),
        migrations.AddConstraint(
            model_name="goalexample",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(("baseline__gte", 0)),
                name="goal_example_baseline_not_negative",
                violation_error_message="Use zero or more.",
            ),
        ),
        migrations.AddConstraint(
            model_name="goalexample",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(("target__gte", 0)),
                name="goal_example_target_not_negative",
                violation_error_message="Use zero or more.",
            ),
        ),
        migrations.AddConstraint(
            model_name="goalexamplestep",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(("offset_days__lte", 3650)),
                name="goal_example_step_within_ten_years",
                violation_error_message="A step is due within ten years of the start.",
            ),
        ),
    ]
