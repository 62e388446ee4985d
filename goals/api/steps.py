"""Steps (micro-goals): add, change, tick, reorder and delete; only the goal's owner does.

A buddy reads a shared goal's steps in ``GET /goals/{goal_id}`` (or ``/steps``); every write
here answers 404 to anyone but the owner, as the pages do.
"""

from ninja import Router, Status

from careergoals.apikit import WRITE_ERRORS
from goals import selectors, services
from goals.forms import MicroGoalForm
from goals.models import MicroGoal
from goals.views.access import own_goal, own_micro_goal, viewable_goal

from .context import READ_WITH_PARAMS_ERRORS, form_data, today_of, valid
from .schemas import StepIn, StepOrderIn, StepOut, StepPatch, StepStatusIn

router = Router(tags=["Steps"])
STEP_FIELDS = MicroGoalForm._meta.fields


@router.get(
    "/goals/{goal_id}/steps",
    response={200: list[StepOut], **READ_WITH_PARAMS_ERRORS},
    summary="A goal's steps",  # not shown (the API docs are English)
)
def step_list(request, goal_id: int):
    """In the goal's order. Your goal's, or a buddy's goal shared with you."""
    return selectors.goal_steps(viewable_goal(request, goal_id))


@router.post(
    "/goals/{goal_id}/steps",
    response={201: StepOut, **WRITE_ERRORS},
    summary="Add a step",  # not shown (the API docs are English)
)
def step_create(request, goal_id: int, payload: StepIn):
    """Checked by the step form; it goes last in the goal's list."""
    goal = own_goal(request, goal_id)
    form = MicroGoalForm(form_data(payload.dict()), today=today_of(request))
    step = services.micro_goal_create(goal=goal, **valid(form))
    return Status(201, step)


@router.post(
    "/goals/{goal_id}/steps/order",
    response={200: list[StepOut], **WRITE_ERRORS},
    summary="Reorder a goal's steps",  # not shown (the API docs are English)
)
def step_order(request, goal_id: int, payload: StepOrderIn):
    """Give every step id of the goal in the new order. A list that no longer matches the goal's
    steps (one was added or deleted meanwhile) is refused with 422."""
    goal = own_goal(request, goal_id)
    services.micro_goals_reorder(goal=goal, ordered_ids=payload.ids)
    return selectors.goal_steps(goal)


@router.patch(
    "/steps/{step_id}",
    response={200: StepOut, **WRITE_ERRORS},
    summary="Change a step",  # not shown (the API docs are English)
)
def step_update(request, step_id: int, payload: StepPatch):
    """Only the fields given change; the step form checks the step as it would be."""
    step = own_micro_goal(request, step_id)
    patch = payload.dict(exclude_unset=True)
    current = {name: getattr(step, name) for name in STEP_FIELDS}
    form = MicroGoalForm(form_data(current | patch), instance=step, today=today_of(request))
    cleaned = valid(form)
    services.micro_goal_update(micro_goal=step, **{name: cleaned[name] for name in patch})
    return step


def _set_status(request, step_id: int, status: str) -> MicroGoal:
    step = own_micro_goal(request, step_id)
    return services.micro_goal_set_status(micro_goal=step, status=status)


@router.post(
    "/steps/{step_id}/status",
    response={200: StepOut, **WRITE_ERRORS},
    summary="Set a step's status",  # not shown (the API docs are English)
)
def step_status(request, step_id: int, payload: StepStatusIn):
    """`todo`, `doing`, `done` (dated today, in your time zone) or `skipped` (no longer needed:
    closed, but not counted as missing)."""
    return _set_status(request, step_id, payload.status.value)


@router.post(
    "/steps/{step_id}/tick",
    response={200: StepOut, **WRITE_ERRORS},
    summary="Tick a step off",  # not shown (the API docs are English)
)
def step_tick(request, step_id: int):
    """The same as setting its status to `done`."""
    return _set_status(request, step_id, MicroGoal.Status.DONE)


@router.post(
    "/steps/{step_id}/untick",
    response={200: StepOut, **WRITE_ERRORS},
    summary="Untick a step",  # not shown (the API docs are English)
)
def step_untick(request, step_id: int):
    """Back to `todo`; the day it was done is cleared."""
    return _set_status(request, step_id, MicroGoal.Status.TODO)


@router.delete(
    "/steps/{step_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Delete a step",  # not shown (the API docs are English)
)
def step_delete(request, step_id: int):
    services.micro_goal_delete(micro_goal=own_micro_goal(request, step_id))
    return Status(204, None)
