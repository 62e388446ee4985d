"""The 1/5/10-year roadmap: every goal on one time axis, grouped by category."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from careergoals.users.timezones import user_today

from ..models import Goal
from ..roadmap import roadmap_layout


@login_required
@require_safe
def roadmap(request):
    today = user_today(request.user)
    goals = (
        Goal.objects.visible_to(request.user)
        .filter(owner=request.user)
        .exclude(status=Goal.Status.ABANDONED)
    )
    layout = roadmap_layout(goals=list(goals), today=today)
    return render(request, "goals/roadmap.html", {"roadmap": layout, "today": today})
