"""Your data: everything a person owns as JSON (goals and steps also as CSV), and the way back in.

The JSON is versioned. `account_import` recreates an export in an empty account, keeping every
date, so moving to another server loses nothing.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.db.models import Prefetch
from django.utils import timezone

from careergoals.notifications.registry import rearm_person
from careergoals.users.models import User
from careergoals.users.timezones import user_today

from . import bounds
from .models import Celebration, CheckIn, Goal, GoalChange, MicroGoal, VisionAnswer

FORMAT = "careergoals-export"
VERSION = 1

PROFILE_FIELDS = ("display_name", "timezone", "welcomed_at")
VISION_ANSWER_FIELDS = ("prompt", "text", "created_at")
GOAL_FIELDS = (
    *(name for name in Goal.PLAN_FIELDS if name != "vision_answer"),  # the link is remapped
    "current_value",
    "status",
    "abandoned_reason",
    "achieved_at",
    "created_at",
    "updated_at",
)
CHANGE_FIELDS = ("field", "old_value", "new_value", "note", "changed_at")
MICRO_GOAL_FIELDS = (
    "position",
    "title",
    "action_plan",
    "deadline",
    "resources",
    "helpers",
    "status",
    "completed_on",
    "created_at",
)
CHECK_IN_FIELDS = ("value", "recorded_on", "note", "created_at")
CELEBRATION_FIELDS = (
    "reward",
    "hard",
    "easy",
    "helped",
    "differently",
    "created_at",
    "reflected_at",
)

# --- Export --------------------------------------------------------------------------------


def _json_value(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):  # datetimes too
        return value.isoformat()
    return value


def _dump(obj, fields: tuple[str, ...]) -> dict:
    return {"id": obj.pk} | {name: _json_value(getattr(obj, name)) for name in fields}


def _owned_goals(user):
    """Goals this person owns: never a buddy's goal shared with them."""
    return Goal.objects.filter(owner=user).order_by("created_at", "id")


def _goal(goal: Goal) -> dict:
    celebration = getattr(goal, "celebration", None)
    return _dump(goal, GOAL_FIELDS) | {
        "vision_answer": goal.vision_answer_id,
        "changes": [_dump(change, CHANGE_FIELDS) for change in goal.changes.all()],
        "micro_goals": [_dump(step, MICRO_GOAL_FIELDS) for step in goal.micro_goals.all()],
        "check_ins": [_dump(check_in, CHECK_IN_FIELDS) for check_in in goal.check_ins.all()],
        "celebration": _dump(celebration, CELEBRATION_FIELDS) if celebration else None,
    }


def account_export(*, user) -> dict:
    """Everything the person owns, JSON-safe, in five queries whatever the size."""
    goals = (
        _owned_goals(user)
        .select_related("celebration")
        .prefetch_related(
            Prefetch("changes", queryset=GoalChange.objects.order_by("changed_at", "id")),
            Prefetch("micro_goals", queryset=MicroGoal.objects.order_by("position", "id")),
            Prefetch("check_ins", queryset=CheckIn.objects.order_by("recorded_on", "id")),
        )
    )
    answers = VisionAnswer.objects.filter(owner=user).order_by("created_at", "id")
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "profile": {"email": user.email}
        | {name: _json_value(getattr(user, name)) for name in PROFILE_FIELDS},
        "vision_answers": [_dump(answer, VISION_ANSWER_FIELDS) for answer in answers],
        "goals": [_goal(goal) for goal in goals],
    }


# --- CSV ------------------------------------------------------------------------------------

CSV_HEADER = (
    "Goal",
    "Category",
    "Horizon",
    "Goal status",
    "Goal deadline",
    "Measure",
    "Unit",
    "Starting value",
    "Target value",
    "Current value",
    "Step",
    "Step status",
    "Step deadline",
    "Step done on",
    "Action plan",
    "Resources needed",
    "Who can help",
)
# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return f"'{value}" if value.startswith(FORMULA_STARTS) else value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)  # numbers we formatted ourselves


def _goal_cells(goal: Goal) -> list:
    return [
        goal.statement,
        goal.get_category_display(),
        goal.get_horizon_display(),
        goal.get_status_display(),
        goal.target_date,
        goal.metric_name,
        goal.metric_unit,
        goal.baseline,
        goal.target,
        goal.current_value,
    ]


def _step_cells(step: MicroGoal | None) -> list:
    if step is None:
        return [None] * 7
    return [
        step.title,
        step.get_status_display(),
        step.deadline,
        step.completed_on,
        step.action_plan,
        step.resources,
        step.helpers,
    ]


def goals_csv_rows(*, user):
    """A header, then one row per step; a goal without steps still gets a row."""
    yield list(CSV_HEADER)
    goals = _owned_goals(user).prefetch_related(
        Prefetch("micro_goals", queryset=MicroGoal.objects.order_by("position", "id"))
    )
    for goal in goals:
        for step in goal.micro_goals.all() or [None]:
            yield [_cell(value) for value in _goal_cells(goal) + _step_cells(step)]


# --- Import ---------------------------------------------------------------------------------


@dataclass
class ImportSummary:
    vision_answers: int = 0
    goals: int = 0
    changes: int = 0
    micro_goals: int = 0
    check_ins: int = 0
    celebrations: int = 0

    def __str__(self) -> str:
        counts = [
            (self.vision_answers, "vision answer", "vision answers"),
            (self.goals, "goal", "goals"),
            (self.micro_goals, "step", "steps"),
            (self.check_ins, "check-in", "check-ins"),
            (self.changes, "history entry", "history entries"),
            (self.celebrations, "celebration", "celebrations"),
        ]
        return "Imported " + ", ".join(
            f"{count} {singular if count == 1 else plural}" for count, singular, plural in counts
        )


def _located(where: str, error: ValidationError) -> ValidationError:
    """The same error, saying where in the file it is."""
    if not hasattr(error, "error_dict"):
        return ValidationError([f"{where}: {message}" for message in error.messages])
    return ValidationError(
        [
            f"{where}: {message}" if name == NON_FIELD_ERRORS else f"{where}, {name}: {message}"
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    )


def _items(data: dict, key: str, where: str) -> list:
    items = data.get(key)
    if items is None:
        return []
    if not isinstance(items, list):
        raise ValidationError(f"{where}{key}: expected a list.")
    return items


def _storable(text: str) -> bool:
    """Postgres text holds neither NUL nor a lone surrogate; the forms refuse NUL as typed."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _values(model, item, fields: tuple[str, ...], where: str) -> dict:
    """The model values of one exported object, converted from their JSON form."""
    if not isinstance(item, dict):
        raise ValidationError(f"{where}: expected an object.")
    values = {}
    for name in fields:
        if name not in item:
            continue
        raw = item[name]
        if not isinstance(raw, str | int | float | None):
            raise ValidationError(f"{where}, {name}: expected a single value.")
        if isinstance(raw, str) and not _storable(raw):
            raise ValidationError(
                f"{where}, {name}: contains a NUL character or a broken unicode escape, "
                "which can't be stored. Check the file."
            )
        try:
            values[name] = model._meta.get_field(name).to_python(raw)
        except ValidationError as error:
            raise _located(f"{where}, {name}", error) from None
    return values


def _auto_dates(model) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]


def _bounds_errors(obj, values: dict) -> dict:
    """The bounds every other path applies (goals.bounds)."""
    now = timezone.now()
    errors = {
        field.name: bounds.stamp_error(values.get(field.name), now=now)
        for field in obj._meta.concrete_fields
        if isinstance(field, models.DateTimeField)
    }
    today = user_today(obj.owner if hasattr(obj, "owner_id") else obj.goal.owner)
    if isinstance(obj, Goal):
        errors |= bounds.goal_errors(obj, today=today)
        errors["current_value"] = bounds.value_error(obj.current_value)  # kept from check-ins
    elif isinstance(obj, MicroGoal):
        errors |= bounds.step_errors(obj, today=today)
    elif isinstance(obj, CheckIn):
        errors |= bounds.check_in_errors(obj, today=today)
    return errors


def _create(model, item, fields: tuple[str, ...], where: str, **links):
    """Validate and save one exported object, then put back the dates Django stamped itself."""
    values = _values(model, item, fields, where)
    obj = model(**links, **values)
    try:
        obj.full_clean()
        bounds.raise_errors(_bounds_errors(obj, values))
    except ValidationError as error:
        raise _located(where, error) from None
    obj.save()
    dates = {name: values[name] for name in _auto_dates(model) if values.get(name) is not None}
    if dates:
        model.objects.filter(pk=obj.pk).update(**dates)
    return obj


def _check_format(data) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError("This file is not a Career Goals export.")
    if data.get("version") != VERSION:
        raise ValidationError(
            f"This export has version {data.get('version')!r}; this server reads version {VERSION}."
        )


def _check_empty(user) -> None:
    if Goal.objects.filter(owner=user).exists() or VisionAnswer.objects.filter(owner=user).exists():
        raise ValidationError(
            f"{user.email} already has goals or vision answers. "
            "Import only into an empty account, so nothing is mixed up or doubled."
        )


def _import_profile(user, profile) -> None:
    values = _values(User, profile or {}, PROFILE_FIELDS, "profile")
    for name, value in values.items():
        setattr(user, name, value)
    try:
        user.full_clean(exclude=["password"])
        welcomed_at = bounds.stamp_error(user.welcomed_at, now=timezone.now())
        bounds.raise_errors({"welcomed_at": welcomed_at})
    except ValidationError as error:
        raise _located("profile", error) from None
    user.save(update_fields=list(values))


def _import_goal(user, item, where: str, answers: dict, summary: ImportSummary) -> None:
    link = item.get("vision_answer") if isinstance(item, dict) else None
    if link is not None and (not isinstance(link, int) or link not in answers):
        raise ValidationError(f"{where}: its vision answer {link!r} is not in the file.")
    vision_answer = answers[link] if link is not None else None
    goal = _create(Goal, item, GOAL_FIELDS, where, owner=user, vision_answer=vision_answer)
    children = (
        ("changes", GoalChange, CHANGE_FIELDS),
        ("micro_goals", MicroGoal, MICRO_GOAL_FIELDS),
        ("check_ins", CheckIn, CHECK_IN_FIELDS),
    )
    for key, model, fields in children:
        for index, child in enumerate(_items(item, key, f"{where}.")):
            _create(model, child, fields, f"{where}.{key}[{index}]", goal=goal)
            setattr(summary, key, getattr(summary, key) + 1)
    if item.get("celebration") is not None:
        _create(
            Celebration, item["celebration"], CELEBRATION_FIELDS, f"{where}.celebration", goal=goal
        )
        summary.celebrations += 1
    summary.goals += 1


def _import_vision_answers(user, data: dict, summary: ImportSummary) -> dict:
    """Recreate the answers, oldest first; returns the file's ids mapped to the new answers."""
    answers = {}
    for index, item in enumerate(_items(data, "vision_answers", "")):
        answer = _create(
            VisionAnswer, item, VISION_ANSWER_FIELDS, f"vision_answers[{index}]", owner=user
        )
        if isinstance(item.get("id"), int):
            answers[item["id"]] = answer
        summary.vision_answers += 1
    return answers


@transaction.atomic
def account_import(*, user, data) -> ImportSummary:
    """Recreate an export in an empty account: all or nothing, with readable errors."""
    _check_format(data)
    User.objects.select_for_update().get(pk=user.pk)  # one import into an account at a time
    _check_empty(user)
    summary = ImportSummary()
    _import_profile(user, data.get("profile"))
    answers = _import_vision_answers(user, data, summary)
    for index, item in enumerate(_items(data, "goals", "")):
        _import_goal(user, item, f"goals[{index}]", answers, summary)
    rearm_person(user)  # plan every reminder, in the imported time zone
    return summary
