"""Check-ins: the measured values of a goal's measure. The owner records and removes them;
a buddy the goal is shared with reads them."""

from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from careergoals.apikit import WRITE_ERRORS, Page
from goals import services
from goals.forms_progress import CheckInForm
from goals.models import CheckIn, Goal
from goals.views.access import own_goal, viewable_goal

from .context import READ_WITH_PARAMS_ERRORS, form_data, today_of, valid
from .schemas import CheckInIn, CheckInOut

router = Router(tags=["Check-ins"])


@router.get(
    "/goals/{goal_id}/check-ins",
    response={200: list[CheckInOut], **READ_WITH_PARAMS_ERRORS},
    summary="A goal's check-ins",  # not shown (the API docs are English)
)
@paginate(Page)
def check_in_list(request, goal_id: int):
    """Oldest first. Your goal's, or a buddy's goal shared with you. Paged: `?page=`."""
    return viewable_goal(request, goal_id).check_ins.order_by("recorded_on", "id")


@router.post(
    "/goals/{goal_id}/check-ins",
    response={201: CheckInOut, **WRITE_ERRORS},
    summary="Record a check-in",  # not shown (the API docs are English)
)
def check_in_create(request, goal_id: int, payload: CheckInIn):
    """A value of the goal's measure on a day (today when left out). The goal needs a measure with
    a starting value and a target; its current value follows the latest check-in."""
    goal = own_goal(request, goal_id)
    today = today_of(request)
    values = payload.dict()
    values["recorded_on"] = values["recorded_on"] or today
    form = CheckInForm(form_data(values), today=today, unit=goal.metric_unit)
    return Status(201, services.check_in_create(goal=goal, **valid(form)))


@router.delete(
    "/check-ins/{check_in_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Remove a check-in",  # not shown (the API docs are English)
)
def check_in_delete(request, check_in_id: int):
    """The goal's current value goes back to the latest check-in left."""
    check_in = get_object_or_404(
        CheckIn.objects.select_related("goal"),
        pk=check_in_id,
        goal__in=Goal.objects.editable_by(request.user),
    )
    services.check_in_delete(check_in=check_in)
    return Status(204, None)
