"""Celebrate a reached goal, reflect on it, and look back over the journal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.timesince import timesince
from django.views.decorators.http import require_http_methods, require_safe

from .. import selectors, services
from ..forms_celebration import ReflectionForm, RewardForm
from ..models import Goal
from ..rewards import suggest_rewards


def _posted(request):
    """The submitted data on POST (even when empty, so it is validated), else None."""
    return request.POST if request.method == "POST" else None


def _time_taken(goal: Goal) -> str:
    if goal.achieved_at is None or (goal.achieved_at - goal.created_at).days < 1:
        return "less than a day"
    return timesince(goal.created_at, goal.achieved_at)


@login_required
@require_http_methods(["GET", "POST"])
def celebrate(request, pk):
    celebration = get_object_or_404(selectors.celebrations_of(request.user), goal_id=pk)
    suggestions = suggest_rewards(
        horizon_years=celebration.goal.horizon, step_count=celebration.steps_total
    )
    own_reward = "" if celebration.reward in suggestions else celebration.reward
    form = RewardForm(_posted(request), initial={"reward": own_reward})
    if form.is_valid():
        services.celebration_set_reward(celebration=celebration, reward=form.cleaned_data["reward"])
        messages.success(request, "Reward chosen. Enjoy it: you earned it.")
        return redirect("goal_reflect", pk=pk)
    context = {
        "celebration": celebration,
        "goal": celebration.goal,
        "time_taken": _time_taken(celebration.goal),
        "suggestions": suggestions,
        "form": form,
    }
    return render(request, "goals/celebrate.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def reflect(request, pk):
    celebration = get_object_or_404(selectors.celebrations_of(request.user), goal_id=pk)
    initial = {name: getattr(celebration, name) for name in ReflectionForm.base_fields}
    form = ReflectionForm(_posted(request), initial=initial)
    if form.is_valid():
        services.celebration_reflect(celebration=celebration, **form.cleaned_data)
        messages.success(request, "Your reflection is saved in your journal.")
        return redirect(f"{reverse('journal')}?reflected={pk}")
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
