"""Every write to goal examples: loading the library, starting a goal from an example,
saving one's own goal as an example for one's buddies, and removing it.

Goals and steps are written through `goals.services`, so history, reminders and calendar
feeds follow as they do for a goal written by hand.
"""

import datetime
import json
import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from careergoals.users.timezones import user_today

from . import bounds, extensions, reminders, services
from .models import Goal, GoalExample, GoalExampleStep, MicroGoal

EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"
LIBRARY_STEPS = range(3, 7)  # a library example has 3 to 6 steps
MAX_SAVED_STEPS = 20
EXAMPLE_FIELDS = (
    "category",
    "title",
    "statement",
    "summary",
    "horizon",
    "weeks",
    "metric_name",
    "metric_unit",
    "baseline",
    "target",
    "resources",
    "helpers",
)
STEP_FIELDS = ("offset_days", "title", "action_plan", "resources", "helpers")


# --- The library ---------------------------------------------------------------------------


class LibraryFileError(ValueError):
    """A data file that can't be loaded, with the file and the example it is about."""


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    not_in_files: list[str] = field(default_factory=list)  # in the database only: left alone

    def lines(self) -> list[str]:
        lines = [
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged."
        ]
        lines += [f"  created: {slug}" for slug in self.created]
        lines += [f"  updated: {slug}" for slug in self.updated]
        if self.not_in_files:
            lines.append(
                f"{len(self.not_in_files)} library example(s) are not in the files and were "
                f"left as they are: {', '.join(self.not_in_files)}"
            )
        return lines


def _number(value, where: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise LibraryFileError(f"{where}: “{value}” is not a number.") from None


def _offset(step: dict, where: str) -> int:
    if "week" in step and "day" in step:
        raise LibraryFileError(f"{where}: give a step either a week or a day, not both.")
    try:
        if "week" in step:
            return int(step["week"]) * 7
        return int(step["day"])
    except (KeyError, TypeError, ValueError):
        raise LibraryFileError(f"{where}: each step needs a whole-number week or day.") from None


def _read_entry(entry: dict, category: str, where: str) -> tuple[dict, list[dict]]:
    measure = entry.get("measure") or {}
    values = {
        "category": category,
        "title": entry.get("title", ""),
        "statement": entry.get("statement", ""),
        "summary": entry.get("summary", ""),
        "horizon": entry.get("horizon", 1),
        "weeks": entry.get("weeks", 26),
        "metric_name": measure.get("name", ""),
        "metric_unit": measure.get("unit", ""),
        "baseline": _number(measure.get("baseline"), where),
        "target": _number(measure.get("target"), where),
        "resources": entry.get("resources", ""),
        "helpers": entry.get("helpers", ""),
    }
    steps = entry.get("steps") or []
    if len(steps) not in LIBRARY_STEPS:
        raise LibraryFileError(f"{where}: a library example has 3 to 6 steps, not {len(steps)}.")
    rows = [
        {
            "offset_days": _offset(step, f"{where}, step {number}"),
            "title": step.get("title", ""),
            "action_plan": step.get("action_plan", ""),
            "resources": step.get("resources", ""),
            "helpers": step.get("helpers", ""),
        }
        for number, step in enumerate(steps, start=1)
    ]
    return values, rows


def read_library(directory: Path = EXAMPLES_DIR) -> dict[str, tuple[dict, list[dict], str]]:
    """Every example of the data files by slug: its values, its steps in file order, and
    where it was read ("earnings.json, earnings-raise-at-review")."""
    found: dict[str, tuple[dict, list[dict], str]] = {}
    categories = set(Goal.Category.values)
    for path in sorted(Path(directory).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise LibraryFileError(f"{path.name}: not valid JSON ({error}).") from None
        category = data.get("category")
        if category not in categories:
            raise LibraryFileError(f"{path.name}: unknown category “{category}”.")
        for entry in data.get("examples", []):
            slug = entry.get("slug", "")
            where = f"{path.name}, {slug or 'an example without a slug'}"
            if not slug:
                raise LibraryFileError(f"{where}: every example needs a slug.")
            if slug in found:
                raise LibraryFileError(f"{where}: the slug is used twice.")
            found[slug] = (*_read_entry(entry, category, where), where)
    return found


def _checked(example: GoalExample, steps: list[dict], where: str) -> list[GoalExampleStep]:
    rows = [
        GoalExampleStep(example=example, position=position, **values)
        for position, values in enumerate(steps, start=1)
    ]
    try:
        example.full_clean(exclude=["owner"], validate_unique=False)
        for row in rows:
            row.full_clean(exclude=["example"])
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            said = "; ".join(
                f"{name}: {' '.join(words)}" for name, words in error.message_dict.items()
            )
        else:
            said = " ".join(error.messages)
        raise LibraryFileError(f"{where}: {said}") from None
    return rows


def _stored_steps(example: GoalExample) -> list[dict]:
    return [{name: getattr(step, name) for name in STEP_FIELDS} for step in example.steps.all()]


@transaction.atomic
def goal_examples_load(*, directory: Path = EXAMPLES_DIR, only_missing: bool = False) -> LoadReport:
    """Bring the library in line with the data files, by slug: a new slug is created, a
    changed example is updated (steps and all), an unchanged one is left alone. Never a
    duplicate, so it can run again and again. With ``only_missing`` (after `migrate`), only
    new slugs are added, so edits made in the admin stay until the command is run.

    All of it, or nothing: a mistake in any file loads none of them."""
    wanted = read_library(directory)
    report = LoadReport()
    existing = {
        example.slug: example
        for example in GoalExample.objects.select_for_update()
        .filter(source=GoalExample.Source.LIBRARY)
        .prefetch_related("steps")
    }
    for slug, (values, steps, where) in wanted.items():
        example = existing.get(slug)
        if example is None:
            example = GoalExample(source=GoalExample.Source.LIBRARY, slug=slug, **values)
            rows = _checked(example, steps, where)
            example.save()
            GoalExampleStep.objects.bulk_create(rows)
            report.created.append(slug)
            continue
        same = all(getattr(example, name) == value for name, value in values.items())
        if only_missing or (same and _stored_steps(example) == steps):
            report.unchanged.append(slug)
            continue
        for name, value in values.items():
            setattr(example, name, value)
        rows = _checked(example, steps, where)
        example.save()
        example.steps.all().delete()
        GoalExampleStep.objects.bulk_create(rows)
        report.updated.append(slug)
    report.not_in_files = sorted(set(existing) - set(wanted))
    return report


# --- Starting a goal from an example -----------------------------------------------------------


def step_deadline(offset_days: int, today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=offset_days)


@transaction.atomic
def goal_create_from_example(*, owner, example: GoalExample, step_ids: list[int], **fields) -> Goal:
    """A new goal as the person adjusted it, and the example's chosen steps, each due its
    offset after today (where the person lives). All of it, or nothing.

    The goal is written by `goals.services.goal_create` (history, reminders, calendar
    feeds); the steps, checked as `micro_goal_create` checks one, are inserted at once and
    the goal's reminders planned again with them, as any re-plan of a goal does: the same
    reminders as adding them one by one, in a fixed number of queries."""
    goal = services.goal_create(owner=owner, **fields)
    today = user_today(owner)
    chosen = set(step_ids)
    steps = [
        MicroGoal(
            goal=goal,
            position=position,
            title=step.title,
            action_plan=step.action_plan,
            deadline=step_deadline(step.offset_days, today),
            resources=step.resources,
            helpers=step.helpers,
        )
        for position, step in enumerate(
            (step for step in example.steps.all() if step.pk in chosen), start=1
        )
    ]
    for step in steps:
        step.full_clean(exclude=["goal", "position"])
        bounds.raise_errors(bounds.step_errors(step, today=today))
    if steps:
        MicroGoal.objects.bulk_create(steps)
        reminders.arm_goal(goal)
        extensions.goals_changed(owner_id=owner.pk)
    return goal


# --- A person's own examples ---------------------------------------------------------------------


def _offsets(goal: Goal, steps: list[MicroGoal]) -> list[int]:
    """Days after the goal was started; a step without a deadline comes a week after the one
    before it."""
    start = timezone.localtime(goal.created_at).date()
    offsets, last = [], 0
    for step in steps:
        if step.deadline is not None:
            last = min(max((step.deadline - start).days, 0), 3650)
        else:
            last = min(last + 7, 3650)
        offsets.append(last)
    return offsets


def _weeks(goal: Goal) -> int:
    if goal.target_date is None:
        return 26
    days = (goal.target_date - timezone.localtime(goal.created_at).date()).days
    return min(max(math.ceil(days / 7), 1), 520)


@transaction.atomic
def goal_example_save(*, goal: Goal, by, title: str, statement: str, note: str = "") -> GoalExample:
    """The person's own goal as an example their buddies can start from ("this worked for
    me"): its category, horizon, the time it was given, what it measured (the numbers are
    left for whoever starts from it) and its steps (those no longer needed left out), each
    due as long after the start as it was. The title and statement are the person's words
    for others; their own goal is not changed."""
    if goal.owner_id != by.pk:
        raise ValidationError(_("Only the goal’s owner can share it as an example."))
    steps = [step for step in goal.micro_goals.all() if step.status != MicroGoal.Status.SKIPPED][
        :MAX_SAVED_STEPS
    ]
    example = GoalExample(
        source=GoalExample.Source.PERSON,
        owner=by,
        category=goal.category,
        title=title.strip(),
        statement=statement.strip(),
        note=note.strip(),
        horizon=goal.horizon,
        weeks=_weeks(goal),
        metric_name=goal.metric_name,
        metric_unit=goal.metric_unit,
    )
    example.full_clean()
    example.save()
    GoalExampleStep.objects.bulk_create(
        GoalExampleStep(
            example=example,
            position=position,
            offset_days=offset,
            title=step.title,
            action_plan=step.action_plan,
            resources=step.resources,
            helpers=step.helpers,
        )
        for position, (step, offset) in enumerate(
            zip(steps, _offsets(goal, steps), strict=True), start=1
        )
    )
    return example


@transaction.atomic
def goal_example_remove(*, example: GoalExample, by) -> None:
    """Only the person who saved an example removes it; the library is edited in the admin."""
    if example.source != GoalExample.Source.PERSON or example.owner_id != by.pk:
        raise ValidationError(_("Only the person who shared this example can remove it."))
    example.delete()
