"""Check-ins: record a measured value on a goal, or take one back."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from careergoals.users.timezones import user_today

from .. import services
from ..charts import progress_chart
from ..forms_progress import CheckInForm
from ..models import CheckIn, Goal
from .regions import with_goal_regions

PARTIAL = "goals/partials/progress.html"


def progress_context(*, goal, today, viewer, check_in_form=None, **extra) -> dict:
    """Everything goals/partials/progress.html needs; the goal page can use it as well.

    ``viewer`` is who reads the panel: the chart's words speak to the owner and of them.
    """
    check_ins = list(goal.check_ins.all())
    chart = progress_chart(goal=goal, check_ins=check_ins, today=today, viewer=viewer)
    return {
        "goal": goal,
        "today": today,
        "check_ins": check_ins,
        "chart": chart,
        "check_in_form": check_in_form or CheckInForm(today=today, unit=goal.metric_unit),
        **extra,
    }


@login_required
@require_POST
def check_in_create(request, pk):
    goal = get_object_or_404(Goal.objects.editable_by(request.user), pk=pk)
    today = user_today(request.user)
    form = CheckInForm(request.POST, today=today, unit=goal.metric_unit)
    if form.is_valid():
        try:
            services.check_in_create(goal=goal, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _done(request, goal, today, "Check-in saved.")
    context = progress_context(
        goal=goal, today=today, viewer=request.user, check_in_form=form, is_owner=True
    )
    if request.htmx:
        return render(request, PARTIAL, context)
    return render(request, "goals/check_in_form_page.html", context)


@login_required
@require_POST
def check_in_delete(request, pk):
    check_in = get_object_or_404(
        CheckIn.objects.select_related("goal"),
        pk=pk,
        goal__in=Goal.objects.editable_by(request.user),
    )
    goal = check_in.goal
    services.check_in_delete(check_in=check_in)
    return _done(request, goal, user_today(request.user), "Check-in removed.", open_table=True)


def _done(request, goal, today, message: str, **extra):
    """htmx swaps in the fresh progress panel; a plain form post goes back to the goal."""
    if request.htmx:
        context = progress_context(
            goal=goal,
            today=today,
            viewer=request.user,
            status_message=message,
            is_owner=True,
            **extra,
        )
        return with_goal_regions(render(request, PARTIAL, context), request, goal)
    messages.success(request, message)
    return redirect("goals:goal_detail", pk=goal.pk)
