"""The shapes of the goals API: what it answers (``...Out``) and what it takes (``...In``).

Field names are the goal form's and the models' own; enums are the values the models store.
Inputs refuse unknown fields, so a misspelt one is a 422 rather than silently ignored.
"""

import datetime
import enum
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import ConfigDict, PlainSerializer

from goals.models import Goal, MicroGoal, VisionPrompt

from .context import card_of


def _named(name: str, choices: type[enum.Enum]) -> type[enum.Enum]:
    """The model's choices under a name of their own: the OpenAPI document names each enum
    by its class, and a goal's ``Status`` is not a step's."""
    kind = int if issubclass(choices, int) else str
    return enum.Enum(name, {m.name: m.value for m in choices}, type=kind, module=__name__)


GoalCategory = _named("GoalCategory", Goal.Category)
GoalHorizon = _named("GoalHorizon", Goal.Horizon)
GoalStatus = _named("GoalStatus", Goal.Status)
GoalVisibility = _named("GoalVisibility", Goal.Visibility)
StepStatus = _named("StepStatus", MicroGoal.Status)
VisionPromptKey = _named("VisionPromptKey", VisionPrompt)


# A stored number (a measure's value): a string with its two decimals, as the database keeps
# it, whether it was just typed ("1.5") or read back ("1.50").
Amount = Annotated[
    Decimal,
    PlainSerializer(lambda value: f"{value.quantize(Decimal('0.01')):f}", return_type=str),
]


class Described(Schema):
    """A schema whose fields are described by the docstring under each (the docs page)."""

    model_config = ConfigDict(use_attribute_docstrings=True)


class Strict(Described):
    """An input: a field it does not know is an error, not ignored."""

    model_config = ConfigDict(use_attribute_docstrings=True, extra="forbid")


# --- Out -------------------------------------------------------------------------------------


class PersonOut(Described):
    """Someone named on a goal: its owner, or the buddy who suggested a step."""

    id: int
    name: str


class SmartLetterOut(Described):
    """One letter of the SMART check: met or not, and what is missing if not."""

    letter: str
    """S, M, A, R or T."""
    name: str
    """Specific, Measurable, Attainable, Relevant or Time-bound."""
    met: bool
    hint: str
    """What is missing; empty when the letter is met."""

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj.name)

    @staticmethod
    def resolve_hint(obj) -> str:
        return str(obj.hint)


class SmartOut(Described):
    """The SMART check, as the goal form's panel and the goal page show it."""

    score: int
    """How many of the five letters are met."""
    is_smart: bool
    """All five letters are met."""
    can_activate: bool
    """Measurable and dated: the goal can be started."""
    letters: list[SmartLetterOut]


class ProgressOut(Described):
    """How far along the goal is, the numbers the goal page shows under its statement."""

    percent: int | None
    """0 to 100: the measure's way from starting value to target when the goal has one, else the
    share of steps done; 100 once achieved; null with nothing to count."""
    current_value: Amount | None
    """The latest check-in's value."""
    baseline: Amount | None
    target: Amount | None
    unit: str
    """The measure's unit, or its name when it has no unit."""
    step_count: int
    steps_done: int
    steps_skipped: int
    """Steps closed as no longer needed."""
    steps_line: str
    """The steps in words, e.g. “1 of 3 steps done”."""


class GoalOut(Described):
    """A goal, as the dashboard's card and the goal form know it."""

    id: int
    statement: str
    category: GoalCategory
    horizon: GoalHorizon
    """How many years ahead it looks: 1, 5 or 10."""
    target_date: datetime.date | None
    """The deadline."""
    status: GoalStatus
    visibility: GoalVisibility
    """Who can see it (set on the goal page)."""
    buddy_reminders: bool
    metric_name: str
    metric_unit: str
    baseline: Amount | None
    target: Amount | None
    current_value: Amount | None
    confidence: int | None
    """1 to 5, or null when not rated yet."""
    attainability_notes: str
    relevance: str
    vision_answer: int | None
    """The id of the vision answer it came from."""
    abandoned_reason: str
    achieved_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    progress: ProgressOut
    smart: SmartOut
    url: str
    """The goal's page."""

    @staticmethod
    def resolve_vision_answer(obj) -> int | None:
        return obj.vision_answer_id

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_smart(obj, context) -> object:
        return card_of(obj, context["request"]).smart

    @staticmethod
    def resolve_progress(obj, context) -> dict:
        card = card_of(obj, context["request"])
        return {
            "percent": card.percent,
            "current_value": obj.current_value,
            "baseline": obj.baseline,
            "target": obj.target,
            "unit": obj.metric_unit or obj.metric_name,
            "step_count": obj.step_count,
            "steps_done": obj.steps_done,
            "steps_skipped": obj.steps_skipped,
            "steps_line": str(card.steps_line),
        }


class StepOut(Described):
    """A step (micro-goal): a small dated action towards its goal."""

    id: int
    goal: int
    """The id of its goal."""
    position: int
    """Its place in the goal's list, from 1."""
    title: str
    action_plan: str
    deadline: datetime.date | None
    resources: str
    helpers: str
    status: StepStatus
    completed_on: datetime.date | None
    """The day it was done."""
    after_goal_deadline: bool
    """Due after the goal's own deadline."""
    suggested_by: PersonOut | None
    """The buddy whose suggestion it was."""

    @staticmethod
    def resolve_goal(obj) -> int:
        return obj.goal_id


class GoalDetailOut(GoalOut):
    """A goal with its steps, as its page shows it, to its owner or a buddy it is shared with."""

    owner: PersonOut
    is_owner: bool
    """Whether the person asking owns it (and may change it)."""
    steps: list[StepOut]

    @staticmethod
    def resolve_is_owner(obj, context) -> bool:
        return obj.owner_id == context["request"].user.pk

    @staticmethod
    def resolve_steps(obj) -> list:
        return list(obj.micro_goals.all())  # prefetched by the route (selectors.goal_steps)


class CheckInOut(Described):
    """A measured value of the goal's measure on a day."""

    id: int
    goal: int
    """The id of its goal."""
    value: Amount
    recorded_on: datetime.date
    note: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_goal(obj) -> int:
        return obj.goal_id


class VisionEntryOut(Described):
    """One vision prompt and the person's latest answer to it."""

    prompt: VisionPromptKey
    question: str
    answer: str | None
    """The latest answer; null when not answered yet."""
    answered_at: datetime.datetime | None


class VisionOut(Described):
    """The vision page: each prompt, in its order, with the latest answer."""

    prompts: list[VisionEntryOut]


# --- In --------------------------------------------------------------------------------------


class GoalIn(Strict):
    """A new goal: the goal form's fields, checked by the same form."""

    statement: str
    """One sentence: what you will do."""
    category: GoalCategory = GoalCategory.OTHER
    horizon: GoalHorizon = GoalHorizon.ONE_YEAR
    target_date: datetime.date | None = None
    """The deadline."""
    metric_name: str = ""
    metric_unit: str = ""
    baseline: Decimal | None = None
    target: Decimal | None = None
    confidence: int | None = None
    """1 to 5."""
    attainability_notes: str = ""
    relevance: str = ""
    vision_answer: int | None = None
    """The id of one of your latest vision answers (GET /vision)."""


class GoalPatch(Strict):
    """Only the fields given change; the rest keep their values. Checked by the goal form."""

    statement: str | None = None
    category: GoalCategory | None = None
    horizon: GoalHorizon | None = None
    target_date: datetime.date | None = None
    metric_name: str | None = None
    metric_unit: str | None = None
    baseline: Decimal | None = None
    target: Decimal | None = None
    confidence: int | None = None
    attainability_notes: str | None = None
    relevance: str | None = None
    vision_answer: int | None = None
    note: str = ""
    """What changed, and why: kept in the goal's history."""


class SmartCheckIn(Strict):
    """A draft as the goal form holds it: every field may be missing or empty."""

    statement: str = ""
    category: GoalCategory | None = None
    horizon: GoalHorizon | None = None
    target_date: datetime.date | None = None
    metric_name: str = ""
    metric_unit: str = ""
    baseline: Decimal | None = None
    target: Decimal | None = None
    confidence: int | None = None
    attainability_notes: str = ""
    relevance: str = ""
    vision_answer: int | None = None
    goal_id: int | None = None
    """A goal of yours being edited: its steps count towards Measurable."""


class AbandonIn(Strict):
    """Letting a goal go: why, in a few words."""

    reason: str
    """Why you are letting the goal go; kept in its history."""


class StepIn(Strict):
    """A new step: the step form's fields."""

    title: str
    deadline: datetime.date | None = None
    action_plan: str = ""
    resources: str = ""
    helpers: str = ""


class StepPatch(Strict):
    """Only the fields given change."""

    title: str | None = None
    deadline: datetime.date | None = None
    action_plan: str | None = None
    resources: str | None = None
    helpers: str | None = None


class StepStatusIn(Strict):
    """A step's new status."""

    status: StepStatus


class StepOrderIn(Strict):
    """A goal's steps in a new order."""

    ids: list[int]
    """Every step id of the goal, in the new order."""


class CheckInIn(Strict):
    """A measured value: the check-in form's fields."""

    value: Decimal
    recorded_on: datetime.date | None = None
    """The day it was measured; today (in your time zone) when left out."""
    note: str = ""


class VisionIn(Strict):
    """Answers to the vision prompts."""

    answers: dict[VisionPromptKey, str]
    """Prompt → answer. A changed answer is kept as a new dated one; prompts left out, or with an
    empty answer, keep their answer."""
