"""Who can see a goal: only the owner, all their buddies, or buddies they choose."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from goals.models import Goal

from .. import selectors, services
from ..forms_social import SharingForm


def _initial(goal: Goal) -> dict:
    return {
        "visibility": goal.visibility,
        "chosen": list(goal.shares.values_list("user_id", flat=True)),
        "buddy_reminders": goal.buddy_reminders,
    }


def joined(names: list[str]) -> str:
    """“Bob”, “Bob and Dave”, “Bob, Carol and Dave”."""
    return " and ".join(filter(None, [", ".join(names[:-1]), *names[-1:]]))


def _saved_message(audience: list) -> str:
    if not audience:
        return "Saved. Only you can see this goal."
    return f"Saved. Besides you, {joined([b.name for b in audience])} can see this goal."


@login_required
@require_http_methods(["GET", "POST"])
def goal_sharing(request, pk):
    goal = get_object_or_404(Goal.objects.editable_by(request.user), pk=pk)
    buddies = selectors.buddies_of(user=request.user)
    data = request.POST if request.method == "POST" else None
    form = SharingForm(data, buddies=buddies, initial=_initial(goal) if data is None else None)
    if form.is_valid():
        try:
            services.goal_set_visibility(
                goal=goal,
                visibility=form.cleaned_data["visibility"],
                chosen=form.chosen_buddies(),
                buddy_reminders=form.cleaned_data["buddy_reminders"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _saved_message(selectors.goal_audience(goal=goal)))
            return redirect(goal.get_absolute_url())
    context = {
        "goal": goal,
        "form": form,
        "buddies": buddies,
        "seen_by": joined(["you", *(buddy.name for buddy in selectors.goal_audience(goal=goal))]),
    }
    return render(request, "accountability/goal_sharing.html", context)
