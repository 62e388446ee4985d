"""Who can see a goal: only the owner, all their buddies, or buddies they choose."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
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
    if len(names) < 2:
        return "".join(names)
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def _saved_message(audience: list) -> str:
    if not audience:
        return _("Saved. Only you can see this goal.")
    return _("Saved. Besides you, %(names)s can see this goal.") % {
        "names": joined([b.name for b in audience])
    }


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
    audience = [buddy.name for buddy in selectors.goal_audience(goal=goal)]
    you = pgettext("among the people who can see a goal", "you")
    context = {
        "goal": goal,
        "form": form,
        "buddies": buddies,
        # "you" alone: the template says "only you can see it" in its own words.
        "seen_by": joined([you, *audience]) if audience else "you",  # not shown
    }
    return render(request, "accountability/goal_sharing.html", context)
