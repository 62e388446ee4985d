"""The rules the services keep, held by Postgres too; rows older code left out of line are
repaired first, so the constraints hold on every existing database.

- A step's day of completion: a done step without one gets the day it was created (the
  earliest it can have been done); any other step loses a stale one.
- Steps sharing a place in their goal's list are numbered 1, 2, 3… in the order shown.
- An achieved goal without its moment gets the moment its status changed to achieved (from its
  history), else its last update; any other goal loses a stale one.
- Negative measured values (allowed before goals.bounds): every value of that goal's measure
  (starting value, target, current value, check-ins) moves up by the same amount so that
  the lowest is zero. Progress, which compares differences, is unchanged, and the goal's
  history says what happened.
"""

from decimal import Decimal

import django.db.models.constraints
from django.conf import settings
from django.db import migrations, models
from django.db.models import Count, F, Min, Q

import careergoals.constraints

VALUES = ("baseline", "target", "current_value")


def repair_steps(MicroGoal) -> None:
    done = MicroGoal.objects.filter(status="done", completed_on__isnull=True)
    for step in done.only("created_at"):
        MicroGoal.objects.filter(pk=step.pk).update(completed_on=step.created_at.date())
    MicroGoal.objects.exclude(status="done").filter(completed_on__isnull=False).update(
        completed_on=None
    )
    crowded = (
        MicroGoal.objects.values("goal_id")
        .annotate(steps=Count("id"), places=Count("position", distinct=True))
        .filter(steps__gt=F("places"))
        .values_list("goal_id", flat=True)
    )
    for goal_id in list(crowded):
        steps = MicroGoal.objects.filter(goal_id=goal_id).order_by("position", "id")
        for place, pk in enumerate(steps.values_list("pk", flat=True), start=1):
            MicroGoal.objects.filter(pk=pk).update(position=place)


def repair_achieved(Goal, GoalChange) -> None:
    for goal in Goal.objects.filter(status="achieved", achieved_at__isnull=True):
        change = (
            GoalChange.objects.filter(goal_id=goal.pk, field="status", new_value="Achieved")
            .order_by("-changed_at")
            .first()
        )
        moment = change.changed_at if change else goal.updated_at
        Goal.objects.filter(pk=goal.pk).update(achieved_at=moment)
    Goal.objects.exclude(status="achieved").filter(achieved_at__isnull=False).update(
        achieved_at=None
    )


def _shown(value: Decimal) -> str:
    return f"{value.normalize():f}"


def repair_negative_values(Goal, CheckIn, GoalChange) -> None:
    negative = Q(baseline__lt=0) | Q(target__lt=0) | Q(current_value__lt=0)
    goal_ids = set(Goal.objects.filter(negative).values_list("pk", flat=True))
    goal_ids |= set(CheckIn.objects.filter(value__lt=0).values_list("goal_id", flat=True))
    for goal in Goal.objects.filter(pk__in=goal_ids).order_by("pk"):
        lowest_check_in = CheckIn.objects.filter(goal_id=goal.pk).aggregate(m=Min("value"))["m"]
        candidates = [getattr(goal, name) for name in VALUES] + [lowest_check_in]
        shift = -min(value for value in candidates if value is not None)
        moved = {
            name: getattr(goal, name) + shift for name in VALUES if getattr(goal, name) is not None
        }
        Goal.objects.filter(pk=goal.pk).update(**moved)
        CheckIn.objects.filter(goal_id=goal.pk).update(value=F("value") + shift)
        GoalChange.objects.create(
            goal_id=goal.pk,
            field="target",
            old_value=_shown(goal.target) if goal.target is not None else "—",
            new_value=_shown(moved["target"]) if "target" in moved else "—",
            note=(
                "Measures no longer go below zero, so every value of this one moved up by "
                f"{_shown(shift)}. Your progress is the same."
            ),
        )


def repair(apps, schema_editor) -> None:
    Goal, GoalChange = apps.get_model("goals", "Goal"), apps.get_model("goals", "GoalChange")
    CheckIn, MicroGoal = apps.get_model("goals", "CheckIn"), apps.get_model("goals", "MicroGoal")
    repair_steps(MicroGoal)
    repair_achieved(Goal, GoalChange)
    repair_negative_values(Goal, CheckIn, GoalChange)
    # Fire the deferred foreign-key checks now: Postgres refuses to ALTER a table with
    # pending trigger events, and the constraints below alter these tables.
    if schema_editor.connection.vendor == "postgresql":  # SQLite checks at once anyway
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0003_micro_goal_no_longer_needed"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(repair, migrations.RunPython.noop, elidable=False),
        migrations.AddConstraint(
            model_name="checkin",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(("value__gte", 0)),
                name="check_in_value_not_negative",
                violation_error_message="Use zero or more. To track a decrease, set a target below the starting value.",
            ),
        ),
        migrations.AddConstraint(
            model_name="goal",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(
                    ("confidence__isnull", True),
                    models.Q(("confidence__gte", 1), ("confidence__lte", 5)),
                    _connector="OR",
                ),
                name="goal_confidence_1_to_5",
                violation_error_message="Confidence is a number from 1 to 5.",
            ),
        ),
        migrations.AddConstraint(
            model_name="goal",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(("horizon__in", [1, 5, 10])),
                name="goal_horizon_known",
                violation_error_message="A goal looks 1, 5 or 10 years ahead.",
            ),
        ),
        migrations.AddConstraint(
            model_name="goal",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(("status__in", ["draft", "active", "achieved", "abandoned"])),
                name="goal_status_known",
                violation_error_message="A goal is a draft, active, achieved or abandoned.",
            ),
        ),
        migrations.AddConstraint(
            model_name="goal",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(("visibility__in", ["private", "buddies", "chosen"])),
                name="goal_visibility_known",
                violation_error_message="Choose who can see the goal.",
            ),
        ),
        migrations.AddConstraint(
            model_name="goal",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(
                    models.Q(("achieved_at__isnull", False), ("status", "achieved")),
                    models.Q(
                        models.Q(("status", "achieved"), _negated=True),
                        ("achieved_at__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="goal_achieved_when_dated",
                violation_error_message="An achieved goal has the moment it was achieved, and only an achieved goal has one.",
            ),
        ),
        migrations.AddConstraint(
            model_name="goal",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(("baseline__gte", 0)),
                name="goal_baseline_not_negative",
                violation_error_message="Use zero or more. To track a decrease, set a target below the starting value.",
            ),
        ),
        migrations.AddConstraint(
            model_name="goal",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(("target__gte", 0)),
                name="goal_target_not_negative",
                violation_error_message="Use zero or more. To track a decrease, set a target below the starting value.",
            ),
        ),
        migrations.AddConstraint(
            model_name="goal",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(("current_value__gte", 0)),
                name="goal_current_value_not_negative",
                violation_error_message="Use zero or more. To track a decrease, set a target below the starting value.",
            ),
        ),
        migrations.AddConstraint(
            model_name="microgoal",
            constraint=models.UniqueConstraint(
                deferrable=django.db.models.constraints.Deferrable["DEFERRED"],
                fields=("goal", "position"),
                name="one_step_per_place",
                violation_error_message="Two steps of a goal can’t share a place in its list.",
            ),
        ),
        migrations.AddConstraint(
            model_name="microgoal",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(("status__in", ["todo", "doing", "done", "skipped"])),
                name="micro_goal_status_known",
                violation_error_message="A step is to do, doing, done or no longer needed.",
            ),
        ),
        migrations.AddConstraint(
            model_name="microgoal",
            constraint=careergoals.constraints.Rule(
                condition=models.Q(
                    models.Q(("completed_on__isnull", False), ("status", "done")),
                    models.Q(
                        models.Q(("status", "done"), _negated=True), ("completed_on__isnull", True)
                    ),
                    _connector="OR",
                ),
                name="micro_goal_done_when_dated",
                violation_error_message="A done step has the day it was done, and only a done step has one.",
            ),
        ),
    ]
