"""The goal examples a person shared with their buddies, in "Your data" and back.

A section of the export like the higher apps' ones (`sections`), registered by goals itself
in `GoalsConfig.ready()`. The library is not the person's and is not exported.
"""

from django.core.exceptions import ValidationError

from goals.models import GoalExample, GoalExampleStep

from .export import json_value
from .restore import _located, _values, items_of, restore_object
from .sections import ExportSection, register

KEY = "goal_examples"
EXAMPLE_FIELDS = (
    "category",
    "title",
    "statement",
    "summary",
    "note",
    "horizon",
    "weeks",
    "metric_name",
    "metric_unit",
    "baseline",
    "target",
    "resources",
    "helpers",
    "created_at",
    "updated_at",
)
STEP_FIELDS = ("position", "offset_days", "title", "action_plan", "resources", "helpers")


def examples_export(*, user) -> list[dict]:
    """Each example the person shared, with its steps: one query (a row per step)."""
    rows = (
        GoalExample.objects.filter(source=GoalExample.Source.PERSON, owner=user)
        .order_by("created_at", "id", "steps__position", "steps__id")
        .values("id", *EXAMPLE_FIELDS, *(f"steps__{name}" for name in ("id", *STEP_FIELDS)))
    )
    examples: dict[int, dict] = {}
    for row in rows:
        example = examples.get(row["id"])
        if example is None:
            example = {"id": row["id"]} | {name: json_value(row[name]) for name in EXAMPLE_FIELDS}
            example["steps"] = []
            examples[row["id"]] = example
        if row["steps__id"] is not None:
            example["steps"].append(
                {"id": row["steps__id"]}
                | {name: json_value(row[f"steps__{name}"]) for name in STEP_FIELDS}
            )
    return list(examples.values())


def examples_restore(*, user, data, where, ids, report) -> None:
    """The person's examples, theirs again: their buddies on this server will see them."""
    if not isinstance(data, list):
        raise ValidationError(f"{where}: expected a list.")  # not shown
    for index, item in enumerate(data):
        here = f"{where}[{index}]"
        example = restore_object(
            GoalExample, item, EXAMPLE_FIELDS, here, owner=user, source=GoalExample.Source.PERSON
        )
        for number, step_item in enumerate(items_of(item, "steps", f"{here}, ")):
            step = GoalExampleStep(
                example=example, **_values(GoalExampleStep, step_item, STEP_FIELDS, here)
            )
            try:
                step.full_clean()
            except ValidationError as error:
                raise _located(f"{here}, steps[{number}]", error) from None
            step.save()
    report.add_restored(len(data), "shared example", "shared examples")


def register_examples_section() -> None:
    register(ExportSection(key=KEY, export=examples_export, restore=examples_restore))
