"""The 1/5/10-year roadmap: every goal on one time axis, grouped by category."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from careergoals.users.timezones import user_today

from .. import selectors
from ..roadmap import roadmap_layout


@login_required
@require_safe
def roadmap(request):
    today = user_today(request.user)
    layout = roadmap_layout(goals=selectors.roadmap_goals(request.user), today=today, fit=True)
    return render(request, "goals/roadmap.html", {"roadmap": layout, "today": today})
