# Check-ins with a buddy (issue 12, part 1): the day of the week in the pair's rules, when
# the rhythm started, and the check-ins with what they say about each shared goal.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import careergoals.constraints


class Migration(migrations.Migration):
    dependencies = [
        ("accountability", "0008_choices_held_by_the_database"),
        ("goals", "0005_arm_quarterly_prompts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="agreement",
            name="check_in_day",
            field=models.PositiveSmallIntegerField(
                choices=[
                    (0, "Monday"),
                    (1, "Tuesday"),
                    (2, "Wednesday"),
                    (3, "Thursday"),
                    (4, "Friday"),
                    (5, "Saturday"),
                    (6, "Sunday"),
                ],
                default=0,
                verbose_name="the day we check in",
            ),
        ),
        migrations.AddField(
            model_name="agreement",
            name="check_ins_since",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddConstraint(
            model_name="agreement",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(("check_in_day__gte", 0), ("check_in_day__lte", 6)),
                name="agreement_check_in_day_of_the_week",
                violation_error_message="Choose a day from Monday to Sunday.",
            ),
        ),
        migrations.CreateModel(
            name="BuddyCheckIn",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("due_on", models.DateField(help_text="The agreed day this check-in answers")),
                ("written_at", models.DateTimeField()),
                (
                    "reaction",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("cheer", "Well done"),
                            ("strong", "Keep going"),
                            ("hug", "Hang in there"),
                            ("idea", "Let’s talk"),
                        ],
                        max_length=10,
                    ),
                ),
                ("reply", models.TextField(blank=True, max_length=2000)),
                ("acknowledged_at", models.DateTimeField(blank=True, null=True)),
                (
                    "acknowledged_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "partnership",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="check_ins",
                        to="accountability.partnership",
                    ),
                ),
            ],
            options={
                "ordering": ["-due_on", "-id"],
                "indexes": [
                    models.Index(fields=["partnership", "-due_on"], name="check_in_pair_due")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("partnership", "author", "due_on"),
                        name="one_check_in_per_agreed_day",
                    ),
                    careergoals.constraints.Rule(
                        condition=models.Q(
                            ("reaction__in", ["", "cheer", "strong", "hug", "idea"])
                        ),
                        name="check_in_reaction_known",
                        violation_error_message="Choose one of the reactions offered.",
                    ),
                    careergoals.constraints.Rule(
                        condition=models.Q(
                            models.Q(("acknowledged_at__isnull", True), ("reaction", "")),
                            models.Q(
                                models.Q(("reaction", ""), _negated=True),
                                ("acknowledged_at__isnull", False),
                            ),
                            _connector="OR",
                        ),
                        name="check_in_acknowledged_with_a_reaction",
                        violation_error_message="An acknowledgement comes with a reaction.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="BuddyCheckInEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "moved",
                    models.TextField(blank=True, max_length=2000, verbose_name="what moved"),
                ),
                (
                    "next_up",
                    models.TextField(blank=True, max_length=2000, verbose_name="what’s next"),
                ),
                (
                    "in_the_way",
                    models.TextField(blank=True, max_length=2000, verbose_name="what’s in the way"),
                ),
                (
                    "confidence",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="how confident"
                    ),
                ),
                (
                    "check_in",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="entries",
                        to="accountability.buddycheckin",
                    ),
                ),
                (
                    "goal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="goals.goal",
                    ),
                ),
            ],
            options={
                "ordering": ["id"],
                "constraints": [
                    models.UniqueConstraint(fields=("check_in", "goal"), name="one_entry_per_goal"),
                    careergoals.constraints.Rule(
                        condition=models.Q(("confidence__gte", 1), ("confidence__lte", 5)),
                        name="check_in_confidence_one_to_five",
                        violation_error_message="Pick a confidence from 1 to 5.",
                    ),
                ],
            },
        ),
    ]
