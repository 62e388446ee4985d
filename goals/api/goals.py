"""Goals: list, read, create, change, start, reach, let go, reopen, delete; the SMART check.

The same access as the pages: a person lists and changes their own goals; a buddy reads a
goal shared with them (``GET /goals/{goal_id}``) and changes nothing; anyone else gets 404.
"""

from django.http import Http404
from ninja import Query, Router, Status
from ninja.pagination import paginate

from careergoals.apikit import WRITE_ERRORS, Page
from goals import selectors, services
from goals.forms import AbandonForm, GoalForm
from goals.models import Goal
from goals.views.access import own_goal

from .context import READ_WITH_PARAMS_ERRORS, form_data, today_of, valid
from .schemas import (
    AbandonIn,
    GoalCategory,
    GoalDetailOut,
    GoalHorizon,
    GoalIn,
    GoalOut,
    GoalPatch,
    GoalStatus,
    SmartCheckIn,
    SmartOut,
)

router = Router(tags=["Goals"])


def _detail(request, pk: int) -> Goal:
    """The goal as its page reads it (``selectors.goal_for_page``), with its steps."""
    try:
        goal = selectors.goal_for_page(user=request.user, pk=pk)
    except Goal.DoesNotExist:
        raise Http404 from None
    selectors.goal_steps(goal)
    return goal


def _goal_form(request, *, data, instance=None):
    """The goal form as the create and edit pages build it."""
    return GoalForm(
        data,
        instance=instance,
        owner=request.user,
        today=today_of(request),
        vision_answers=selectors.vision_answer_choices(user=request.user, goal=instance),
    )


def _plan(cleaned: dict, names) -> dict:
    """The goal's fields among ``names``, as the form cleaned them (no ``note``)."""
    return {name: cleaned[name] for name in names if name in Goal.PLAN_FIELDS}


@router.get(
    "/goals",
    response={200: list[GoalOut], **READ_WITH_PARAMS_ERRORS},
    summary="Your goals",  # not shown (the API docs are English)
)
@paginate(Page)
def goal_list(
    request,
    status: Query[GoalStatus | None] = None,
    horizon: Query[GoalHorizon | None] = None,
    category: Query[GoalCategory | None] = None,
):
    """Your own goals, soonest deadline first, with their SMART check and progress. Filter by
    `status`, `horizon` and `category` (the stored values). Paged: `?page=`."""
    goals = Goal.objects.editable_by(request.user)
    for name, value in (("status", status), ("horizon", horizon), ("category", category)):
        if value is not None:
            goals = goals.filter(**{name: value.value})
    return selectors.goals_with_step_counts(goals).order_by("target_date", "id")


@router.post(
    "/goals",
    response={201: GoalDetailOut, **WRITE_ERRORS},
    summary="Set a goal",  # not shown (the API docs are English)
)
def goal_create(request, payload: GoalIn):
    """Checked by the goal form, saved as a draft. Start it with `/activate`."""
    form = _goal_form(request, data=form_data(payload.dict()))
    goal = services.goal_create(owner=request.user, **_plan(valid(form), Goal.PLAN_FIELDS))
    return Status(201, _detail(request, goal.pk))


@router.post(
    "/goals/smart-check",
    response={200: SmartOut, **WRITE_ERRORS},
    summary="SMART check of a draft",  # not shown (the API docs are English)
)
def goal_smart_check(request, payload: SmartCheckIn):
    """The report the goal form shows as you type, for the fields given. Saves nothing. Values that
    don't read as their field count as missing, as on the form."""
    values = payload.dict(exclude={"goal_id"}, exclude_none=True)
    goal = None
    if payload.goal_id is not None:
        goal = Goal.objects.editable_by(request.user).filter(pk=payload.goal_id).first()
    form = GoalForm(form_data(values), owner=request.user, today=today_of(request))
    return form.smart_report(goal)


@router.get(
    "/goals/{goal_id}",
    response={200: GoalDetailOut, **READ_WITH_PARAMS_ERRORS},
    summary="A goal, with its steps",  # not shown (the API docs are English)
)
def goal_detail(request, goal_id: int):
    """Your goal, or a buddy's goal shared with you (read-only: `is_owner` false)."""
    return _detail(request, goal_id)


@router.patch(
    "/goals/{goal_id}",
    response={200: GoalDetailOut, **WRITE_ERRORS},
    summary="Change a goal",  # not shown (the API docs are English)
)
def goal_update(request, goal_id: int, payload: GoalPatch):
    """Only the fields given change. The goal form checks the goal as it would be; changes to the
    statement, target, deadline and status are kept in its history."""
    goal = own_goal(request, goal_id)
    patch = payload.dict(exclude_unset=True, exclude={"note"})
    current = {name: getattr(goal, name) for name in Goal.PLAN_FIELDS if name != "vision_answer"}
    current["vision_answer"] = goal.vision_answer_id
    form = _goal_form(
        request, data=form_data(current | patch | {"note": payload.note}), instance=goal
    )
    changes = _plan(valid(form), patch)
    services.goal_update(goal=goal, note=form.cleaned_data.get("note", ""), **changes)
    return _detail(request, goal.pk)


@router.delete(
    "/goals/{goal_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Delete a goal",  # not shown (the API docs are English)
)
def goal_delete(request, goal_id: int):
    """The goal, its steps, check-ins and history go for good."""
    services.goal_delete(goal=own_goal(request, goal_id))
    return Status(204, None)


def _status_change(request, goal_id: int, change) -> Goal:
    goal = own_goal(request, goal_id)
    change(goal)
    return _detail(request, goal.pk)


@router.post(
    "/goals/{goal_id}/activate",
    response={200: GoalDetailOut, **WRITE_ERRORS},
    summary="Start a goal",  # not shown (the API docs are English)
)
def goal_activate(request, goal_id: int):
    """A goal starts once it is measurable and dated (422 says what is missing); its reminders then
    follow its deadlines."""
    return _status_change(request, goal_id, lambda goal: services.goal_activate(goal=goal))


@router.post(
    "/goals/{goal_id}/achieve",
    response={200: GoalDetailOut, **WRITE_ERRORS},
    summary="Mark a goal achieved",  # not shown (the API docs are English)
)
def goal_achieve(request, goal_id: int):
    """Only an open goal (draft or active) can be reached; your buddies are told."""
    return _status_change(request, goal_id, lambda goal: services.goal_achieve(goal=goal))


@router.post(
    "/goals/{goal_id}/abandon",
    response={200: GoalDetailOut, **WRITE_ERRORS},
    summary="Let a goal go",  # not shown (the API docs are English)
)
def goal_abandon(request, goal_id: int, payload: AbandonIn):
    """Closes the goal with a reason, kept in its history for your reviews."""
    goal = own_goal(request, goal_id)
    reason = valid(AbandonForm(form_data(payload.dict())))["reason"]
    services.goal_abandon(goal=goal, reason=reason)
    return _detail(request, goal.pk)


@router.post(
    "/goals/{goal_id}/reopen",
    response={200: GoalDetailOut, **WRITE_ERRORS},
    summary="Reopen a goal as a draft",  # not shown (the API docs are English)
)
def goal_reopen(request, goal_id: int):
    """An achieved or abandoned goal back to draft; its history keeps what happened."""
    return _status_change(request, goal_id, lambda goal: services.goal_reopen(goal=goal))
