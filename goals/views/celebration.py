"""Celebrate a reached goal, reflect on it, and look back over the journal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import selectors, services
from ..forms_celebration import CloseMicroGoalsForm, ReflectionForm, RewardForm
from ..models import Goal
from ..rewards import suggest_rewards


def _posted(request):
    """The submitted data on POST (even when empty, so it is validated), else None."""
    return request.POST if request.method == "POST" else None


def _time_taken(goal: Goal) -> str:
    if goal.achieved_at is None or (goal.achieved_at - goal.created_at).days < 1:
        return _("less than a day")
    return timesince(goal.created_at, goal.achieved_at)


def _suggestions(celebration) -> list[str]:
    return suggest_rewards(
        horizon_years=celebration.goal.horizon, step_count=celebration.steps_total
    )


def _celebration_page(request, celebration, form, close_form=None):
    """The celebration, with the steps the goal left open to close first, if any."""
    goal = celebration.goal
    if close_form is None:
        steps = selectors.open_steps(goal=goal)
        close_form = CloseMicroGoalsForm(steps=steps) if steps else None
    context = {
        "celebration": celebration,
        "goal": goal,
        "time_taken": _time_taken(goal),
        "suggestions": _suggestions(celebration),
        "form": form,
        "close_form": close_form,
    }
    return render(request, "goals/celebrate.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def celebrate(request, pk):
    celebration = get_object_or_404(selectors.celebrations_of(request.user), goal_id=pk)
    own_reward = "" if celebration.reward in _suggestions(celebration) else celebration.reward
    form = RewardForm(_posted(request), initial={"reward": own_reward})
    if form.is_valid():
        services.celebration_set_reward(celebration=celebration, reward=form.cleaned_data["reward"])
        messages.success(request, _("Reward chosen. Enjoy it: you earned it."))
        return redirect("goals:goal_reflect", pk=pk)
    return _celebration_page(request, celebration, form)


@login_required
@require_POST
def close_micro_goals(request, pk):
    """The steps a reached goal left open: each done, or no longer needed."""
    celebration = get_object_or_404(selectors.celebrations_of(request.user), goal_id=pk)
    goal = celebration.goal
    form = CloseMicroGoalsForm(request.POST, steps=selectors.open_steps(goal=goal))
    if form.is_valid():
        try:
            closed = services.goal_close_open_steps(goal=goal, outcomes=form.outcomes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if closed:
                messages.success(request, _("Steps closed: your record shows how you got there."))
            return redirect("goals:goal_celebrate", pk=pk)
    own_reward = "" if celebration.reward in _suggestions(celebration) else celebration.reward
    reward_form = RewardForm(initial={"reward": own_reward})
    return _celebration_page(request, celebration, reward_form, close_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def reflect(request, pk):
    celebration = get_object_or_404(selectors.celebrations_of(request.user), goal_id=pk)
    initial = {name: getattr(celebration, name) for name in ReflectionForm.base_fields}
    form = ReflectionForm(_posted(request), initial=initial)
    if form.is_valid():
        services.celebration_reflect(celebration=celebration, **form.cleaned_data)
        messages.success(request, _("Your reflection is saved in your journal."))
        return redirect(f"{reverse('goals:journal')}?reflected={pk}")
    context = {"celebration": celebration, "goal": celebration.goal, "form": form}
    return render(request, "goals/reflect.html", context)


def _just_reflected(request, celebrations):
    """The entry whose reflection was saved a moment ago, to offer the next goal from it."""
    pk = request.GET.get("reflected", "")
    return next((c for c in celebrations if str(c.goal_id) == pk and c.has_reflection), None)


@login_required
@require_safe
def journal(request):
    celebrations = list(
        selectors.celebrations_of(request.user).order_by("-goal__achieved_at", "-goal_id")
    )
    for celebration in celebrations:
        celebration.time_taken = _time_taken(celebration.goal)
    context = {
        "celebrations": celebrations,
        "just_reflected": _just_reflected(request, celebrations),
    }
    return render(request, "goals/journal.html", context)
