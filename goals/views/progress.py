"""Check-ins: record a measured value on a goal, or take one back."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from careergoals.users.timezones import user_today

from .. import selectors, services
from ..forms_progress import CheckInForm
from ..models import CheckIn, Goal
from .regions import with_goal_regions

PARTIAL = "goals/partials/progress.html"


def progress_context(*, goal, today, viewer, check_in_form=None, **extra) -> dict:
    """The template's context for goals/partials/progress.html: the read is
    `selectors.goal_progress`; the form is the page's."""
    progress = selectors.goal_progress(goal=goal, today=today, viewer=viewer)
    return {
        "goal": goal,
        "today": today,
        "check_ins": progress.check_ins,
        "chart": progress.chart,
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
            return _done(request, goal, today, _("Check-in saved."))
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
    return _done(request, goal, user_today(request.user), _("Check-in removed."), open_table=True)


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
