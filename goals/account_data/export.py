"""Your data, the way out: what goals puts in the JSON file, and the CSV of goals and steps.

The JSON is versioned. ``services.account_export`` puts it together, with the sections
higher apps add (comments, feedback, partnerships, rules, review meetings) through
``sections``; ``restore`` reads it back into an empty account, keeping every date.
"""

import datetime
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from goals.models import CheckIn, Goal, GoalChange, MicroGoal, VisionAnswer

FORMAT = "careergoals-export"
VERSION = 2  # 2 added the sections of higher apps (comments, partnerships, reviews ...)
READABLE_VERSIONS = (1, 2)

PROFILE_FIELDS = ("display_name", "timezone", "welcomed_at", "theme")
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


def json_value(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):  # datetimes too
        return value.isoformat()
    return value


def dump(obj, fields: tuple[str, ...]) -> dict:
    """One object as JSON: its id and the named fields."""
    return {"id": obj.pk} | {name: json_value(getattr(obj, name)) for name in fields}


def _owned_goals(user):
    """Goals this person owns: never a buddy's goal shared with them."""
    return Goal.objects.filter(owner=user).order_by("created_at", "id")


def _goal(goal: Goal) -> dict:
    celebration = getattr(goal, "celebration", None)
    return dump(goal, GOAL_FIELDS) | {
        "vision_answer": goal.vision_answer_id,
        "changes": [dump(change, CHANGE_FIELDS) for change in goal.changes.all()],
        "micro_goals": [dump(step, MICRO_GOAL_FIELDS) for step in goal.micro_goals.all()],
        "check_ins": [dump(check_in, CHECK_IN_FIELDS) for check_in in goal.check_ins.all()],
        "celebration": dump(celebration, CELEBRATION_FIELDS) if celebration else None,
    }


def profile_data(user) -> dict:
    return {"email": user.email} | {
        name: json_value(getattr(user, name)) for name in PROFILE_FIELDS
    }


def vision_answers_data(user) -> list[dict]:
    answers = VisionAnswer.objects.filter(owner=user).order_by("created_at", "id")
    return [dump(answer, VISION_ANSWER_FIELDS) for answer in answers]


def goals_data(user) -> list[dict]:
    """Each goal the person owns with its history, steps, check-ins and celebration: four
    queries whatever the number of goals."""
    goals = (
        _owned_goals(user)
        .select_related("celebration")
        .prefetch_related(
            Prefetch("changes", queryset=GoalChange.objects.order_by("changed_at", "id")),
            Prefetch("micro_goals", queryset=MicroGoal.objects.order_by("position", "id")),
            Prefetch("check_ins", queryset=CheckIn.objects.order_by("recorded_on", "id")),
        )
    )
    return [_goal(goal) for goal in goals]


# --- CSV ------------------------------------------------------------------------------------

CSV_HEADER = (
    _("Goal"),
    _("Category"),
    _("Horizon"),
    _("Goal status"),
    _("Goal deadline"),
    _("Measure"),
    _("Unit"),
    _("Starting value"),
    _("Target value"),
    _("Current value"),
    _("Step"),
    _("Step status"),
    _("Step deadline"),
    _("Step done on"),
    _("Action plan"),
    _("Resources needed"),
    _("Who can help"),
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
    yield [str(name) for name in CSV_HEADER]  # in the language of who downloads it
    goals = _owned_goals(user).prefetch_related(
        Prefetch("micro_goals", queryset=MicroGoal.objects.order_by("position", "id"))
    )
    for goal in goals:
        for step in goal.micro_goals.all() or [None]:
            yield [_cell(value) for value in _goal_cells(goal) + _step_cells(step)]
